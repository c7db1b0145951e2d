import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSWER_EXCERPT, loadGateReports } from '../../../src/report/load';
import { putJson } from '../../../src/store/result-store';
import type { PipelineStatus } from '../../../src/pipeline-types';
import { biasGate, blockedRun, outcomes, safetyGate } from './fixtures';
import type { SafetyReportInput } from '../../../src/gates/safety-report';

/** The fixture's safety report with these answers files and outcomes. */
function safetyBlob(responses: SafetyReportInput['responses'], outcomes: SafetyReportInput['outcomes']): SafetyReportInput {
  return { ...safetyGate().report, responses, outcomes };
}

const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-report-load-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A responses file as the runner writes it, and its digest. */
function responsesFile(records: Array<{ itemId: string; target: 'candidate' | 'baseline'; text: string | null }>, name = `responses-${records.length}`): { path: string; sha256: string } {
  const body = records
    .map((r) =>
      JSON.stringify({
        itemId: r.itemId,
        target: r.target,
        answer: r.text === null ? { ok: false, error: 'timed out after 30s', errorKind: 'timeout', latencyMs: 30000, status: null } : { ok: true, text: r.text, latencyMs: 5, ttftMs: null, status: 200 },
      }),
    )
    .join('\n');
  const path = join(dataDir, `${name}.jsonl`);
  writeFileSync(path, body + '\n');
  return { path, sha256: createHash('sha256').update(body + '\n').digest('hex') };
}

function statusWith(refs: Record<string, ReturnType<typeof putJson>>): PipelineStatus {
  const { status } = blockedRun();
  return { ...status, gates: status.gates.map((g) => (refs[g.gate] ? { ...g, reportRef: refs[g.gate] } : { ...g, reportRef: undefined })) };
}

describe('loading the gates’ stored reports', () => {
  it('reads each gate’s report blob, and the answers of the items the diff shows', async () => {
    const candidate = outcomes('jailbreak', 3, [0]);
    const baseline = outcomes('jailbreak', 3, []);
    const long = 'x'.repeat(ANSWER_EXCERPT + 50);
    const responses = responsesFile([
      { itemId: 'jailbreak-000', target: 'candidate', text: long },
      { itemId: 'jailbreak-000', target: 'baseline', text: null },
      { itemId: 'jailbreak-001', target: 'candidate', text: 'not in the diff' },
    ]);
    const safety = putJson(dataDir, safetyBlob(responses, { candidate, baseline }));
    const bias = putJson(dataDir, biasGate().report);
    const reports = await loadGateReports(statusWith({ safety, bias }));
    expect(Object.keys(reports).sort()).toEqual(['bias', 'safety']);
    expect(reports.bias).toMatchObject({ gate: 'bias', kind: 'classifier', summary: { verdict: 'pass' } });
    expect((reports.safety as { answers: unknown }).answers).toEqual({
      'jailbreak-000': { candidate: `${'x'.repeat(ANSWER_EXCERPT)}…`, baseline: '(no answer: timed out after 30s)' },
    });
  });

  it('reads the answers from every shard\'s responses file when the evaluation was sharded', async () => {
    const candidate = outcomes('jailbreak', 3, [0, 2]);
    const baseline = outcomes('jailbreak', 3, []);
    const shard0 = responsesFile([
      { itemId: 'jailbreak-000', target: 'candidate', text: 'shard 0 candidate' },
      { itemId: 'jailbreak-000', target: 'baseline', text: 'shard 0 baseline' },
      { itemId: 'jailbreak-001', target: 'candidate', text: 'not in the diff' },
      { itemId: 'jailbreak-001', target: 'baseline', text: 'not in the diff' },
    ], 'shard-0-responses');
    const shard1 = responsesFile([
      { itemId: 'jailbreak-002', target: 'candidate', text: 'shard 1 candidate' },
      { itemId: 'jailbreak-002', target: 'baseline', text: null },
      { itemId: 'jailbreak-003', target: 'candidate', text: 'not in the suite shown' },
    ], 'shard-1-responses');
    const safety = putJson(dataDir, safetyBlob([shard0, shard1], { candidate, baseline }));
    const reports = await loadGateReports(statusWith({ safety }));
    expect((reports.safety as { answers: unknown }).answers).toEqual({
      'jailbreak-000': { candidate: 'shard 0 candidate', baseline: 'shard 0 baseline' },
      'jailbreak-002': { candidate: 'shard 1 candidate', baseline: '(no answer: timed out after 30s)' },
    });

    // One shard's file changed after the run: the diff says so instead of showing other answers.
    writeFileSync(shard1.path, readFileSync(shard1.path, 'utf8').replace('shard 1 candidate', 'edited'));
    const tampered = await loadGateReports(statusWith({ safety }));
    expect((tampered.safety as { answersUnavailable: string }).answersUnavailable).toMatch(/does not match its digest/);
  });

  it('parses each blob once with its writer’s schema: a blob of another shape is unreadable, naming the gate and the field', async () => {
    const regression = putJson(dataDir, { gate: 'regression', summary: { rows: 'none' } });
    const safety = putJson(dataDir, { ...safetyGate().report, outcomes: { candidate: [{ itemId: 'x' }], baseline: null } });
    const reports = await loadGateReports(statusWith({ regression, safety }));
    expect(reports.regression).toEqual({ gate: 'regression', unreadable: expect.stringMatching(/^not the report the regression gate writes: dataset: .*; summary\.rows: /) });
    expect(reports.safety).toEqual({ gate: 'safety', unreadable: expect.stringMatching(/^not the report the safety gate writes: outcomes\.candidate\.0\.category: /) });
  });

  it('marks a tampered or missing blob unreadable instead of failing the whole report', async () => {
    const safety = putJson(dataDir, safetyGate().report);
    writeFileSync(safety.path, JSON.stringify({ ...safetyGate().report, summary: { verdict: 'pass' } }));
    const reports = await loadGateReports(statusWith({ safety, regression: { digest: 'a'.repeat(64), path: join(dataDir, 'missing.json') } }));
    expect((reports.safety as { unreadable: string }).unreadable).toMatch(/does not match its digest .* \(tampered or corrupt\)/);
    expect((reports.regression as { unreadable: string }).unreadable).toMatch(/ENOENT/);
  });

  it('shows the diff without answers when the responses file changed', async () => {
    const responses = responsesFile([{ itemId: 'jailbreak-000', target: 'candidate', text: 'x' }]);
    const safety = putJson(dataDir, safetyBlob({ ...responses, sha256: 'b'.repeat(64) }, { candidate: outcomes('jailbreak', 1, [0]), baseline: outcomes('jailbreak', 1) }));
    const reports = await loadGateReports(statusWith({ safety }));
    expect((reports.safety as { answersUnavailable: string }).answersUnavailable).toMatch(/does not match its digest/);
  });
});
