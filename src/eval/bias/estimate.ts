/**
 * `Estimate`: a measured quantity as the bias judge reads it: a point value and an interval, either
 * of which may not exist (then `note` says why). Never NaN: a bootstrap or Wilson result that does
 * not exist becomes `null` here, with its reason.
 */
import type { BootstrapResult, WilsonInterval } from '../../stats';

export interface Estimate {
  /** The point estimate; null when it does not exist. */
  value: number | null;
  /** The interval at the policy's confidence; null when it could not be computed. */
  ci: [number, number] | null;
  /** Items (pairs, units) it is measured over. */
  n: number;
  note?: string;
}

/** A bootstrap result as an Estimate; `note` overrides the bootstrap's own explanation. */
export function fromBootstrap(result: BootstrapResult, note?: string): Estimate {
  if (result.status === 'ok') return { value: result.estimate, ci: [result.ci[0], result.ci[1]], n: result.n, ...(note ? { note } : {}) };
  return { value: null, ci: null, n: result.n, note: note ?? result.detail };
}

/** A point estimate whose interval did not exist (e.g. a rate defined on the data but not in every resample). */
export function withoutInterval(value: number, n: number, note: string): Estimate {
  return { value, ci: null, n, note };
}

/** A Wilson interval as an Estimate. */
export function fromWilson(interval: WilsonInterval, note?: string): Estimate {
  if (interval.estimate === null) return { value: null, ci: null, n: 0, note: note ?? 'no items' };
  return { value: interval.estimate, ci: [interval.lower, interval.upper], n: interval.n, ...(note ? { note } : {}) };
}
