import fc from 'fast-check';
import {
  abortCanary,
  CanaryJudgeState,
  classifyInterval,
  classifyMetric,
  decideInterval,
  initialCanaryState,
  intervalsForStep,
  judgeInterval,
  MetricClassification,
  resumeCanary,
  scoreInterval,
} from '../../../src/canary/judge';
import type { SlotIntervalData } from '../../../src/canary/measurements';
import type { CanaryMetricConfig } from '../../../src/canary/plan';
import { latencies, metric, noTraffic, plan, scored, slot } from './helpers';

const ALPHA = 0.05;
const MIN = 50;

function classify(config: Parameters<typeof metric>[0], baseline: SlotIntervalData, canary: SlotIntervalData, overrides = {}) {
  return classifyMetric(metric(config, overrides), baseline, canary, ALPHA, MIN);
}

describe('classifyMetric: one metric, canary against baseline (Kayenta classes, fail-closed)', () => {
  test.each([
    {
      case: 'latency regression (+40% median, significant) → High',
      metric: 'latency' as const,
      baseline: slot({ latency: latencies(300, 100) }),
      canary: slot({ latency: latencies(300, 140) }),
      expected: 'High',
      reason: /^higher beyond tolerance: canary − baseline shift \+(3[5-9]|4[0-5])\.\d ms \(Hodges-Lehmann, 95% interval \+\d+\.\d ms to \+\d+\.\d ms; \+\d+\.\d% of the baseline median\), counts beyond ±10\.\d ms \(the larger of 10\.00% of the baseline median and the 5\.0 ms floor\)/,
    },
    {
      case: 'latency 5% slower, significant but within the 10% tolerance → Pass',
      metric: 'latency' as const,
      baseline: slot({ latency: latencies(2000, 100, 20) }),
      canary: slot({ latency: latencies(2000, 105, 20) }),
      expected: 'Pass',
      reason: /^within tolerance/,
    },
    {
      case: 'latency faster, and only an increase is bad → Pass',
      metric: 'latency' as const,
      baseline: slot({ latency: latencies(300, 140) }),
      canary: slot({ latency: latencies(300, 100) }),
      expected: 'Pass',
      reason: /^lower, which this metric allows/,
    },
    {
      case: 'error rate up from 0.2% to 4% → High',
      metric: 'error_rate' as const,
      baseline: slot({ errors: 2 }),
      canary: slot({ errors: 40 }),
      expected: 'High',
      reason: /canary 40\/1000 errors \(4\.00%\) vs baseline 2\/1000 \(0\.20%\), \+3\.80 pp \(tolerance ±1 pp\)/,
    },
    {
      case: 'error rate 3 pp higher on 60 requests each: beyond tolerance but not significant → Pass',
      metric: 'error_rate' as const,
      baseline: slot({ latency: latencies(60, 100), errors: 0 }),
      canary: slot({ latency: latencies(60, 100), errors: 2 }),
      expected: 'Pass',
      reason: /^no significant difference at α = 0\.05/,
    },
    {
      case: 'safety flag rate up from 0.2% to 6% → High',
      metric: 'safety_flag_rate' as const,
      baseline: slot({ checked: 500, flagged: 1 }),
      canary: slot({ checked: 500, flagged: 30 }),
      expected: 'High',
      reason: /30\/500 flagged/,
    },
    {
      case: 'negative feedback up from 10% to 40% of ratings → High',
      metric: 'negative_feedback_rate' as const,
      baseline: slot({ up: 90, down: 10 }),
      canary: slot({ up: 60, down: 40 }),
      expected: 'High',
      reason: /40\/100 negative ratings/,
    },
    {
      case: 'healthy: same latency and rates → Pass',
      metric: 'latency' as const,
      baseline: slot({ latency: latencies(500, 100, 20, 'a') }),
      canary: slot({ latency: latencies(500, 100, 20, 'b') }),
      expected: 'Pass',
      reason: /^no significant difference/,
    },
    {
      case: 'no traffic on the canary → NoData',
      metric: 'latency' as const,
      baseline: slot(),
      canary: noTraffic(),
      expected: 'NoData',
      reason: /too few latency samples: baseline 1000, canary 0; at least 50 needed in each/,
    },
    {
      case: 'no traffic → NoData for the error rate too',
      metric: 'error_rate' as const,
      baseline: slot(),
      canary: noTraffic(),
      expected: 'NoData',
      reason: /too few requests/,
    },
    {
      case: 'collection failed on the canary (input marks it) → Error',
      metric: 'safety_flag_rate' as const,
      baseline: slot(),
      canary: slot({ collectionErrors: { safety_flag_rate: '3 safety check(s) failed to run' } }),
      expected: 'Error',
      reason: /safety_flag_rate could not be measured: canary: 3 safety check\(s\) failed to run/,
    },
    {
      case: 'numbers that cannot be true (more errors than requests) → Error',
      metric: 'error_rate' as const,
      baseline: slot(),
      canary: slot({ requests: 10, errors: 11 }),
      expected: 'Error',
      reason: /canary reports 11 errors out of 10 requests: not a count/,
    },
  ])('$case', ({ metric: name, baseline, canary, expected, reason }) => {
    const result = classify(name, baseline, canary);
    expect(result.class).toBe(expected);
    expect(result.reason).toMatch(reason);
  });

  test('direction "either" fails a significant drop too, and "decrease_is_bad" lets a rise pass', () => {
    const fast = slot({ latency: latencies(300, 100) });
    const slow = slot({ latency: latencies(300, 140) });
    expect(classify('latency', slow, fast, { direction: 'either' }).class).toBe('Low');
    expect(classify('latency', fast, slow, { direction: 'either' }).class).toBe('High');
    expect(classify('latency', fast, slow, { direction: 'decrease_is_bad' })).toMatchObject({ class: 'Pass', reason: expect.stringMatching(/^higher, which this metric allows/) });
    expect(classify('error_rate', slot({ errors: 40 }), slot({ errors: 2 }), { direction: 'decrease_is_bad' }).class).toBe('Low');
  });

  test("latency: R's documented wilcox.test example gives the Hodges-Lehmann shift 0.305 with 95% interval [-0.15, 0.76]", () => {
    // R ?wilcox.test, Hollander & Wolfe (1973, p. 69f.), read as milliseconds: canary x, baseline y.
    // Hand-computed in test/unit/stats/hodges-lehmann.test.ts: median of the 50 differences 0.305,
    // qwilcox(0.025, 10, 5) = 9 → the 9th and 42nd smallest differences, -0.15 and 0.76.
    const canary = slot({ latency: [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46] });
    const baseline = slot({ latency: [1.15, 0.88, 0.9, 0.74, 1.21] });
    const result = classifyMetric(metric('latency'), baseline, canary, ALPHA, 5);
    expect(result.class).toBe('Pass');
    expect(result.shift!.estimate).toBeCloseTo(0.305, 12);
    expect(result.shift!.interval[0]).toBeCloseTo(-0.15, 12);
    expect(result.shift!.interval[1]).toBeCloseTo(0.76, 12);
    expect(result.shift).toMatchObject({ confidence: 0.95, method: 'exact' });
    expect(result.reason).toMatch(/^no significant difference at α = 0\.05: canary − baseline shift \+0\.3 ms \(Hodges-Lehmann, 95% interval -0\.2 ms to \+0\.8 ms/);
  });

  test('a 3 ms loopback difference between identical models is never a latency regression (the 5 ms floor)', () => {
    // The failure of issue 13: canary median 8.0 ms against 4.5 ms (+77%, beyond a 50% tolerance),
    // significant, on 23/37 samples. Beyond the relative tolerance, but not beyond 5 ms: Pass.
    const loopback = metric('latency', { tolerance: 0.5, critical: true });
    const baseline = slot({ latency: latencies(37, 4.5, 1, 'loopback-stable') });
    const canary = slot({ latency: latencies(23, 7.5, 1, 'loopback-canary') });
    const result = classifyMetric(loopback, baseline, canary, ALPHA, 5);
    expect(result.shift!.interval[0]).toBeGreaterThan(0); // the shift is real…
    expect(result.effect!).toBeGreaterThan(0.5); // …and beyond the relative tolerance…
    expect(result).toMatchObject({ class: 'Pass', allowedEffect: 5 }); // …but not beyond the floor
    expect(result.reason).toMatch(/^within tolerance: .*counts beyond ±5\.0 ms \(the larger of 50\.00% of the baseline median and the 5\.0 ms floor\)/);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.integer({ min: 5, max: 400 }),
        fc.integer({ min: 5, max: 400 }),
        fc.string(),
        (difference, centre, nb, nc, seed) => {
          const spread = Math.min(centre * 0.2, 1);
          const b = slot({ latency: latencies(nb, centre, spread, `b${seed}`) });
          const c = slot({ latency: latencies(nc, centre + difference, spread, `c${seed}`) });
          expect(classifyMetric({ ...loopback, tolerance: 0 }, b, c, ALPHA, 5).class).toBe('Pass');
        },
      ),
      { numRuns: 200 },
    );
  });

  test('minEffect: a slower canary counts only beyond both the relative tolerance and the absolute floor', () => {
    const baseline = slot({ latency: latencies(200, 2, 0.2, 'fast-baseline') });
    const fourMs = slot({ latency: latencies(200, 4, 0.2, 'four') });
    const fortyMs = slot({ latency: latencies(200, 40, 4, 'forty') });
    // +100% is far beyond a 10% tolerance, but 2 ms is under the 5 ms default floor.
    expect(classify('latency', baseline, fourMs).class).toBe('Pass');
    expect(classify('latency', baseline, fourMs, { minEffect: 1 }).class).toBe('High');
    // Tens of milliseconds apart: beyond both.
    expect(classify('latency', baseline, fortyMs)).toMatchObject({ class: 'High', allowedEffect: 5 });
    // On a 100 ms baseline the relative tolerance is the larger allowance: 10 ms.
    const slow = slot({ latency: latencies(1000, 100, 5, 'hundred') });
    expect(classify('latency', slow, slot({ latency: latencies(1000, 108, 5, 'hundred-eight') }))).toMatchObject({ class: 'Pass', allowedEffect: expect.closeTo(10, 0) });
    expect(classify('latency', slow, slot({ latency: latencies(1000, 115, 5, 'hundred-fifteen') })).class).toBe('High');
    // Rates: a 3.8 pp rise passes a 5 pp floor even with a 1 pp tolerance.
    expect(classify('error_rate', slot({ errors: 2 }), slot({ errors: 40 }), { minEffect: 5 })).toMatchObject({
      class: 'Pass',
      allowedEffect: 5,
      reason: expect.stringMatching(/\(minEffect ±5 pp, above the tolerance of 1 pp\)/),
    });
  });

  test('a plan that skipped the schema: a text minEffect is read, a bad one is an Error, never a crash', () => {
    const baseline = slot({ latency: latencies(200, 2, 0.2, 'text-baseline') });
    const slower = slot({ latency: latencies(200, 12, 1, 'text-canary') });
    const textual = (minEffect: string) => ({ ...metric('latency'), minEffect }) as unknown as CanaryMetricConfig;
    expect(classifyMetric(textual('15ms'), baseline, slower, ALPHA, MIN)).toMatchObject({ class: 'Pass', allowedEffect: 15 });
    expect(classifyMetric(textual('5ms'), baseline, slower, ALPHA, MIN).class).toBe('High');
    expect(classifyMetric(textual('soon'), baseline, slower, ALPHA, MIN)).toMatchObject({ class: 'Error', reason: expect.stringMatching(/minEffect of latency/) });
  });

  test('reports values, sample sizes, the effect and the p-value', () => {
    const result = classify('error_rate', slot({ errors: 2 }), slot({ errors: 40 }));
    expect(result).toMatchObject({ metric: 'error_rate', baselineValue: 0.002, canaryValue: 0.04, baselineSamples: 1000, canarySamples: 1000 });
    expect(result.effect).toBeCloseTo(3.8, 10);
    expect(result.pValue).toBeLessThan(1e-6);
    const latency = classify('latency', slot({ latency: [10, 20, 30, ...latencies(60, 20)] }), slot({ latency: latencies(60, 20, 4, 'c') }));
    expect(latency.baselineSamples).toBe(63);
    expect(typeof latency.baselineValue).toBe('number');
  });

  test('the rate tolerance is in absolute percentage points: 4 pp more errors pass a 5 pp tolerance', () => {
    expect(classify('error_rate', slot({ errors: 10 }), slot({ errors: 50 }), { tolerance: 5 }).class).toBe('Pass');
    expect(classify('error_rate', slot({ errors: 10 }), slot({ errors: 50 }), { tolerance: 3 }).class).toBe('High');
  });

  test('bad input never throws: a NaN latency or a bad alpha is an Error', () => {
    const poisoned = slot({ latency: [...latencies(60, 100), Number.NaN] });
    expect(classifyMetric(metric('latency'), poisoned, slot(), ALPHA, MIN).class).toBe('Error');
    expect(classifyMetric(metric('latency'), slot(), slot(), 0, MIN).class).toBe('Error');
    expect(classifyMetric(metric('latency'), slot(), slot(), ALPHA, 0).class).toBe('Error');
  });

  test('property: identical samples never fail (Pass or NoData, whatever the metric settings)', () => {
    const slotData = fc.record({
      latency: fc.array(fc.double({ min: 0, max: 10_000, noNaN: true }), { maxLength: 120 }),
      requests: fc.integer({ min: 0, max: 5000 }),
      errorShare: fc.double({ min: 0, max: 1, noNaN: true }),
      checked: fc.integer({ min: 0, max: 5000 }),
      flagShare: fc.double({ min: 0, max: 1, noNaN: true }),
      up: fc.integer({ min: 0, max: 500 }),
      down: fc.integer({ min: 0, max: 500 }),
    });
    const config = fc.record({
      name: fc.constantFrom('latency' as const, 'error_rate' as const, 'safety_flag_rate' as const, 'negative_feedback_rate' as const),
      direction: fc.constantFrom('increase_is_bad' as const, 'decrease_is_bad' as const, 'either' as const),
      tolerance: fc.double({ min: 0, max: 1, noNaN: true }),
      weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
      critical: fc.boolean(),
      mustHaveData: fc.boolean(),
    });
    fc.assert(
      fc.property(slotData, config, fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 100 }), (d, m, alpha, minSamples) => {
        const data = slot({
          latency: d.latency,
          requests: d.requests,
          errors: Math.floor(d.requests * d.errorShare),
          checked: d.checked,
          flagged: Math.floor(d.checked * d.flagShare),
          up: d.up,
          down: d.down,
        });
        const copy: SlotIntervalData = JSON.parse(JSON.stringify(data));
        const result = classifyMetric(m, data, copy, alpha, minSamples);
        expect(['Pass', 'NoData']).toContain(result.class);
      }),
    );
  });

  test('property: for rates, swapping baseline and canary swaps High and Low', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (n1, n2, share1, share2, tolerance) => {
          const a = slot({ latency: [], requests: n1, errors: Math.floor(n1 * share1) });
          const b = slot({ latency: [], requests: n2, errors: Math.floor(n2 * share2) });
          const config = metric('error_rate', { direction: 'either', tolerance });
          const forward = classifyMetric(config, a, b, ALPHA, 1).class;
          const backward = classifyMetric(config, b, a, ALPHA, 1).class;
          const mirror: Record<string, string> = { High: 'Low', Low: 'High', Pass: 'Pass' };
          expect(backward).toBe(mirror[forward]);
        },
      ),
    );
  });
});

