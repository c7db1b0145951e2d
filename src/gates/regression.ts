/**
 * The performance regression verdict (DESIGN §5.3): a pure function of per-item measurements (the
 * candidate and the deployed baseline on the same items), throughput runs, memory readings, the signed
 * policy's regression section and a seed (the run id). Kayenta's shape (STYLE §3):
 *
 * 1. **measure**: per item and model, the quality values (exact match, token F1 averaged over the k
 *    runs; BLEU sufficient statistics summed), the latency and time to first token of the answered
 *    calls. Scopes: all items, each capability, each slice with at least `minItemsPerSlice` items.
 *    A failed candidate call is a wrong answer (and has no latency); an item the baseline failed is
 *    left out of the quality comparison (nothing to compare with), and more than 10% of them is a
 *    problem (fail closed).
 * 2. **classify**: every metric in every scope, on the same items (paired):
 *    - relative change δ = (candidate − baseline) / |baseline|, oriented by the metric's direction
 *      (worse is lower for accuracy, F1, BLEU and throughput; higher for latency, TTFT and memory);
 *    - a percentile bootstrap interval of δ: B resamples of the scope's item indices, drawn once per
 *      scope and shared by every metric (so all intervals of a scope come from the same resampled
 *      items); mean metrics resample the ratio of means, BLEU recomputes corpus BLEU from the
 *      resampled sufficient statistics, p99 latency takes the p99 of the resampled items' latencies;
 *    - a p-value: McNemar's exact test for accuracy with k = 1 (binary outcomes), else the two-sided
 *      bootstrap p-value 2·min(P*(δ ≤ 0), P*(δ ≥ 0)) with the +1 correction; Cohen's d_z on the
 *      per-item differences for the mean metrics;
 *    - the verdict: `pass` when the degradation is within the tolerance; else `fail` when it is
 *      significant, `inconclusive` (with the items that would be needed) when it is not. Significant
 *      means, for all items, that the interval excludes no change on the worse side (and the row's test
 *      agrees at the same level: McNemar for accuracy); for capabilities and slices, that the
 *      Holm-adjusted p-value (per metric, across every capability and slice) is below `alpha` (slice
 *      grouping, bootstrap evidence and Holm: src/stats/slices.ts, shared with the bias gate). So a
 *      regression in one capability fails the gate even when the aggregate improves. Fewer than two
 *      items give no interval, hence never a fail.
 *    Throughput: the median requests/s over the runs; candidate run r is paired with baseline run r,
 *    and the interval and p-value are the paired t test on the runs' log ratios (with 3 runs the
 *    bootstrap would be overconfident: noise between runs must read as inconclusive, not as a fail);
 *    a candidate request that fails under load fails the row.
 *    Memory: one peak reading per model (not a sample, so no interval): beyond the tolerance fails; a
 *    model that does not report it is `not_applicable` with "memory: not measured", never a pass.
 * 3. **score**: fail if any row fails or there is a problem, else inconclusive if any row is, else pass.
 *
 * First deployment (no baseline): nothing relative exists. Only the policy's `absolute` bounds are
 * judged on all items (fail when the interval lies beyond the bound, inconclusive when only the point
 * estimate does), every other row is `not_applicable`, `firstDeployment: true` is in the metrics and the
 * first reason says so.
 *
 * Pure: no I/O, clocks or unseeded randomness, no Node built-ins (workflow code may import it). Never
 * NaN in the result: a value that does not exist is null (summary) or left out (metrics).
 */
import { bleuFromStatistics } from '../eval/judges/text-metrics';
import type { GateResult } from '../pipeline-types';
import { bootstrapIndices, cohensDPaired, mcnemarExact, normalQuantile, quantileSorted } from '../stats';
import { bootstrapEvidence, holmAcrossSlices, sliceScopes, type SliceEvidence } from '../stats/slices';
import { metricsForCapability, regressionMetrics, WORSE_WHEN, type QualityMetric, type RegressionMetric, type RegressionPolicy } from '../policy/sections/regression';
import { scoreChecks, type GateScore } from './score';
import { pairedRunsInterval } from '../stats/student-t';
import type { MemoryReading, Observation, RegressionMeasurements, ThroughputMeasurement } from '../eval/regression/measurements';

// Bound once: module constants keep the resampling loops fast inside vm contexts (jest, workflows).
const { abs, ceil, floor, max } = Math;
const isFiniteNumber = Number.isFinite;

// ---------------------------------------------------------------------------------------------
// The summary (for the report)

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

/** Above this share of items failed by the baseline, the comparison rests on too little: fail closed. */
export const MAX_BASELINE_FAILURE_SHARE = 0.1;
const EPSILON = 1e-12;

/** The per-item metrics, in the order of the resampling buffers. */
const ITEM_METRICS = ['accuracy', 'f1', 'bleu', 'latency_mean', 'latency_p99', 'ttft_mean'] as const;
type ItemMetric = (typeof ITEM_METRICS)[number];
const M = ITEM_METRICS.length;
const BLEU_WIDTH = 10;

// ---------------------------------------------------------------------------------------------
// 1. Measure

/** One model's values for one item, over its k runs. */
interface SideValues {
  exact: number;
  f1: number;
  /** Sufficient statistics summed over runs; null when the item has no BLEU. */
  bleu: Float64Array | null;
  /** Latencies (ttfts) of the answered runs. */
  latencies: number[];
  ttfts: number[];
  failed: number;
}

interface PreparedItem {
  capability: string;
  slices: readonly string[];
  metrics: ReadonlySet<QualityMetric>;
  candidate: SideValues;
  baseline: SideValues | null;
  /** False when the baseline failed on the item (left out of quality). */
  quality: boolean;
}

function sideValues(observations: readonly Observation[]): SideValues {
  let exact = 0;
  let f1 = 0;
  let failed = 0;
  let bleu: Float64Array | null = new Float64Array(BLEU_WIDTH);
  const latencies: number[] = [];
  const ttfts: number[] = [];
  for (const o of observations) {
    if (o.ok) {
      exact += o.exact;
      f1 += o.f1;
      if (o.latencyMs !== null) latencies.push(o.latencyMs);
      if (o.ttftMs !== null) ttfts.push(o.ttftMs);
    } else {
      failed++;
    }
    if (o.bleu === null || bleu === null) bleu = null;
    else {
      for (let j = 0; j < 4; j++) {
        bleu[j] += o.ok ? o.bleu.counts[j]! : 0;
        bleu[4 + j] += o.ok ? o.bleu.totals[j]! : 0;
      }
      bleu[8] += o.ok ? o.bleu.sysLen : 0;
      // A missing answer is an empty hypothesis: it still has a reference length (brevity penalty).
      bleu[9] += o.bleu.refLen;
    }
  }
  const k = observations.length;
  return { exact: exact / k, f1: f1 / k, bleu, latencies, ttfts, failed };
}

