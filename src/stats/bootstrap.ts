/**
 * Seeded bootstrap confidence intervals.
 *
 * Every interval is the percentile interval: the α/2 and 1 − α/2 quantiles (α = 1 − confidence) of
 * the B bootstrap statistics, with the same linear interpolation as `quantileSorted` (numpy's
 * default). A result is a pure function of (data, resamples, confidence, seed): a run seeded from its
 * run id reproduces its report exactly.
 *
 * Where a statistic does not exist (no items; a relative change over a zero baseline; an interval
 * endpoint that is infinite) the result is `{ status: 'undefined', reason }` instead of numbers, so
 * a caller cannot read a NaN or an Infinity as a measurement: it must handle the case (fail closed).
 */
import { quantileSorted, assertFinite } from './descriptive';
import { createRng, indexDrawParameters, normalizeSeed, sampleBinomial, type Seed } from './random';
import { MAX_PAIRED_ITEMS, resampledPairSums } from './resampled-pair-sums';

export { resampledPairSums } from './resampled-pair-sums';

// Bound once: inside a vm context (jest, Temporal's workflow sandbox) each lookup of a global such as
// `Math` goes through the context's global proxy and makes hot loops ~100x slower.
const { abs, ceil, floor, min } = Math;

export interface BootstrapOptions {
  /** Number of bootstrap resamples B (≥ 1; 10,000 is the gates' default). */
  resamples: number;
  /** Two-sided confidence level, strictly between 0 and 1 (e.g. 0.95). */
  confidence: number;
  /** Seed: a non-negative safe integer or a string such as the run id. */
  seed: Seed;
}

/**
 * `mean`: mean(candidate − baseline).
 * `relative_mean`: (mean(candidate) − mean(baseline)) / |mean(baseline)|, undefined when
 * mean(baseline) = 0.
 */
export type PairedStatistic = 'mean' | 'relative_mean';

export interface PairedBootstrapOptions extends BootstrapOptions {
  statistic?: PairedStatistic;
}

export type BootstrapUndefinedReason =
  /** No items to resample. */
  | 'no_items'
  /** `relative_mean` with mean(baseline) = 0 on the observed data: a relative change does not exist. */
  | 'baseline_mean_zero'
  /** The statistic was NaN on the observed data or on some resample (e.g. a group absent from it). */
  | 'statistic_not_finite'
  /** An interval endpoint is ±Infinity (e.g. too many resamples with a zero baseline mean). */
  | 'interval_not_finite';

export interface BootstrapInterval {
  status: 'ok';
  /** The statistic on the observed data. */
  estimate: number;
  /** Percentile interval [lower, upper]. */
  ci: [number, number];
  resamples: number;
  /** Number of items (pairs, for the paired functions). */
  n: number;
  confidence: number;
  /**
   * Resamples whose statistic was ±Infinity (a relative change over a resampled baseline mean of 0).
   * They take part in the ordering; the interval is returned only when both endpoints are finite.
   */
  infiniteResamples: number;
}

export interface BootstrapUndefined {
  status: 'undefined';
  reason: BootstrapUndefinedReason;
  /** One sentence for the report. */
  detail: string;
  resamples: number;
  n: number;
  confidence: number;
}

export type BootstrapResult = BootstrapInterval | BootstrapUndefined;

/** Counts of the four cells of paired binary outcomes (candidate, baseline). */
export interface PairedBinaryCells {
  /** Both correct (1, 1). */
  both: number;
  /** Candidate only (1, 0): candidate better. */
  candidateOnly: number;
  /** Baseline only (0, 1): candidate worse. */
  baselineOnly: number;
  /** Neither (0, 0). */
  neither: number;
}

const TWO_POW_32 = 4294967296;
const MAX_RESAMPLES = 10_000_000;

function validateOptions(opts: BootstrapOptions): void {
  if (!Number.isInteger(opts.resamples) || opts.resamples < 1 || opts.resamples > MAX_RESAMPLES) {
    throw new RangeError(`resamples must be an integer in [1, ${MAX_RESAMPLES}], got ${opts.resamples}`);
  }
  if (!(opts.confidence > 0 && opts.confidence < 1)) {
    throw new RangeError(`confidence must be strictly between 0 and 1, got ${opts.confidence}`);
  }
  normalizeSeed(opts.seed);
}

