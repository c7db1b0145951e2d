/**
 * The pipeline's activity profiles, one name each: how long an activity may take, whether it
 * heartbeats, which queue runs it and how it is retried. Workflows call `proxyActivities` with these
 * and nothing else, so "a short call" means the same everywhere.
 */
import type { ActivityOptions, RetryPolicy } from '@temporalio/workflow';

/** Calls that do no model work: retried quickly and often (a restarting gateway or store comes back). */
const retryShortCalls: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 };

/** Long work (hashing, evaluation): fewer, slower retries; a dead worker is noticed by its heartbeat. */
const retryLongWork: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 };

/** Short calls on the pipeline queue: policy, provenance, staging, routing, reports, approval I/O. */
export const shortCalls: ActivityOptions = { startToCloseTimeout: '2 minutes', retry: retryShortCalls };

/** Long work on the pipeline queue that heartbeats (hashing a large artifact). */
export function heartbeatingWork(heartbeatTimeoutSeconds: number): ActivityOptions {
  return { startToCloseTimeout: '6 hours', heartbeatTimeout: `${heartbeatTimeoutSeconds} seconds`, retry: retryLongWork };
}

/** Model evaluations, on the evaluation queue so evaluation capacity scales on its own; they heartbeat. */
export function modelEvaluations(evaluationQueue: string, heartbeatTimeoutSeconds: number): ActivityOptions {
  return { taskQueue: evaluationQueue, startToCloseTimeout: '12 hours', heartbeatTimeout: `${heartbeatTimeoutSeconds} seconds`, retry: retryLongWork };
}

/**
 * Short calls on the evaluation queue (the sharded safety gate's judge reads what the shards stored
 * there): no model calls, so no heartbeat; a stuck one is retried after minutes, not hours.
 */
export function evaluationJudgements(evaluationQueue: string): ActivityOptions {
  return { taskQueue: evaluationQueue, startToCloseTimeout: '10 minutes', retry: retryShortCalls };
}