/** Measurement problems: any one fails the gate (fail closed). */
export function checkMeasurements(measurements: RegressionMeasurements, policy: RegressionPolicy): string[] {
  const problems: string[] = [];
  const { items, runs, hasBaseline } = measurements;
  if (!Number.isInteger(runs) || runs < 1) problems.push(`runs must be a positive integer, got ${runs}`);
  if (runs !== policy.runs) problems.push(`measured ${runs} runs per model, but the policy asks for ${policy.runs}`);
  if (items.length === 0) problems.push('no items were measured, so nothing is demonstrated');
  const seen = new Set<string>();
  const perCapability = new Map<string, number>();
  for (const item of items) {
    if (seen.has(item.itemId)) problems.push(`item ${item.itemId} was measured twice`);
    seen.add(item.itemId);
    perCapability.set(item.capability, (perCapability.get(item.capability) ?? 0) + 1);
    const sides: Array<[string, readonly Observation[] | null]> = [['candidate', item.candidate], ['baseline', item.baseline]];
    if (hasBaseline !== (item.baseline !== null)) {
      problems.push(`item ${item.itemId}: ${hasBaseline ? 'no baseline observations' : 'baseline observations on a first deployment'}`);
    }
    for (const [side, observations] of sides) {
      if (observations === null) continue;
      if (observations.length !== runs) problems.push(`item ${item.itemId}: ${observations.length} ${side} observations for ${runs} runs`);
      for (const o of observations) {
        const bad =
          (o.exact !== 0 && o.exact !== 1) ||
          !(o.f1 >= 0 && o.f1 <= 1) ||
          (o.latencyMs !== null && !(isFiniteNumber(o.latencyMs) && o.latencyMs >= 0)) ||
          (o.ttftMs !== null && !(isFiniteNumber(o.ttftMs) && o.ttftMs >= 0)) ||
          (o.bleu !== null &&
            (o.bleu.counts.length !== 4 ||
              o.bleu.totals.length !== 4 ||
              ![...o.bleu.counts, ...o.bleu.totals, o.bleu.sysLen, o.bleu.refLen].every((x) => isFiniteNumber(x) && x >= 0)));
        if (bad) {
          problems.push(`item ${item.itemId}: a ${side} observation is out of range (exact 0/1, F1 in [0, 1], finite non-negative times and BLEU counts)`);
          break;
        }
      }
    }
  }
  for (const [capability, minimum] of Object.entries(policy.dataset.minItemsPerCapability)) {
    const n = perCapability.get(capability) ?? 0;
    if (n < minimum) problems.push(`capability ${capability}: ${n} items measured, the policy requires at least ${minimum}`);
  }
  const throughput = measurements.throughput;
  if (throughput) {
    const rates = [...throughput.candidate, ...(throughput.baseline ?? [])];
    if (!rates.every((x) => isFiniteNumber(x) && x >= 0)) problems.push('a throughput run has a rate that is not a finite, non-negative number');
    if (throughput.candidate.length === 0) problems.push('no candidate throughput runs');
    if (hasBaseline && (throughput.baseline === null || throughput.baseline.length !== throughput.candidate.length)) {
      problems.push('throughput: the candidate and the baseline ran a different number of times');
    }
  }
  return problems;
}

function prepare(measurements: RegressionMeasurements, policy: RegressionPolicy, run: number | null): PreparedItem[] {
  const pick = (observations: readonly Observation[]) => (run === null ? observations : [observations[run]!]);
  return measurements.items.map((item) => {
    const baseline = item.baseline ? sideValues(pick(item.baseline)) : null;
    return {
      capability: item.capability,
      slices: item.slices,
      metrics: new Set(metricsForCapability(policy, item.capability)),
      candidate: sideValues(pick(item.candidate)),
      baseline,
      quality: baseline === null || baseline.failed === 0,
    };
  });
}

/** Row layout of `ScopeColumns`: candidate/baseline pairs of the mean metrics, then BLEU statistics. */
const ROW_ACCURACY = 0;
const ROW_F1 = 2;
const ROW_LATENCY = 4;
const ROW_TTFT = 6;
const ROW_BLEU = 8;
const ROW_STRIDE = ROW_BLEU + 2 * BLEU_WIDTH;
/** Flag bits of `ScopeColumns`: which metrics an item has. */
const HAS = [1, 2, 4, 8, 8, 16] as const; // accuracy, f1, bleu, latency (mean and p99), ttft
/** Row offset of each mean metric's candidate value, by ITEM_METRICS index (−1: not a mean metric). */
const ROW_OF = [ROW_ACCURACY, ROW_F1, -1, ROW_LATENCY, -1, ROW_TTFT] as const;

/**
 * One scope's items as rows of a Float64Array (each item's values side by side, so a resampled item
 * is read from one place: ~3× faster than one array per metric) plus a flag byte per item, and the
 * aggregate of every per-item metric over a (re)sample of its item indices: the inner loop of the
 * bootstrap.
 */
class ScopeColumns {
  readonly n: number;
  readonly paired: boolean;
  private readonly flags: Uint8Array;
  private readonly rows: Float64Array;
  /** k > 1: the latencies of every answered run, pooled per item (for p99); null when k = 1. */
  private readonly pooled: { offsetsC: Int32Array; offsetsB: Int32Array; valuesC: Float64Array; valuesB: Float64Array } | null;
  private readonly bufferC: Float64Array;
  private readonly bufferB: Float64Array;
  private readonly sumC = new Float64Array(BLEU_WIDTH);
  private readonly sumB = new Float64Array(BLEU_WIDTH);
  /** Items with a value per metric (identity sample). */
  readonly counts: number[];

