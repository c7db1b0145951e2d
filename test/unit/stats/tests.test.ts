import fc from 'fast-check';
import { createRng } from '../../../src/stats/random';
import { cohensDPaired, holmAdjust, mannWhitneyU, mcnemarExact, twoProportionTest } from '../../../src/stats/tests';

function expectOk<T extends { status: string }>(result: T): Extract<T, { status: 'ok' }> {
  if (result.status !== 'ok') throw new Error(`expected status ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { status: 'ok' }>;
}

describe('mcnemarExact', () => {
  it('matches the Armitage & Berry example', () => {
    // StatsDirect manual, "McNemar and exact matched pairs", example from Armitage & Berry (1994,
    // p. 127): two media for Mycobacterium tuberculosis, discordant pairs 12 and 2 → exact
    // "P (two sided) = 0.0129".
    const result = mcnemarExact(12, 2);
    expect(result.pValue).toBeCloseTo(0.0129, 4);
    expect(result.pValue).toBeCloseTo((2 * (1 + 14 + 91)) / 2 ** 14, 14); // 2·P(X ≤ 2), X ~ Bin(14, ½)
    expect(mcnemarExact(2, 12).pValue).toBe(result.pValue);
  });

  it('gives p = 1 with no discordant pairs or a perfect balance, and is always in [0, 1]', () => {
    expect(mcnemarExact(0, 0)).toEqual({ b: 0, c: 0, discordant: 0, pValue: 1 });
    expect(mcnemarExact(40, 40).pValue).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), (b, c) => {
        const { pValue } = mcnemarExact(b, c);
        // p underflows to 0 only beyond ~1075 one-sided discordant pairs (2·2^-1075 < 5e-324).
        return pValue >= 0 && pValue <= 1 && pValue === mcnemarExact(c, b).pValue;
      }),
      { numRuns: 200 },
    );
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
  });
});

describe('cohensDPaired', () => {
  // R's `sleep` data (Cushny & Peebles), paired differences drug 2 − drug 1.
  const diffs = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];

  it("equals t/√n of R's paired t-test on the sleep data", () => {
    // R: t.test(extra ~ group, data = sleep, paired = TRUE) → "t = -4.0621, df = 9",
    // "mean difference -1.58" (group 1 − group 2); d_z = t / √n (Lakens 2013, eq. 7 context).
    const result = expectOk(cohensDPaired(diffs));
    expect(result.meanDiff).toBeCloseTo(1.58, 12);
    expect(result.d).toBeCloseTo(4.0621 / Math.sqrt(10), 4);
    expect(result.n).toBe(10);
  });

  it('is explicit where d does not exist', () => {
    expect(cohensDPaired([])).toMatchObject({ status: 'undefined', reason: 'too_few_items', meanDiff: null });
    expect(cohensDPaired([0.4])).toMatchObject({ status: 'undefined', reason: 'too_few_items' });
    expect(cohensDPaired([0, 0, 0])).toEqual({ status: 'ok', d: 0, meanDiff: 0, sdDiff: 0, n: 3 });
    expect(cohensDPaired([2, 2, 2])).toMatchObject({ status: 'undefined', reason: 'zero_variance', meanDiff: 2 });
    expect(() => cohensDPaired([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('mannWhitneyU', () => {
  it("matches scipy's documented example", () => {
    // scipy.stats.mannwhitneyu docs, Examples (males vs females, Conover): U1 = 17.0 and
    // mannwhitneyu(males, females, method="asymptotic") → p = 0.11134688653314041.
    const result = expectOk(mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]));
    expect(result.u).toBe(17);
    expect(result.pValue).toBeCloseTo(0.11134688653314041, 14);
    expect(result.z).toBeGreaterThan(0);
    expect(result.effectSize.commonLanguage).toBeCloseTo(17 / 20, 14);
    expect(result.effectSize.rankBiserial).toBeCloseTo(0.7, 14);
  });

  it('matches the NAG example with ties (tie-corrected, continuity-corrected normal statistic)', () => {
    // NAG C Library g08amc (nag_mann_whitney) example results: group sizes 16 and 23,
    // "Test statistic = 86.0000, Normal Statistic = -2.8039, Approximate tail probability = 0.0025".
    const group1 = [13, 6, 12, 7, 12, 7, 10, 7, 10, 7, 16, 7, 10, 8, 9, 8];
    const group2 = [17, 6, 10, 8, 15, 8, 15, 10, 15, 10, 14, 10, 14, 11, 14, 11, 13, 12, 13, 12, 13, 12, 12];
    const result = expectOk(mannWhitneyU(group1, group2));
    expect(result.u).toBe(86);
    expect(result.z).toBeCloseTo(-2.8039, 4);
    expect(result.pValueLess).toBeCloseTo(0.0025, 4);
    expect(result.pValue).toBeCloseTo(2 * result.pValueLess, 14);
  });

  it("matches ClickHouse's documented one-sided example", () => {
    // ClickHouse docs, mannWhitneyUTest('greater') on samples {10, 11, 12} and {1, 2, 3}
    // → (9, 0.04042779918503192).
    const result = expectOk(mannWhitneyU([10, 11, 12], [1, 2, 3]));
    expect(result.u).toBe(9);
    expect(result.pValueGreater).toBeCloseTo(0.04042779918503192, 12);
  });

  it('agrees with a naive rank computation on random data with ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 40 }),
        (x, y) => {
          // Count pairs directly: U = #{x > y} + ½·#{x = y}.
          let u = 0;
          for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
          const result = expectOk(mannWhitneyU(x, y));
          const swapped = expectOk(mannWhitneyU(y, x));
          return (
            result.u === u &&
            result.pValue >= 0 &&
            result.pValue <= 1 &&
            Math.abs(result.pValue - swapped.pValue) < 1e-12 &&
            Math.abs(result.z + swapped.z) < 1e-12
          );
        },
      ),
    );
  });

  it('is explicit on degenerate samples', () => {
    expect(mannWhitneyU([], [1, 2])).toMatchObject({ status: 'undefined', reason: 'empty_sample', n1: 0, n2: 2 });
    expect(mannWhitneyU([5, 5, 5], [5, 5])).toMatchObject({ status: 'ok', z: 0, pValue: 1, u: 3 });
    expect(() => mannWhitneyU([1, Number.NaN], [2])).toThrow(RangeError);
  });

  // Its speed on 100k vs 100k (target 0.5 s) is measured by bench/stats, not here.
  it('runs on 100k vs 100k samples with heavy ties', () => {
    const rng = createRng('mwu-speed');
    const x = Float64Array.from({ length: 100_000 }, () => Math.round(rng.nextFloat() * 5000) / 10);
    const y = Float64Array.from({ length: 100_000 }, () => Math.round((rng.nextFloat() * 5000 + 20) / 10));
    const result = expectOk(mannWhitneyU(x, y));
    expect(result.n1 + result.n2).toBe(200_000);
    expect(result.pValue).toBeGreaterThanOrEqual(0);
    expect(result.pValue).toBeLessThanOrEqual(1);
  });
});

describe('twoProportionTest', () => {
  it("matches statsmodels' proportions_ztest", () => {
    // statsmodels proportions_ztest docstring example (count = [5, 12], nobs = [83, 99] → pval 0.159)
    // and its test suite, test_default_values (GH 2969): stat = -1.4078304151258787,
    // pval = 0.15918129181156992.
    const result = expectOk(twoProportionTest(5, 83, 12, 99));
    expect(result.z).toBeCloseTo(-1.4078304151258787, 12);
    expect(result.pValue).toBeCloseTo(0.15918129181156992, 12);
    expect(result.diff).toBeCloseTo(5 / 83 - 12 / 99, 15);
  });

  it('is explicit on degenerate samples', () => {
    expect(twoProportionTest(0, 0, 3, 10)).toMatchObject({ status: 'undefined', reason: 'empty_sample' });
    expect(twoProportionTest(0, 50, 0, 80)).toMatchObject({ status: 'ok', se: 0, z: 0, pValue: 1, diff: 0 });
    expect(twoProportionTest(50, 50, 80, 80)).toMatchObject({ status: 'ok', se: 0, z: 0, pValue: 1, diff: 0 });
    expect(() => twoProportionTest(11, 10, 3, 10)).toThrow(RangeError);
  });
});

describe('holmAdjust', () => {
  it("matches pingouin's documented example", () => {
    // pingouin.holm docs: pvals = [.50, .003, .32, .054, .0003] → [0.64, 0.012, 0.64, 0.162, 0.0015].
    const adjusted = holmAdjust([0.5, 0.003, 0.32, 0.054, 0.0003]);
    [0.64, 0.012, 0.64, 0.162, 0.0015].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });

  it("matches stdlib's documented example", () => {
    // stdlib-js @stdlib/stats/padjust docs: padjust([0.319, 0.201, 0.4, 0.374, 0.113], 'holm')
    // → [~0.957, 0.804, ..., ~0.957, ~0.565] (the elided value is 0.957 too: max(0.748, 0.957)).
    const adjusted = holmAdjust([0.319, 0.201, 0.4, 0.374, 0.113]);
    [0.957, 0.804, 0.957, 0.957, 0.565].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });

  it('property: adjusted ≥ raw, ≤ 1, and monotone in the raw p-values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (pValues) => {
        const adjusted = holmAdjust(pValues);
        return pValues.every(
          (p, i) =>
            adjusted[i]! >= p &&
            adjusted[i]! <= 1 &&
            pValues.every((q, j) => !(p <= q) || adjusted[i]! <= adjusted[j]!),
        );
      }),
    );
  });

  it('handles the edges', () => {
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.03])).toEqual([0.03]);
    expect(holmAdjust([0.01, 0.01])).toEqual([0.02, 0.02]);
    expect(() => holmAdjust([0.5, Number.NaN])).toThrow(RangeError);
    expect(() => holmAdjust([1.2])).toThrow(RangeError);
  });
});
