/**
 * The regression gate's measurements (DESIGN §5.3), end to end: the pinned suite answered by the
 * candidate and the baseline (interleaved on the same items, k times, through the resumable runner),
 * each answer scored, then throughput at the target concurrency, then each backend's peak memory (read
 * after the load). The activity (activities/regression.ts) adds the digest pin, heartbeats and the
 * report; the end-to-end tests call this directly against a model host.
 */
import { join } from 'node:path';
import { createOpenAiChatAdapter, modelField } from '../adapters/openai-chat';
import type { TargetName } from '../adapters/types';
import type { RegressionItem } from '../datasets/items';
import { readResponses, runEvaluation, type CheckpointPins, type EvaluationRun } from '../runner';
import type { Observation, RegressionItemMeasurement, RegressionMeasurements } from './measurements';
import type { RegressionPolicy } from '../../policy/sections/regression';
import { scrapeMemory } from './memory';
import { regressionItemMessages, scoreAnswer } from './scoring';
import { measureThroughput } from './throughput';

/** What is missing from a suite for this policy; any entry refuses it (a suite with items removed). */
export function checkRegressionCoverage(items: readonly RegressionItem[], policy: RegressionPolicy): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.capability, (counts.get(item.capability) ?? 0) + 1);
  const problems: string[] = [];
  for (const [capability, minimum] of Object.entries(policy.dataset.minItemsPerCapability)) {
    const n = counts.get(capability) ?? 0;
    if (n < minimum) problems.push(`capability ${capability} has ${n} items, the policy requires at least ${minimum}`);
  }
  return problems;
}

export type RegressionProgress =
  | { phase: 'evaluation'; run: number; runs: number; done: number; total: number; resumed: number }
  | { phase: 'throughput'; run: number; runs: number; target: TargetName; rps: number; failures: number }
  | { phase: 'memory' };

export interface MeasureRegressionOptions {
  items: readonly RegressionItem[];
  policy: RegressionPolicy;
  evaluation: { concurrency: number; checkpointEvery: number; requestTimeoutSeconds: number };
  /** Base URLs (everything before `/v1/…`); the backend's metrics are read at `${url}/metrics`. */
  candidateUrl: string;
  baselineUrl: string | null;
  /** The `model` field each endpoint wants; none: not sent. */
  candidateModel?: string | null | undefined;
  baselineModel?: string | null | undefined;
  /** The gate's folder for this run; evaluation run r is stored in `run-<r>/` (resumable). */
  outputDir: string;
  onProgress?: (progress: RegressionProgress) => void;
  signal?: AbortSignal;
  /** The activity's checkpoint pins (a retry resumes only what they vouch for; see runner/checkpoint-pins.ts). */
  pins?: CheckpointPins;
}

export interface RegressionMeasurementRun {
  measurements: RegressionMeasurements;
  /** One per evaluation run: where its raw answers are and their digest. */
  evaluations: Array<Pick<EvaluationRun, 'responsesPath' | 'responsesDigest' | 'calls' | 'resumed' | 'failures'>>;
  throughputWindowsMs: { candidate: number[]; baseline: number[] | null };
}

