/**
 * Properties of the regression judge (fast-check): identical candidate and baseline never fail,
 * whatever the data; a shifted candidate fails once the shift and the sample are large enough; the
 * p99 shortcut equals a sort.
 */
import fc from 'fast-check';
import { judgeRegression } from '../../../src/gates/regression';
import { upperQuantile } from '../../../src/gates/regression-measure';
import { type Observation, type RegressionItemMeasurement } from '../../../src/eval/regression/measurements';
import { quantileSorted } from '../../../src/stats';
import { measuredMemory, measurements, testPolicy, throughput } from '../eval/regression/fixtures/measurements';

const CAPABILITIES = ['math', 'extraction', 'summarisation'];
const SLICES = ['lang:en', 'lang:de', 'long'];
const policy = testPolicy({
  dataset: { path: 'r', sha256: 'a'.repeat(64), minItemsPerCapability: { math: 1 }, minItemsPerSlice: 3 },
  bootstrap: { resamples: 1000 },
});

const observation: fc.Arbitrary<Observation> = fc.record({
  ok: fc.constant(true),
  exact: fc.constantFrom(0, 1),
  f1: fc.double({ min: 0, max: 1, noNaN: true }),
  bleu: fc.option(
    fc.record({
      counts: fc.tuple(fc.nat(20), fc.nat(15), fc.nat(10), fc.nat(5)).map((t) => [...t]),
      totals: fc.tuple(fc.integer({ min: 20, max: 30 }), fc.integer({ min: 15, max: 29 }), fc.integer({ min: 10, max: 28 }), fc.integer({ min: 5, max: 27 })).map((t) => [...t]),
      sysLen: fc.integer({ min: 20, max: 30 }),
      refLen: fc.integer({ min: 1, max: 40 }),
    }),
    { nil: null },
  ),
  latencyMs: fc.double({ min: 1, max: 2000, noNaN: true }),
  ttftMs: fc.option(fc.double({ min: 0.5, max: 500, noNaN: true }), { nil: null }),
});

const itemArb = fc.record({
  capability: fc.constantFrom(...CAPABILITIES),
  slices: fc.subarray(SLICES),
  observation: fc.oneof({ weight: 19, arbitrary: observation }, { weight: 1, arbitrary: fc.constant<Observation>({ ok: false, exact: 0, f1: 0, bleu: null, latencyMs: null, ttftMs: null }) }),
});

describe('regression judge properties', () => {
  test('identical candidate and baseline never fail', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 3, maxLength: 5 }),
        fc.integer({ min: 1, max: 8 * 1024 ** 3 }),
        fc.constantFrom(0, 0.01, 0.1),
        fc.string({ minLength: 1, maxLength: 12 }),
        (generated, rates, memory, tolerance, seed) => {
          const list: RegressionItemMeasurement[] = generated.map((g, i) => ({
            itemId: `i${i}`,
            capability: i === 0 ? 'math' : g.capability,
            slices: g.slices,
            candidate: [g.observation],
            baseline: [g.observation],
          }));
          // The baseline failing on > 10% of the items is a problem whatever the candidate does: keep below.
          fc.pre(list.filter((x) => !x.baseline![0]!.ok).length <= 0.1 * list.length);
          fc.pre(list.some((x) => x.candidate[0]!.ok));
          const m = measurements(list, { throughput: throughput(rates, [...rates]), memory: { candidate: measuredMemory(memory), baseline: measuredMemory(memory) } });
          const p = testPolicy({
            dataset: policy.dataset,
            bootstrap: { resamples: 1000 },
            metrics: { accuracy: tolerance, f1: tolerance, bleu: tolerance, latency_mean: tolerance, latency_p99: tolerance, ttft_mean: tolerance, throughput: tolerance, memory: tolerance },
          });
          const judged = judgeRegression(m, p, seed);
          expect(judged.summary.problems).toEqual([]);
          expect(judged.result.verdict).not.toBe('fail');
          expect(judged.summary.rows.every((r) => r.verdict !== 'fail' && r.verdict !== 'inconclusive')).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('a latency shift beyond the tolerance fails once the shift and the sample are large enough', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 20, max: 200, noNaN: true }), { minLength: 80, maxLength: 200 }),
        fc.double({ min: 0.3, max: 2, noNaN: true }),
        fc.string({ minLength: 1, maxLength: 8 }),
        (latencies, shift, seed) => {
          const list = latencies.map((latency, i) => ({
            itemId: `i${i}`,
            capability: 'math',
            slices: [],
            candidate: [{ ok: true, exact: 1, f1: 1, bleu: null, latencyMs: latency * (1 + shift), ttftMs: null }],
            baseline: [{ ok: true, exact: 1, f1: 1, bleu: null, latencyMs: latency, ttftMs: null }],
          }));
          const judged = judgeRegression(measurements(list), policy, seed);
          const mean = judged.summary.rows.find((r) => r.metric === 'latency_mean' && r.scope === 'all')!;
          expect(mean.verdict).toBe('fail');
          expect(judged.result.verdict).toBe('fail');
        },
      ),
      { numRuns: 25 },
    );
  });

  test('an accuracy drop of a third fails once the sample is large enough; on a handful of items it never fails', () => {
    fc.assert(
      fc.property(fc.integer({ min: 150, max: 400 }), fc.double({ min: 0.3, max: 0.9, noNaN: true }), fc.string({ minLength: 1, maxLength: 8 }), (n, drop, seed) => {
        const lost = Math.round(drop * n);
        const list = Array.from({ length: n }, (_, i) => ({
          itemId: `i${i}`,
          capability: 'math',
          slices: [],
          candidate: [{ ok: true, exact: i < lost ? 0 : 1, f1: i < lost ? 0 : 1, bleu: null, latencyMs: 10, ttftMs: null }],
          baseline: [{ ok: true, exact: 1, f1: 1, bleu: null, latencyMs: 10, ttftMs: null }],
        }));
        expect(judgeRegression(measurements(list), policy, seed).result.verdict).toBe('fail');
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), (n) => {
        // One item lost out of n ≤ 4: McNemar and the bootstrap cannot show it.
        const list = Array.from({ length: n }, (_, i) => ({
          itemId: `i${i}`,
          capability: 'math',
          slices: [],
          candidate: [{ ok: true, exact: i === 0 ? 0 : 1, f1: 1, bleu: null, latencyMs: 10, ttftMs: null }],
          baseline: [{ ok: true, exact: 1, f1: 1, bleu: null, latencyMs: 10, ttftMs: null }],
        }));
        const accuracy = judgeRegression(measurements(list), policy, 'seed').summary.rows.find((r) => r.metric === 'accuracy' && r.scope === 'all')!;
        expect(accuracy.verdict).toBe('inconclusive');
      }),
      { numRuns: 4 },
    );
  });

  test('upperQuantile equals the sorted quantile (numpy linear) for p ≥ ½', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.double({ min: 0.5, max: 1, noNaN: true }), (values, p) => {
        const expected = quantileSorted(Float64Array.from(values).sort(), p);
        expect(upperQuantile(values, values.length, p, new Float64Array(values.length + 1))).toBeCloseTo(expected, 6);
      }),
      { numRuns: 300 },
    );
  });
});
