/**
 * Normal and binomial distribution functions, accurate to a few ulps including far tails.
 *
 * Written here rather than taken from simple-statistics: its `probit(0.975)` is 1.95716 (true value
 * 1.95996) and its normal CDF is a 2-decimal table, both far too coarse for interval bounds and
 * p-values that decide a deployment.
 */

// Bound once: inside a vm context (jest, Temporal's workflow sandbox) each lookup of a global such as
// `Math` goes through the context's global proxy and makes hot loops ~100x slower.
const { abs, ceil, exp, floor, log, log1p, min, sqrt } = Math;

const SQRT_TWO_PI = sqrt(2 * Math.PI);
/**
 * Below this z the series for Φ is used (cancellation in ½ − φ·S costs at most ~3 ulps there); above
 * it the continued fraction, which converges more slowly the smaller z is.
 */
const SERIES_LIMIT = 1;

/** Depth at which the tail's continued fraction has converged to double precision (measured). */
function continuedFractionDepth(z: number): number {
  if (z >= 3) return 120;
  if (z >= 2) return 250;
  if (z >= 1.5) return 400;
  return 1000;
}

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return exp(-0.5 * z * z) / SQRT_TWO_PI;
}

/**
 * Upper tail Q(z) = P(Z > z) for z ≥ 0, with relative accuracy ~1e-14 even where Q is tiny.
 * Small z: Φ(z) − ½ = φ(z)·(z + z³/3 + z⁵/(3·5) + …) (all terms positive, no cancellation in the sum).
 * Large z: Laplace's continued fraction Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))).
 */
function upperTail(z: number): number {
  if (z === Infinity) return 0;
  if (z < SERIES_LIMIT) {
    const z2 = z * z;
    let term = z;
    let sum = z;
    for (let k = 3; ; k += 2) {
      term *= z2 / k;
      const next = sum + term;
      if (next === sum) break;
      sum = next;
    }
    return 0.5 - normalPdf(z) * sum;
  }
  let fraction = z;
  for (let k = continuedFractionDepth(z); k >= 1; k--) fraction = z + k / fraction;
  return normalPdf(z) / fraction;
}

/** Standard normal CDF Φ(z) = P(Z ≤ z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalCdf of NaN');
  return z >= 0 ? 1 - upperTail(z) : upperTail(-z);
}

/** Standard normal survival function P(Z > z) = 1 − Φ(z), accurate in the upper tail. */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalSf of NaN');
  return z >= 0 ? upperTail(z) : 1 - upperTail(-z);
}

// Acklam's rational approximation (relative error < 1.2e-9), refined below to full precision.
const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const ACKLAM_LOW = 0.02425;

function acklamLowerHalf(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = ACKLAM_B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = ACKLAM_D as [number, number, number, number];
  if (p < ACKLAM_LOW) {
    const q = sqrt(-2 * log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * Standard normal quantile Φ⁻¹(p) (the probit), to full double precision: Acklam's approximation
 * followed by Halley steps on the accurate CDF. Computed on min(p, 1 − p) (exact in floating point
 * for p ≥ ½) so both tails keep their relative accuracy. p = 0 → −Infinity, p = 1 → +Infinity, which
 * callers of this library never pass (confidence levels are validated to lie strictly inside (0, 1)).
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs p in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const lower = p < 0.5 ? p : 1 - p;
  let x = acklamLowerHalf(lower); // negative
  for (let i = 0; i < 3; i++) {
    const error = upperTail(-x) - lower; // Φ(x) − lower, x < 0
    const u = (error * SQRT_TWO_PI) * exp(0.5 * x * x);
    if (!Number.isFinite(u)) break; // only for p near the smallest subnormal: keep Acklam's value
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (abs(step) <= 1e-16 * abs(x)) break;
  }
  return p < 0.5 ? x : -x;
}

/** Two-sided critical value z with P(|Z| ≤ z) = confidence. */
export function twoSidedCriticalValue(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  }
  return normalQuantile(1 - (1 - confidence) / 2);
}

// ---------------------------------------------------------------------------------------------
// Binomial probabilities by Loader's saddle-point method ("Fast and accurate computation of binomial
// probabilities", 2000): accurate in relative terms for every n, also far in the tails.

const LOG_FACTORIAL_TABLE_SIZE = 16;
const LOG_FACTORIAL_TABLE = (() => {
  const table = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
  for (let k = 2; k < LOG_FACTORIAL_TABLE_SIZE; k++) table[k] = table[k - 1]! + log(k);
  return table;
})();

/** δ(n) = log(n!) − [½·log(2πn) + n·log(n) − n]: the error of Stirling's formula. */
function stirlingError(n: number): number {
  if (n < LOG_FACTORIAL_TABLE_SIZE) {
    if (n === 0) return 0; // unused by callers: n! terms with n = 0 are handled before
    return LOG_FACTORIAL_TABLE[n]! - (0.5 * log(2 * Math.PI * n) + n * log(n) - n);
  }
  const n2 = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * n2)) / n2) / n2) / n2) / n;
}

