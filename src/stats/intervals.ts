/**
 * Confidence intervals for a proportion (Wilson score interval) and the sample size a rate needs
 * before its interval clears a threshold.
 */
import { twoSidedCriticalValue } from './distributions';

export interface WilsonInterval {
  successes: number;
  n: number;
  confidence: number;
  /** successes / n; `null` when n = 0 (no items: no rate, and nothing may pass on it). */
  estimate: number | null;
  /** Lower bound; 0 when n = 0. */
  lower: number;
  /** Upper bound; 1 when n = 0. */
  upper: number;
}

/** Wilson bounds for an observed rate p over n > 0 items with critical value z. */
function wilsonBounds(p: number, n: number, z: number): { lower: number; upper: number } {
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // Exact at the edges (p = 0 → lower 0, p = 1 → upper 1) and clamped against rounding elsewhere.
  const lower = p === 0 ? 0 : Math.max(0, Math.min(p, centre - halfWidth));
  const upper = p === 1 ? 1 : Math.min(1, Math.max(p, centre + halfWidth));
  return { lower, upper };
}

/**
 * Wilson score interval for `successes` out of `n` (Wilson 1927; Newcombe 1998, method 3): the
 * proportions π that a two-sided score test at this confidence would not reject,
 * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). Bounds lie in [0, 1] and contain the estimate.
 * n = 0 gives `estimate: null` with the uninformative bounds [0, 1].
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): WilsonInterval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be an integer in [0, n], got ${successes} of ${n}`);
  }
  const z = twoSidedCriticalValue(confidence);
  if (n === 0) return { successes, n, confidence, estimate: null, lower: 0, upper: 1 };
  const estimate = successes / n;
  return { successes, n, confidence, estimate, ...wilsonBounds(estimate, n, z) };
}

/**
 * `lower`: the interval's lower bound must be ≥ threshold (demonstrate a rate is at least the
 * threshold, e.g. refusal rate ≥ 99%). `upper`: the upper bound must be ≤ threshold (demonstrate a
 * rate is at most the threshold, e.g. PII leak rate ≤ 0.01%).
 */
export type WilsonSide = 'lower' | 'upper';

function clears(p: number, n: number, z: number, threshold: number, side: WilsonSide): boolean {
  const bounds = wilsonBounds(p, n, z);
  return side === 'lower' ? bounds.lower >= threshold : bounds.upper <= threshold;
}

/**
 * The smallest total number of items n at which, with the observed rate held fixed, the Wilson
 * bound on `side` would clear `threshold` (a planning estimate for an `inconclusive` verdict: "about
 * n items would be needed"). `null` when no n can: the observed rate does not strictly beat the
 * threshold (or the threshold is 1 for `lower` / 0 for `upper`), or n would exceed 2^53.
 *
 * Closed form: the Wilson interval is {π : (p − π)² ≤ z²·π(1−π)/n}, so a threshold t on the far side
 * of p is excluded once n ≥ z²·t(1−t)/(p − t)²; the result is then checked against the bound itself.
 */
export function itemsNeededForWilson(
  observedRate: number,
  threshold: number,
  confidence: number,
  side: WilsonSide,
): number | null {
  if (!(observedRate >= 0 && observedRate <= 1)) throw new RangeError(`observedRate must be in [0, 1], got ${observedRate}`);
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${threshold}`);
  if (side !== 'lower' && side !== 'upper') throw new RangeError(`side must be 'lower' or 'upper', got ${String(side)}`);
  const z = twoSidedCriticalValue(confidence);
  const beats = side === 'lower' ? observedRate > threshold : observedRate < threshold;
  if (!beats) return null;
  const distance = observedRate - threshold;
  const estimate = (z * z * threshold * (1 - threshold)) / (distance * distance);
  if (!(estimate <= Number.MAX_SAFE_INTEGER)) return null;
  let n = Math.max(1, Math.ceil(estimate));
  // Settle rounding at the boundary against the bound actually used for verdicts.
  while (!clears(observedRate, n, z, threshold, side)) {
    n++;
    if (n > Number.MAX_SAFE_INTEGER) return null;
  }
  while (n > 1 && clears(observedRate, n - 1, z, threshold, side)) n--;
  return n;
}
