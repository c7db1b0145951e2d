/**
 * The bias gate's slice analysis over the regression suite's slices: the measurement
 * (src/eval/bias/slices.ts) and its judging (src/gates/bias.ts), on hand-computed examples, with the
 * edge cases that must give a clear verdict and never NaN: a slice with one item, a listed slice with
 * no item, a complement too small, failed calls, a first deployment.
 */
import { measureSliceFairness, type SliceItemScore } from '../../../../src/eval/bias/slices';
import { judgeBias } from '../../../../src/gates/bias';
import { classifySliceWidening } from '../../../../src/gates/bias-slice-checks';
import { biasPolicySchema } from '../../../../src/policy/sections/bias';

const B = 999;
const settings = { metric: 'f1' as const, minItemsPerSlice: 2, hasBaseline: true, resamples: B, confidence: 0.95, seed: 'bias-slices' };
const digest = 'd'.repeat(64);
const policyWith = (slices: Record<string, unknown> = {}) =>
  biasPolicySchema.parse({ slices: { dataset: { path: 'regression.jsonl', sha256: digest, minItemsPerSlice: 2 }, ...slices }, resamples: B });

/** x: 2 items the candidate gets wrong (0), y: 4 it gets right (1); the baseline gets all 6 right. */
function widened(): SliceItemScore[] {
  return [0, 1, 2, 3, 4, 5].map((i) => ({ itemId: `i${i}`, slices: [i < 2 ? 'x' : 'y'], candidate: i < 2 ? 0 : 1, baseline: 1 }));
}

describe('measureSliceFairness', () => {
  test('hand-computed: x gap 1 (candidate) vs 0 (baseline), widened by 1; y the mirror image; Holm over the two slices', () => {
    const m = measureSliceFairness(widened(), settings);
    expect(m).toMatchObject({ metric: 'f1', items: 6, compared: 6, hasBaseline: true, failedCalls: { candidate: 0, baseline: 0 }, untested: [], holmFamily: 2 });
    const [x, y] = m.rows;
    expect(x).toMatchObject({ slice: 'x', n: 2, nRest: 4, candidate: { sliceMean: 0, restMean: 1, gap: { value: 1 } }, baseline: { sliceMean: 1, restMean: 1, gap: { value: 0 } }, widening: { value: 1, ci: [1, 1] } });
    expect(y).toMatchObject({ slice: 'y', n: 4, nRest: 2, widening: { value: -1, ci: [-1, -1] } });
    // Every resample agrees: p = 2/(B + 1) each; Holm over two equal p-values doubles both.
    expect(x!.pValue).toBeCloseTo(2 / (B + 1), 12);
    expect(x!.adjustedPValue).toBeCloseTo(4 / (B + 1), 12);
    expect(y!.adjustedPValue).toBeCloseTo(4 / (B + 1), 12);
  });

  test('a failed candidate call scores 0; an item the baseline failed on is left out of the comparison', () => {
    const items = widened();
    items[2] = { ...items[2]!, candidate: null };
    items[5] = { ...items[5]!, baseline: null };
    const m = measureSliceFairness(items, settings);
    expect(m).toMatchObject({ items: 6, compared: 5, failedCalls: { candidate: 1, baseline: 1 } });
    // y now holds i2 (failed: 0), i3, i4: mean 2/3.
    expect(m.rows.find((r) => r.slice === 'y')!.candidate.sliceMean).toBeCloseTo(2 / 3, 12);
  });

  test('a slice with one item, a listed slice with no item, and a complement too small are untested, with the reason', () => {
    const items: SliceItemScore[] = [
      { itemId: 'a', slices: ['one'], candidate: 1, baseline: 1 },
      { itemId: 'b', slices: ['most'], candidate: 1, baseline: 1 },
      { itemId: 'c', slices: ['most'], candidate: 0, baseline: 1 },
      { itemId: 'd', slices: ['most'], candidate: 1, baseline: 0 },
    ];
    const m = measureSliceFairness(items, { ...settings, include: ['one', 'most', 'absent'] });
    expect(m.rows).toEqual([]);
    expect(m.untested).toEqual([
      { slice: 'absent', n: 0, reason: '0 item(s), fewer than 2' },
      { slice: 'most', n: 3, reason: 'the rest of the suite has 1 item(s), fewer than 2' },
      { slice: 'one', n: 1, reason: '1 item(s), fewer than 2' },
    ]);
  });

  test('a first deployment: gaps measured, no widening', () => {
    const m = measureSliceFairness(widened().map((i) => ({ ...i, baseline: null })), { ...settings, hasBaseline: false });
    expect(m.rows[0]).toMatchObject({ slice: 'x', baseline: null, widening: null, pValue: null, adjustedPValue: null, candidate: { gap: { value: 1 } } });
    expect(m.failedCalls.baseline).toBeNull();
  });
});