function pairedStatistic(opts: PairedBootstrapOptions): PairedStatistic {
  const statistic = opts.statistic ?? 'mean';
  if (statistic !== 'mean' && statistic !== 'relative_mean') {
    throw new RangeError(`statistic must be 'mean' or 'relative_mean', got ${String(statistic)}`);
  }
  return statistic;
}

function undefinedResult(
  reason: BootstrapUndefinedReason,
  detail: string,
  n: number,
  opts: BootstrapOptions,
): BootstrapUndefined {
  return { status: 'undefined', reason, detail, resamples: opts.resamples, n, confidence: opts.confidence };
}

/**
 * Quantile of sorted statistics that may hold ±Infinity at the ends: where an interpolation would
 * touch an infinite neighbour, that infinity is returned (the conservative, wider choice) instead of
 * the NaN that ∞ − ∞ would give.
 */
function extendedQuantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const below = sorted[floor(h)]!;
  const above = sorted[ceil(h)]!;
  if (below === -Infinity) return below;
  if (above === Infinity) return above;
  return quantileSorted(sorted, p);
}

/**
 * Percentile interval of bootstrap statistics. Sorts `statistics` in place. The statistics must not
 * contain NaN (callers check first); ±Infinity are allowed and may make an endpoint infinite.
 */
export function percentileInterval(statistics: Float64Array, confidence: number): [number, number] {
  if (statistics.length === 0) throw new RangeError('percentileInterval needs at least one statistic');
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  }
  statistics.sort();
  const alpha = 1 - confidence;
  return [extendedQuantileSorted(statistics, alpha / 2), extendedQuantileSorted(statistics, 1 - alpha / 2)];
}

/** Turns an estimate and the bootstrap statistics into a result, never exposing NaN or Infinity. */
function summarize(estimate: number, statistics: Float64Array, n: number, opts: BootstrapOptions): BootstrapResult {
  if (!Number.isFinite(estimate)) {
    return undefinedResult('statistic_not_finite', `the statistic on the observed data is ${estimate}`, n, opts);
  }
  let nanCount = 0;
  let infiniteResamples = 0;
  for (let r = 0; r < statistics.length; r++) {
    const value = statistics[r]!;
    if (value !== value) nanCount++;
    else if (value === Infinity || value === -Infinity) infiniteResamples++;
  }
  if (nanCount > 0) {
    return undefinedResult(
      'statistic_not_finite',
      `the statistic is undefined (NaN) in ${nanCount} of ${statistics.length} resamples`,
      n,
      opts,
    );
  }
  const ci = percentileInterval(statistics, opts.confidence);
  if (!Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) {
    return undefinedResult(
      'interval_not_finite',
      `${infiniteResamples} of ${statistics.length} resamples have an infinite statistic, so an interval endpoint is infinite`,
      n,
      opts,
    );
  }
  return { status: 'ok', estimate, ci, resamples: opts.resamples, n, confidence: opts.confidence, infiniteResamples };
}

/** Relative change sumDiff / |sumBaseline| of one resample, with the zero-baseline cases made explicit. */
function relativeChange(sumDiff: number, sumBaseline: number): number {
  if (sumBaseline !== 0) return sumDiff / abs(sumBaseline);
  // Baseline mean 0 in this resample: no change if the candidate is 0 too, else an unbounded change.
  if (sumDiff === 0) return 0;
  return sumDiff > 0 ? Infinity : -Infinity;
}

/**
 * Paired bootstrap of the difference candidate − baseline over the same items: item indices are
 * resampled jointly, so per-item difficulty cancels. `statistic` (default `mean`):
 * - `mean`: mean(candidate − baseline), in the metric's units;
 * - `relative_mean`: (mean(c) − mean(b)) / |mean(b)|. When mean(b) = 0 on the observed data the
 *   result is `{ status: 'undefined', reason: 'baseline_mean_zero' }`. A resample whose baseline mean
 *   is 0 counts as +∞/−∞ (or 0 when its candidate mean is 0 too); if that reaches an endpoint the
 *   result is `interval_not_finite`.
 */
