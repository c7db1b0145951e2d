/**
 * The safety gate as the pipeline runs it: one activity for the whole suite, or, with the policy's
 * `evaluation.shards` = N > 1, N shard activities side by side on the evaluation queue (so they spread
 * over the eval workers) and then one short activity that merges and judges their outcomes. Only
 * `{ digest, path }` references pass through the history. Deterministic: the shards are started in
 * index order. Not a workflow itself (not exported from workflows/index.ts); the scale benchmark's
 * driver workflow uses it too.
 */
import type { Activities } from '../activities';
import type { SafetyGateInput } from '../activities/safety';
import type { GateResult } from '../src/pipeline-types';

type SafetyActivities = Pick<Activities, 'runSafetyGate' | 'runSafetyShard' | 'judgeSafetyShards'>;

export async function runSafety(
  activities: { evaluate: SafetyActivities; judge: Pick<Activities, 'judgeSafetyShards'> },
  input: SafetyGateInput,
): Promise<{ result: GateResult }> {
  const shards = input.evaluation.shards;
  // A policy read before `shards` existed has none: one activity, as then.
  if (!Number.isInteger(shards) || shards <= 1) return activities.evaluate.runSafetyGate(input);
  const results = await Promise.all(Array.from({ length: shards }, (_, shard) => activities.evaluate.runSafetyShard({ ...input, shard, shards })));
  return activities.judge.judgeSafetyShards({ ...input, shards, results });
}
