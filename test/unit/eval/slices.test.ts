/**
 * The slice analysis shared by the regression gate and the bias gate (src/stats/slices.ts), on
 * hand-computed examples: which slices are tested, a slice against the rest with its stratified
 * bootstrap evidence, and Holm's correction across slices (values as R's p.adjust(p, "holm")).
 */
import * as regression from '../../../src/gates/regression';
import { bootstrapEvidence, holmAcrossSlices, sliceScopes, sliceVersusRest } from '../../../src/stats/slices';

const B = 999;
const resampling = { resamples: B, confidence: 0.95, seed: 'slices-test' };

describe('sliceScopes', () => {
  test('groups items by tag (a tag repeated on one item counts once), sorted by name; too small slices are untested', () => {
    const tags = [['b', 'a'], ['a'], ['b', 'b'], []];
    expect(sliceScopes(tags, 2)).toEqual({ tested: [{ slice: 'a', members: [0, 1] }, { slice: 'b', members: [0, 2] }], untested: [] });
    expect(sliceScopes(tags, 3)).toEqual({ tested: [], untested: [{ slice: 'a', n: 2 }, { slice: 'b', n: 2 }] });
  });

  test('with `include`, only those slices: a listed slice no item carries is untested with n = 0', () => {
    expect(sliceScopes([['a'], ['b'], ['b']], 2, ['b', 'c'])).toEqual({ tested: [{ slice: 'b', members: [1, 2] }], untested: [{ slice: 'c', n: 0 }] });
  });

  test('no items, and a bad minimum', () => {
    expect(sliceScopes([], 1)).toEqual({ tested: [], untested: [] });
    expect(() => sliceScopes([['a']], 0)).toThrow(RangeError);
  });
});

describe('sliceVersusRest', () => {
  test('a slice scored 0 against a rest scored 1: gap 1, every resample agrees, p = 2/(B + 1)', () => {
    const result = sliceVersusRest([1, 1, 0, 0, 1, 1], { slice: 's', members: [2, 3] }, resampling);
    expect(result).toMatchObject({ slice: 's', n: 2, nRest: 4, sliceMean: 0, restMean: 1, gap: 1, ci: [1, 1] });
    expect(result.pValue).toBeCloseTo(2 / (B + 1), 12);
  });

  test('no difference anywhere: gap 0, p = 1', () => {
    expect(sliceVersusRest([0.5, 0.5, 0.5, 0.5], { slice: 's', members: [0, 1] }, resampling)).toMatchObject({ gap: 0, ci: [0, 0], pValue: 1 });
  });

  test('means as hand-computed: slice (0.2 + 0.4) / 2 = 0.3, rest (0.9 + 0.7 + 0.8) / 3 = 0.8, gap 0.5 inside its interval', () => {
    const result = sliceVersusRest([0.2, 0.9, 0.4, 0.7, 0.8], { slice: 's', members: [0, 2] }, resampling);
    expect(result.sliceMean).toBeCloseTo(0.3, 12);
    expect(result.restMean).toBeCloseTo(0.8, 12);
    expect(result.gap).toBeCloseTo(0.5, 12);
    expect(result.ci![0]).toBeLessThanOrEqual(0.5);
    expect(result.ci![1]).toBeGreaterThanOrEqual(0.5);
    // Resampled per stratum: the slice mean stays in [0.2, 0.4] and the rest's in [0.7, 0.9].
    expect(result.ci![0]).toBeGreaterThanOrEqual(0.3 - 1e-12);
    expect(result.ci![1]).toBeLessThanOrEqual(0.7 + 1e-12);
  });

  test('the same seed resamples the same items for every values array (paired): the gap of differences is the difference of gaps', () => {
    const candidate = [0.1, 0.9, 0.3, 0.8, 0.6, 0.2];
    const baseline = [0.5, 0.7, 0.4, 0.9, 0.1, 0.3];
    const scope = { slice: 's', members: [0, 2, 5] };
    const c = sliceVersusRest(candidate, scope, resampling);
    const b = sliceVersusRest(baseline, scope, resampling);
    const d = sliceVersusRest(candidate.map((x, i) => x - baseline[i]!), scope, resampling);
    expect(d.gap).toBeCloseTo(c.gap - b.gap, 12);
  });

  test('one item on a side gives no interval and no p-value (never a made-up one); bad input throws', () => {
    expect(sliceVersusRest([0, 1, 1], { slice: 's', members: [0] }, resampling)).toMatchObject({ gap: 1, ci: null, pValue: null });
    expect(() => sliceVersusRest([0, NaN, 1], { slice: 's', members: [0] }, resampling)).toThrow(RangeError);
    expect(() => sliceVersusRest([0, 1], { slice: 's', members: [0, 1] }, resampling)).toThrow(/outside it/);
  });
});

describe('holmAcrossSlices', () => {
  test('per family, as R p.adjust(c(0.01, 0.04, 0.03), "holm") = 0.03 0.06 0.06; rows without a family or a p-value are left out', () => {
    const rows = [
      { family: 'x', p: 0.01 },
      { family: 'x', p: 0.04 },
      { family: 'x', p: 0.03 },
      { family: 'y', p: 0.02 },
      { family: null, p: 0.5 },
      { family: 'x', p: null },
    ];
    const { adjusted, familySizes } = holmAcrossSlices(rows, (r) => r.family, (r) => r.p);
    expect(rows.map((r) => adjusted.get(r) ?? null)).toEqual([0.03, 0.06, 0.06, 0.02, null, null].map((v) => (v === null ? null : expect.closeTo(v, 12))));
    expect([...familySizes]).toEqual([['x', 3], ['y', 1]]);
  });
});

describe('shared with the regression gate', () => {
  test('the regression gate judges with this module (one implementation, not a copy)', () => {
    expect(regression.bootstrapEvidence).toBe(bootstrapEvidence);
    expect(bootstrapEvidence(new Float64Array(1000), 0.95)).toEqual({ ci: [0, 0], pValue: 1 });
  });

  test("the regression gate's untested slices are exactly sliceScopes' untested slices", () => {
    const observation = { ok: true, exact: 1, f1: 1, bleu: null, latencyMs: 10, ttftMs: null };
    const items = Array.from({ length: 12 }, (_, i) => ({
      itemId: `i${i}`,
      capability: 'math',
      slices: i < 10 ? ['big'] : ['small'],
      candidate: [observation],
      baseline: [observation],
    }));
    const policy = {
      dataset: { path: 'r.jsonl', sha256: 'a'.repeat(64), minItemsPerCapability: { math: 1 }, minItemsPerSlice: 5 },
      capabilityMetrics: {},
      metrics: { accuracy: 0.01, f1: 0.01, bleu: 0.02, latency_mean: 0.1, latency_p99: 0.1, ttft_mean: 0.1, throughput: 0.05, memory: 0.1 },
      absolute: {},
      bootstrap: { resamples: 1000, confidence: 0.95 },
      alpha: 0.05,
      throughput: { concurrency: 1, requests: 4, runs: 3 },
      memoryMetric: 'm',
      runs: 1,
      onInconclusive: 'block' as const,
    };
    const judged = regression.judgeRegression(
      { items, hasBaseline: true, runs: 1, throughput: null, memory: { candidate: { status: 'not_measured', reason: 'x' }, baseline: null } },
      policy,
      'seed',
    );
    expect(judged.summary.untestedSlices).toEqual(sliceScopes(items.map((i) => i.slices), 5).untested);
    expect(judged.summary.rows.some((row) => row.scope === 'slice:big')).toBe(true);
  });
});
