/**
 * Hypothesis tests and effect sizes used by the gates: McNemar's exact test and Cohen's d on paired
 * outcomes (regression), Mann-Whitney U and the two-proportion z-test (canary), Holm's correction
 * (slices). Each matches a reference implementation named in its comment.
 *
 * Where a quantity does not exist (an empty sample, zero variance with a non-zero mean) the result is
 * `{ status: 'undefined', reason }`, never NaN, so the caller has to decide (fail closed).
 */
import { assertFinite, mean, sampleStandardDeviation } from './descriptive';
import { binomialTestTwoSided, normalCdf, normalSf } from './distributions';

export interface UndefinedTestResult<Reason extends string> {
  status: 'undefined';
  reason: Reason;
  /** One sentence for the report. */
  detail: string;
}

// ---------------------------------------------------------------------------------------------
// McNemar

export interface McNemarResult {
  /** Pairs where only the first (e.g. candidate) is a success. */
  b: number;
  /** Pairs where only the second (e.g. baseline) is a success. */
  c: number;
  /** Discordant pairs b + c. */
  discordant: number;
  /** Two-sided exact p-value; 1 when there are no discordant pairs (nothing contradicts H0). */
  pValue: number;
}

/**
 * McNemar's exact test: conditional on the b + c discordant pairs, b ~ Binomial(b + c, ½) under H0.
 * Same p-value as R's `binom.test(b, b + c)` and statsmodels' `mcnemar(table, exact=True)`, i.e.
 * min(1, 2·P(X ≤ min(b, c))).
 */