  constructor(items: readonly PreparedItem[]) {
    const n = items.length;
    this.n = n;
    this.paired = items.every((item) => item.baseline !== null);
    this.flags = new Uint8Array(n);
    this.rows = new Float64Array(n * ROW_STRIDE);
    const latC: number[] = [];
    const latB: number[] = [];
    const offsetsC = new Int32Array(n + 1);
    const offsetsB = new Int32Array(n + 1);
    let maxPerItem = 1;
    const { flags, rows } = this;
    const set = (i: number, at: number, c: number, b: number | undefined) => {
      rows[i * ROW_STRIDE + at] = c;
      if (b !== undefined) rows[i * ROW_STRIDE + at + 1] = b;
    };
    items.forEach((item, i) => {
      const { candidate: cs, baseline: bs, quality } = item;
      if (quality && item.metrics.has('accuracy')) {
        flags[i] |= HAS[0];
        set(i, ROW_ACCURACY, cs.exact, bs?.exact);
      }
      if (quality && item.metrics.has('f1')) {
        flags[i] |= HAS[1];
        set(i, ROW_F1, cs.f1, bs?.f1);
      }
      if (quality && item.metrics.has('bleu') && cs.bleu && (bs === null || bs.bleu)) {
        flags[i] |= HAS[2];
        rows.set(cs.bleu, i * ROW_STRIDE + ROW_BLEU);
        if (bs?.bleu) rows.set(bs.bleu, i * ROW_STRIDE + ROW_BLEU + BLEU_WIDTH);
      }
      if (cs.latencies.length > 0 && (bs === null || bs.latencies.length > 0)) {
        flags[i] |= HAS[3];
        set(i, ROW_LATENCY, meanOf(cs.latencies), bs ? meanOf(bs.latencies) : undefined);
        latC.push(...cs.latencies);
        if (bs) latB.push(...bs.latencies);
        maxPerItem = max(maxPerItem, cs.latencies.length, bs?.latencies.length ?? 0);
      }
      offsetsC[i + 1] = latC.length;
      offsetsB[i + 1] = latB.length;
      if (cs.ttfts.length > 0 && (bs === null || bs.ttfts.length > 0)) {
        flags[i] |= HAS[5];
        set(i, ROW_TTFT, meanOf(cs.ttfts), bs ? meanOf(bs.ttfts) : undefined);
      }
    });
    this.pooled = maxPerItem > 1 ? { offsetsC, offsetsB, valuesC: Float64Array.from(latC), valuesB: Float64Array.from(latB) } : null;
    this.bufferC = new Float64Array(max(1, n * maxPerItem));
    this.bufferB = new Float64Array(max(1, n * maxPerItem));
    this.counts = HAS.map((bit) => flags.reduce((sum, f) => sum + ((f & bit) !== 0 ? 1 : 0), 0));
  }

  /** Per-item values of a mean metric where it exists: [candidate, baseline] pairs (identity sample). */
  pairs(metric: number): { c: number[]; b: number[] } {
    const at = ROW_OF[metric]!;
    const bit = HAS[metric]!;
    const c: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (this.flags[i]! & bit) {
        c.push(this.rows[i * ROW_STRIDE + at]!);
        b.push(this.rows[i * ROW_STRIDE + at + 1]!);
      }
    }
    return { c, b };
  }

  /**
   * Each metric's value over the sample `indices` (length n) for the candidate (outC) and the baseline
   * (outB): means for accuracy, F1, latency and TTFT (over the items that have the metric), corpus BLEU
   * from the summed statistics, the p99 of the pooled latencies. NaN where the sample has no such item.
   */
  aggregate(indices: ArrayLike<number>, outC: Float64Array, outB: Float64Array): void {
    const { n, flags, rows, sumC, sumB, bufferC, bufferB, pooled } = this;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, c8 = 0, c9 = 0;
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0, b8 = 0, b9 = 0;
    let sA = 0, tA = 0, nA = 0, sF = 0, tF = 0, nF = 0, nBleu = 0, sL = 0, tL = 0, nL = 0, sT = 0, tT = 0, nT = 0;
    let pc = 0;
    let pb = 0;
    for (let k = 0; k < n; k++) {
      const i = indices[k]!;
      const f = flags[i]!;
      if (f === 0) continue;
      const o = i * ROW_STRIDE;
      if (f & 1) {
        sA += rows[o + ROW_ACCURACY]!;
        tA += rows[o + ROW_ACCURACY + 1]!;
        nA++;
      }
      if (f & 2) {
        sF += rows[o + ROW_F1]!;
        tF += rows[o + ROW_F1 + 1]!;
        nF++;
      }
      if (f & 4) {
        // Unrolled into locals: the BLEU statistics are the bulk of a resample's additions.
        const q = o + ROW_BLEU;
        c0 += rows[q]!; c1 += rows[q + 1]!; c2 += rows[q + 2]!; c3 += rows[q + 3]!; c4 += rows[q + 4]!;
        c5 += rows[q + 5]!; c6 += rows[q + 6]!; c7 += rows[q + 7]!; c8 += rows[q + 8]!; c9 += rows[q + 9]!;
        b0 += rows[q + 10]!; b1 += rows[q + 11]!; b2 += rows[q + 12]!; b3 += rows[q + 13]!; b4 += rows[q + 14]!;
        b5 += rows[q + 15]!; b6 += rows[q + 16]!; b7 += rows[q + 17]!; b8 += rows[q + 18]!; b9 += rows[q + 19]!;
        nBleu++;
      }
      if (f & 8) {
        const lc = rows[o + ROW_LATENCY]!;
        const lb = rows[o + ROW_LATENCY + 1]!;
        sL += lc;
        tL += lb;
        nL++;
        if (pooled === null) {
          bufferC[pc++] = lc;
          bufferB[pb++] = lb;
        } else {
          for (let q = pooled.offsetsC[i]!, end = pooled.offsetsC[i + 1]!; q < end; q++) bufferC[pc++] = pooled.valuesC[q]!;
          for (let q = pooled.offsetsB[i]!, end = pooled.offsetsB[i + 1]!; q < end; q++) bufferB[pb++] = pooled.valuesB[q]!;
        }
      }
      if (f & 16) {
        sT += rows[o + ROW_TTFT]!;
        tT += rows[o + ROW_TTFT + 1]!;
        nT++;
      }
    }
    outC[0] = nA > 0 ? sA / nA : NaN;
    outB[0] = nA > 0 ? tA / nA : NaN;
    outC[1] = nF > 0 ? sF / nF : NaN;
    outB[1] = nF > 0 ? tF / nF : NaN;
    if (nBleu > 0) {
      sumC[0] = c0; sumC[1] = c1; sumC[2] = c2; sumC[3] = c3; sumC[4] = c4; sumC[5] = c5; sumC[6] = c6; sumC[7] = c7; sumC[8] = c8; sumC[9] = c9;
      sumB[0] = b0; sumB[1] = b1; sumB[2] = b2; sumB[3] = b3; sumB[4] = b4; sumB[5] = b5; sumB[6] = b6; sumB[7] = b7; sumB[8] = b8; sumB[9] = b9;
    }
    outC[2] = nBleu > 0 ? bleuOf(sumC) : NaN;
    outB[2] = nBleu > 0 && this.paired ? bleuOf(sumB) : NaN;
    outC[3] = nL > 0 ? sL / nL : NaN;
    outB[3] = nL > 0 && this.paired ? tL / nL : NaN;
    outC[4] = pc > 0 ? p99(bufferC, pc) : NaN;
    outB[4] = pb > 0 ? p99(bufferB, pb) : NaN;
    outC[5] = nT > 0 ? sT / nT : NaN;
    outB[5] = nT > 0 && this.paired ? tT / nT : NaN;
  }
}

function meanOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function bleuOf(sums: Float64Array): number {
  return bleuFromStatistics([sums[0]!, sums[1]!, sums[2]!, sums[3]!], [sums[4]!, sums[5]!, sums[6]!, sums[7]!], sums[8]!, sums[9]!).score;
}

/**
 * The p-quantile (p ≥ ½; linear interpolation, numpy's default, as `quantileSorted`) of the first
 * `length` values of `values`, without sorting them: only the order statistics ⌊h⌋ and ⌊h⌋ + 1
 * (h = (length − 1)·p) are needed, so the t = length − ⌊h⌋ largest values are kept, ascending, in
 * `top` (length ≥ t). O(length + t · insertions): the p99 of every bootstrap resample stays cheap.
 */
export function upperQuantile(values: ArrayLike<number>, length: number, p: number, top: Float64Array): number {
  const h = (length - 1) * p;
  const lo = floor(h);
  const t = length - lo;
  for (let i = 0; i < t; i++) top[i] = values[i]!;
  const kept = top.subarray(0, t).sort();
  for (let i = t; i < length; i++) {
    const v = values[i]!;
    if (v <= kept[0]!) continue;
    let j = 0;
    while (j + 1 < t && kept[j + 1]! < v) {
      kept[j] = kept[j + 1]!;
      j++;
    }
    kept[j] = v;
  }
  const fraction = h - lo;
  return t < 2 || fraction === 0 ? kept[0]! : kept[0]! + fraction * (kept[1]! - kept[0]!);
}

/** Scratch for `upperQuantile` at p = 0.99, grown on demand. */
let p99Top = new Float64Array(64);

function p99(buffer: Float64Array, length: number): number {
  const needed = length - floor((length - 1) * 0.99);
  if (p99Top.length < needed) p99Top = new Float64Array(needed * 2);
  return upperQuantile(buffer, length, 0.99, p99Top);
}

