/** What every activity is handed by the worker: its configuration and a logger. */
import { Context } from '@temporalio/activity';
import type { Logger } from '../src/logger';
import type { WorkerConfig } from '../src/worker-config';

export interface ActivityDeps {
  config: WorkerConfig;
  logger: Logger;
}

/** A logger for the current activity, carrying the workflow id of the run it belongs to. */
export function runLogger(deps: ActivityDeps, activity: string): Logger {
  const info = Context.current().info;
  return deps.logger.child({ workflowId: info.workflowExecution?.workflowId ?? 'standalone', activity, attempt: info.attempt });
}
