import fc from 'fast-check';
import {
  bootstrapCI,
  bootstrapIndices,
  bootstrapIndicesCI,
  pairedBinaryCells,
  pairedBootstrapBinary,
  pairedBootstrapCells,
  pairedBootstrapDiff,
  percentileInterval,
  resampledPairSums,
  type BootstrapResult,
} from '../../../src/stats/bootstrap';
import { sampleStandardDeviation } from '../../../src/stats/descriptive';
import { createRng } from '../../../src/stats/random';

function ok(result: BootstrapResult): Extract<BootstrapResult, { status: 'ok' }> {
  if (result.status !== 'ok') throw new Error(`expected an interval, got ${result.reason}: ${result.detail}`);
  return result;
}

function noNaNOrInfinity(value: unknown): boolean {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? 'BAD' : v)).indexOf('BAD') === -1;
}

/** Seeded paired data: per-item difficulty shared by both models, plus a candidate shift. */
function pairedData(n: number, shift: number, seed: string): { candidate: Float64Array; baseline: Float64Array } {
  const rng = createRng(seed);
  const candidate = new Float64Array(n);
  const baseline = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const difficulty = 100 + 50 * rng.nextFloat();
    baseline[i] = difficulty + 5 * (rng.nextFloat() - 0.5);
    candidate[i] = difficulty + shift + 5 * (rng.nextFloat() - 0.5);
  }
  return { candidate, baseline };
}

function bits(n: number, rate: number, seed: string): (0 | 1)[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => (rng.nextFloat() < rate ? 1 : 0));
}

// Efron & Tibshirani, "An Introduction to the Bootstrap" (1993), Table 2.1: survival times of the
// 7 treated mice.
const MOUSE_TREATMENT = [94, 197, 16, 38, 99, 141, 23];

describe('bootstrapCI / bootstrapIndices against Efron & Tibshirani (1993)', () => {
  it('reproduces the bootstrap standard error of the mean (Table 2.2)', () => {
    // Table 2.2: mean 86.86; bootstrap SE of the mean 23.02 at B = 1000 and 23.36 as B → ∞
    // (the ideal bootstrap SE, √((n−1)/n)·s/√n = √(6/7)·25.24).
    const mean = (indices: Uint32Array): number => indices.reduce((sum, i) => sum + MOUSE_TREATMENT[i]!, 0) / indices.length;
    const replicates = bootstrapIndices(MOUSE_TREATMENT.length, 40_000, 'efron-tibshirani', mean);
    const se = sampleStandardDeviation(replicates)!;
    expect(Math.abs(se / 23.36 - 1)).toBeLessThan(0.015);
  });

  it('converges to the ideal bootstrap percentile interval, enumerated exactly', () => {
    // The ideal (B → ∞) bootstrap distribution of the mean of 7 values: every composition
    // (c1..c7) of 7 with multinomial probability 7!/(Πcᵢ!)/7^7 (1716 atoms).
    const n = MOUSE_TREATMENT.length;
    const factorial = [1, 1, 2, 6, 24, 120, 720, 5040];
    const atoms: [number, number][] = [];
    const visit = (position: number, left: number, counts: number[]): void => {
      if (position === n - 1) {
        const all = [...counts, left];
        const probability = all.reduce((w, c) => w / factorial[c]!, factorial[n]!) / n ** n;
        atoms.push([all.reduce((sum, c, i) => sum + c * MOUSE_TREATMENT[i]!, 0) / n, probability]);
        return;
      }
      for (let c = 0; c <= left; c++) visit(position + 1, left - c, [...counts, c]);
    };
    visit(0, n, []);
    atoms.sort((a, b) => a[0] - b[0]);
    const inverseCdf = (p: number): number => {
      let cumulative = 0;
      for (const [value, probability] of atoms) if ((cumulative += probability) >= p) return value;
      return atoms[atoms.length - 1]![0];
    };
    const ideal = [inverseCdf(0.025), inverseCdf(0.975)]; // 43.43 and 134.43

    const mean = (sample: Float64Array): number => sample.reduce((a, b) => a + b, 0) / sample.length;
    const result = ok(bootstrapCI(MOUSE_TREATMENT, mean, { resamples: 50_000, confidence: 0.95, seed: 'efron-tibshirani' }));
    expect(result.estimate).toBeCloseTo(86.857, 3);
    expect(Math.abs(result.ci[0] - ideal[0]!)).toBeLessThan(1);
    expect(Math.abs(result.ci[1] - ideal[1]!)).toBeLessThan(1);

    // Table 13.1 reports the percentile interval from B = 1000 resamples: 45.9 to 135.4. Its own
    // Monte Carlo error is about 2 (sd of a 2.5% quantile of 1000 draws from a distribution with sd
    // 23.4), so the ideal interval must lie within 3 of those standard errors of it.
    expect(Math.abs(ideal[0]! - 45.9)).toBeLessThan(6);
    expect(Math.abs(ideal[1]! - 135.4)).toBeLessThan(6);
  });
});

