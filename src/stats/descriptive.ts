/**
 * Descriptive statistics over plain or typed arrays: thin wrappers over simple-statistics that
 * validate input and return `null` (never NaN) where a statistic does not exist.
 */
import * as ss from 'simple-statistics';

/** Throws unless every value is a finite number; NaN or ±Infinity in measurements is a bug upstream. */
export function assertFinite(values: ArrayLike<number>, name = 'values'): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${name}[${i}] is not a finite number: ${String(value)}`);
    }
  }
}

/** simple-statistics reads only `length` and indices, so typed arrays can be passed without copying. */
function asArray(values: ArrayLike<number>): number[] {
  return values as unknown as number[];
}

/** Arithmetic mean (compensated summation); `null` for an empty sample. */
export function mean(values: ArrayLike<number>): number | null {
  assertFinite(values);
  return values.length === 0 ? null : ss.mean(asArray(values));
}

/** Sample variance with Bessel's correction (n − 1); `null` below two values. */
export function sampleVariance(values: ArrayLike<number>): number | null {
  assertFinite(values);
  return values.length < 2 ? null : ss.sampleVariance(asArray(values));
}

/** Sample standard deviation with Bessel's correction (n − 1); `null` below two values. */
export function sampleStandardDeviation(values: ArrayLike<number>): number | null {
  assertFinite(values);
  return values.length < 2 ? null : ss.sampleStandardDeviation(asArray(values));
}

/** A sorted Float64Array copy (numeric order; the input is not modified). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  assertFinite(values);
  return Float64Array.from(values).sort();
}

function assertProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
}

/**
 * Quantile of already sorted, non-empty, finite values, by linear interpolation between order
 * statistics: h = (n − 1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). This is numpy's default
 * (`method='linear'`) and R's type 7, so p99 latency here matches `np.percentile(x, 99)`.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  assertProbability(p);
  if (sorted.length === 0) throw new RangeError('quantileSorted needs at least one value');
  return ss.quantileSorted(asArray(sorted), p);
}

/** Quantile (definition as `quantileSorted`) of unsorted values; `null` for an empty sample. */
export function quantile(values: ArrayLike<number>, p: number): number | null {
  assertProbability(p);
  if (values.length === 0) return null;
  return quantileSorted(sortedCopy(values), p);
}

/** Several quantiles with one sort; `null` for an empty sample. */
export function quantiles(values: ArrayLike<number>, ps: readonly number[]): number[] | null {
  ps.forEach(assertProbability);
  if (values.length === 0) return null;
  const sorted = sortedCopy(values);
  return ps.map((p) => quantileSorted(sorted, p));
}
