/**
 * The Hodges-Lehmann shift between two samples with its confidence interval, as R's
 * `wilcox.test(x, y, conf.int = TRUE)` (two-sample, two-sided) and Kayenta's Mann-Whitney classifier:
 * the estimate is the median of the m·n pairwise differences xᵢ − yⱼ, and the interval is a pair of
 * their order statistics (Hollander & Wolfe 1999, §4.3).
 *
 * - Exact (both samples under 50 and no ties, R's rule): the lower bound is the q-th smallest
 *   difference with q = qwilcox(α/2, m, n) (at least 1), the upper the (m·n − q + 1)-th, as R.
 * - Otherwise the normal approximation to U with R's continuity correction and tie correction of the
 *   variance, read off the same ordered differences: the k-th smallest with
 *   k = ⌊m·n/2 + ½ − z₁₋α/₂·σ⌋, which is where R's `uniroot` over the step function lands.
 *
 * The m·n differences are never materialised (20,000 samples a slot would be 4·10⁸ of them): an order
 * statistic is found by bisecting over the ordered doubles with an O(m + n) count per step, so the
 * result is exact, deterministic and cheap enough for workflow code (no node modules, no clock).
 */
import { assertFinite } from './descriptive';
import { normalQuantile } from './distributions';

export interface HodgesLehmannResult {
  status: 'ok';
  /** Median of the pairwise differences x − y (same unit as the samples); > 0 when x tends larger. */
  estimate: number;
  /** Confidence interval for the shift, [lower, upper], from the ordered pairwise differences. */
  interval: [number, number];
  /** The confidence level asked for (e.g. 0.95). */
  confidence: number;
  /** 'exact' (Wilcoxon distribution) or 'normal' (approximation with continuity and tie correction). */
  method: 'exact' | 'normal';
  n1: number;
  n2: number;
}

export interface HodgesLehmannUndefined {
  status: 'undefined';
  reason: 'empty_sample';
  detail: string;
  n1: number;
  n2: number;
}

/** R's cut-off for the exact distribution: both samples shorter than this and no ties. */
const EXACT_BELOW = 50;

/**
 * Hodges-Lehmann estimate of the shift x − y with its two-sided confidence interval at `confidence`.
 * Throws on NaN/Infinity or a confidence outside (0, 1); an empty sample is `undefined`.
 */
export function hodgesLehmannShift(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  confidence = 0.95,
): HodgesLehmannResult | HodgesLehmannUndefined {
  assertFinite(x, 'x');
  assertFinite(y, 'y');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) {
    return { status: 'undefined', reason: 'empty_sample', detail: `the Hodges-Lehmann shift needs two non-empty samples, got ${m} and ${n}`, n1: m, n2: n };
  }
  const xs = Float64Array.from(x).sort();
  const ys = Float64Array.from(y).sort();
  const pairs = m * n;
  const alpha = 1 - confidence;
  const tieTerm = tieSum(xs, ys);
  const method = m < EXACT_BELOW && n < EXACT_BELOW && tieTerm === 0 ? 'exact' : 'normal';
  let lowerRank: number;
  if (method === 'exact') {
    lowerRank = Math.max(1, wilcoxonQuantile(alpha / 2, m, n));
  } else {
    const total = m + n;
    const sigma = Math.sqrt((pairs / 12) * (total + 1 - tieTerm / (total * (total - 1))));
    lowerRank = Math.max(1, Math.floor(pairs / 2 + 0.5 - normalQuantile(1 - alpha / 2) * sigma));
  }
  lowerRank = Math.min(lowerRank, pairs);
  const upperRank = pairs - lowerRank + 1;
  const half = pairs / 2;
  const estimate =
    pairs % 2 === 1
      ? kthDifference(xs, ys, Math.ceil(half))
      : (kthDifference(xs, ys, half) + kthDifference(xs, ys, half + 1)) / 2;
  const bounds = [kthDifference(xs, ys, lowerRank), kthDifference(xs, ys, upperRank)].sort((a, b) => a - b);
  return { status: 'ok', estimate, interval: [bounds[0]!, bounds[1]!], confidence, method, n1: m, n2: n };
}

