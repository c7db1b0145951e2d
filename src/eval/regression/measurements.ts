/**
 * What the regression activity measures and the regression judge (src/gates/regression.ts) reads: per
 * item and run, each model's scored answer; throughput runs; peak memory readings. Plain data.
 */

/** sacreBLEU sufficient statistics of one hypothesis (n-gram orders 1–4). */
export interface BleuStatistics {
  /** Clipped matches per order. */
  counts: readonly number[];
  /** Hypothesis n-grams per order. */
  totals: readonly number[];
  sysLen: number;
  refLen: number;
}

/** One model's answer to one item in one run, scored. */
export interface Observation {
  /** false: no answer (transport, HTTP, timeout): counted as wrong, with no latency. */
  ok: boolean;
  /** Exact match after SQuAD normalisation: 0 or 1. */
  exact: number;
  /** Token F1 in [0, 1]. */
  f1: number;
  /** Null when the item has no reference text to compute BLEU against. */
  bleu: BleuStatistics | null;
  /** Request sent → last byte; null when not answered. */
  latencyMs: number | null;
  /** Request sent → first content token; null when not streamed or not answered. */
  ttftMs: number | null;
}

export interface RegressionItemMeasurement {
  itemId: string;
  capability: string;
  slices: readonly string[];
  /** One observation per run (k = policy `runs`). */
  candidate: readonly Observation[];
  /** The baseline's, one per run; null on a first deployment. */
  baseline: readonly Observation[] | null;
}

export type MemoryReading =
  | { status: 'measured'; bytes: number; source: string }
  | { status: 'not_measured'; reason: string };

export interface ThroughputMeasurement {
  concurrency: number;
  requests: number;
  /** Requests per second of each run, in run order; candidate run r is paired with baseline run r. */
  candidate: readonly number[];
  baseline: readonly number[] | null;
  /** Requests that failed during the runs (not counted in the rates). */
  failures: { candidate: number; baseline: number | null };
}

export interface RegressionMeasurements {
  items: readonly RegressionItemMeasurement[];
  /** False on a first deployment (then every item's `baseline` is null). */
  hasBaseline: boolean;
  /** Runs k per model (each item has k observations per model). */
  runs: number;
  /** Null when it was not measured (then the throughput row says so and fails closed). */
  throughput: ThroughputMeasurement | null;
  memory: { candidate: MemoryReading; baseline: MemoryReading | null };
}