function median(values: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/** (c − b) / |b|: 0 when both are 0, ±∞ when only the baseline is 0, NaN when either is missing. */
function relative(c: number, b: number): number {
  if (b !== b || c !== c) return NaN;
  if (b === 0) return c === 0 ? 0 : c > 0 ? Infinity : -Infinity;
  return (c - b) / abs(b);
}

// ---------------------------------------------------------------------------------------------
// 2. Classify

/** The evidence of a statistic (shared with the bias gate's slice analysis: src/stats/slices.ts). */
type Evidence = SliceEvidence;

export { bootstrapEvidence };

/**
 * Items (runs) needed for the observed relative change to be significant: the interval's standard
 * error scales with 1/√n, so n' = n·(z·se/|δ|)², with z for the interval's level (all items) or for
 * α/m (a Bonferroni bound on Holm, for m scope tests). Null when no number would do.
 */
export function itemsNeeded(n: number, estimate: number, ci: [number, number] | null, confidence: number, zRequired: number): number | null {
  if (ci === null || estimate === 0 || !isFiniteNumber(estimate)) return null;
  const se = (ci[1] - ci[0]) / (2 * normalQuantile(1 - (1 - confidence) / 2));
  if (!(se > 0)) return null;
  return max(n + 1, ceil(n * ((zRequired * se) / abs(estimate)) ** 2));
}

/** The tolerance signed in the worse direction (−0.01, +0.1). */
function signedTolerance(metric: RegressionMetric, policy: RegressionPolicy): number {
  const tolerance = policy.metrics[metric];
  return WORSE_WHEN[metric] === 'lower' ? -tolerance : tolerance;
}

/** How much worse than the baseline, as a positive fraction (negative: better). */
function degradation(metric: RegressionMetric, relativeChange: number): number {
  return WORSE_WHEN[metric] === 'lower' ? -relativeChange : relativeChange;
}

/** The interval excludes no change on the worse side. */
function excludesNoChangeOnWorseSide(metric: RegressionMetric, ci: [number, number] | null): boolean {
  if (ci === null) return false;
  return WORSE_WHEN[metric] === 'lower' ? ci[1] < 0 : ci[0] > 0;
}

/** pass within the tolerance; beyond it, fail when significant and inconclusive when not. */
export function classifyChange(metric: RegressionMetric, relativeChange: number, tolerance: number, significant: boolean): RowVerdict {
  if (!(degradation(metric, relativeChange) > tolerance + EPSILON)) return 'pass';
  return significant ? 'fail' : 'inconclusive';
}

// ---------------------------------------------------------------------------------------------
// Words

const METRIC_WORDS: Record<RegressionMetric, string> = {
  accuracy: 'accuracy',
  f1: 'token F1',
  bleu: 'BLEU',
  latency_mean: 'mean latency',
  latency_p99: 'p99 latency',
  ttft_mean: 'mean time to first token',
  throughput: 'throughput',
  memory: 'peak memory',
};

const MINUS = '\u2212';

/** A relative change as a signed percentage: +1.2%, −31%, 0%. */
export function signedPercent(x: number): string {
  const v = 100 * x;
  const digits = abs(v) >= 10 ? 0 : abs(v) >= 1 ? 1 : 2;
  const shown = Number(v.toFixed(digits));
  if (shown === 0) return '0%';
  return `${shown > 0 ? '+' : MINUS}${abs(shown)}%`;
}

function plainPercent(x: number): string {
  const v = 100 * x;
  const digits = abs(v) >= 10 || v === 0 ? (Number.isInteger(Number(v.toFixed(1))) ? 0 : 1) : 2;
  return `${Number(v.toFixed(digits))}%`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(value >= 100 ? 0 : 2))} ${units[unit]}`;
}

/** A metric's value in its unit. */
export function formatValue(metric: RegressionMetric, value: number): string {
  switch (metric) {
    case 'accuracy':
      return plainPercent(value);
    case 'f1':
      return value.toFixed(3);
    case 'bleu':
      return value.toFixed(1);
    case 'latency_mean':
    case 'latency_p99':
    case 'ttft_mean':
      return `${Number(value.toFixed(value >= 100 ? 0 : 1))} ms`;
    case 'throughput':
      return `${Number(value.toFixed(value >= 100 ? 0 : 1))} req/s`;
    case 'memory':
      return formatBytes(value);
  }
}

function formatP(p: number): string {
  return p < 0.001 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

function scopeLabel(scope: RegressionScope): string {
  if (scope === 'all') return 'all items';
  if (scope.startsWith('capability:')) return scope.slice('capability:'.length);
  return `slice ${scope.slice('slice:'.length)}`;
}

function unitOf(metric: RegressionMetric): string {
  return metric === 'throughput' ? 'runs' : metric === 'memory' ? 'readings' : 'items';
}

/** A measured row before its verdict: the row's measured fields, plus what decides the verdict. */
type RawRow = Pick<RegressionRow, 'metric' | 'scope' | 'n' | 'candidate' | 'baseline' | 'relativeChange' | 'ci' | 'rawPValue' | 'test' | 'effectSize'> & {
  /** Throughput: runs that would make the observed change significant (normal approximation). */
  runsNeeded?: number;
  /** Set when the row's verdict is decided without a test (not measured, failures under load). */
  fixed?: { verdict: RowVerdict; reason: string };
};

function comparisonReason(row: RawRow, verdict: RowVerdict, pValue: number | null, policy: RegressionPolicy, needed: number | null | undefined): string {
  const { metric } = row;
  const level = `${Math.round(policy.bootstrap.confidence * 1000) / 10}%`;
  const tolerance = signedTolerance(metric, policy);
  const toleranceText = `${tolerance === 0 ? '0%' : signedPercent(tolerance)} tolerance`;
  const relativeChange = row.relativeChange!;
  const values = `${METRIC_WORDS[metric]} ${formatValue(metric, row.candidate!)} vs ${formatValue(metric, row.baseline!)}`;
  const interval = row.ci ? `, ${level} CI [${signedPercent(row.ci[0])}, ${signedPercent(row.ci[1])}]` : metric === 'memory' ? ', one reading each' : `, no ${level} interval`;
  const pText =
    pValue === null
      ? ''
      : `, ${row.scope === 'all' ? '' : 'Holm-adjusted '}${row.test === 'mcnemar' ? 'McNemar ' : row.test === 't' ? 'paired t ' : 'bootstrap '}p = ${formatP(pValue)}`;
  const change = isFiniteNumber(relativeChange) ? signedPercent(relativeChange) : 'from 0';
  const head = `${scopeLabel(row.scope)}: ${values} (${change}${interval}${row.scope === 'all' ? '' : pText})`;
  if (verdict === 'pass') return `${head} within the ${toleranceText}`;
  if (verdict === 'fail') return `${head} beyond the ${toleranceText}`;
  const why =
    row.scope === 'all'
      ? row.ci
        ? `the ${level} interval does not exclude no change${pText}`
        : 'no interval exists'
      : `not significant after Holm correction (alpha ${policy.alpha})`;
  const unit = unitOf(metric);
  const howMany =
    needed === undefined ? '' : needed === null ? `; no number of ${unit} would show it` : `; about ${needed} ${unit} would be needed (have ${row.n})`;
  return `${head} beyond the ${toleranceText} but not demonstrated: ${why}${howMany}`;
}

/** Absolute bound of a metric on a first deployment, signed: positive = minimum, as `threshold`. */
function absoluteBound(metric: RegressionMetric, policy: RegressionPolicy): number | null {
  const a = policy.absolute;
  switch (metric) {
    case 'accuracy':
      return a.accuracy?.min ?? null;
    case 'f1':
      return a.f1?.min ?? null;
    case 'bleu':
      return a.bleu?.min ?? null;
    case 'latency_mean':
      return a.latency_mean?.maxMs ?? null;
    case 'latency_p99':
      return a.latency_p99?.maxMs ?? null;
    case 'ttft_mean':
      return a.ttft_mean?.maxMs ?? null;
    case 'throughput':
      return a.throughput?.minRps ?? null;
    case 'memory':
      return a.memory?.maxBytes ?? null;
  }
}

function boundWords(metric: RegressionMetric, bound: number): string {
  return `${WORSE_WHEN[metric] === 'lower' ? '≥' : '≤'} ${formatValue(metric, bound)}`;
}

function classifyAbsolute(row: RawRow, policy: RegressionPolicy): { verdict: RowVerdict; reason: string } {
  const { metric } = row;
  const bound = row.scope === 'all' ? absoluteBound(metric, policy) : null;
  const level = `${Math.round(policy.bootstrap.confidence * 1000) / 10}%`;
  const value = `${scopeLabel(row.scope)}: ${METRIC_WORDS[metric]} ${formatValue(metric, row.candidate!)}`;
  const interval = row.ci ? ` (${level} CI [${formatValue(metric, row.ci[0])}, ${formatValue(metric, row.ci[1])}])` : '';
  if (bound === null) return { verdict: 'not_applicable', reason: `${value}${interval}: no baseline to compare with${row.scope === 'all' ? ' and no absolute bound in the policy' : ''}, reported only` };
  const lowerIsWorse = WORSE_WHEN[metric] === 'lower';
  const beyond = lowerIsWorse ? row.candidate! < bound : row.candidate! > bound;
  if (!beyond) return { verdict: 'pass', reason: `${value}${interval} meets the policy's absolute bound ${boundWords(metric, bound)}` };
  const demonstrated = row.ci !== null && (lowerIsWorse ? row.ci[1] < bound : row.ci[0] > bound);
  if (demonstrated || metric === 'memory') {
    return { verdict: 'fail', reason: `${value}${interval} does not meet the policy's absolute bound ${boundWords(metric, bound)}` };
  }
  return {
    verdict: 'inconclusive',
    reason: `${value}${interval} misses the policy's absolute bound ${boundWords(metric, bound)} on the point estimate, but the interval reaches it: not demonstrated`,
  };
}

