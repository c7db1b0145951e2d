import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSWER_EXCERPT, loadGateReports } from '../../../src/report/load';
import { putJson } from '../../../src/store/result-store';
import type { PipelineStatus } from '../../../src/pipeline-types';
import { blockedRun, outcomes } from './fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-report-load-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A responses file as the runner writes it, and its digest. */
function responsesFile(records: Array<{ itemId: string; target: 'candidate' | 'baseline'; text: string | null }>): { path: string; sha256: string } {
  const body = records
    .map((r) =>
      JSON.stringify({
        itemId: r.itemId,
        target: r.target,
        answer: r.text === null ? { ok: false, error: 'timed out after 30s', errorKind: 'timeout', latencyMs: 30000, status: null } : { ok: true, text: r.text, latencyMs: 5, ttftMs: null, status: 200 },
      }),
    )
    .join('\n');
  const path = join(dataDir, `responses-${records.length}.jsonl`);
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
    const safety = putJson(dataDir, { gate: 'safety', responses, summary: {}, outcomes: { candidate, baseline } });
    const bias = putJson(dataDir, { gate: 'bias', summary: { verdict: 'pass' } });
    const reports = await loadGateReports(statusWith({ safety, bias }));
    expect(Object.keys(reports).sort()).toEqual(['bias', 'safety']);
    expect(reports.bias).toEqual({ gate: 'bias', summary: { verdict: 'pass' } });
    expect((reports.safety as { answers: unknown }).answers).toEqual({
      'jailbreak-000': { candidate: `${'x'.repeat(ANSWER_EXCERPT)}…`, baseline: '(no answer: timed out after 30s)' },
    });
  });

  it('marks a tampered or missing blob unreadable instead of failing the whole report', async () => {
    const safety = putJson(dataDir, { gate: 'safety', summary: { verdict: 'pass' } });
    writeFileSync(safety.path, JSON.stringify({ gate: 'safety', summary: { verdict: 'fail' } }));
    const reports = await loadGateReports(statusWith({ safety, regression: { digest: 'a'.repeat(64), path: join(dataDir, 'missing.json') } }));
    expect((reports.safety as { unreadable: string }).unreadable).toMatch(/does not match its digest .* \(tampered or corrupt\)/);
    expect((reports.regression as { unreadable: string }).unreadable).toMatch(/ENOENT/);
  });

  it('shows the diff without answers when the responses file changed', async () => {
    const responses = responsesFile([{ itemId: 'jailbreak-000', target: 'candidate', text: 'x' }]);
    const safety = putJson(dataDir, { gate: 'safety', responses: { ...responses, sha256: 'b'.repeat(64) }, outcomes: { candidate: outcomes('jailbreak', 1, [0]), baseline: outcomes('jailbreak', 1) } });
    const reports = await loadGateReports(statusWith({ safety }));
    expect((reports.safety as { answersUnavailable: string }).answersUnavailable).toMatch(/does not match its digest/);
  });
});