/** Deviance term x·log(x/m) + m − x, computed without cancellation when x ≈ m. */
function devianceTerm(x: number, m: number): number {
  if (abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let power = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      power *= v2;
      const next = sum + power / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * log(x / m) + m - x;
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  if (k === 0) return exp(n * log1p(-p));
  if (k === n) return exp(n * log(p));
  const logValue =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - devianceTerm(k, n * p) - devianceTerm(n - k, n * q);
  return exp(logValue) * sqrt(n / (2 * Math.PI * k * (n - k)));
}

/**
 * Σ P(X = i) for i from `from` stepping by `direction` (−1: down to 0, +1: up to n), summing from the
 * boundary into the tail with the pmf ratio recurrence until terms no longer change the sum.
 * Intended for tails (the terms decrease away from `from`).
 */
function binomialTailFrom(from: number, direction: -1 | 1, n: number, p: number): number {
  if (from < 0 || from > n) return 0;
  const q = 1 - p;
  let term = binomialPmf(from, n, p);
  let sum = term;
  let i = from;
  for (;;) {
    if (direction === -1) {
      if (i === 0) break;
      term *= (i / (n - i + 1)) * (q / p); // P(i−1) / P(i)
      i--;
    } else {
      if (i === n) break;
      term *= ((n - i) / (i + 1)) * (p / q); // P(i+1) / P(i)
      i++;
    }
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return sum;
}

/**
 * Two-sided exact binomial test p-value for x successes in n trials under success probability p,
 * exactly as R's `binom.test(x, n, p)` (the default "minlike" method): the probability of every
 * outcome no more likely than the observed one, with R's relative tolerance 1 + 1e-7 for ties.
 */
export function binomialTestTwoSided(x: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new RangeError(`x must be an integer in [0, n], got ${x}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  const mean = n * p;
  if (x === mean) return 1;
  const threshold = binomialPmf(x, n, p) * (1 + 1e-7);
  let pValue: number;
  if (x < mean) {
    // Other tail: the smallest i ≥ ceil(mean) with P(i) ≤ threshold (the pmf is non-increasing there).
    let lo = ceil(mean);
    let hi = n + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (binomialPmf(mid, n, p) <= threshold) hi = mid;
      else lo = mid + 1;
    }
    pValue = binomialTailFrom(x, -1, n, p) + binomialTailFrom(lo, 1, n, p);
  } else {
    // Other tail: the largest i ≤ floor(mean) with P(i) ≤ threshold (the pmf is non-decreasing there).
    let lo = -1;
    let hi = floor(mean);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (binomialPmf(mid, n, p) <= threshold) lo = mid;
      else hi = mid - 1;
    }
    pValue = binomialTailFrom(lo, -1, n, p) + binomialTailFrom(x, 1, n, p);
  }
  return min(1, pValue);
}