// ---------------------------------------------------------------------------------------------
// The rows of every scope

interface ScopeDefinition {
  scope: RegressionScope;
  members: number[];
}

function scopesOf(prepared: readonly PreparedItem[], policy: RegressionPolicy): { scopes: ScopeDefinition[]; untested: Array<{ slice: string; n: number }> } {
  const capabilities = new Map<string, number[]>();
  prepared.forEach((item, i) => {
    (capabilities.get(item.capability) ?? capabilities.set(item.capability, []).get(item.capability)!).push(i);
  });
  const byName = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const scopes: ScopeDefinition[] = [{ scope: 'all', members: prepared.map((_, i) => i) }];
  for (const [name, members] of [...capabilities].sort(byName)) scopes.push({ scope: `capability:${name}`, members });
  // Slices: tested and untested as the bias gate's slice analysis sees them (src/stats/slices.ts).
  const { tested, untested } = sliceScopes(
    prepared.map((item) => item.slices),
    policy.dataset.minItemsPerSlice,
  );
  for (const { slice, members } of tested) scopes.push({ scope: `slice:${slice}`, members });
  return { scopes, untested };
}

const MEAN_METRICS = new Set<number>([0, 1, 3, 5]);

function itemRows(
  scope: ScopeDefinition,
  prepared: readonly PreparedItem[],
  policy: RegressionPolicy,
  seed: string,
  firstDeployment: boolean,
): RawRow[] {
  const columns = new ScopeColumns(scope.members.map((i) => prepared[i]!));
  const n = columns.n;
  const identity = new Uint32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const pointC = new Float64Array(M);
  const pointB = new Float64Array(M);
  columns.aggregate(identity, pointC, pointB);

  const B = policy.bootstrap.resamples;
  const statistics = ITEM_METRICS.map(() => new Float64Array(B));
  const sampleC = new Float64Array(M);
  const sampleB = new Float64Array(M);
  let r = 0;
  bootstrapIndices(n, B, `${seed}\u0000${scope.scope}`, (indices) => {
    columns.aggregate(indices, sampleC, sampleB);
    for (let m = 0; m < M; m++) statistics[m]![r] = firstDeployment ? sampleC[m]! : relative(sampleC[m]!, sampleB[m]!);
    r++;
    return 0;
  });

  const rows: RawRow[] = [];
  ITEM_METRICS.forEach((metric: ItemMetric, m) => {
    const c = pointC[m]!;
    if (c !== c) return; // the scope has no item with this metric
    const b = firstDeployment ? null : pointB[m]!;
    // One item resampled is always itself: no interval, no evidence.
    const evidence: Evidence = columns.counts[m]! < 2 ? { ci: null, pValue: null } : bootstrapEvidence(statistics[m]!, policy.bootstrap.confidence);
    let rawPValue = firstDeployment ? null : evidence.pValue;
    let test: RawRow['test'] = firstDeployment ? null : 'bootstrap';
    let effectSize: number | null = null;
    if (!firstDeployment && MEAN_METRICS.has(m)) {
      const pairs = columns.pairs(m);
      const d = cohensDPaired(pairs.c.map((x, i) => x - pairs.b[i]!));
      effectSize = d.status === 'ok' ? d.d : null;
      if (metric === 'accuracy' && policy.runs === 1) {
        let candidateOnly = 0;
        let baselineOnly = 0;
        pairs.c.forEach((x, i) => {
          if (x === 1 && pairs.b[i] === 0) candidateOnly++;
          if (x === 0 && pairs.b[i] === 1) baselineOnly++;
        });
        rawPValue = mcnemarExact(candidateOnly, baselineOnly).pValue;
        test = 'mcnemar';
      }
    }
    rows.push({
      metric,
      scope: scope.scope,
      n: columns.counts[m]!,
      candidate: c,
      baseline: b,
      relativeChange: b === null ? null : relative(c, b),
      ci: evidence.ci,
      rawPValue,
      test,
      effectSize,
    });
  });
  return rows;
}

function throughputRow(measurements: RegressionMeasurements, policy: RegressionPolicy, firstDeployment: boolean): RawRow {
  const base: RawRow = { metric: 'throughput', scope: 'all', n: 0, candidate: null, baseline: null, relativeChange: null, ci: null, rawPValue: null, test: null, effectSize: null };
  const t = measurements.throughput;
  if (t === null || t.candidate.length === 0) {
    return { ...base, fixed: { verdict: 'fail', reason: 'throughput: not measured, so nothing is demonstrated (fail closed)' } };
  }
  const runs = t.candidate.length;
  const candidate = median(t.candidate);
  const baselineRates = firstDeployment ? null : t.baseline;
  const row: RawRow = { ...base, n: runs, candidate, baseline: baselineRates ? median(baselineRates) : null };
  const interval = pairedRunsInterval(t.candidate, baselineRates, policy.bootstrap.confidence);
  row.ci = interval.ci;
  if (baselineRates && row.baseline !== null) {
    row.relativeChange = relative(candidate, row.baseline);
    row.rawPValue = interval.pValue;
    row.test = 't';
    const d = cohensDPaired(t.candidate.map((x, i) => x - baselineRates[i]!));
    row.effectSize = d.status === 'ok' ? d.d : null;
    if (interval.meanLog !== null && interval.sdLog !== null && interval.sdLog > 0 && interval.meanLog !== 0) {
      row.runsNeeded = max(runs + 1, ceil(runs * ((normalQuantile(1 - (1 - policy.bootstrap.confidence) / 2) * interval.sdLog) / abs(interval.meanLog)) ** 2));
    }
  }
  if (t.failures.candidate > 0) {
    row.fixed = {
      verdict: 'fail',
      reason: `throughput: ${t.failures.candidate} of ${t.requests * runs} candidate requests failed at concurrency ${t.concurrency} (a model that fails under load has lost throughput)`,
    };
  }
  return row;
}

