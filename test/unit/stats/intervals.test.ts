import fc from 'fast-check';
import { itemsNeededForWilson, wilsonInterval } from '../../../src/stats/intervals';

describe('wilsonInterval', () => {
  // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17:857-872, Table II, method 3 (Wilson score, 95%):
  // 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605, 0/20 → 0.0000–0.1611, 1/29 → 0.0061–0.1718,
  // 29/29 → 0.8830–1.0000.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1.0],
  ])('%i/%i → [%f, %f] (Newcombe 1998)', (successes, n, lower, upper) => {
    const interval = wilsonInterval(successes, n);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
    expect(interval.estimate).toBe(successes / n);
  });

  it('is exact at the edges', () => {
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(29, 29).upper).toBe(1);
  });

  it('n = 0 has no estimate and the uninformative bounds, never NaN', () => {
    expect(wilsonInterval(0, 0)).toEqual({ successes: 0, n: 0, confidence: 0.95, estimate: null, lower: 0, upper: 1 });
  });

  it('bounds lie in [0, 1], contain the estimate and narrow with n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999),
        (n, share, confidence) => {
          const successes = Math.round(share * n);
          const { lower, upper, estimate } = wilsonInterval(successes, n, confidence);
          const wider = wilsonInterval(successes, n, Math.min(0.9999, confidence + 0.0009));
          const larger = wilsonInterval(successes * 4, n * 4, confidence);
          return (
            estimate !== null &&
            lower >= 0 &&
            upper <= 1 &&
            lower <= estimate &&
            estimate <= upper &&
            wider.lower <= lower &&
            wider.upper >= upper &&
            larger.upper - larger.lower <= upper - lower + 1e-12
          );
        },
      ),
    );
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 1)).toThrow(RangeError);
  });
});

describe('itemsNeededForWilson', () => {
  it('solves the Wilson bound for n: p = 1 against 99% needs n ≥ 99·z²', () => {
    // Lower bound at p = 1 is n / (n + z²) ≥ 0.99 ⇔ n ≥ 99·z² = 99 · 1.959964² = 380.3.
    expect(itemsNeededForWilson(1, 0.99, 0.95, 'lower')).toBe(381);
    expect(wilsonInterval(381, 381).lower).toBeGreaterThanOrEqual(0.99);
    expect(wilsonInterval(380, 380).lower).toBeLessThan(0.99);
    // Symmetric case on the upper side: 0 leaks against a 1% ceiling.
    expect(itemsNeededForWilson(0, 0.01, 0.95, 'upper')).toBe(381);
  });

  it('returns the smallest n whose bound clears, checked against wilsonInterval', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.constantFrom('lower' as const, 'upper' as const),
        (denominator, numerator, threshold, side) => {
          // A rate that is an exact fraction, so that at multiples of `denominator` it is observable.
          const rate = Math.min(numerator, denominator) / denominator;
          const needed = itemsNeededForWilson(rate, threshold, 0.95, side);
          const beats = side === 'lower' ? rate > threshold : rate < threshold;
          if (!beats) return needed === null;
          if (needed === null) return false;
          // At the first multiple of the denominator at or above `needed` the observable interval clears.
          const n = Math.ceil(needed / denominator) * denominator;
          const interval = wilsonInterval(Math.round(rate * n), n);
          return side === 'lower' ? interval.lower >= threshold - 1e-12 : interval.upper <= threshold + 1e-12;
        },
      ),
    );
  });

  it('is minimal: one item fewer does not clear', () => {
    for (const [rate, threshold] of [[0.995, 0.99], [0.9, 0.8], [0.5, 0.4]] as const) {
      const needed = itemsNeededForWilson(rate, threshold, 0.95, 'lower')!;
      const successesAt = (n: number): number => rate * n; // the rate held fixed, as documented
      expect(needed).toBeGreaterThan(1);
      const clearsAt = (n: number): boolean => {
        // Same formula as wilsonInterval, evaluated at a real-valued number of successes.
        const z = 1.959963984540054;
        const p = successesAt(n) / n;
        const z2n = (z * z) / n;
        const centre = (p + z2n / 2) / (1 + z2n);
        const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
        return centre - half >= threshold;
      };
      expect(clearsAt(needed)).toBe(true);
      expect(clearsAt(needed - 1)).toBe(false);
    }
  });

  it('returns null when no sample size can demonstrate the threshold', () => {
    expect(itemsNeededForWilson(0.99, 0.99, 0.95, 'lower')).toBeNull();
    expect(itemsNeededForWilson(0.98, 0.99, 0.95, 'lower')).toBeNull();
    expect(itemsNeededForWilson(1, 1, 0.95, 'lower')).toBeNull();
    expect(itemsNeededForWilson(0.0002, 0.0001, 0.95, 'upper')).toBeNull();
    expect(itemsNeededForWilson(0, 0, 0.95, 'upper')).toBeNull();
    expect(itemsNeededForWilson(0.5 + 1e-12, 0.5, 0.95, 'lower')).toBeNull(); // beyond 2^53 items
  });

  it('rejects bad arguments', () => {
    expect(() => itemsNeededForWilson(1.2, 0.5, 0.95, 'lower')).toThrow(RangeError);
    expect(() => itemsNeededForWilson(0.5, Number.NaN, 0.95, 'lower')).toThrow(RangeError);
    expect(() => itemsNeededForWilson(0.5, 0.4, 0.95, 'both' as 'lower')).toThrow(RangeError);
  });
});
