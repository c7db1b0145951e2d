/**
 * Classifier fairness metrics, checked against Fairlearn's published worked example and against
 * hand-computed cases, including the edge cases that must never produce NaN.
 *
 * Fairlearn user guide (fairlearn/fairlearn, docs/user_guide/assessment/perform_fairness_assessment.rst
 * and common_fairness_metrics.rst), with
 *   y_true  = [0,1,1,1,1,0,1,0,1,0,0,0,1,1,1,1,1,1]
 *   y_pred  = [0,0,1,0,1,1,1,0,0,1,1,1,1,0,0,1,1,0]
 *   sf_data = [b,b,a,b,b,c,c,c,a,a,c,a,b,c,c,b,c,c]
 * MetricFrame.by_group: tpr a 0.5, b 0.6, c 0.4; sel a 0.75, b 0.50, c 0.50; count 4, 6, 8.
 * difference(): tpr 0.20, sel 0.25; ratio(): tpr 0.666667, sel 0.666667.
 * demographic_parity_difference → 0.25; demographic_parity_ratio → 0.66666…
 * (equal_opportunity_difference / _ratio are MetricFrame(true_positive_rate).difference() / .ratio(),
 * fairlearn/metrics/_fairness_metrics.py, hence 0.20 and 0.666667 on the same data.)
 */
import fc from 'fast-check';
import { calibrationBin, classifierFairness, demographicParity, equalOpportunity, groupCalibration, groupStats, type ClassifierObservation } from '../../../../src/eval/bias/metrics';
import { stratifiedBootstrap } from '../../../../src/eval/bias/stratified-bootstrap';

const Y_TRUE = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1] as const;
const Y_PRED = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0] as const;
const SF = ['b', 'b', 'a', 'b', 'b', 'c', 'c', 'c', 'a', 'a', 'c', 'a', 'b', 'c', 'c', 'b', 'c', 'c'];

/** Observations from parallel arrays; the score defaults to the prediction (0 or 1). */
function observations(yTrue: readonly number[], yPred: readonly number[], groups: readonly string[], scores?: readonly number[]): ClassifierObservation[] {
  return yTrue.map((label, i) => ({
    itemId: `item-${i}`,
    group: groups[i]!,
    label: label as 0 | 1,
    predicted: yPred[i] as 0 | 1,
    score: scores?.[i] ?? yPred[i]!,
  }));
}

const fairlearnExample = observations(Y_TRUE, Y_PRED, SF);
const bootstrap = { resamples: 2000, confidence: 0.95, seed: 'metrics-test' };

describe('Fairlearn worked example', () => {
  test('per-group selection rate, true positive rate and count match MetricFrame.by_group', () => {
    const stats = groupStats(fairlearnExample);
    expect(stats.map((s) => [s.group, s.n, s.selectionRate, s.truePositiveRate])).toEqual([
      ['a', 4, 0.75, 0.5],
      ['b', 6, 0.5, 0.6],
      ['c', 8, 0.5, 0.4],
    ]);
  });

  test('demographic parity difference is 0.25 and ratio 0.666…, as demographic_parity_difference / _ratio', () => {
    const dp = demographicParity(fairlearnExample);
    expect(dp.status).toBe('ok');
    if (dp.status !== 'ok') return;
    expect(dp.difference).toBeCloseTo(0.25, 12);
    expect(dp.ratio).toBeCloseTo(2 / 3, 12);
    expect(dp.highest).toEqual({ group: 'a', rate: 0.75 });
    expect(dp.lowest.rate).toBe(0.5);
  });

  test('equal opportunity difference is 0.20 and ratio 0.666…, as MetricFrame(true_positive_rate).difference() / .ratio()', () => {
    const eo = equalOpportunity(fairlearnExample);
    expect(eo.status).toBe('ok');
    if (eo.status !== 'ok') return;
    expect(eo.difference).toBeCloseTo(0.2, 12);
    expect(eo.ratio).toBeCloseTo(2 / 3, 12);
    expect(eo.highest).toEqual({ group: 'b', rate: 0.6 });
    expect(eo.lowest).toEqual({ group: 'c', rate: 0.4 });
  });
});