function memoryRow(measurements: RegressionMeasurements, firstDeployment: boolean): RawRow {
  const { candidate, baseline } = measurements.memory;
  const row: RawRow = { metric: 'memory', scope: 'all', n: 1, candidate: null, baseline: null, relativeChange: null, ci: null, rawPValue: null, test: null, effectSize: null };
  const missing: string[] = [];
  if (candidate.status === 'not_measured') missing.push(`candidate: ${candidate.reason}`);
  else row.candidate = candidate.bytes;
  if (!firstDeployment) {
    if (baseline === null || baseline.status === 'not_measured') missing.push(`baseline: ${baseline?.reason ?? 'no reading'}`);
    else row.baseline = baseline.bytes;
  }
  if (missing.length > 0) {
    return { ...row, fixed: { verdict: 'not_applicable', reason: `memory: not measured (${missing.join('; ')}); the verdict rests on the other metrics` } };
  }
  if (row.baseline !== null) row.relativeChange = relative(row.candidate!, row.baseline);
  return row;
}

// ---------------------------------------------------------------------------------------------
// 3. Score, and the judgement

/** The gate's verdict: fail on any problem or failed row, else inconclusive if any row is, else pass. */
export function scoreRegression(verdicts: readonly RowVerdict[], problems: readonly string[]): GateScore {
  return scoreChecks(verdicts, problems);
}

/**
 * The regression verdict. `seed` is the run id (the policy's `bootstrap.seed` replaces it when set):
 * the same measurements, policy and seed always give the same report.
 */
export function judgeRegression(measurements: RegressionMeasurements, policy: RegressionPolicy, seed: string): RegressionJudgement {
  const problems = checkMeasurements(measurements, policy);
  const firstDeployment = !measurements.hasBaseline;
  const effectiveSeed = policy.bootstrap.seed ?? seed;
  const confidence = policy.bootstrap.confidence;
  const prepared = problems.length === 0 ? prepare(measurements, policy, null) : [];

  const callsPerModel = measurements.items.length * measurements.runs;
  const failedCalls = {
    candidate: measurements.items.reduce((sum, item) => sum + item.candidate.filter((o) => !o.ok).length, 0),
    baseline: firstDeployment ? null : measurements.items.reduce((sum, item) => sum + (item.baseline ?? []).filter((o) => !o.ok).length, 0),
    callsPerModel,
  };
  const excludedFromQuality = prepared.filter((item) => !item.quality).length;
  if (prepared.length > 0 && excludedFromQuality > MAX_BASELINE_FAILURE_SHARE * prepared.length) {
    problems.push(
      `the baseline failed on ${excludedFromQuality} of ${prepared.length} items, more than ${MAX_BASELINE_FAILURE_SHARE * 100}%: the comparison would rest on too few items (fail closed)`,
    );
  }
  if (prepared.length > 0 && failedCalls.candidate === callsPerModel) problems.push(`the candidate answered none of its ${callsPerModel} calls`);

  const { scopes, untested } = problems.length === 0 ? scopesOf(prepared, policy) : { scopes: [], untested: [] };
  const raw: RawRow[] = [];
  if (problems.length === 0) {
    for (const scope of scopes) raw.push(...itemRows(scope, prepared, policy, effectiveSeed, firstDeployment));
    if (!raw.some((row) => row.metric === 'ttft_mean' && row.scope === 'all')) {
      raw.push({
        metric: 'ttft_mean', scope: 'all', n: 0, candidate: null, baseline: null, relativeChange: null, ci: null, rawPValue: null, test: null, effectSize: null,
        fixed: { verdict: 'not_applicable', reason: 'time to first token: not measured (no answer was streamed by both models); the verdict rests on the other metrics' },
      });
    }
    raw.push(throughputRow(measurements, policy, firstDeployment));
    raw.push(memoryRow(measurements, firstDeployment));
  }

  // Holm, per metric, across the capability and slice rows that have a test (src/stats/slices.ts).
  const { adjusted, familySizes } = holmAcrossSlices(
    raw,
    (row) => (row.scope === 'all' ? null : row.metric),
    (row) => row.rawPValue,
  );
  const holmFamily: Partial<Record<RegressionMetric, number>> = {};
  for (const metric of regressionMetrics) {
    const size = familySizes.get(metric);
    if (size !== undefined) holmFamily[metric] = size;
  }

  const zLevel = normalQuantile(1 - (1 - confidence) / 2);
  const rows: RegressionRow[] = raw.map((row) => {
    const pValue = row.scope === 'all' ? row.rawPValue : (adjusted.get(row) ?? null);
    const common = {
      ...row,
      // ±∞ (a baseline of 0) is not a relative change: null in the summary, explained in the reason.
      relativeChange: row.relativeChange !== null && isFiniteNumber(row.relativeChange) ? row.relativeChange : null,
      threshold: firstDeployment ? absoluteBound(row.metric, policy) : signedTolerance(row.metric, policy),
      pValue,
    };
    delete (common as Partial<RawRow>).fixed;
    delete (common as Partial<RawRow>).runsNeeded;
    if (row.fixed) return { ...common, verdict: row.fixed.verdict, reason: row.fixed.reason };
    if (firstDeployment) return { ...common, ...classifyAbsolute(row, policy) };
    const change = row.relativeChange!;
    if (!isFiniteNumber(change)) {
      // The baseline is 0: better when the candidate moved the good way, else no relative change exists.
      const better = degradation(row.metric, change) < 0;
      const verdict: RowVerdict = better ? 'pass' : 'inconclusive';
      return { ...common, verdict, reason: `${scopeLabel(row.scope)}: ${METRIC_WORDS[row.metric]} ${formatValue(row.metric, row.candidate!)} vs ${formatValue(row.metric, row.baseline!)}: the baseline is 0, so there is no relative change${better ? ' (an improvement)' : ' to judge'}` };
    }
    const significant =
      row.metric === 'memory'
        ? true
        : row.scope === 'all'
          ? excludesNoChangeOnWorseSide(row.metric, row.ci) && (pValue === null || pValue < 1 - confidence)
          : pValue !== null && pValue < policy.alpha;
    const verdict = classifyChange(row.metric, change, policy.metrics[row.metric], significant);
    let needed: number | null | undefined;
    if (verdict === 'inconclusive' && row.metric === 'throughput') needed = row.runsNeeded ?? null;
    else if (verdict === 'inconclusive') {
      const m = holmFamily[row.metric] ?? 1;
      const zRequired = row.scope === 'all' ? zLevel : normalQuantile(1 - policy.alpha / (2 * m));
      needed = itemsNeeded(row.n, change, row.ci, confidence, zRequired);
    }
    return {
      ...common,
      verdict,
      ...(verdict === 'inconclusive' ? { itemsNeeded: needed ?? null } : {}),
      reason: comparisonReason(row, verdict, pValue, policy, needed),
    };
  });

  // Spread between runs (k > 1): each run's all-items value.
  const spread: RunSpread[] = [];
  if (problems.length === 0 && measurements.runs > 1) {
    const perRun = Array.from({ length: measurements.runs }, (_, run) => {
      const columns = new ScopeColumns(prepare(measurements, policy, run));
      const identity = Uint32Array.from({ length: columns.n }, (_, i) => i);
      const c = new Float64Array(M);
      const b = new Float64Array(M);
      columns.aggregate(identity, c, b);
      return { c, b };
    });
    ITEM_METRICS.forEach((metric, m) => {
      if (perRun.some((run) => run.c[m] !== run.c[m])) return;
      spread.push({ metric, candidate: perRun.map((run) => run.c[m]!), baseline: firstDeployment ? null : perRun.map((run) => run.b[m]!) });
    });
  }

  const verdict = scoreRegression(rows.map((row) => row.verdict), problems);
  const summary: RegressionSummary = {
    verdict,
    firstDeployment,
    rows,
    problems,
    runs: measurements.runs,
    items: { total: measurements.items.length, excludedFromQuality },
    failedCalls,
    untestedSlices: untested,
    holmFamily,
    spread,
    throughput: measurements.throughput,
    memory: measurements.memory,
    statistics: { resamples: policy.bootstrap.resamples, confidence, alpha: policy.alpha, seed: effectiveSeed },
  };
  return { result: { gate: 'regression', verdict, reasons: reasonsOf(summary, policy), metrics: metricsOf(summary) }, summary };
}