describe('pairedBootstrapDiff', () => {
  it('is reproducible from the seed, and the seed matters', () => {
    const { candidate, baseline } = pairedData(300, 1, 'data');
    const opts = { resamples: 2000, confidence: 0.95, seed: 'run-7f3a' };
    expect(pairedBootstrapDiff(candidate, baseline, opts)).toEqual(pairedBootstrapDiff(candidate, baseline, opts));
    expect(ok(pairedBootstrapDiff(candidate, baseline, { ...opts, seed: 'run-7f3b' })).ci).not.toEqual(
      ok(pairedBootstrapDiff(candidate, baseline, opts)).ci,
    );
  });

  it('agrees with the normal approximation of the paired mean difference for many items', () => {
    // The ideal bootstrap variance of a mean is the plug-in variance / n, so for 2000 items the
    // percentile interval is close to mean ± z·sd·√((n−1)/n)/√n.
    const { candidate, baseline } = pairedData(2000, 0.3, 'normal-approx');
    const diffs = candidate.map((c, i) => c - baseline[i]!);
    const n = diffs.length;
    const center = diffs.reduce((a, b) => a + b, 0) / n;
    const halfWidth = (1.959964 * sampleStandardDeviation(diffs)! * Math.sqrt((n - 1) / n)) / Math.sqrt(n);
    const result = ok(pairedBootstrapDiff(candidate, baseline, { resamples: 10_000, confidence: 0.95, seed: 1 }));
    expect(result.estimate).toBeCloseTo(center, 12);
    expect(Math.abs(result.ci[0] - (center - halfWidth))).toBeLessThan(0.05 * halfWidth);
    expect(Math.abs(result.ci[1] - (center + halfWidth))).toBeLessThan(0.05 * halfWidth);
  });

  it('agrees with the normal approximation on the 32-bit draw path too (40,000 items)', () => {
    // 2^16 mod 40000 rejects too many 16-bit draws, so this size uses one 32-bit draw per index.
    const { candidate, baseline } = pairedData(40_000, 0.3, 'normal-approx-large');
    const diffs = candidate.map((c, i) => c - baseline[i]!);
    const n = diffs.length;
    const center = diffs.reduce((a, b) => a + b, 0) / n;
    const halfWidth = (1.959964 * sampleStandardDeviation(diffs)! * Math.sqrt((n - 1) / n)) / Math.sqrt(n);
    const result = ok(pairedBootstrapDiff(candidate, baseline, { resamples: 2000, confidence: 0.95, seed: 2 }));
    expect(Math.abs(result.ci[0] - (center - halfWidth))).toBeLessThan(0.1 * halfWidth);
    expect(Math.abs(result.ci[1] - (center + halfWidth))).toBeLessThan(0.1 * halfWidth);
  });

  it('property: identical candidate and baseline give a CI that contains 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.constantFrom('mean' as const, 'relative_mean' as const),
        fc.integer({ min: 0, max: 1000 }),
        (values, statistic, seed) => {
          const result = pairedBootstrapDiff(values, values.slice(), { resamples: 200, confidence: 0.95, seed, statistic });
          if (result.status === 'undefined') return statistic === 'relative_mean' && result.reason === 'baseline_mean_zero';
          return result.ci[0] <= 0 && 0 <= result.ci[1] && result.estimate === 0;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('property: a large shift over many items gives a CI that excludes 0, on the right side', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 1000 }),
        fc.double({ min: 2, max: 20, noNaN: true }),
        fc.constantFrom(1, -1),
        fc.string(),
        (n, magnitude, sign, seed) => {
          const { candidate, baseline } = pairedData(n, sign * magnitude, `shift-${seed}`);
          const absolute = ok(pairedBootstrapDiff(candidate, baseline, { resamples: 500, confidence: 0.95, seed }));
          const relative = ok(
            pairedBootstrapDiff(candidate, baseline, { resamples: 500, confidence: 0.95, seed, statistic: 'relative_mean' }),
          );
          return sign > 0 ? absolute.ci[0] > 0 && relative.ci[0] > 0 : absolute.ci[1] < 0 && relative.ci[1] < 0;
        },
      ),
      { numRuns: 30 },
    );
  });

  it('resamples the same indices for both statistics', () => {
    // With a constant baseline K, relative_mean = mean(c − b) / K on every resample.
    const rng = createRng('same-stream');
    const candidate = Array.from({ length: 997 }, () => Math.round(100 * rng.nextFloat()));
    const baseline = candidate.map(() => 40);
    const opts = { resamples: 3000, confidence: 0.9, seed: 'same-stream' };
    const absolute = ok(pairedBootstrapDiff(candidate, baseline, opts));
    const relative = ok(pairedBootstrapDiff(candidate, baseline, { ...opts, statistic: 'relative_mean' }));
    expect(relative.ci[0] * 40).toBeCloseTo(absolute.ci[0], 10);
    expect(relative.ci[1] * 40).toBeCloseTo(absolute.ci[1], 10);
  });

  it('relative_mean is (mean(c) − mean(b)) / |mean(b)|', () => {
    const result = ok(
      pairedBootstrapDiff([110, 220, 330], [100, 200, 300], { resamples: 100, confidence: 0.9, seed: 3, statistic: 'relative_mean' }),
    );
    expect(result.estimate).toBeCloseTo(0.1, 14);
    const negative = ok(
      pairedBootstrapDiff([-110, -220], [-100, -200], { resamples: 100, confidence: 0.9, seed: 3, statistic: 'relative_mean' }),
    );
    expect(negative.estimate).toBeCloseTo(-0.1, 14); // more negative than a negative baseline: a decrease
  });

  it('returns explicit flags, never NaN or Infinity, on degenerate input', () => {
    const opts = { resamples: 1000, confidence: 0.95, seed: 'edge' };
    const empty = pairedBootstrapDiff([], [], opts);
    expect(empty).toMatchObject({ status: 'undefined', reason: 'no_items', n: 0 });

    const zeroBaseline = pairedBootstrapDiff([1, 2, 3], [0, 0, 0], { ...opts, statistic: 'relative_mean' });
    expect(zeroBaseline).toMatchObject({ status: 'undefined', reason: 'baseline_mean_zero' });

    // Baseline mostly 0: a third of resamples have baseline mean 0 and an unbounded relative change.
    const sparse = pairedBootstrapDiff([1, 1, 1, 1, 2], [0, 0, 0, 0, 1], { ...opts, statistic: 'relative_mean' });
    expect(sparse).toMatchObject({ status: 'undefined', reason: 'interval_not_finite' });

    // Both means 0 in those resamples: counted as no change, the interval exists.
    const bothZero = ok(pairedBootstrapDiff([0, 0, 0, 0, 0, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 0, 0, 0, 0, 1], { ...opts, statistic: 'relative_mean' }));
    expect(bothZero.estimate).toBe(1);
    expect(bothZero.ci[0]).toBe(0);

    const constant = ok(pairedBootstrapDiff([5, 5, 5], [5, 5, 5], opts));
    expect(constant).toMatchObject({ estimate: 0, ci: [0, 0] });
    const single = ok(pairedBootstrapDiff([7], [4], opts));
    expect(single).toMatchObject({ estimate: 3, ci: [3, 3], n: 1 });

    for (const result of [empty, zeroBaseline, sparse, bothZero, constant, single]) expect(noNaNOrInfinity(result)).toBe(true);
  });

  it('rejects invalid input', () => {
    const opts = { resamples: 100, confidence: 0.95, seed: 1 };
    expect(() => pairedBootstrapDiff([1, 2], [1], opts)).toThrow(RangeError);
    expect(() => pairedBootstrapDiff([1, Number.NaN], [1, 2], opts)).toThrow(RangeError);
    expect(() => pairedBootstrapDiff([1], [1], { ...opts, resamples: 0 })).toThrow(RangeError);
    expect(() => pairedBootstrapDiff([1], [1], { ...opts, confidence: 1 })).toThrow(RangeError);
    expect(() => pairedBootstrapDiff([1], [1], { ...opts, seed: -3 })).toThrow(RangeError);
    expect(() => pairedBootstrapDiff([1], [1], { ...opts, statistic: 'median' as 'mean' })).toThrow(RangeError);
  });

  it('uses every item index with equal probability', () => {
    // One-hot "differences": the resampled sum counts how often item k was drawn, Binomial(n, 1/n).
    const n = 7;
    const counts = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) {
      const diffs = Array.from({ length: n }, (_, i) => (i === k ? n : 0));
      const replicates = bootstrapIndices(n, 4000, 'uniformity', (indices) => indices.reduce((sum, i) => sum + diffs[i]!, 0));
      counts[k] = replicates.reduce((a, b) => a + b, 0) / n;
    }
    // Each item is drawn 4000 times in expectation (n draws of probability 1/n per resample).
    for (const count of counts) expect(Math.abs(count - 4000)).toBeLessThan(5 * Math.sqrt(4000));
  });
});