export function pairedBootstrapDiff(
  candidate: ArrayLike<number>,
  baseline: ArrayLike<number>,
  opts: PairedBootstrapOptions,
): BootstrapResult {
  validateOptions(opts);
  if (candidate.length !== baseline.length) {
    throw new RangeError(`paired samples differ in length: ${candidate.length} vs ${baseline.length}`);
  }
  assertFinite(candidate, 'candidate');
  assertFinite(baseline, 'baseline');
  const n = candidate.length;
  const statistic = pairedStatistic(opts);
  if (n === 0) return undefinedResult('no_items', 'no paired items to compare', 0, opts);
  if (n > MAX_PAIRED_ITEMS) throw new RangeError(`at most ${MAX_PAIRED_ITEMS} paired items, got ${n}`);

  // Interleaved (candidate − baseline, baseline) pairs: both statistics resample the same indices.
  const pairs = new Float64Array(2 * n);
  let sumDiff = 0;
  let sumBase = 0;
  for (let i = 0; i < n; i++) {
    const diff = candidate[i]! - baseline[i]!;
    pairs[2 * i] = diff;
    pairs[2 * i + 1] = baseline[i]!;
    sumDiff += diff;
    sumBase += baseline[i]!;
  }
  if (statistic === 'relative_mean' && sumBase === 0) {
    return undefinedResult('baseline_mean_zero', 'the baseline mean is 0, so a relative change does not exist', n, opts);
  }
  const diffSums = new Float64Array(opts.resamples);
  const baseSums = new Float64Array(opts.resamples);
  resampledPairSums(createRng(opts.seed), pairs, diffSums, baseSums);
  if (statistic === 'mean') {
    for (let r = 0; r < opts.resamples; r++) diffSums[r] = diffSums[r]! / n;
    return summarize(sumDiff / n, diffSums, n, opts);
  }
  for (let r = 0; r < opts.resamples; r++) diffSums[r] = relativeChange(diffSums[r]!, baseSums[r]!);
  return summarize(sumDiff / abs(sumBase), diffSums, n, opts);
}

function asBit(value: unknown, name: string, index: number): 0 | 1 {
  if (value === 1 || value === true) return 1;
  if (value === 0 || value === false) return 0;
  throw new RangeError(`${name}[${index}] must be 0, 1, true or false, got ${String(value)}`);
}

/** Counts the four cells of paired binary outcomes. */
export function pairedBinaryCells(
  candidate: ArrayLike<0 | 1 | boolean>,
  baseline: ArrayLike<0 | 1 | boolean>,
): PairedBinaryCells {
  if (candidate.length !== baseline.length) {
    throw new RangeError(`paired samples differ in length: ${candidate.length} vs ${baseline.length}`);
  }
  const cells: PairedBinaryCells = { both: 0, candidateOnly: 0, baselineOnly: 0, neither: 0 };
  for (let i = 0; i < candidate.length; i++) {
    const c = asBit(candidate[i], 'candidate', i);
    const b = asBit(baseline[i], 'baseline', i);
    if (c === 1) {
      if (b === 1) cells.both++;
      else cells.candidateOnly++;
    } else if (b === 1) cells.baselineOnly++;
    else cells.neither++;
  }
  return cells;
}

/** count / total as a probability, with 0/0 = 0 (a cell that cannot be drawn). */
function conditionalProbability(count: number, total: number): number {
  return total === 0 ? 0 : min(1, count / total);
}

/**
 * The paired bootstrap of binary outcomes from the cell counts alone: resampling n items with
 * replacement is a Multinomial(n; cell shares) draw of the four cells, sampled as a chain of
 * binomials (O(1) per resample instead of O(n)). Same distribution, hence the same interval up to
 * Monte Carlo error, as `pairedBootstrapDiff` on the 0/1 arrays; the streams differ.
 */
