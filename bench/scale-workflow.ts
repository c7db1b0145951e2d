/**
 * The scale benchmark's driver workflow (bench/scale.ts): runs N complete safety evaluations at once
 * as activities on the evaluation task queue, so they spread over however many eval workers poll it.
 * Not part of the product's workflows: bundled only by the benchmark.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SafetyGateInput } from '../activities/safety';

export async function benchSafetyEvaluations(inputs: SafetyGateInput[], evalQueue: string): Promise<string[]> {
  const { runSafetyGate } = proxyActivities<Activities>({
    taskQueue: evalQueue,
    startToCloseTimeout: '1 hour',
    heartbeatTimeout: '1 minute',
    retry: { maximumAttempts: 1 },
  });
  return Promise.all(inputs.map((input) => runSafetyGate(input).then((r) => r.result.verdict)));
}