describe('resampledPairSums (the paired bootstrap loop)', () => {
  it('draws every item equally often on the two-indices-per-draw path (7 items)', () => {
    // One-hot first column for item k: its resampled sum counts how often k was drawn.
    const n = 7;
    const resamples = 20_000;
    const counts: number[] = [];
    for (let k = 0; k < n; k++) {
      const pairs = new Float64Array(2 * n);
      pairs[2 * k] = 1;
      for (let i = 0; i < n; i++) pairs[2 * i + 1] = 1;
      const first = new Float64Array(resamples);
      const second = new Float64Array(resamples);
      resampledPairSums(createRng(`one-hot-${k}`), pairs, first, second);
      expect(second.every((total) => total === n)).toBe(true); // exactly n draws per resample
      counts.push(first.reduce((a, b) => a + b, 0));
    }
    // Each count is Binomial(n·resamples, 1/n): mean 20,000, sd ≈ 131.
    for (const count of counts) expect(Math.abs(count - resamples)).toBeLessThan(5 * Math.sqrt(resamples));
  });

  it('draws halves of the items equally often on the 32-bit path (40,000 items)', () => {
    const n = 40_000;
    const resamples = 400;
    const pairs = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      pairs[2 * i] = i < n / 2 ? 1 : 0;
      pairs[2 * i + 1] = i % 2;
    }
    const first = new Float64Array(resamples);
    const second = new Float64Array(resamples);
    resampledPairSums(createRng('halves'), pairs, first, second);
    const total = n * resamples;
    const sd = Math.sqrt(total / 4);
    expect(Math.abs(first.reduce((a, b) => a + b, 0) - total / 2)).toBeLessThan(5 * sd);
    expect(Math.abs(second.reduce((a, b) => a + b, 0) - total / 2)).toBeLessThan(5 * sd);
  });
});

