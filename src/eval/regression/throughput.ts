/**
 * Throughput at the policy's target concurrency (DESIGN §5.3): closed-loop runs of a fixed number of
 * requests with `concurrency` of them in flight, candidate and baseline alternated run by run
 * (candidate first in even runs, baseline first in odd ones), so drift in the host hits both alike.
 * Run r of both models sends the same prompts: the suite's items in order from a start that rotates
 * from run to run.
 *
 * The rate of a run is taken while every slot is busy: between the `concurrency`-th and the
 * (requests − concurrency)-th completion, (successes in that window) / (its duration). The ramp-up
 * (connections opening, the first wave) and the drain (the last requests finishing alone, where one
 * slow request would stretch the run) are left out, so a heavy latency tail with an unchanged mean does
 * not read as lost throughput, and a capacity limit does. Failed requests are counted, never rated.
 * Before the runs, each model gets a warm-up run that is not counted.
 */
import { performance } from 'node:perf_hooks';
import type { TargetName } from '../adapters/types';
import type { ThroughputMeasurement } from './measurements';

const { max } = Math;
const defaultNow = performance.now.bind(performance);

export interface ThroughputOptions<I> {
  /** The prompts, in order; run r starts at item (r × requests) mod items.length. */
  items: readonly I[];
  candidate: (item: I) => Promise<{ ok: boolean }>;
  baseline: ((item: I) => Promise<{ ok: boolean }>) | null;
  concurrency: number;
  /** Requests per run; at least 2 × concurrency + 1 (the policy asks for 4 ×). */
  requests: number;
  runs: number;
  /** Requests per model before the runs, not counted (default 4 × concurrency; 0: none). */
  warmupRequests?: number;
  onRun?: (run: { run: number; target: TargetName; rps: number; failures: number }) => void;
  signal?: AbortSignal;
  /** Milliseconds, monotonic (tests pass a fake clock). */
  now?: () => number;
}

export interface ThroughputRun {
  rps: number;
  failures: number;
  /** The measured window, in milliseconds. */
  windowMs: number;
}

/** One closed-loop run: `requests` calls with `concurrency` in flight; the steady-state rate. */
export async function throughputRun<I>(
  call: (item: I) => Promise<{ ok: boolean }>,
  items: readonly I[],
  start: number,
  options: { concurrency: number; requests: number; signal?: AbortSignal; now?: () => number },
): Promise<ThroughputRun> {
  const { concurrency, requests, signal } = options;
  const now = options.now ?? defaultNow;
  if (items.length === 0) throw new RangeError('throughput needs at least one item');
  if (!(requests > 2 * concurrency)) throw new RangeError(`requests (${requests}) must exceed 2 × concurrency (${concurrency})`);
  const completedAt: number[] = [];
  const succeeded: boolean[] = [];
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < requests) {
      signal?.throwIfAborted();
      const item = items[(start + next++) % items.length]!;
      const answer = await call(item);
      completedAt.push(now());
      succeeded.push(answer.ok);
      if (!answer.ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // completedAt is in completion order (one event loop), hence sorted.
  const from = concurrency - 1;
  const to = requests - concurrency - 1;
  let ok = 0;
  for (let i = from + 1; i <= to; i++) if (succeeded[i]) ok++;
  const windowMs = max(completedAt[to]! - completedAt[from]!, 1e-3);
  return { rps: (ok * 1000) / windowMs, failures, windowMs };
}

/** Alternating runs of both models; the judge takes the medians and pairs run r with run r. */
export async function measureThroughput<I>(options: ThroughputOptions<I>): Promise<ThroughputMeasurement & { windowsMs: { candidate: number[]; baseline: number[] | null } }> {
  const { items, concurrency, requests, runs, signal } = options;
  const candidate: number[] = [];
  const baseline: number[] | null = options.baseline ? [] : null;
  const windows = { candidate: [] as number[], baseline: options.baseline ? ([] as number[]) : null };
  const failures = { candidate: 0, baseline: options.baseline ? 0 : null } as ThroughputMeasurement['failures'];
  // Warm-up, not counted: connections opened, code paths compiled, caches filled on both sides.
  const warmup = options.warmupRequests ?? 4 * concurrency;
  if (warmup > 0) {
    for (const call of [options.candidate, ...(options.baseline ? [options.baseline] : [])]) {
      await throughputRun(call, items, 0, { concurrency, requests: max(warmup, 2 * concurrency + 1), ...(signal ? { signal } : {}) });
    }
  }
  for (let run = 0; run < runs; run++) {
    const start = (run * requests) % items.length;
    const order: TargetName[] = options.baseline === null ? ['candidate'] : run % 2 === 0 ? ['candidate', 'baseline'] : ['baseline', 'candidate'];
    for (const target of order) {
      const call = target === 'candidate' ? options.candidate : options.baseline!;
      const result = await throughputRun(call, items, start, { concurrency, requests, ...(signal ? { signal } : {}), ...(options.now ? { now: options.now } : {}) });
      if (target === 'candidate') {
        candidate.push(result.rps);
        windows.candidate.push(result.windowMs);
        failures.candidate += result.failures;
      } else {
        baseline!.push(result.rps);
        windows.baseline!.push(result.windowMs);
        failures.baseline = (failures.baseline ?? 0) + result.failures;
      }
      options.onRun?.({ run, target, rps: result.rps, failures: result.failures });
    }
  }
  return { concurrency, requests, candidate, baseline, failures, windowsMs: windows };
}
