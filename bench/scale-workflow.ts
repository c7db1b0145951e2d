/**
 * The scale benchmark's driver workflows (bench/scale.ts), on the evaluation task queue so the work
 * spreads over however many eval workers poll it. Not part of the product's workflows: bundled only by
 * the benchmark.
 * - `benchSafetyEvaluations`: N complete, separate safety evaluations at once.
 * - `benchShardedSafety`: ONE run's safety evaluation, sharded as the pipeline shards it (the policy's
 *   `evaluation.shards`): the shards side by side, then the judge.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SafetyGateInput } from '../activities/safety';
import { runSafety } from '../workflows/safety';

function evaluationActivities(evalQueue: string) {
  return proxyActivities<Activities>({
    taskQueue: evalQueue,
    startToCloseTimeout: '1 hour',
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: 1 },
  });
}

export async function benchSafetyEvaluations(inputs: SafetyGateInput[], evalQueue: string): Promise<string[]> {
  const { runSafetyGate } = evaluationActivities(evalQueue);
  return Promise.all(inputs.map((input) => runSafetyGate(input).then((r) => r.result.verdict)));
}

export async function benchShardedSafety(input: SafetyGateInput, evalQueue: string): Promise<string> {
  const judge = proxyActivities<Activities>({ taskQueue: evalQueue, startToCloseTimeout: '10 minutes', retry: { maximumAttempts: 1 } });
  const { result } = await runSafety({ evaluate: evaluationActivities(evalQueue), judge }, input);
  return result.verdict;
}