export function mcnemarExact(b: number, c: number): McNemarResult {
  for (const [name, value] of [['b', b], ['c', c]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  const discordant = b + c;
  const pValue = discordant === 0 ? 1 : binomialTestTwoSided(b, discordant, 0.5);
  return { b, c, discordant, pValue };
}

// ---------------------------------------------------------------------------------------------
// Cohen's d on paired differences

export interface CohensDResult {
  status: 'ok';
  /** d_z = mean(diffs) / sd(diffs); 0 when every difference is 0. */
  d: number;
  meanDiff: number;
  /** Sample standard deviation of the differences (n − 1). */
  sdDiff: number;
  n: number;
}

export type CohensDUndefined = UndefinedTestResult<'too_few_items' | 'zero_variance'> & {
  n: number;
  /** Present when there was at least one difference. */
  meanDiff: number | null;
};

/**
 * Cohen's d for paired data (d_z, Cohen 1988; Lakens 2013): the mean of the paired differences over
 * their standard deviation (n − 1), equal to t / √n of the paired t-test. Needs n ≥ 2; differences
 * that are all equal give d = 0 when they are all 0, and `zero_variance` otherwise (an infinite
 * standardized effect is not a number to compare with a threshold).
 */
export function cohensDPaired(diffs: ArrayLike<number>): CohensDResult | CohensDUndefined {
  assertFinite(diffs, 'diffs');
  const n = diffs.length;
  const meanDiff = mean(diffs);
  const sdDiff = sampleStandardDeviation(diffs);
  if (meanDiff === null || sdDiff === null) {
    return { status: 'undefined', reason: 'too_few_items', detail: `Cohen's d needs at least 2 paired items, got ${n}`, n, meanDiff };
  }
  if (sdDiff === 0) {
    if (meanDiff === 0) return { status: 'ok', d: 0, meanDiff, sdDiff, n };
    return {
      status: 'undefined',
      reason: 'zero_variance',
      detail: `every paired difference equals ${meanDiff}: the standardized effect is unbounded`,
      n,
      meanDiff,
    };
  }
  return { status: 'ok', d: meanDiff / sdDiff, meanDiff, sdDiff, n };
}

// ---------------------------------------------------------------------------------------------
// Mann-Whitney U

export interface MannWhitneyOptions {
  /** Continuity correction of ½ toward the mean (default true, as scipy's default). */
  continuityCorrection?: boolean;
}

export interface MannWhitneyResult {
  status: 'ok';
  n1: number;
  n2: number;
  /** U of the first sample: #{(xᵢ, yⱼ) : xᵢ > yⱼ} + ½·#{xᵢ = yⱼ} (scipy's `statistic`). */
  u: number;
  /** Standardized U of the first sample, tie- and continuity-corrected; > 0 when x tends larger. 0 when all values are tied. */
  z: number;
  /** Two-sided p-value (normal approximation), as `scipy.stats.mannwhitneyu(x, y, method='asymptotic')`. */
  pValue: number;
  /** One-sided p-value for "x is stochastically greater than y" (scipy `alternative='greater'`). */
  pValueGreater: number;
  /** One-sided p-value for "x is stochastically less than y" (scipy `alternative='less'`). */
  pValueLess: number;
  effectSize: {
    /** Common-language effect size U / (n1·n2) = P(X > Y) + ½·P(X = Y); 0.5 = no effect. */
    commonLanguage: number;
    /** Rank-biserial correlation 2·CL − 1, in [−1, 1]; > 0 when x tends larger. */
    rankBiserial: number;
  };
}

export type MannWhitneyUndefined = UndefinedTestResult<'empty_sample'> & { n1: number; n2: number };

/**
 * Mann-Whitney U test (Wilcoxon rank-sum) with the normal approximation, the tie correction of the
 * variance and (by default) the continuity correction, as scipy's `mannwhitneyu(method='asymptotic')`.
 * Sorts each sample once and merges them to assign mid-ranks: O((n1 + n2)·log) time, typed arrays,
 * no per-element objects. All values tied (zero variance of U) is no evidence of a difference: z = 0,
 * p = 1.
 */
export function mannWhitneyU(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  opts: MannWhitneyOptions = {},
): MannWhitneyResult | MannWhitneyUndefined {
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) {
    return { status: 'undefined', reason: 'empty_sample', detail: `Mann-Whitney needs two non-empty samples, got ${n1} and ${n2}`, n1, n2 };
  }
  const xs = Float64Array.from(x).sort();
  const ys = Float64Array.from(y).sort();

  // Walk both sorted samples by distinct value; each run of t tied values spans ranks
  // rank+1 … rank+t, so each gets the mid-rank rank + (t + 1)/2.
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSumX = 0;
  let tieTerm = 0; // Σ (t³ − t) over tie groups
  while (i < n1 || j < n2) {
    const value = i < n1 && (j >= n2 || xs[i]! <= ys[j]!) ? xs[i]! : ys[j]!;
    let inX = 0;
    while (i < n1 && xs[i] === value) {
      i++;
      inX++;
    }
    let inY = 0;
    while (j < n2 && ys[j] === value) {
      j++;
      inY++;
    }
    const tied = inX + inY;
    rankSumX += inX * (rank + (tied + 1) / 2);
    rank += tied;
    if (tied > 1) tieTerm += tied * tied * tied - tied;
  }

  const total = n1 + n2;
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  const meanU = (n1 * n2) / 2;
  const varianceU = ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  const commonLanguage = u / (n1 * n2);
  const effectSize = { commonLanguage, rankBiserial: 2 * commonLanguage - 1 };
  if (!(varianceU > 0)) {
    return { status: 'ok', n1, n2, u, z: 0, pValue: 1, pValueGreater: 1, pValueLess: 1, effectSize };
  }
  const sd = Math.sqrt(varianceU);
  const correction = opts.continuityCorrection === false ? 0 : 0.5;
  const deviation = u - meanU;
  // Two-sided: shrink |U − mean| by the correction (not past 0), as scipy does with max(U1, U2).
  const z = (Math.sign(deviation) * Math.max(0, Math.abs(deviation) - correction)) / sd;
  const pValue = Math.min(1, 2 * normalSf(Math.abs(z)));
  const pValueGreater = normalSf((deviation - correction) / sd);
  const pValueLess = normalCdf((deviation + correction) / sd);
  return { status: 'ok', n1, n2, u, z, pValue, pValueGreater, pValueLess, effectSize };
}

// ---------------------------------------------------------------------------------------------
// Two proportions

export interface TwoProportionResult {
  status: 'ok';
  p1: number;
  p2: number;
  /** p1 − p2. */
  diff: number;
  /** Pooled proportion (x1 + x2) / (n1 + n2). */
  pooled: number;
  /** Pooled standard error of the difference; 0 when the pooled proportion is 0 or 1. */
  se: number;
  /** diff / se; 0 when se = 0 (then diff = 0 too). */
  z: number;
  /** Two-sided p-value; 1 when se = 0. */
  pValue: number;
}

export type TwoProportionUndefined = UndefinedTestResult<'empty_sample'> & { n1: number; n2: number };

/**
 * Two-sample z-test for proportions with the pooled variance under H0: p1 = p2, as statsmodels'
 * `proportions_ztest([x1, x2], [n1, n2])` and R's `prop.test(correct = FALSE)` (whose X² is z²).
 */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): TwoProportionResult | TwoProportionUndefined {
  for (const [name, count, total] of [['x1', x1, n1], ['x2', x2, n2]] as const) {
    if (!Number.isInteger(total) || total < 0) throw new RangeError(`sample size for ${name} must be a non-negative integer, got ${total}`);
    if (!Number.isInteger(count) || count < 0 || count > total) {
      throw new RangeError(`${name} must be an integer in [0, ${total}], got ${count}`);
    }
  }
  if (n1 === 0 || n2 === 0) {
    return { status: 'undefined', reason: 'empty_sample', detail: `two-proportion test needs two non-empty samples, got ${n1} and ${n2}`, n1, n2 };
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { status: 'ok', p1, p2, diff, pooled, se, z: 0, pValue: 1 };
  const z = diff / se;
  return { status: 'ok', p1, p2, diff, pooled, se, z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

// ---------------------------------------------------------------------------------------------
// Holm

/**
 * Holm's step-down adjustment (Holm 1979), as R's `p.adjust(p, method = "holm")`: with p sorted
 * ascending, p̃₍ᵢ₎ = min(1, max_{j≤i} (m − j + 1)·p₍ⱼ₎). Returned in the input's order. Every p-value
 * must be in [0, 1]; NaN is rejected (R would drop it, which here would hide a failed test).
 */
export function holmAdjust(pValues: ArrayLike<number>): number[] {
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i]!;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${i}] must be in [0, 1], got ${p}`);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a]! - pValues[b]! || a - b);
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  order.forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = runningMax;
  });
  return adjusted;
}
