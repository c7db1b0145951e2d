/**
 * Where a run's evaluation files live: `<dataDir>/runs/<workflowId>/<runId>/<gate>/…`. Ids reach the
 * file system only after they are checked to be plain path segments (a `../` workflow id is refused),
 * and a run's first attempt refuses a folder that already holds files: only this run's own earlier
 * attempts may leave responses to resume (DESIGN §6, "Ids as paths").
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function runOutputDir(dataDir: string, workflowId: string, runId: string, ...segments: string[]): string {
  for (const [what, id] of [['workflow id', workflowId], ['run id', runId], ...segments.map((s) => ['folder', s])] as const) {
    if (!SAFE_SEGMENT.test(id) || id.includes('..')) {
      throw ApplicationFailure.nonRetryable(`the ${what} ${JSON.stringify(id.slice(0, 80))} is not a plain name (letters, digits, ".", "_", "-"): it never becomes a path`, 'UnsafeId');
    }
  }
  const dir = join(dataDir, 'runs', workflowId, runId, ...segments);
  const attempt = Context.current().info.attempt;
  if (attempt === 1 && existsSync(dir) && readdirSync(dir).length > 0) {
    throw ApplicationFailure.nonRetryable(`${dir} already holds files before this run's first attempt: they are not this run's answers, and are never resumed`, 'UnsafeId');
  }
  return dir;
}
