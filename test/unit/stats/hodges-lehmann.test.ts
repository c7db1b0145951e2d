import fc from 'fast-check';
import { hodgesLehmannShift, wilcoxonDistribution, wilcoxonQuantile } from '../../../src/stats/hodges-lehmann';

function expectOk<T extends { status: string }>(result: T): Extract<T, { status: 'ok' }> {
  if (result.status !== 'ok') throw new Error(`expected status ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { status: 'ok' }>;
}

/** Every pairwise difference, sorted: the definition the fast selection must agree with. */
function sortedDifferences(x: number[], y: number[]): number[] {
  return x.flatMap((a) => y.map((b) => a - b)).sort((a, b) => a - b);
}

describe('Hodges-Lehmann shift with its confidence interval (R wilcox.test(conf.int = TRUE))', () => {
  // R's ?wilcox.test two-sample example: Hollander & Wolfe (1973, p. 69f.), permeability constants of
  // the human chorioamnion at term (x) and at 12-26 weeks (y). R documents W = 35, one-sided p = 0.1272.
  const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
  const y = [1.15, 0.88, 0.9, 0.74, 1.21];

  test("R's documented two-sample example: estimate 0.305, 95% interval [-0.15, 0.76], exact", () => {
    // By hand: m·n = 50 differences x − y; their 25th and 26th smallest are 0.26 and 0.35, so the
    // median is 0.305. qwilcox(0.025, 10, 5) = 9 (P(U ≤ 8) = 60/3003 = 0.0200 < 0.025 ≤ P(U ≤ 9)), so
    // the interval is the 9th and the 42nd (50 − 9 + 1) smallest difference: −0.15 and 0.76.
    const result = expectOk(hodgesLehmannShift(x, y, 0.95));
    expect(result.method).toBe('exact');
    expect(result.estimate).toBeCloseTo(0.305, 12);
    expect(result.interval[0]).toBeCloseTo(-0.15, 12);
    expect(result.interval[1]).toBeCloseTo(0.76, 12);
  });

  test("the exact U distribution reproduces R's p-value 0.1272 and qwilcox", () => {
    const probabilities = wilcoxonDistribution(10, 5);
    expect(probabilities.length).toBe(51);
    // P(U ≥ 35) for m = 10, n = 5: 382/3003 (R: "W = 35, p-value = 0.1272").
    const upper = probabilities.slice(35).reduce((a, b) => a + b, 0);
    expect(upper).toBeCloseTo(382 / 3003, 12);
    expect(upper.toFixed(4)).toBe('0.1272');
    expect(probabilities.slice(0, 9).reduce((a, b) => a + b, 0)).toBeCloseTo(60 / 3003, 12);
    expect(wilcoxonQuantile(0.025, 10, 5)).toBe(9);
    // Small cases by hand: m = n = 2 has U ∈ {0, 1, 2, 2, 3, 4} over the 6 rank sets.
    expect(Array.from(wilcoxonDistribution(2, 2))).toEqual([1, 1, 2, 1, 1].map((c) => c / 6));
    expect(wilcoxonQuantile(0.025, 2, 2)).toBe(0);
  });

  test('large samples use the normal approximation read off the ordered differences (hand-computed)', () => {
    // x = 1.5 … 60.5, y = 1 … 60: the differences are k + 0.5 for k = −59 … 59, (60 − |k|) times each.
    // Median 0.5. σ² = 60·60·121/12 = 36,300, so the lower rank is ⌊1800 + 0.5 − 1.95996·190.53⌋ = 1427;
    // the 1427th smallest difference: (60 − t)(61 − t)/2 ≥ 1427 first at t = 7, i.e. k = −7 → −6.5;
    // the upper bound is the 2174th, +7.5 by symmetry.
    const xs = Array.from({ length: 60 }, (_, i) => i + 1.5);
    const ys = Array.from({ length: 60 }, (_, i) => i + 1);
    const result = expectOk(hodgesLehmannShift(xs, ys));
    expect(result).toMatchObject({ method: 'normal', estimate: 0.5, interval: [-6.5, 7.5], n1: 60, n2: 60 });
  });

  test('ties force the normal approximation, as R does', () => {
    expect(expectOk(hodgesLehmannShift([1, 2, 2, 3], [2, 3, 4])).method).toBe('normal');
  });

  test('a pure shift is recovered exactly, and swapping the samples negates it', () => {
    const base = Array.from({ length: 200 }, (_, i) => (i * 7919) % 101);
    const shifted = base.map((v) => v + 40);
    const result = expectOk(hodgesLehmannShift(shifted, base));
    expect(result.estimate).toBe(40);
    expect(result.interval[0]).toBeGreaterThan(0);
    const swapped = expectOk(hodgesLehmannShift(base, shifted));
    expect(swapped.estimate).toBe(-40);
    expect(swapped.interval).toEqual([-result.interval[1], -result.interval[0]]);
  });

  test('property: the estimate and bounds are order statistics of the materialised differences', () => {
    const sample = fc.array(fc.integer({ min: -500, max: 500 }).map((v) => v / 4), { minLength: 1, maxLength: 70 });
    fc.assert(
      fc.property(sample, sample, fc.constantFrom(0.8, 0.9, 0.95, 0.99), (a, b, confidence) => {
        const result = expectOk(hodgesLehmannShift(a, b, confidence));
        const diffs = sortedDifferences(a, b);
        const n = diffs.length;
        const median = n % 2 === 1 ? diffs[(n - 1) / 2]! : (diffs[n / 2 - 1]! + diffs[n / 2]!) / 2;
        expect(result.estimate).toBe(median);
        expect(diffs).toContain(result.interval[0]);
        expect(diffs).toContain(result.interval[1]);
        expect(result.interval[0]).toBeLessThanOrEqual(result.estimate);
        expect(result.interval[1]).toBeGreaterThanOrEqual(result.estimate);
      }),
      { numRuns: 300 },
    );
  });

  test('an empty sample is undefined; NaN or a confidence outside (0, 1) throws', () => {
    expect(hodgesLehmannShift([], [1])).toMatchObject({ status: 'undefined', reason: 'empty_sample' });
    expect(() => hodgesLehmannShift([Number.NaN], [1])).toThrow(/finite/);
    expect(() => hodgesLehmannShift([1], [1], 1)).toThrow(/confidence/);
  });

  test('20,000 samples a slot are judged without materialising 4·10⁸ differences', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => 2 + ((i * 48271) % 1000) / 1000);
    const b = a.map((v) => v + 3);
    const result = expectOk(hodgesLehmannShift(b, a));
    expect(result.estimate).toBeCloseTo(3, 9);
    expect(result.interval[0]).toBeLessThanOrEqual(3 + 1e-9);
    expect(result.interval[1]).toBeGreaterThanOrEqual(3 - 1e-9);
  });
});