describe('pairedBootstrapBinary (multinomial fast path)', () => {
  const candidate = bits(3000, 0.82, 'cand');
  const baseline = candidate.map((c, i) => ((i % 17 === 0 ? 1 - c : c) as 0 | 1));

  it('counts the four paired cells', () => {
    expect(pairedBinaryCells([1, 1, 0, 0, true, false], [1, 0, 1, 0, false, false])).toEqual({
      both: 1,
      candidateOnly: 2,
      baselineOnly: 1,
      neither: 2,
    });
    expect(() => pairedBinaryCells([2 as 1], [1])).toThrow(RangeError);
  });

  it.each(['mean' as const, 'relative_mean' as const])('agrees with index resampling (%s)', (statistic) => {
    const opts = { resamples: 10_000, confidence: 0.95, seed: 'agree', statistic };
    const fast = ok(pairedBootstrapBinary(candidate, baseline, opts));
    const slow = ok(pairedBootstrapDiff(candidate, baseline, opts));
    expect(fast.estimate).toBeCloseTo(slow.estimate, 14);
    const width = slow.ci[1] - slow.ci[0];
    expect(Math.abs(fast.ci[0] - slow.ci[0])).toBeLessThan(0.05 * width);
    expect(Math.abs(fast.ci[1] - slow.ci[1])).toBeLessThan(0.05 * width);
  });

  it('matches the analytic bootstrap variance of a paired difference in accuracy', () => {
    // Resampling pairs, the difference in accuracy has variance (p10 + p01 − (p10 − p01)²) / n.
    const cells = { both: 3200, candidateOnly: 300, baselineOnly: 200, neither: 1300 };
    const n = 5000;
    const p10 = 300 / n;
    const p01 = 200 / n;
    const sd = Math.sqrt((p10 + p01 - (p10 - p01) ** 2) / n);
    const result = ok(pairedBootstrapCells(cells, { resamples: 20_000, confidence: 0.95, seed: 'analytic' }));
    expect(result.estimate).toBeCloseTo(0.02, 14);
    expect(Math.abs(result.ci[0] - (0.02 - 1.959964 * sd))).toBeLessThan(0.05 * sd);
    expect(Math.abs(result.ci[1] - (0.02 + 1.959964 * sd))).toBeLessThan(0.05 * sd);
  });

  // Its speed (10,000 resamples over 5,000 items, target 0.2 s) is measured by bench/stats, not here:
  // a test must not depend on how loaded the machine is.
  it('does 10,000 resamples over 5,000 items', () => {
    const c = bits(5000, 0.8, 'speed-c');
    const b = bits(5000, 0.78, 'speed-b');
    const result = pairedBootstrapBinary(c, b, { resamples: 10_000, confidence: 0.95, seed: 'speed' });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.ci[0]).toBeLessThan(result.estimate);
    expect(result.ci[1]).toBeGreaterThan(result.estimate);
  });

  it('returns explicit flags on degenerate input', () => {
    const opts = { resamples: 500, confidence: 0.95, seed: 9 };
    expect(pairedBootstrapBinary([], [], opts)).toMatchObject({ status: 'undefined', reason: 'no_items' });
    expect(pairedBootstrapBinary([1, 1], [0, 0], { ...opts, statistic: 'relative_mean' })).toMatchObject({
      status: 'undefined',
      reason: 'baseline_mean_zero',
    });
    expect(ok(pairedBootstrapBinary([1, 0, 1], [1, 0, 1], opts))).toMatchObject({ estimate: 0, ci: [0, 0] });
    expect(ok(pairedBootstrapBinary([true, true], [true, true], { ...opts, statistic: 'relative_mean' }))).toMatchObject({
      estimate: 0,
      ci: [0, 0],
    });
    expect(() => pairedBootstrapCells({ both: -1, candidateOnly: 0, baselineOnly: 0, neither: 0 }, opts)).toThrow(RangeError);
  });
});