describe('judging the slice analysis', () => {

  test('a widened slice fails, named, with Holm-adjusted p; the narrowed mirror passes', () => {
    const { result, summary } = judgeBias({ kind: 'chat', slices: measureSliceFairness(widened(), settings) }, policyWith());
    expect(result.verdict).toBe('fail');
    expect(result.reasons[0]).toMatch(/^slice x \(2 items vs 4\): token F1 gap to the rest of the suite candidate 100 points \(slice 0, rest 1\), baseline 0 points \(slice 1, rest 1\): widened by 100 points, 95% CI 100 points to 100 points, bootstrap p = 0\.002, Holm-adjusted 0\.004: beyond the threshold of 5 points, and significant after Holm's correction \(alpha 0\.05\)$/);
    expect(result.metrics).toMatchObject({ 'slices.x.widening.verdict': 'fail', 'slices.y.widening.verdict': 'pass', 'slices.x.widening.value': 1, 'slices.tested': 2, 'slices.holmFamily': 2 });
    expect(summary.sliceAnalysis).toMatchObject({ status: 'judged', metric: 'f1' });
    expect(JSON.stringify({ result, summary })).not.toMatch(/NaN|Infinity/);
  });

  test('beyond the threshold but not significant after Holm is inconclusive; within it passes', () => {
    expect(classifySliceWidening({ value: 0.08, ci: [-0.01, 0.2], n: 30 }, 0.2, 0.05, { alpha: 0.05, requireDemonstrated: false })).toMatchObject({ verdict: 'inconclusive' });
    expect(classifySliceWidening({ value: 0.08, ci: [0.02, 0.2], n: 30 }, 0.01, 0.05, { alpha: 0.05, requireDemonstrated: false })).toMatchObject({ verdict: 'fail' });
    expect(classifySliceWidening({ value: 0.02, ci: [-0.01, 0.06], n: 30 }, 0.3, 0.05, { alpha: 0.05, requireDemonstrated: false })).toMatchObject({ verdict: 'pass' });
    expect(classifySliceWidening({ value: 0.02, ci: [-0.01, 0.06], n: 30 }, 0.3, 0.05, { alpha: 0.05, requireDemonstrated: true })).toMatchObject({ verdict: 'inconclusive' });
    expect(classifySliceWidening({ value: null, ci: null, n: 0, note: 'no items' }, null, 0.05, { alpha: 0.05, requireDemonstrated: false })).toMatchObject({ verdict: 'fail' });
  });

  test('a slice the policy lists but the suite cannot test fails closed, with the reason', () => {
    const items = widened();
    const { result } = judgeBias({ kind: 'chat', slices: measureSliceFairness(items, { ...settings, include: ['x', 'absent'] }) }, policyWith({ include: ['x', 'absent'] }));
    expect(result.verdict).toBe('fail');
    expect(result.reasons[0]).toBe('slice analysis: slice absent, which the policy lists, cannot be tested: 0 item(s), fewer than 2 (fail closed)');
  });

  test('no measurement, no item, a candidate that answered nothing, or a baseline that failed too often: fail closed', () => {
    const policy = policyWith();
    expect(judgeBias({ kind: 'chat' }, policy).result.reasons).toContain('slice analysis: no measurement (fail closed)');
    const none = measureSliceFairness([], settings);
    expect(judgeBias({ kind: 'chat', slices: none }, policy).result.reasons[0]).toBe('slice analysis: no regression item was scored (fail closed)');
    const silent = measureSliceFairness(widened().map((i) => ({ ...i, candidate: null })), settings);
    expect(judgeBias({ kind: 'chat', slices: silent }, policy).result.reasons[0]).toBe('slice analysis: the candidate answered none of the 6 regression items (fail closed)');
    const baselineDown = measureSliceFairness(widened().map((i, k) => ({ ...i, baseline: k === 0 ? null : i.baseline })), settings);
    const judged = judgeBias({ kind: 'chat', slices: baselineDown }, policy);
    expect(judged.result.verdict).toBe('fail');
    expect(judged.result.reasons[0]).toMatch(/^slice analysis: the baseline failed on 1 of 6 items, more than 10%/);
  });

  test('a first deployment reports the gaps without judging them; with nothing else to judge the gate fails closed, saying why', () => {
    const first = measureSliceFairness(widened().map((i) => ({ ...i, baseline: null })), { ...settings, hasBaseline: false });
    const { result, summary } = judgeBias({ kind: 'chat', slices: first }, policyWith());
    expect(summary.sliceAnalysis).toMatchObject({ status: 'reported' });
    expect(result.reasons).toContain("nothing was judged: the measurements hold no check for the policy's bias section (fail closed)");
    expect(result.reasons.join('\n')).toMatch(/first deployment: each slice's gap to the rest is reported, not judged \(the widening needs a baseline\): x 100 points \(95% CI 100 points to 100 points\), y -100 points/);
    expect(result.verdict).toBe('fail');
  });

  test('a classifier: slice analysis is not applicable; a chat policy without slices says it is not configured', () => {
    const classifierOnly = biasPolicySchema.parse({ classifier: { dataset: { path: 'c.jsonl', sha256: digest }, groups: ['A', 'B'] } });
    expect(judgeBias({ kind: 'classifier' }, classifierOnly).summary.sliceAnalysis).toEqual({ status: 'not_applicable', reason: "a classifier: the regression suite's slices are chat prompts" });
    const chatOnly = biasPolicySchema.parse({ stereoset: { dataset: { path: 's.jsonl', sha256: digest } } });
    const judged = judgeBias({ kind: 'chat' }, chatOnly);
    expect(judged.summary.sliceAnalysis).toMatchObject({ status: 'not_configured' });
    expect(judged.result.reasons).toContain("slice analysis over the regression suite's slices: not configured (the policy's bias section has no slices)");
  });
});