describe('edge cases: a clear result or an error, never NaN', () => {
  test('a group with no positives is left out of equal opportunity and named, not counted as a rate of 0', () => {
    // Group z: two items, both label 0 (Fairlearn would report its TPR as 0 and the difference as 0.6).
    const obs = observations([...Y_TRUE, 0, 0], [...Y_PRED, 1, 0], [...SF, 'z', 'z']);
    const eo = equalOpportunity(obs);
    expect(eo.status).toBe('ok');
    if (eo.status !== 'ok') return;
    expect(eo.difference).toBeCloseTo(0.2, 12);
    expect(eo.groups).toEqual(['a', 'b', 'c']);
    expect(eo.excluded).toEqual([{ group: 'z', reason: 'no items with label 1, so its true positive rate does not exist' }]);
    expect(groupStats(obs).find((s) => s.group === 'z')!.truePositiveRate).toBeNull();
  });

  test('when no group has positives, equal opportunity is undefined with a reason', () => {
    const eo = equalOpportunity(observations([0, 0, 0], [1, 0, 1], ['a', 'b', 'b']));
    expect(eo).toMatchObject({ status: 'undefined', reason: 'true positive rate needs at least two groups to compare, found 0' });
  });

  test('a group with one item gives a rate of 0 or 1 by default, and is excluded below the minimum group size', () => {
    const obs = observations([1, 0, 1, 0, 1], [1, 0, 1, 1, 0], ['a', 'a', 'a', 'a', 'solo']);
    const all = demographicParity(obs);
    expect(all).toMatchObject({ status: 'ok', difference: 0.75, ratio: 0 });
    const guarded = demographicParity(obs, { minItemsPerGroup: 2 });
    expect(guarded).toMatchObject({ status: 'undefined', groups: ['a'], excluded: [{ group: 'solo', reason: '1 item, fewer than the 2 needed for a selection rate' }] });
  });

  test('a ratio whose largest rate is 0 is null with a reason (0/0), the difference 0', () => {
    const dp = demographicParity(observations([1, 0, 1, 0], [0, 0, 0, 0], ['a', 'a', 'b', 'b']));
    expect(dp).toMatchObject({ status: 'ok', difference: 0, ratio: null, ratioNote: "every group's selection rate is 0, so the ratio 0/0 does not exist" });
  });

  test('an unknown group is just another group to the metrics (the judge refuses it against the policy)', () => {
    const obs = observations([...Y_TRUE, 1], [...Y_PRED, 1], [...SF, 'unlisted']);
    expect(groupStats(obs).map((s) => s.group)).toEqual(['a', 'b', 'c', 'unlisted']);
    expect(demographicParity(obs)).toMatchObject({ status: 'ok', difference: 0.5 });
  });

  test('invalid observations are errors naming the item: a label of 2, a score outside [0, 1], NaN', () => {
    const bad = (patch: Partial<ClassifierObservation>) => [{ ...fairlearnExample[0]!, ...patch }];
    expect(() => groupStats(bad({ label: 2 as 0 }))).toThrow('observations[0].label must be 0 or 1');
    expect(() => groupStats(bad({ score: 1.2 }))).toThrow('observations[0].score must be a number in [0, 1]');
    expect(() => groupStats(bad({ score: Number.NaN }))).toThrow('observations[0].score');
    expect(() => groupStats(bad({ group: '' }))).toThrow('observations[0].group');
  });

  test('no metric or interval is ever NaN, on any data (property)', () => {
    const observation = fc.record({
      group: fc.constantFrom('a', 'b', 'c'),
      label: fc.constantFrom<0 | 1>(0, 1),
      predicted: fc.constantFrom<0 | 1>(0, 1),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 40 }), (rows) => {
        const obs = rows.map((r, i) => ({ ...r, itemId: `i${i}` }));
        const result = classifierFairness(obs, { bins: 4, minItemsPerBin: 2, minItemsPerGroup: 1, minPositivesPerGroup: 1 }, { resamples: 50, confidence: 0.9, seed: 1 });
        const numbers = JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? 'NOT-FINITE' : v));
        expect(numbers).not.toContain('NOT-FINITE');
      }),
      { numRuns: 60 },
    );
  });
});

