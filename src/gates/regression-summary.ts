/** The regression gate's summary, as the report reads it: one row per metric and scope, the run spread, the problems. */
import type { GateResult } from '../pipeline-types';
import type { RegressionMetric } from '../policy/sections/regression';
import type { MemoryReading, ThroughputMeasurement } from '../eval/regression/measurements';

/** `all`, `capability:<name>` or `slice:<tag>`. */
export type RegressionScope = string;
export type RowVerdict = 'pass' | 'fail' | 'inconclusive' | 'not_applicable';

export interface RegressionRow {
  metric: RegressionMetric;
  scope: RegressionScope;
  /** Paired items behind the row (runs for throughput, 1 for memory). */
  n: number;
  /** In the metric's unit: a share (accuracy, F1), 0–100 (BLEU), ms, requests/s or bytes. */
  candidate: number | null;
  baseline: number | null;
  /** (candidate − baseline) / |baseline|; null on a first deployment or when it does not exist. */
  relativeChange: number | null;
  /** Bootstrap interval of the relative change (of the candidate's value on a first deployment). */
  ci: [number, number] | null;
  /**
   * The tolerated change, signed in the worse direction (−0.01: at most 1% lower; +0.1: at most 10%
   * higher); on a first deployment the absolute bound, or null when there is none.
   */
  threshold: number | null;
  /** Holm-adjusted for capability and slice scopes; unadjusted for `all`. Null where no test exists. */
  pValue: number | null;
  rawPValue: number | null;
  /** McNemar's exact test, the bootstrap, or (throughput) the paired t test on log ratios of the runs. */
  test: 'mcnemar' | 'bootstrap' | 't' | null;
  /** Cohen's d_z on per-item (per-run for throughput) differences; null where it does not exist. */
  effectSize: number | null;
  verdict: RowVerdict;
  /** Inconclusive rows: items (runs, for throughput) that would make the observed change significant. */
  itemsNeeded?: number | null;
  /** The sentence that goes into the gate's reasons. */
  reason: string;
}

export interface RunSpread {
  metric: RegressionMetric;
  /** The all-items value of each run. */
  candidate: number[];
  baseline: number[] | null;
}

export interface RegressionSummary {
  verdict: 'pass' | 'fail' | 'inconclusive';
  firstDeployment: boolean;
  rows: RegressionRow[];
  /** Measurement problems; any of them fails the gate. */
  problems: string[];
  runs: number;
  items: {
    total: number;
    /** Items the baseline failed on (left out of the quality comparison). */
    excludedFromQuality: number;
  };
  failedCalls: { candidate: number; baseline: number | null; callsPerModel: number };
  /** Slices with fewer than `minItemsPerSlice` items: reported here, not tested. */
  untestedSlices: Array<{ slice: string; n: number }>;
  /** Tests per metric in the Holm family (capabilities and slices). */
  holmFamily: Partial<Record<RegressionMetric, number>>;
  /** k > 1: each run's all-items value, to show the spread between runs. */
  spread: RunSpread[];
  throughput: ThroughputMeasurement | null;
  memory: { candidate: MemoryReading; baseline: MemoryReading | null };
  statistics: { resamples: number; confidence: number; alpha: number; seed: string };
}

export interface RegressionJudgement {
  result: GateResult;
  summary: RegressionSummary;
}
