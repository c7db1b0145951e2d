import fc from 'fast-check';
import {
  binomialPmf,
  binomialTestTwoSided,
  normalCdf,
  normalQuantile,
  normalSf,
  twoSidedCriticalValue,
} from '../../../src/stats/distributions';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tolerance);
}

describe('normal CDF', () => {
  // High-precision reference values computed with mpmath, as listed in the tests of
  // WarrenWeckesser/ufunclab (tests/test_normal.py, "The expected values were computed with mpmath").
  it.each([
    [-10, 7.619853024160526066e-24],
    [-0.125, 0.450261775169887107],
    [0, 0.5],
    [0.125, 0.54973822483011289296],
    [7.5, 0.99999999999996809106],
  ])('Φ(%f) = %f (mpmath)', (z, expected) => {
    expectRelative(normalCdf(z), expected, 4e-16);
  });

  // More mpmath values (50 digits): Φ(−2), Φ(−3), Φ(−5), Φ(−8), Φ(−15); Φ(−3) also in scipy's
  // `norm.sf(3) = 0.0013498980316300946`.
  it.each([
    [-2, 0.0227501319481792072002826371665334374717762237],
    [-3, 0.0013498980316300945266518],
    [-5, 2.8665157187919391167375233287464535385442301361e-7],
    [-8, 6.2209605742717841235159951725881884224887172789e-16],
    [-15, 3.6709661993127508857860896553347434864162516280e-51],
  ])('keeps relative accuracy in the lower tail: Φ(%f) = %f', (z, expected) => {
    expectRelative(normalCdf(z), expected, 1e-15);
    expectRelative(normalSf(-z), expected, 1e-15);
  });

  it('is continuous where it switches from the series to the continued fraction', () => {
    const below = normalSf(1 - 1e-12);
    const above = normalSf(1);
    expect(below).toBeGreaterThanOrEqual(above);
    expectRelative(below, above, 1e-11);
  });

  it('is monotone and symmetric, and never NaN', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (z) => {
        const cdf = normalCdf(z);
        return cdf >= 0 && cdf <= 1 && Math.abs(cdf + normalCdf(-z) - 1) < 1e-15 && normalCdf(z + 0.01) >= cdf;
      }),
    );
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalSf(60)).toBe(0);
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });
});

describe('normal quantile', () => {
  // scipy.stats.norm.ppf / R qnorm: qnorm(0.975) = 1.959963984540054, qnorm(0.95) = 1.6448536269514722,
  // qnorm(0.995) = 2.5758293035489004, qnorm(1e-10) = -6.361340902404056.
  it.each([
    [0.975, 1.959963984540054],
    [0.025, -1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%f) = %f', (p, expected) => {
    expectRelative(normalQuantile(p), expected, 4e-16);
  });

  it('gives the two-sided critical value', () => {
    expectRelative(twoSidedCriticalValue(0.95), 1.959963984540054, 4e-16);
    expect(() => twoSidedCriticalValue(1)).toThrow(RangeError);
    expect(() => twoSidedCriticalValue(0)).toThrow(RangeError);
  });

  it('inverts the CDF across (0, 1), including far tails', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1 - 1e-16, noNaN: true }), (p) => {
        const z = normalQuantile(p);
        return Number.isFinite(z) && Math.abs(normalCdf(z) / p - 1) < 1e-12;
      }),
    );
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
  });
});

describe('binomial', () => {
  it('pmf matches exact rational values', () => {
    // C(10, 5) / 2^10 = 252 / 1024; C(20, 3)·0.1³·0.9¹⁷.
    expectRelative(binomialPmf(5, 10, 0.5), 252 / 1024, 1e-14);
    expectRelative(binomialPmf(3, 20, 0.1), 1140 * 0.001 * 0.9 ** 17, 1e-13);
    expect(binomialPmf(0, 10, 0.5)).toBe(1 / 1024);
    expect(binomialPmf(11, 10, 0.5)).toBe(0);
  });

  it('pmf sums to 1 for large n', () => {
    let total = 0;
    for (let k = 0; k <= 100_000; k++) total += binomialPmf(k, 100_000, 0.37);
    expect(Math.abs(total - 1)).toBeLessThan(1e-12);
  });

  it("two-sided exact test matches R's binom.test documentation example", () => {
    // R documentation, ?binom.test (Conover 1971, p. 97f.): binom.test(c(682, 243), p = 3/4)
    // → "p-value = 0.3825".
    expect(binomialTestTwoSided(682, 925, 0.75)).toBeCloseTo(0.3825, 4);
  });

  it('two-sided exact test equals 2·P(X ≤ min) for p = ½ (exact rational arithmetic)', () => {
    const exact = (x: number, n: number): number => {
      let tail = 0n;
      let coefficient = 1n; // C(n, k)
      for (let k = 0; k <= Math.min(x, n - x); k++) {
        tail += coefficient;
        coefficient = (coefficient * BigInt(n - k)) / BigInt(k + 1);
      }
      return Math.min(1, (2 * Number((tail * 10n ** 18n) / 2n ** BigInt(n))) / 1e18);
    };
    for (const [x, n] of [[0, 1], [2, 14], [12, 14], [7, 20], [45, 100], [480, 1000], [10, 10]] as const) {
      expect(Math.abs(binomialTestTwoSided(x, n, 0.5) - exact(x, n))).toBeLessThan(1e-14);
    }
  });
});