describe('per-group calibration', () => {
  test('bins, gaps and the worst (group, bin), computed by hand; small bins are reported, not used', () => {
    // Group a: bin 0 (scores 0.1, 0.2, 0.3; labels 0, 0, 1): mean 0.2, observed 1/3, gap 0.1333…
    //          bin 1 (scores 0.8, 0.9, 1.0; labels 1, 1, 1): mean 0.9, observed 1, gap 0.1
    // Group b: bin 0 (0.4, labels 1): 1 item < 2, reported as unused (gap 0.6 is not judged)
    //          bin 1 (0.6, 0.7; labels 0, 1): mean 0.65, observed 0.5, gap 0.15
    const obs = observations(
      [0, 0, 1, 1, 1, 1, 1, 0, 1],
      [0, 0, 0, 1, 1, 1, 0, 1, 1],
      ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b'],
      [0.1, 0.2, 0.3, 0.8, 0.9, 1.0, 0.4, 0.6, 0.7],
    );
    const cal = groupCalibration(obs, { bins: 2, minItemsPerBin: 2 });
    expect(cal.status).toBe('ok');
    if (cal.status !== 'ok') return;
    expect(cal.gap).toBeCloseTo(0.15, 12);
    expect(cal.worstGroup).toBe('b');
    expect(cal.worstBin).toBe(1);
    const a = cal.groups.find((g) => g.group === 'a')!;
    expect(a.gap).toBeCloseTo(0.4 / 3, 12);
    const b = cal.groups.find((g) => g.group === 'b')!;
    expect(b.bins.map((bin) => [bin.bin, bin.n, bin.used])).toEqual([
      [0, 1, false],
      [1, 2, true],
    ]);
    expect(b.bins[0]!.gap).toBeCloseTo(0.6, 12);
  });

  test('a score of exactly 1 goes in the last bin', () => {
    expect(calibrationBin(1, 10)).toBe(9);
    expect(calibrationBin(0, 10)).toBe(0);
    expect(calibrationBin(0.25, 4)).toBe(1);
  });

  test('a group with no bin large enough is excluded by name; none at all is undefined', () => {
    const obs = observations([1, 0], [1, 0], ['a', 'b'], [0.9, 0.1]);
    expect(groupCalibration(obs, { bins: 2, minItemsPerBin: 2 })).toMatchObject({
      status: 'undefined',
      excluded: [
        { group: 'a', reason: 'no score bin holds 2 or more of its 1 items' },
        { group: 'b', reason: 'no score bin holds 2 or more of its 1 items' },
      ],
    });
  });
});

describe('stratified bootstrap intervals', () => {
  test('every stratum keeps its size in every resample (no group can vanish), and the same seed gives the same values', () => {
    const strata = [[0, 1, 2], [3], [4, 5]];
    const seen: number[][] = [];
    const run = () =>
      stratifiedBootstrap(strata, 1, { resamples: 20, seed: 'strata' }, (indices, out) => {
        seen.push([...indices]);
        out[0] = indices.reduce((a, b) => a + b, 0);
      });
    const first = run();
    for (const resample of seen) {
      expect(resample.slice(0, 3).every((i) => i <= 2)).toBe(true);
      expect(resample[3]).toBe(3);
      expect(resample.slice(4).every((i) => i === 4 || i === 5)).toBe(true);
    }
    expect(first.estimates[0]).toBe(15);
    expect(Array.from(run().samples[0]!)).toEqual(Array.from(first.samples[0]!));
  });

  test('the estimates equal the point metrics, and the intervals contain them', () => {
    const result = classifierFairness(fairlearnExample, { bins: 2, minItemsPerBin: 1, minItemsPerGroup: 1, minPositivesPerGroup: 1 }, bootstrap);
    expect(result.intervals.demographicParity).toMatchObject({ status: 'ok', estimate: 0.25 });
    expect(result.intervals.equalOpportunity.status).toBe('ok');
    if (result.intervals.equalOpportunity.status !== 'ok' || result.intervals.demographicParity.status !== 'ok') return;
    expect(result.intervals.equalOpportunity.estimate).toBeCloseTo(0.2, 12);
    const [lo, hi] = result.intervals.demographicParity.ci;
    expect(lo).toBeLessThanOrEqual(0.25);
    expect(hi).toBeGreaterThanOrEqual(0.25);
  });

  test('a gap that does not exist has an undefined interval with the same reason', () => {
    const result = classifierFairness(observations([0, 0], [1, 0], ['a', 'b']), { bins: 2, minItemsPerBin: 1, minItemsPerGroup: 1, minPositivesPerGroup: 1 }, bootstrap);
    expect(result.intervals.equalOpportunity).toMatchObject({ status: 'undefined', detail: 'true positive rate needs at least two groups to compare, found 0' });
  });

  test('no items: every interval is undefined, nothing throws', () => {
    const result = classifierFairness([], { bins: 2, minItemsPerBin: 1, minItemsPerGroup: 1, minPositivesPerGroup: 1 }, bootstrap);
    expect(result.intervals.demographicParity.status).toBe('undefined');
    expect(result.demographicParity.status).toBe('undefined');
  });
});