export async function measureRegression(options: MeasureRegressionOptions): Promise<RegressionMeasurementRun> {
  const { items, policy, evaluation, candidateUrl, baselineUrl, outputDir, onProgress, signal, candidateModel, baselineModel, pins } = options;
  const timeoutMs = evaluation.requestTimeoutSeconds * 1000;
  const runs = policy.runs;

  // 1. Quality and latency: k evaluations of the suite, candidate and baseline interleaved.
  const perItem = new Map<string, { candidate: Observation[]; baseline: Observation[] }>(items.map((item) => [item.id, { candidate: [], baseline: [] }]));
  const byId = new Map(items.map((item) => [item.id, item]));
  const evaluations: RegressionMeasurementRun['evaluations'] = [];
  const adapterOptions = { timeoutMs, maxRetries: 3, connections: evaluation.concurrency };
  const candidate = createOpenAiChatAdapter({ baseUrl: candidateUrl, ...modelField(candidateModel), ...adapterOptions });
  const baseline = baselineUrl ? createOpenAiChatAdapter({ baseUrl: baselineUrl, ...modelField(baselineModel), ...adapterOptions }) : null;
  try {
    for (let run = 0; run < runs; run++) {
      const result = await runEvaluation({
        items,
        targets: [
          { name: 'candidate' as const, call: (item: RegressionItem) => candidate.chat({ messages: regressionItemMessages(item) }) },
          ...(baseline ? [{ name: 'baseline' as const, call: (item: RegressionItem) => baseline.chat({ messages: regressionItemMessages(item) }) }] : []),
        ],
        concurrency: evaluation.concurrency,
        checkpointEvery: evaluation.checkpointEvery,
        outputDir: join(outputDir, `run-${run}`),
        onProgress: (p) => onProgress?.({ phase: 'evaluation', run, runs, done: p.done, total: p.total, resumed: p.resumed }),
        ...(signal ? { signal } : {}),
        ...(pins ? { pins } : {}),
      });
      const { responsesPath, responsesDigest, calls, resumed, failures } = result;
      evaluations.push({ responsesPath, responsesDigest, calls, resumed, failures });
      for (const record of await readResponses(responsesPath, { expectedDigest: responsesDigest })) {
        const item = byId.get(record.itemId);
        if (!item) continue;
        perItem.get(item.id)![record.target].push(scoreAnswer(item, record.answer));
      }
    }
  } finally {
    await candidate.close();
    await baseline?.close();
  }
  const measuredItems: RegressionItemMeasurement[] = items.map((item) => {
    const observed = perItem.get(item.id)!;
    return { itemId: item.id, capability: item.capability, slices: item.slices ?? [], candidate: observed.candidate, baseline: baseline ? observed.baseline : null };
  });

  // 2. Throughput at the target concurrency, runs alternated.
  const { concurrency, requests, runs: throughputRuns } = policy.throughput;
  const loadOptions = { timeoutMs, maxRetries: 0, connections: concurrency };
  const candidateLoad = createOpenAiChatAdapter({ baseUrl: candidateUrl, ...modelField(candidateModel), ...loadOptions });
  const baselineLoad = baselineUrl ? createOpenAiChatAdapter({ baseUrl: baselineUrl, ...modelField(baselineModel), ...loadOptions }) : null;
  let throughput;
  try {
    throughput = await measureThroughput({
      items,
      candidate: (item) => candidateLoad.chat({ messages: regressionItemMessages(item) }),
      baseline: baselineLoad ? (item) => baselineLoad.chat({ messages: regressionItemMessages(item) }) : null,
      concurrency,
      requests,
      runs: throughputRuns,
      onRun: (r) => onProgress?.({ phase: 'throughput', run: r.run, runs: throughputRuns, target: r.target, rps: r.rps, failures: r.failures }),
      ...(signal ? { signal } : {}),
    });
  } finally {
    await candidateLoad.close();
    await baselineLoad?.close();
  }

  // 3. Peak memory, read after the load.
  onProgress?.({ phase: 'memory' });
  const [candidateMemory, baselineMemory] = await Promise.all([
    scrapeMemory(candidateUrl, policy.memoryMetric, { timeoutMs }),
    baselineUrl ? scrapeMemory(baselineUrl, policy.memoryMetric, { timeoutMs }) : Promise.resolve(null),
  ]);

  const { windowsMs, ...throughputMeasurement } = throughput;
  return {
    measurements: {
      items: measuredItems,
      hasBaseline: baselineUrl !== null,
      runs,
      throughput: throughputMeasurement,
      memory: { candidate: candidateMemory, baseline: baselineMemory },
    },
    evaluations,
    throughputWindowsMs: windowsMs,
  };
}