describe('bootstrapIndicesCI (statistics over several arrays, e.g. fairness gaps)', () => {
  // Demographic parity difference: max − min positive-prediction rate across groups.
  const groups = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? 'a' : i % 3 === 1 ? 'b' : 'c'));
  const predictions = bits(600, 0.4, 'pred').map((p, i) => (groups[i] === 'c' && i % 2 === 0 ? 1 : p));
  const parityGap = (indices: Uint32Array): number => {
    const positives: Record<string, number> = { a: 0, b: 0, c: 0 };
    const totals: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const i of indices) {
      totals[groups[i]!]!++;
      positives[groups[i]!]! += predictions[i]!;
    }
    const rates = Object.keys(totals).map((g) => (totals[g] === 0 ? Number.NaN : positives[g]! / totals[g]!));
    return rates.some(Number.isNaN) ? Number.NaN : Math.max(...rates) - Math.min(...rates);
  };

  it('estimates on the observed items and brackets the estimate', () => {
    const result = ok(bootstrapIndicesCI(600, parityGap, { resamples: 2000, confidence: 0.95, seed: 'fair' }));
    expect(result.estimate).toBeCloseTo(parityGap(Uint32Array.from({ length: 600 }, (_, i) => i)), 14);
    expect(result.ci[0]).toBeLessThan(result.estimate);
    expect(result.ci[1]).toBeGreaterThan(result.estimate);
  });

  it('refuses to drop resamples where the statistic does not exist', () => {
    // Group "c" has one item: many resamples miss it entirely.
    const result = bootstrapIndicesCI(
      5,
      (indices) => (indices.includes(4) ? indices.length : Number.NaN),
      { resamples: 500, confidence: 0.95, seed: 1 },
    );
    expect(result).toMatchObject({ status: 'undefined', reason: 'statistic_not_finite' });
    expect(bootstrapIndicesCI(0, () => 1, { resamples: 10, confidence: 0.9, seed: 1 })).toMatchObject({ reason: 'no_items' });
  });
});

describe('percentileInterval', () => {
  it('uses linear interpolation between order statistics', () => {
    // 0..100: the 2.5% and 97.5% points under h = (n − 1)·p are exactly 2.5 and 97.5.
    const statistics = Float64Array.from({ length: 101 }, (_, i) => 100 - i);
    const [lower, upper] = percentileInterval(statistics, 0.95);
    expect(lower).toBeCloseTo(2.5, 12); // α/2 = (1 − 0.95)/2 is 0.025 only up to rounding
    expect(upper).toBeCloseTo(97.5, 12);
  });

  it('returns an infinite endpoint instead of NaN when infinities are interpolated', () => {
    expect(percentileInterval(Float64Array.from([-Infinity, 1, 2, 3, Infinity]), 0.9)).toEqual([-Infinity, Infinity]);
  });
});