describe('scoreInterval: weighted share of passing metrics', () => {
  const c = (name: MetricClassification['metric'], cls: MetricClassification['class']): MetricClassification => ({
    metric: name,
    class: cls,
    reason: `${name} was ${cls}`,
    baselineValue: null,
    canaryValue: null,
    baselineSamples: 0,
    canarySamples: 0,
  });

  test('healthy interval: every metric passes → 100', () => {
    const p = plan();
    const result = judgeInterval(p, slot(), slot({ latency: latencies(1000, 100, 20, 'other') }));
    expect(result).toMatchObject({ score: 100, criticalFailure: false, collectionError: false });
    expect(result.metrics.map((m) => m.class)).toEqual(['Pass', 'Pass', 'Pass', 'Pass']);
  });

  test('weights: latency (weight 3) failing, error rate (weight 1) passing → 25', () => {
    const metrics = [metric('latency', { weight: 3 }), metric('error_rate')];
    const result = scoreInterval([c('latency', 'High'), c('error_rate', 'Pass')], metrics);
    expect(result.score).toBe(25);
    expect(result.reasons).toEqual(['latency: High, latency was High', 'score 25.0 (weighted share of passing metrics)']);
  });

  test('an error-rate increase on a critical metric scores 0, whatever else passes', () => {
    const p = plan();
    const result = judgeInterval(p, slot({ errors: 2 }), slot({ errors: 40 }));
    expect(result.metrics.find((m) => m.metric === 'error_rate')).toEqual({ metric: 'error_rate', class: 'High', critical: true });
    expect(result.score).toBe(0);
    expect(result.criticalFailure).toBe(true);
    expect(result.reasons.at(-1)).toBe('critical metric not passing: error_rate (High): score 0');
  });

  test('NoData is left out unless the metric must have data; then it counts as failing', () => {
    const optional = [metric('latency'), metric('error_rate'), metric('negative_feedback_rate', { mustHaveData: false })];
    expect(scoreInterval([c('latency', 'Pass'), c('error_rate', 'Pass'), c('negative_feedback_rate', 'NoData')], optional).score).toBe(100);
    const required = [metric('latency'), metric('error_rate'), metric('negative_feedback_rate', { mustHaveData: true })];
    expect(scoreInterval([c('latency', 'Pass'), c('error_rate', 'Pass'), c('negative_feedback_rate', 'NoData')], required).score).toBeCloseTo(200 / 3, 10);
  });

  test("Kayenta's rule: half or more of the metrics NoData scores 0, even when the metrics with data pass", () => {
    const optional = (name: MetricClassification['metric']) => metric(name, { mustHaveData: false });
    const four = [metric('latency'), metric('error_rate'), optional('safety_flag_rate'), optional('negative_feedback_rate')];
    const half = scoreInterval([c('latency', 'Pass'), c('error_rate', 'Pass'), c('safety_flag_rate', 'NoData'), c('negative_feedback_rate', 'NoData')], four);
    expect(half.score).toBe(0);
    expect(half.reasons.at(-1)).toBe("2 of 4 metrics had no data (at least 50%, Kayenta's rule): score 0");
    const quarter = scoreInterval([c('latency', 'Pass'), c('error_rate', 'Pass'), c('safety_flag_rate', 'Pass'), c('negative_feedback_rate', 'NoData')], four);
    expect(quarter.score).toBe(100);
    // One optional metric of two without data is half: 0, where it used to be left out and score 100.
    expect(scoreInterval([c('latency', 'Pass'), c('negative_feedback_rate', 'NoData')], [metric('latency'), optional('negative_feedback_rate')]).score).toBe(0);
  });

  test('Error always counts as failing (unlike Kayenta) and marks a collection error', () => {
    const metrics = [metric('latency'), metric('error_rate'), metric('negative_feedback_rate', { mustHaveData: false })];
    const result = scoreInterval([c('latency', 'Pass'), c('error_rate', 'Pass'), c('negative_feedback_rate', 'Error')], metrics);
    expect(result.score).toBeCloseTo(200 / 3, 10);
    expect(result.collectionError).toBe(true);
  });

  test('a metric the plan lists but nobody classified is an Error', () => {
    const result = scoreInterval([c('latency', 'Pass')], [metric('latency'), metric('error_rate')]);
    expect(result.metrics[1]).toEqual({ metric: 'error_rate', class: 'Error', critical: false });
    expect(result.score).toBe(50);
  });

  test('nothing to score scores 0, never 100; a critical metric without data scores 0', () => {
    const optional = [metric('negative_feedback_rate', { mustHaveData: false })];
    expect(scoreInterval([c('negative_feedback_rate', 'NoData')], optional)).toMatchObject({ score: 0 });
    const critical = [metric('latency'), metric('safety_flag_rate', { critical: true, mustHaveData: false })];
    expect(scoreInterval([c('latency', 'Pass'), c('safety_flag_rate', 'NoData')], critical)).toMatchObject({ score: 0, criticalFailure: true });
  });
});

