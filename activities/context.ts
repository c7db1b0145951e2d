/** What every activity is handed by the worker: its configuration and a logger. */
import { Context } from '@temporalio/activity';
import type { Logger } from '../src/logger';
import type { WorkerConfig } from '../src/worker-config';
import { EvidenceStore, RunBinding } from '../src/evidence/store';

export interface ActivityDeps {
  config: WorkerConfig;
  logger: Logger;
}

/** A logger for the current activity, carrying the workflow id of the run it belongs to. */
export function runLogger(deps: ActivityDeps, activity: string): Logger {
  const info = Context.current().info;
  return deps.logger.child({ workflowId: info.workflowExecution?.workflowId ?? 'standalone', activity, attempt: info.attempt });
}

/** The workers' evidence store (src/evidence), keyed with the worker config's evidence key. */
export function evidenceStore(deps: ActivityDeps): EvidenceStore {
  return new EvidenceStore(deps.config.dataDir, deps.config.evidenceKey);
}

/** The run this activity executes for, as the Temporal server says (never an input); null outside a workflow. */
export function currentRun(): RunBinding | null {
  const execution = Context.current().info.workflowExecution;
  return execution?.workflowId && execution.runId ? { workflowId: execution.workflowId, runId: execution.runId } : null;
}
