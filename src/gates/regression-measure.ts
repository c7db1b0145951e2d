/**
 * The regression gate's measure step (src/gates/regression.ts): per-item values of each model over its
 * runs, measurement problems, and the resampling engine (scope columns, paired bootstrap buffers,
 * quantiles). Pure, no Node built-ins.
 */
import { bleuFromStatistics } from '../eval/judges/text-metrics';
import { quantileSorted } from '../stats';
import { metricsForCapability, type QualityMetric, type RegressionPolicy } from '../policy/sections/regression';
import type { Observation, RegressionMeasurements } from '../eval/regression/measurements';

// Bound once: module constants keep the resampling loops fast inside vm contexts (jest, workflows).
const { abs, floor, max } = Math;
const isFiniteNumber = Number.isFinite;

/** Above this share of items failed by the baseline, the comparison rests on too little: fail closed. */
export const MAX_BASELINE_FAILURE_SHARE = 0.1;
export const EPSILON = 1e-12;

/** The per-item metrics, in the order of the resampling buffers. */
export const ITEM_METRICS = ['accuracy', 'f1', 'bleu', 'latency_mean', 'latency_p99', 'ttft_mean'] as const;
export type ItemMetric = (typeof ITEM_METRICS)[number];
export const M = ITEM_METRICS.length;
export const BLEU_WIDTH = 10;


/** One model's values for one item, over its k runs. */
export interface SideValues {
  exact: number;
  f1: number;
  /** Sufficient statistics summed over runs; null when the item has no BLEU. */
  bleu: Float64Array | null;
  /** Latencies (ttfts) of the answered runs. */
  latencies: number[];
  ttfts: number[];
  failed: number;
}

export interface PreparedItem {
  capability: string;
  slices: readonly string[];
  metrics: ReadonlySet<QualityMetric>;
  candidate: SideValues;
  baseline: SideValues | null;
  /** False when the baseline failed on the item (left out of quality). */
  quality: boolean;
}

export function sideValues(observations: readonly Observation[]): SideValues {
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

export function prepare(measurements: RegressionMeasurements, policy: RegressionPolicy, run: number | null): PreparedItem[] {
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
export const ROW_ACCURACY = 0;
export const ROW_F1 = 2;
export const ROW_LATENCY = 4;
export const ROW_TTFT = 6;
export const ROW_BLEU = 8;
export const ROW_STRIDE = ROW_BLEU + 2 * BLEU_WIDTH;
/** Flag bits of `ScopeColumns`: which metrics an item has. */
export const HAS = [1, 2, 4, 8, 8, 16] as const; // accuracy, f1, bleu, latency (mean and p99), ttft
/** Row offset of each mean metric's candidate value, by ITEM_METRICS index (−1: not a mean metric). */
export const ROW_OF = [ROW_ACCURACY, ROW_F1, -1, ROW_LATENCY, -1, ROW_TTFT] as const;

/**
 * One scope's items as rows of a Float64Array (each item's values side by side, so a resampled item
 * is read from one place: ~3× faster than one array per metric) plus a flag byte per item, and the
 * aggregate of every per-item metric over a (re)sample of its item indices: the inner loop of the
 * bootstrap.
 */
export class ScopeColumns {
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

export function meanOf(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function bleuOf(sums: Float64Array): number {
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

export function p99(buffer: Float64Array, length: number): number {
  const needed = length - floor((length - 1) * 0.99);
  if (p99Top.length < needed) p99Top = new Float64Array(needed * 2);
  return upperQuantile(buffer, length, 0.99, p99Top);
}

export function median(values: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/** (c − b) / |b|: 0 when both are 0, ±∞ when only the baseline is 0, NaN when either is missing. */
export function relative(c: number, b: number): number {
  if (b !== b || c !== c) return NaN;
  if (b === 0) return c === 0 ? 0 : c > 0 ? Infinity : -Infinity;
  return (c - b) / abs(b);
}