describe('decideInterval: failure budget, pauses and steps (DESIGN §5.7, Argo Rollouts)', () => {
  function run(scores: ReturnType<typeof scored>[], p = plan(), from: CanaryJudgeState = initialCanaryState()) {
    let state = from;
    return scores.map((score) => {
      const decision = decideInterval(score, state, p);
      state = decision.state;
      return decision;
    });
  }

  test('healthy intervals bake each step, then promote: 5 → 25 → 50 → completed', () => {
    const p = plan();
    expect(p.steps.map((step) => intervalsForStep(step, p))).toEqual([2, 2, 2]);
    const decisions = run(Array.from({ length: 6 }, () => scored(100)), p);
    expect(decisions.map((d) => d.action)).toEqual(['continue', 'promote_step', 'continue', 'promote_step', 'continue', 'promote_step']);
    expect(decisions[1]!.reason).toMatch(/step 1 at 5% baked 2 passing intervals: on to 25%/);
    const last = decisions[5]!;
    expect(last.state).toMatchObject({ status: 'completed', stepIndex: 3, failures: 0 });
    expect(last.reason).toMatch(/the final step \(50%\) baked 2 passing intervals: the canary completed/);
  });

  test('no traffic → NoData → not promoted: the interval fails, and with no budget left rolls back', () => {
    const p = plan();
    const score = judgeInterval(p, slot(), noTraffic());
    expect(score.metrics.map((m) => m.class)).toEqual(['NoData', 'NoData', 'NoData', 'NoData']);
    expect(score.score).toBe(0);
    const decision = decideInterval(score, initialCanaryState(), p);
    expect(decision.action).toBe('rollback');
    expect(decision.state.status).toBe('rolled_back');
    // With a budget, it waits for traffic instead, but the step does not progress.
    const patient = decideInterval(score, initialCanaryState(), plan({ failureLimit: 3 }));
    expect(patient).toMatchObject({ action: 'continue', state: { failures: 1, passedInStep: 0 } });
  });

  test('a critical metric measured High rolls back at once, whatever the failure budget', () => {
    const p = plan({ failureLimit: 10 });
    const decision = decideInterval(judgeInterval(p, slot({ errors: 2 }), slot({ errors: 40 })), initialCanaryState(), p);
    expect(decision.action).toBe('rollback');
    expect(decision.reason).toMatch(/critical metric failed \(error_rate High\)/);
    expect(decision.state.recent).toEqual([{ interval: 1, step: 0, score: 0, verdict: 'critical_fail' }]);
  });

  test('failures within failureLimit continue without progress; one more rolls back', () => {
    const decisions = run([scored(100), scored(40), scored(100), scored(30)], plan({ failureLimit: 1 }));
    expect(decisions.map((d) => d.action)).toEqual(['continue', 'continue', 'promote_step', 'rollback']);
    expect(decisions[1]!.state).toMatchObject({ failures: 1, passedInStep: 1 });
    expect(decisions[3]!.reason).toMatch(/score 30\.0 ≤ marginal 50, failure 2 beyond the limit of 1/);
  });

  test('a score exactly at marginal counts as a failure', () => {
    expect(decideInterval(scored(50), initialCanaryState(), plan()).action).toBe('rollback');
  });

  test('collection errors: up to consecutiveErrorLimit in a row continue, one more rolls back; a good interval resets the count', () => {
    const error = scored(0, { collectionError: true, criticalFailure: true, metrics: [{ metric: 'error_rate', class: 'Error', critical: true }] });
    const tolerated = run([error, error, scored(100), error, error], plan({ consecutiveErrorLimit: 2 }));
    expect(tolerated.map((d) => d.action)).toEqual(['continue', 'continue', 'continue', 'continue', 'continue']);
    expect(tolerated[4]!.state).toMatchObject({ consecutiveErrors: 2, failures: 0, passedInStep: 1 });
    const broken = run([error, error, error], plan({ consecutiveErrorLimit: 2 }));
    expect(broken.map((d) => d.action)).toEqual(['continue', 'continue', 'rollback']);
    expect(broken[2]!.reason).toMatch(/could not be collected \(error_rate\) 3 intervals in a row, beyond the limit of 2/);
  });

  test('an interval with a collection error never counts as passing, even with a high score', () => {
    const partly = scored(90, { collectionError: true, metrics: [{ metric: 'negative_feedback_rate', class: 'Error', critical: false }] });
    const decisions = run([partly, partly], plan({ consecutiveErrorLimit: 5 }));
    expect(decisions.map((d) => d.state.passedInStep)).toEqual([0, 0]);
  });

  test('inconclusive (between marginal and pass) pauses for a human; a resumed canary goes on where it was', () => {
    const p = plan();
    const [first, paused, stillPaused] = run([scored(100), scored(60), scored(100)], p);
    expect(first!.action).toBe('continue');
    expect(paused!.action).toBe('pause_for_human');
    expect(paused!.state.status).toBe('paused');
    expect(paused!.reason).toMatch(/score 60\.0 between marginal 50 and pass 75: inconclusive, a human decides/);
    // Passing intervals while paused do not progress the step.
    expect(stillPaused).toMatchObject({ action: 'pause_for_human', state: { status: 'paused', passedInStep: 1 } });
    const resumed = resumeCanary(stillPaused!.state);
    expect(resumed).toMatchObject({ status: 'running', reason: null });
    expect(decideInterval(scored(100), resumed, p).action).toBe('promote_step');
  });

  test('a paused canary still rolls back on a failure (it still serves users)', () => {
    const [, paused] = run([scored(100), scored(60)]);
    expect(decideInterval(scored(10), paused!.state, plan()).action).toBe('rollback');
  });

  test('the final step must reach pass: a human resuming an inconclusive final interval does not complete it', () => {
    const p = plan({ steps: [{ weight: 50, bakeSeconds: 10 }] });
    const paused = decideInterval(scored(70), initialCanaryState(), p);
    expect(paused.action).toBe('pause_for_human');
    const again = decideInterval(scored(70), resumeCanary(paused.state), p);
    expect(again).toMatchObject({ action: 'pause_for_human', state: { status: 'paused', stepIndex: 0 } });
    const done = decideInterval(scored(75), resumeCanary(again.state), p);
    expect(done).toMatchObject({ action: 'promote_step', state: { status: 'completed' } });
  });

  test('a finished canary stays finished; an operator abort wins over a running or paused one', () => {
    const rolledBack = decideInterval(scored(0), initialCanaryState(), plan()).state;
    expect(decideInterval(scored(100), rolledBack, plan())).toMatchObject({ action: 'rollback', state: rolledBack });
    const aborted = abortCanary(initialCanaryState(), 'aborted by carol');
    expect(aborted).toMatchObject({ status: 'rolled_back', reason: 'aborted by carol' });
    expect(decideInterval(scored(100), aborted, plan()).action).toBe('rollback');
    const completed = run(Array.from({ length: 6 }, () => scored(100)))[5]!.state;
    expect(abortCanary(completed, 'too late')).toBe(completed);
  });

  test('the state is plain JSON: a state carried over continueAsNew decides the same, and its history stays bounded', () => {
    const p = plan({ failureLimit: 100, steps: [{ weight: 10, bakeSeconds: 10_000 }] });
    const scores = Array.from({ length: 40 }, (_, i) => scored(i % 3 === 0 ? 40 : 100));
    const direct = run(scores, p);
    let state = initialCanaryState();
    const carried = scores.map((score) => {
      const decision = decideInterval(score, JSON.parse(JSON.stringify(state)), p);
      state = decision.state;
      return decision;
    });
    expect(carried).toEqual(direct);
    expect(state.recent).toHaveLength(20);
    expect(state.recent[19]!.interval).toBe(40);
    expect(state).toMatchObject({ intervalsJudged: 40, failures: 14 });
  });

  test('property: never promotes past the plan, never more failures than failureLimit + 1, and a rollback is final', () => {
    const scoreArb = fc.record({
      score: fc.integer({ min: 0, max: 100 }),
      criticalFailure: fc.boolean(),
      collectionError: fc.boolean(),
      criticalHigh: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(scoreArb, { maxLength: 60 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.boolean(), (raw, failureLimit, consecutiveErrorLimit, resumeOnPause) => {
        const p = plan({ failureLimit, consecutiveErrorLimit });
        let state = initialCanaryState();
        let promotions = 0;
        let rolledBack = false;
        for (const r of raw) {
          const score = scored(r.score, {
            criticalFailure: r.criticalFailure,
            collectionError: r.collectionError,
            metrics: [
              { metric: 'error_rate', class: r.collectionError ? 'Error' : r.criticalHigh ? 'High' : 'Pass', critical: true },
            ],
          });
          const decision = decideInterval(score, state, p);
          if (rolledBack) expect(decision.action).toBe('rollback');
          if (decision.action === 'rollback') rolledBack = true;
          if (decision.action === 'promote_step' && decision.state !== state) {
            promotions++;
            expect(score.score).toBeGreaterThanOrEqual(p.scoreThresholds.pass);
            expect(score.collectionError).toBe(false);
          }
          state = decision.state;
          if (resumeOnPause) state = resumeCanary(state);
          expect(state.failures).toBeLessThanOrEqual(failureLimit + 1);
          expect(state.consecutiveErrors).toBeLessThanOrEqual(consecutiveErrorLimit + 1);
        }
        expect(promotions).toBeLessThanOrEqual(p.steps.length);
        if (state.status === 'completed') expect(state.recent.at(-1)!.verdict).toBe('pass');
      }),
    );
  });

  test('classifyInterval follows the plan order', () => {
    expect(classifyInterval(plan(), slot(), slot()).map((c) => c.metric)).toEqual(['latency', 'error_rate', 'safety_flag_rate', 'negative_feedback_rate']);
  });
});
