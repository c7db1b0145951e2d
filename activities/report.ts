/** Writes the run's report (JSON and Markdown) into the content-addressed store; the workflow keeps the reference. */
import type { BlobRef, PipelineStatus } from '../src/pipeline-types';
import { renderMarkdownReport } from '../src/report/markdown';
import { putBlob, putJson } from '../src/store/result-store';
import { ActivityDeps, runLogger } from './context';

export function reportActivities(deps: ActivityDeps) {
  return {
    async writeReport(input: { status: PipelineStatus }): Promise<BlobRef> {
      const markdown = putBlob(deps.config.dataDir, Buffer.from(renderMarkdownReport(input.status), 'utf8'), '.md');
      const ref = putJson(deps.config.dataDir, { report: input.status, markdown });
      runLogger(deps, 'writeReport').info({ report: ref.digest, outcome: input.status.outcome }, 'report written');
      return ref;
    },
  };
}