export function pairedBootstrapCells(cells: PairedBinaryCells, opts: PairedBootstrapOptions): BootstrapResult {
  validateOptions(opts);
  for (const [name, count] of Object.entries(cells)) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`cell ${name} must be a non-negative integer, got ${count}`);
  }
  const { both, candidateOnly, baselineOnly } = cells;
  const n = both + candidateOnly + baselineOnly + cells.neither;
  const statistic = pairedStatistic(opts);
  if (n === 0) return undefinedResult('no_items', 'no paired items to compare', 0, opts);

  const rng = createRng(opts.seed);
  const statistics = new Float64Array(opts.resamples);
  const pCandidateOnly = candidateOnly / n;
  const pBaselineOnly = conditionalProbability(baselineOnly, n - candidateOnly);
  const pBoth = conditionalProbability(both, n - candidateOnly - baselineOnly);

  if (statistic === 'mean') {
    for (let r = 0; r < opts.resamples; r++) {
      const k10 = sampleBinomial(rng, n, pCandidateOnly);
      const k01 = sampleBinomial(rng, n - k10, pBaselineOnly);
      statistics[r] = (k10 - k01) / n;
    }
    return summarize((candidateOnly - baselineOnly) / n, statistics, n, opts);
  }
  const baselineCorrect = both + baselineOnly;
  if (baselineCorrect === 0) {
    return undefinedResult('baseline_mean_zero', 'the baseline mean is 0, so a relative change does not exist', n, opts);
  }
  for (let r = 0; r < opts.resamples; r++) {
    const k10 = sampleBinomial(rng, n, pCandidateOnly);
    const k01 = sampleBinomial(rng, n - k10, pBaselineOnly);
    const k11 = sampleBinomial(rng, n - k10 - k01, pBoth);
    statistics[r] = relativeChange(k10 - k01, k11 + k01);
  }
  return summarize((candidateOnly - baselineOnly) / baselineCorrect, statistics, n, opts);
}

/**
 * Paired bootstrap for binary outcomes (correct / incorrect per item) using only the four cell
 * counts: 10,000 resamples cost the same for 500 or 5,000,000 items. Statistics as
 * `pairedBootstrapDiff` (`mean` is the difference in accuracy).
 */
export function pairedBootstrapBinary(
  candidate: ArrayLike<0 | 1 | boolean>,
  baseline: ArrayLike<0 | 1 | boolean>,
  opts: PairedBootstrapOptions,
): BootstrapResult {
  return pairedBootstrapCells(pairedBinaryCells(candidate, baseline), opts);
}

/**
 * Runs `fn` on `resamples` bootstrap resamples of the indices 0..n−1 (uniform, with replacement) and
 * returns its values in order. One index buffer is reused: `fn` must not keep a reference to it.
 * For statistics over several parallel arrays (e.g. group, label, prediction for fairness gaps).
 */
export function bootstrapIndices(
  n: number,
  resamples: number,
  seed: Seed,
  fn: (indices: Uint32Array) => number,
): Float64Array {
  if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32 - 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > MAX_RESAMPLES) {
    throw new RangeError(`resamples must be an integer in [1, ${MAX_RESAMPLES}], got ${resamples}`);
  }
  const rng = createRng(seed);
  const draw = indexDrawParameters(n);
  const indices = new Uint32Array(n);
  const values = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = rng.nextIndex(draw);
    values[r] = fn(indices);
  }
  return values;
}

/**
 * Percentile bootstrap interval of a statistic over item indices: the estimate is `statistic` on the
 * identity indices 0..n−1. `statistic` returns NaN for a resample where it does not exist (e.g. a
 * group absent from it): then the result is `statistic_not_finite`, never a silently narrower interval.
 */
export function bootstrapIndicesCI(
  n: number,
  statistic: (indices: Uint32Array) => number,
  opts: BootstrapOptions,
): BootstrapResult {
  validateOptions(opts);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (n === 0) return undefinedResult('no_items', 'no items to resample', 0, opts);
  const identity = new Uint32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const estimate = statistic(identity);
  return summarize(estimate, bootstrapIndices(n, opts.resamples, opts.seed, statistic), n, opts);
}

/**
 * Percentile bootstrap interval of a one-sample statistic (e.g. a median or a p99). `statistic`
 * receives a reused buffer of the resampled values and must not keep a reference to it.
 */
export function bootstrapCI(
  values: ArrayLike<number>,
  statistic: (sample: Float64Array) => number,
  opts: BootstrapOptions,
): BootstrapResult {
  validateOptions(opts);
  assertFinite(values);
  const n = values.length;
  if (n === 0) return undefinedResult('no_items', 'no values to resample', 0, opts);
  const data = Float64Array.from(values);
  const sample = new Float64Array(n);
  const estimate = statistic(Float64Array.from(data));
  const statistics = bootstrapIndices(n, opts.resamples, opts.seed, (indices) => {
    for (let i = 0; i < n; i++) sample[i] = data[indices[i]!]!;
    return statistic(sample);
  });
  return summarize(estimate, statistics, n, opts);
}
