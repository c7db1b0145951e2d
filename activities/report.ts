/**
 * Writes the run's report into the content-addressed store: Markdown, the self-contained HTML page
 * (inline SVG charts) and the JSON that references both, so the digest the workflow keeps (and the
 * approvers sign) covers all three. The workflow keeps the reference.
 */
import type { BlobRef, PipelineStatus } from '../src/pipeline-types';
import { renderHtmlReport } from '../src/report/html';
import { loadGateReports } from '../src/report/load';
import { renderMarkdownReport } from '../src/report/markdown';
import { putBlob, putJson } from '../src/store/result-store';
import { ActivityDeps, runLogger } from './context';

export function reportActivities(deps: ActivityDeps) {
  return {
    async writeReport(input: { status: PipelineStatus }): Promise<BlobRef> {
      const markdown = putBlob(deps.config.dataDir, Buffer.from(renderMarkdownReport(input.status), 'utf8'), '.md');
      const page = await renderHtmlReport(input.status, await loadGateReports(input.status));
      const html = putBlob(deps.config.dataDir, Buffer.from(page, 'utf8'), '.html');
      const ref = putJson(deps.config.dataDir, { report: input.status, markdown, html });
      runLogger(deps, 'writeReport').info({ report: ref.digest, html: html.path, outcome: input.status.outcome }, 'report written');
      return ref;
    },
  };
}
