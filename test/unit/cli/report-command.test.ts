import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { EXIT } from '../../../src/cli/exit-codes';
import { reportText } from '../../../src/cli/main';
import type { PipelineStatus } from '../../../src/pipeline-types';
import { renderMarkdownReport } from '../../../src/report/markdown';
import { putBlob, putJson } from '../../../src/store/result-store';
import { blockedRun } from '../report/fixtures';

const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-report-cmd-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A finished run whose report and gate evidence are in the store, as the activities leave them. */
function finishedRun(): { client: Client; status: PipelineStatus } {
  const { status: base, blobs: reports } = blockedRun();
  const gates = base.gates.map((g) => (reports[g.gate] ? { ...g, reportRef: putJson(dataDir, reports[g.gate]) } : g));
  const written = { ...base, gates };
  const markdown = putBlob(dataDir, Buffer.from(renderMarkdownReport(written), 'utf8'), '.md');
  const ref = putJson(dataDir, { report: written, markdown });
  const status: PipelineStatus = { ...written, reportPath: ref.path, reportDigest: ref.digest };
  const handle = { describe: async () => ({ status: { name: 'COMPLETED' }, raw: {} }), result: async () => status };
  return { client: { workflow: { getHandle: () => handle } } as unknown as Client, status };
}

describe('gatehouse report ID', () => {
  it('--html renders the reviewer page from the run and every gate’s stored evidence', async () => {
    const { client, status } = finishedRun();
    const html = await reportText(client, status.workflowId, 'html');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<tr class="verdict-row verdict-fail" data-gate="safety" data-verdict="fail">');
    for (const id of ['chart-safety-categories', 'chart-safety-mutators', 'chart-regression-forest', 'chart-bias-gaps', 'chart-bias-groups']) {
      expect(html).toMatch(new RegExp(`<figure class="chart" id="${id}">[\\s\\S]*?<svg`));
    }
    expect(html).toContain(status.reportDigest!);
  });

  it('--json and --md (the default) print the stored report', async () => {
    const { client, status } = finishedRun();
    expect(JSON.parse(await reportText(client, status.workflowId, 'json'))).toMatchObject({ workflowId: status.workflowId, outcome: 'blocked', blockedBy: 'safety' });
    expect(await reportText(client, status.workflowId, 'md')).toContain('| safety | fail |');
  });

  it('exits 1 when the run has no report yet', async () => {
    const { status } = finishedRun();
    const handle = { describe: async () => ({ status: { name: 'COMPLETED' }, raw: {} }), result: async () => ({ ...status, reportPath: null, reportDigest: null, stage: 'evaluation' }) };
    const early = { workflow: { getHandle: () => handle } } as unknown as Client;
    await expect(reportText(early, status.workflowId, 'html')).rejects.toMatchObject({ code: EXIT.refused, message: expect.stringContaining('has no report yet (stage evaluation)') });
  });
});
