import fc from 'fast-check';
import * as ss from 'simple-statistics';
import {
  mean,
  quantile,
  quantileSorted,
  quantiles,
  sampleStandardDeviation,
  sampleVariance,
  sortedCopy,
} from '../../../src/stats/descriptive';

// R's `sleep` data (Cushny & Peebles): extra hours of sleep of 10 patients under two drugs.
const SLEEP_DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('simple-statistics', () => {
  it('loads under jest through its CommonJS entry', () => {
    expect(typeof ss.mean).toBe('function');
    expect(ss.quantileSorted([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5)).toBe(9);
  });
});

describe('mean and standard deviation', () => {
  it('match the paired t-test output for the sleep data', () => {
    const diffs = SLEEP_DRUG_2.map((x, i) => x - SLEEP_DRUG_1[i]!);
    // R: t.test(extra ~ group, data = sleep, paired = TRUE) → "mean difference −1.58",
    // "t = -4.0621, df = 9": so sd(diffs) = 1.58·√10 / 4.0621.
    expect(mean(diffs)).toBeCloseTo(1.58, 12);
    expect(sampleStandardDeviation(diffs)).toBeCloseTo((1.58 * Math.sqrt(10)) / 4.0621, 4);
    expect(sampleVariance(diffs)).toBeCloseTo(sampleStandardDeviation(diffs)! ** 2, 12);
  });

  it('accepts typed arrays', () => {
    expect(mean(new Float64Array([1, 2, 3, 4]))).toBe(2.5);
    expect(sampleStandardDeviation(new Float32Array([2, 4, 4, 4, 5, 5, 7, 9]))).toBeCloseTo(2.138089935, 8);
  });

  it('returns null, never NaN, where the statistic does not exist', () => {
    expect(mean([])).toBeNull();
    expect(sampleStandardDeviation([])).toBeNull();
    expect(sampleStandardDeviation([5])).toBeNull();
    expect(sampleVariance([5])).toBeNull();
    expect(sampleStandardDeviation([3, 3, 3])).toBe(0);
  });

  it('rejects non-finite input instead of propagating it', () => {
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
    expect(() => sampleStandardDeviation([1, Infinity])).toThrow(RangeError);
  });
});

describe('quantile (numpy default: linear interpolation, R type 7)', () => {
  it("matches numpy.percentile's documented examples", () => {
    // numpy.percentile docs, Examples: a = [[10, 7, 4], [3, 2, 1]]; np.percentile(a, 50) → 3.5;
    // np.percentile(a, 50, axis=0) → [6.5, 4.5, 2.5]; np.percentile(a, 50, axis=1) → [7., 2.].
    expect(quantile([10, 7, 4, 3, 2, 1], 0.5)).toBe(3.5);
    expect([quantile([10, 3], 0.5), quantile([7, 2], 0.5), quantile([4, 1], 0.5)]).toEqual([6.5, 4.5, 2.5]);
    expect([quantile([10, 7, 4], 0.5), quantile([3, 2, 1], 0.5)]).toEqual([7, 2]);
  });

  it('p99 follows the definition h = (n − 1)·p', () => {
    // numpy linear method: i + g = (n − 1)·q; for 1..100 and q = 0.99, h = 98.01 → 99 + 0.01·(100 − 99).
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(values, 0.99)).toBeCloseTo(99.01, 12);
    expect(quantiles(values, [0, 0.5, 1])).toEqual([1, 50.5, 100]);
  });

  it('lies between the minimum and maximum and is monotone in p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const sorted = sortedCopy(values);
          const a = quantileSorted(sorted, Math.min(p, q));
          const b = quantileSorted(sorted, Math.max(p, q));
          return a >= sorted[0]! && b <= sorted[sorted.length - 1]! && a <= b;
        },
      ),
    );
  });

  it('returns null for an empty sample and rejects bad probabilities', () => {
    expect(quantile([], 0.99)).toBeNull();
    expect(quantiles([], [0.5])).toBeNull();
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], Number.NaN)).toThrow(RangeError);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });
});