function spreadText(spread: readonly RunSpread[], metric: RegressionMetric): string {
  const entry = spread.find((s) => s.metric === metric);
  if (!entry) return '';
  const range = (values: readonly number[]) => `${formatValue(metric, Math.min(...values))}–${formatValue(metric, Math.max(...values))}`;
  return `; over ${entry.candidate.length} runs the candidate ranged ${range(entry.candidate)}${entry.baseline ? `, the baseline ${range(entry.baseline)}` : ''}`;
}

function reasonsOf(summary: RegressionSummary, policy: RegressionPolicy): string[] {
  const reasons: string[] = [];
  if (summary.firstDeployment) {
    const bounds = regressionMetrics.flatMap((metric) => {
      const bound = absoluteBound(metric, policy);
      return bound === null ? [] : [`${METRIC_WORDS[metric]} ${boundWords(metric, bound)}`];
    });
    reasons.push(
      `first deployment: no baseline to compare with, so ${
        bounds.length > 0 ? `only the policy's absolute bounds are judged (${bounds.join(', ')})` : 'the policy sets no absolute bounds and the values are reported only'
      }; the relative tolerances apply from the next version on`,
    );
  }
  reasons.push(...summary.problems.map((p) => `measurement problem: ${p}`));
  const order: RowVerdict[] = ['fail', 'inconclusive', 'not_applicable'];
  for (const verdict of order) {
    for (const row of summary.rows) {
      if (row.verdict !== verdict) continue;
      if (verdict === 'not_applicable' && row.scope !== 'all') continue;
      reasons.push(row.scope === 'all' ? `${row.reason}${spreadText(summary.spread, row.metric)}` : row.reason);
    }
  }
  for (const row of summary.rows) {
    if (row.verdict === 'pass' && row.scope === 'all') reasons.push(`${row.reason}${spreadText(summary.spread, row.metric)}`);
  }
  const scopeRows = summary.rows.filter((row) => row.scope !== 'all' && row.verdict !== 'not_applicable');
  if (scopeRows.length > 0) {
    const bad = scopeRows.filter((row) => row.verdict !== 'pass').length;
    const scopes = new Set(scopeRows.map((row) => row.scope)).size;
    reasons.push(
      `per capability and slice: ${scopeRows.length} tests over ${scopes} scopes (Holm-corrected per metric, alpha ${policy.alpha}), ${bad === 0 ? 'none regressed' : `${bad} not passed (above)`}`,
    );
  }
  if (summary.untestedSlices.length > 0) {
    reasons.push(
      `slices not tested on their own (fewer than ${policy.dataset.minItemsPerSlice} items): ${summary.untestedSlices.map((s) => `${s.slice} (${s.n})`).join(', ')}`,
    );
  }
  if (summary.failedCalls.candidate > 0 || (summary.failedCalls.baseline ?? 0) > 0) {
    reasons.push(
      `failed calls: candidate ${summary.failedCalls.candidate} of ${summary.failedCalls.callsPerModel} (counted as wrong answers)` +
        (summary.failedCalls.baseline !== null
          ? `, baseline ${summary.failedCalls.baseline} of ${summary.failedCalls.callsPerModel} (${summary.items.excludedFromQuality} items left out of the quality comparison)`
          : ''),
    );
  }
  return reasons;
}

function metricsOf(summary: RegressionSummary): GateResult['metrics'] {
  const metrics: GateResult['metrics'] = {
    firstDeployment: summary.firstDeployment,
    items: summary.items.total,
    runs: summary.runs,
    'failedCalls.candidate': summary.failedCalls.candidate,
    'memory.measured': summary.rows.some((row) => row.metric === 'memory' && row.verdict !== 'not_applicable'),
  };
  if (summary.failedCalls.baseline !== null) metrics['failedCalls.baseline'] = summary.failedCalls.baseline;
  for (const row of summary.rows) {
    const key = row.scope === 'all' ? row.metric : `${row.scope}.${row.metric}`;
    metrics[`${key}.verdict`] = row.verdict;
    if (row.candidate !== null && isFiniteNumber(row.candidate)) metrics[`${key}.candidate`] = row.candidate;
    if (row.baseline !== null && isFiniteNumber(row.baseline)) metrics[`${key}.baseline`] = row.baseline;
    if (row.relativeChange !== null && isFiniteNumber(row.relativeChange)) metrics[`${key}.relativeChange`] = row.relativeChange;
    if (row.pValue !== null) metrics[`${key}.pValue`] = row.pValue;
  }
  return metrics;
}