/**
 * The exact null distribution of the Mann-Whitney U (no ties) for samples of m and n, as
 * probabilities P(U = 0 … m·n): the coefficients of the Gaussian binomial [m+n choose n]_q,
 * built as ∏ᵢ₌₁ⁿ (1 − q^(m+i)) / (1 − q^i), each step exact in counts, then normalised.
 */
export function wilcoxonDistribution(m: number, n: number): Float64Array {
  for (const [name, value] of [['m', m], ['n', n]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  let counts = new Float64Array(1).fill(1);
  for (let i = 1; i <= n; i++) {
    const next = new Float64Array(m * i + 1);
    // Multiply by (1 − q^(m+i)); the terms past degree m·i cancel in the division that follows.
    const lift = m + i;
    for (let k = 0; k < next.length; k++) next[k] = (counts[k] ?? 0) - (k >= lift ? (counts[k - lift] ?? 0) : 0);
    // Divide by (1 − q^i): a running sum with stride i.
    for (let k = i; k < next.length; k++) next[k]! += next[k - i]!;
    counts = next;
  }
  let total = 0;
  for (const c of counts) total += c;
  return counts.map((c) => c / total);
}

/** R's `qwilcox(p, m, n)`: the smallest q with P(U ≤ q) ≥ p (with R's 10·ε allowance). */
export function wilcoxonQuantile(p: number, m: number, n: number): number {
  const probabilities = wilcoxonDistribution(m, n);
  const target = p - 10 * Number.EPSILON;
  let cumulative = 0;
  for (let q = 0; q < probabilities.length; q++) {
    cumulative += probabilities[q]!;
    if (cumulative >= target) return q;
  }
  return probabilities.length - 1;
}

/** Σ (t³ − t) over the groups of tied values in both (sorted) samples together. */
function tieSum(xs: Float64Array, ys: Float64Array): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < xs.length || j < ys.length) {
    const value = i < xs.length && (j >= ys.length || xs[i]! <= ys[j]!) ? xs[i]! : ys[j]!;
    let tied = 0;
    while (i < xs.length && xs[i] === value) (i++, tied++);
    while (j < ys.length && ys[j] === value) (j++, tied++);
    if (tied > 1) sum += tied * tied * tied - tied;
  }
  return sum;
}

/** How many differences xs[i] − ys[j] are ≤ d (both sorted ascending): one O(m + n) walk. */
function countAtMost(xs: Float64Array, ys: Float64Array, d: number): number {
  let count = 0;
  let j = 0;
  for (let i = 0; i < xs.length; i++) {
    // xs[i] − ys[j] falls as j grows; the j with a difference ≤ d form a suffix that only moves right.
    while (j < ys.length && xs[i]! - ys[j]! > d) j++;
    count += ys.length - j;
  }
  return count;
}

/**
 * The k-th smallest (1-based) of the differences xs[i] − ys[j], exactly: bisection over the doubles
 * in their order (at most 64 steps on the 64-bit ordering key), keeping count(≤ lo) < k ≤ count(≤ hi)
 * until lo and hi are neighbouring doubles; then hi is a difference, and the k-th.
 */
function kthDifference(xs: Float64Array, ys: Float64Array, k: number): number {
  let lo = orderKey(xs[0]! - ys[ys.length - 1]!);
  if (countAtMost(xs, ys, fromOrderKey(lo)) >= k) return fromOrderKey(lo);
  let hi = orderKey(xs[xs.length - 1]! - ys[0]!);
  while (hi - lo > 1n) {
    const mid = (lo + hi) >> 1n;
    if (countAtMost(xs, ys, fromOrderKey(mid)) >= k) hi = mid;
    else lo = mid;
  }
  return fromOrderKey(hi);
}

const bits = new DataView(new ArrayBuffer(8));
const SIGN = 1n << 63n;

/** A signed integer in the same order as the double (−0 and +0 both map to 0). */
function orderKey(value: number): bigint {
  bits.setFloat64(0, value);
  const raw = bits.getBigUint64(0);
  return raw & SIGN ? -(raw & ~SIGN) : raw;
}

function fromOrderKey(key: bigint): number {
  bits.setBigUint64(0, key < 0n ? -key | SIGN : key);
  return bits.getFloat64(0);
}
