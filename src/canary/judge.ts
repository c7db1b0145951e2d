/**
 * The canary judge (DESIGN §5.7): Kayenta's classify → score, then Argo Rollouts' failure budget,
 * made fail-closed. Three separate pure functions over plain data, in the order they run:
 *
 *   classifyMetric(metric, baseline, canary, alpha, minSamples) → Pass | High | Low | NoData | Error
 *   scoreInterval(classifications, metrics)                    → score 0–100, critical failure, reasons
 *   decideInterval(score, state, plan)                          → continue | rollback | pause_for_human | promote_step
 *
 * (The "measure" step, gateway buckets → `SlotIntervalData`, is `intervalData` in measurements.ts.)
 * Workflow code imports this file: no node modules, no I/O, no clock, no randomness; the state is
 * plain JSON, so it carries over `continueAsNew` as is.
 *
 * Where this differs from Kayenta, on purpose: a metric whose collection failed is `Error` and counts
 * as a failing metric (Kayenta leaves it out); an interval with nothing to score scores 0, not 100.
 */
import { mannWhitneyU, quantile, twoProportionTest } from '../stats';
import type { SlotIntervalData } from './measurements';
import type { CanaryMetricConfig, CanaryMetricName, CanaryPlan, CanaryStep, MetricDirection } from './plan';

// ---------------------------------------------------------------------------------------------
// Classify

export type MetricClass = 'Pass' | 'High' | 'Low' | 'NoData' | 'Error';

export interface MetricClassification {
  metric: CanaryMetricName;
  class: MetricClass;
  /** One sentence: what was compared, the numbers, and why this class. */
  reason: string;
  /** Median latency (ms) or the rate as a proportion in [0, 1]; null when not measurable. */
  baselineValue: number | null;
  canaryValue: number | null;
  /** Samples behind each value: latency samples, requests, checked answers, or ratings. */
  baselineSamples: number;
  canarySamples: number;
  /** Canary − baseline: relative for latency (0.25 = +25%), percentage points for rates; null when undefined. */
  effect?: number | null;
  /** Two-sided p-value of the test (Mann-Whitney U, or the two-proportion z-test). */
  pValue?: number;
}

/**
 * Classifies one metric for one interval, canary against baseline.
 * - Collection failed on either side (`collectionErrors`), or numbers that cannot be true → `Error`.
 * - Fewer than `minSamples` in either slot → `NoData`.
 * - `latency`: Mann-Whitney U on the latency samples; `High` when the difference is significant
 *   (p < alpha) AND the canary's median is more than `tolerance` (relative) above the baseline's;
 *   `Low` likewise below. Else `Pass`.
 * - rates: two-proportion z-test; `High`/`Low` when significant AND the difference is beyond
 *   `tolerance` percentage points. Else `Pass`.
 * - The direction then decides what is bad: with `increase_is_bad` a `Low` is a `Pass`, with
 *   `decrease_is_bad` a `High` is; with `either` both fail.
 * Never throws: bad input is an `Error` classification (fail closed).
 */
export function classifyMetric(
  metric: CanaryMetricConfig,
  baseline: SlotIntervalData,
  canary: SlotIntervalData,
  alpha: number,
  minSamples: number,
): MetricClassification {
  const name = metric.name;
  const failedCollection = [
    ['baseline', baseline.collectionErrors?.[name]],
    ['canary', canary.collectionErrors?.[name]],
  ].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (failedCollection.length > 0) {
    return errorClass(name, `${name} could not be measured: ${failedCollection.map(([slot, why]) => `${slot}: ${why}`).join('; ')}`);
  }
  if (!(alpha > 0 && alpha < 1)) return errorClass(name, `alpha must be in (0, 1), got ${alpha}`);
  if (!Number.isInteger(minSamples) || minSamples < 1) return errorClass(name, `minSamples must be a positive integer, got ${minSamples}`);
  try {
    return name === 'latency'
      ? classifyLatency(metric, baseline, canary, alpha, minSamples)
      : classifyRate(metric, baseline, canary, alpha, minSamples);
  } catch (err) {
    return errorClass(name, `${name} could not be judged: ${(err as Error).message}`);
  }
}

function classifyLatency(
  metric: CanaryMetricConfig,
  baseline: SlotIntervalData,
  canary: SlotIntervalData,
  alpha: number,
  minSamples: number,
): MetricClassification {
  const b = baseline.latency.samplesMs;
  const c = canary.latency.samplesMs;
  const counts = { baselineSamples: b.length, canarySamples: c.length };
  if (b.length < minSamples || c.length < minSamples) {
    return { metric: 'latency', class: 'NoData', reason: tooFew('latency samples', b.length, c.length, minSamples), baselineValue: null, canaryValue: null, ...counts };
  }
  const test = mannWhitneyU(c, b);
  const medianB = quantile(b, 0.5)!;
  const medianC = quantile(c, 0.5)!;
  if (test.status !== 'ok') return errorClass('latency', test.detail);
  // Relative difference of medians; a zero baseline median makes any slower canary infinitely worse.
  const effect = medianB > 0 ? (medianC - medianB) / medianB : medianC === 0 ? 0 : null;
  const above = effect === null ? true : effect > metric.tolerance;
  const below = effect === null ? false : effect < -metric.tolerance;
  const significant = test.pValue < alpha;
  const raw: MetricClass = significant && test.z > 0 && above ? 'High' : significant && test.z < 0 && below ? 'Low' : 'Pass';
  const numbers =
    `canary median ${ms(medianC)} vs baseline ${ms(medianB)} (${effect === null ? 'baseline median 0' : signedPercent(effect)}, ` +
    `tolerance ±${percent(metric.tolerance)}), Mann-Whitney p = ${pval(test.pValue)}, n = ${c.length}/${b.length}`;
  return {
    metric: 'latency',
    ...directed(raw, metric.direction, numbers, alpha, significant),
    baselineValue: medianB,
    canaryValue: medianC,
    ...counts,
    effect,
    pValue: test.pValue,
  };
}

const RATE_PARTS: Record<Exclude<CanaryMetricName, 'latency'>, { events: string; of: string; count(d: SlotIntervalData): [number, number] }> = {
  error_rate: { events: 'errors', of: 'requests', count: (d) => [d.errors, d.requests] },
  safety_flag_rate: { events: 'flagged', of: 'checked answers', count: (d) => [d.safety.flagged, d.safety.checked] },
  negative_feedback_rate: { events: 'negative ratings', of: 'ratings', count: (d) => [d.feedback.down, d.feedback.up + d.feedback.down] },
};

function classifyRate(
  metric: CanaryMetricConfig,
  baseline: SlotIntervalData,
  canary: SlotIntervalData,
  alpha: number,
  minSamples: number,
): MetricClassification {
  const name = metric.name as Exclude<CanaryMetricName, 'latency'>;
  const parts = RATE_PARTS[name];
  const [xb, nb] = parts.count(baseline);
  const [xc, nc] = parts.count(canary);
  for (const [slot, x, n] of [['baseline', xb, nb], ['canary', xc, nc]] as const) {
    if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n) {
      return errorClass(name, `${slot} reports ${x} ${parts.events} out of ${n} ${parts.of}: not a count`);
    }
  }
  const counts = { baselineSamples: nb, canarySamples: nc };
  if (nb < minSamples || nc < minSamples) {
    return {
      metric: name,
      class: 'NoData',
      reason: tooFew(parts.of, nb, nc, minSamples),
      baselineValue: nb > 0 ? xb / nb : null,
      canaryValue: nc > 0 ? xc / nc : null,
      ...counts,
    };
  }
  const test = twoProportionTest(xc, nc, xb, nb);
  if (test.status !== 'ok') return errorClass(name, test.detail);
  const effectPp = test.diff * 100;
  const significant = test.pValue < alpha;
  const raw: MetricClass =
    significant && effectPp > metric.tolerance ? 'High' : significant && effectPp < -metric.tolerance ? 'Low' : 'Pass';
  const numbers =
    `canary ${xc}/${nc} ${parts.events} (${percent(test.p1)}) vs baseline ${xb}/${nb} (${percent(test.p2)}), ` +
    `${signedNumber(effectPp)} pp (tolerance ±${metric.tolerance} pp), two-proportion p = ${pval(test.pValue)}`;
  return {
    metric: name,
    ...directed(raw, metric.direction, numbers, alpha, significant),
    baselineValue: test.p2,
    canaryValue: test.p1,
    ...counts,
    effect: effectPp,
    pValue: test.pValue,
  };
}

/** Applies the metric's direction to a raw High/Low/Pass and words the reason. */
function directed(
  raw: MetricClass,
  direction: MetricDirection,
  numbers: string,
  alpha: number,
  significant: boolean,
): { class: MetricClass; reason: string } {
  if (raw === 'High' && direction === 'decrease_is_bad') return { class: 'Pass', reason: `higher, which this metric allows: ${numbers}` };
  if (raw === 'Low' && direction === 'increase_is_bad') return { class: 'Pass', reason: `lower, which this metric allows: ${numbers}` };
  if (raw === 'High') return { class: 'High', reason: `higher beyond tolerance: ${numbers}` };
  if (raw === 'Low') return { class: 'Low', reason: `lower beyond tolerance: ${numbers}` };
  return {
    class: 'Pass',
    reason: significant ? `within tolerance: ${numbers}` : `no significant difference at α = ${alpha}: ${numbers}`,
  };
}

function errorClass(metric: CanaryMetricName, reason: string): MetricClassification {
  return { metric, class: 'Error', reason, baselineValue: null, canaryValue: null, baselineSamples: 0, canarySamples: 0 };
}

function tooFew(what: string, baseline: number, canary: number, min: number): string {
  return `too few ${what}: baseline ${baseline}, canary ${canary}; at least ${min} needed in each`;
}

// ---------------------------------------------------------------------------------------------
// Score

export interface IntervalScore {
  /** Weighted share of passing metrics, 0–100; 0 when a critical metric did not pass or nothing could be scored. */
  score: number;
  /** A critical metric was not `Pass` (High, Low, NoData or Error). */
  criticalFailure: boolean;
  /** Some metric's measurements could not be collected (`Error`): this interval can never pass. */
  collectionError: boolean;
  /** Each metric's class, in the plan's order (what `decideInterval` reads). */
  metrics: { metric: CanaryMetricName; class: MetricClass; critical: boolean }[];
  /** One sentence per metric that did not pass, then the score. */
  reasons: string[];
}

/**
 * Kayenta's score, fail-closed: each metric's weight counts in the denominator unless it is `NoData`
 * and not `mustHaveData`; it counts in the numerator when `Pass`. `Error` always counts as failing.
 * Any critical metric not `Pass` scores 0. A metric the plan lists but no classification covers is
 * an `Error`; nothing to score at all scores 0.
 */
export function scoreInterval(
  classifications: readonly MetricClassification[],
  metrics: readonly CanaryMetricConfig[],
): IntervalScore {
  let passed = 0;
  let counted = 0;
  const reasons: string[] = [];
  const summary: IntervalScore['metrics'] = [];
  for (const config of metrics) {
    const found = classifications.find((c) => c.metric === config.name);
    const cls: MetricClass = found?.class ?? 'Error';
    summary.push({ metric: config.name, class: cls, critical: config.critical });
    if (cls === 'Pass') {
      passed += config.weight;
      counted += config.weight;
      continue;
    }
    if (cls === 'NoData' && !config.mustHaveData && !config.critical) {
      reasons.push(`${config.name}: NoData, left out of the score (${found!.reason})`);
      continue;
    }
    counted += config.weight;
    const why = found?.reason ?? 'no classification was given for this metric';
    reasons.push(`${config.name}${config.critical ? ' (critical)' : ''}: ${cls}, ${why}`);
  }
  const criticalFailure = summary.some((m) => m.critical && m.class !== 'Pass');
  const collectionError = summary.some((m) => m.class === 'Error');
  let score = counted > 0 ? (100 * passed) / counted : 0;
  if (counted === 0) reasons.push('no metric had data to score: score 0');
  if (criticalFailure) {
    score = 0;
    const failing = summary.filter((m) => m.critical && m.class !== 'Pass').map((m) => `${m.metric} (${m.class})`);
    reasons.push(`critical metric not passing: ${failing.join(', ')}: score 0`);
  } else {
    reasons.push(`score ${score.toFixed(1)} (weighted share of passing metrics)`);
  }
  return { score, criticalFailure, collectionError, metrics: summary, reasons };
}

/** Classifies every metric of the plan for one interval. */
export function classifyInterval(plan: CanaryPlan, baseline: SlotIntervalData, canary: SlotIntervalData): MetricClassification[] {
  return plan.metrics.map((metric) => classifyMetric(metric, baseline, canary, plan.alpha, plan.minSamplesPerInterval));
}

/** classifyInterval, then scoreInterval. */
export function judgeInterval(plan: CanaryPlan, baseline: SlotIntervalData, canary: SlotIntervalData): IntervalScore {
  return scoreInterval(classifyInterval(plan, baseline, canary), plan.metrics);
}

// ---------------------------------------------------------------------------------------------
// Decide

export type CanaryStatus = 'running' | 'paused' | 'rolled_back' | 'completed';
export type CanaryAction = 'continue' | 'rollback' | 'pause_for_human' | 'promote_step';
export type IntervalVerdict = 'pass' | 'fail' | 'critical_fail' | 'inconclusive' | 'error';

export interface IntervalRecord {
  /** 1-based count of judged intervals over the whole canary. */
  interval: number;
  /** 0-based index of the step the interval was judged in. */
  step: number;
  score: number;
  verdict: IntervalVerdict;
}

/** Everything the canary loop must remember between intervals: plain JSON, safe for continueAsNew. */
export interface CanaryJudgeState {
  status: CanaryStatus;
  /** 0-based index into `plan.steps`; equals `steps.length` once completed. */
  stepIndex: number;
  /** Passing intervals so far in the current step. */
  passedInStep: number;
  intervalsJudged: number;
  /** Failed intervals over the whole canary (Argo's failed measurements). */
  failures: number;
  /** Intervals in a row with a collection error. */
  consecutiveErrors: number;
  /** Why the canary is paused, rolled back or completed; null while running. */
  reason: string | null;
  /** The last RECENT_INTERVALS intervals, oldest first (bounded, for status queries and reports). */
  recent: IntervalRecord[];
}

export interface CanaryDecision {
  action: CanaryAction;
  state: CanaryJudgeState;
  /** One sentence: why this action. */
  reason: string;
}

const RECENT_INTERVALS = 20;

export function initialCanaryState(): CanaryJudgeState {
  return { status: 'running', stepIndex: 0, passedInStep: 0, intervalsJudged: 0, failures: 0, consecutiveErrors: 0, reason: null, recent: [] };
}

/** How many passing intervals a step needs: ⌈bakeSeconds / analysisIntervalSeconds⌉, at least one. */
export function intervalsForStep(step: CanaryStep, plan: Pick<CanaryPlan, 'analysisIntervalSeconds'>): number {
  return Math.max(1, Math.ceil(step.bakeSeconds / plan.analysisIntervalSeconds));
}

/** The step in force (undefined once completed). */
export function currentStep(state: CanaryJudgeState, plan: Pick<CanaryPlan, 'steps'>): CanaryStep | undefined {
  return plan.steps[state.stepIndex];
}

/**
 * Decides what the canary does after an interval was scored (DESIGN §5.7, Argo Rollouts' budget):
 * 1. a critical metric measured High or Low (a real regression, not a lack of data) → rollback at once;
 * 2. a collection error (some metric `Error`): counted in `consecutiveErrors`; beyond
 *    `consecutiveErrorLimit` → rollback; else continue, the interval neither fails nor passes;
 * 3. a score at or below `marginal` is a failed interval (so is a critical metric with NoData: it
 *    scores 0); failures beyond `failureLimit` → rollback; within the budget → continue, and the
 *    step does not progress;
 * 4. between `marginal` and `pass`: inconclusive → pause_for_human;
 * 5. at or above `pass`: a passing interval; when the step has baked its intervals → promote_step
 *    (after the last step: status `completed`, so the final step always ends on a score ≥ pass).
 * While paused, rules 1–3 still roll back (the canary still serves users); otherwise it stays paused
 * until `resumeCanary`. A rolled-back or completed state is returned unchanged (idempotent).
 */
export function decideInterval(score: IntervalScore, state: CanaryJudgeState, plan: CanaryPlan): CanaryDecision {
  if (state.status === 'rolled_back') return { action: 'rollback', state, reason: state.reason ?? 'the canary was rolled back' };
  if (state.status === 'completed') return { action: 'promote_step', state, reason: state.reason ?? 'the canary completed' };

  const step = state.stepIndex;
  const interval = state.intervalsJudged + 1;
  const { marginal, pass } = plan.scoreThresholds;
  const measuredCritical = score.metrics.filter((m) => m.critical && (m.class === 'High' || m.class === 'Low'));
  const notPassing = score.reasons.slice(0, -1).join('; ');
  const record = (verdict: IntervalVerdict, changes: Partial<CanaryJudgeState>): CanaryJudgeState => ({
    ...state,
    ...changes,
    intervalsJudged: interval,
    recent: [...state.recent, { interval, step, score: score.score, verdict }].slice(-RECENT_INTERVALS),
  });
  const rollback = (verdict: IntervalVerdict, changes: Partial<CanaryJudgeState>, reason: string): CanaryDecision => ({
    action: 'rollback',
    state: record(verdict, { ...changes, status: 'rolled_back', reason }),
    reason,
  });
  const stayPaused = (verdict: IntervalVerdict, changes: Partial<CanaryJudgeState>, why: string): CanaryDecision => {
    const reason = `${why}; still paused: ${state.reason ?? 'waiting for a human'}`;
    return { action: 'pause_for_human', state: record(verdict, changes), reason };
  };

  if (measuredCritical.length > 0) {
    const which = measuredCritical.map((m) => `${m.metric} ${m.class}`).join(', ');
    return rollback('critical_fail', { consecutiveErrors: 0 }, `interval ${interval}: critical metric failed (${which}): ${notPassing}`);
  }

  if (score.collectionError) {
    const consecutiveErrors = state.consecutiveErrors + 1;
    const failed = score.metrics.filter((m) => m.class === 'Error').map((m) => m.metric).join(', ');
    if (consecutiveErrors > plan.consecutiveErrorLimit) {
      return rollback(
        'error',
        { consecutiveErrors },
        `interval ${interval}: measurements could not be collected (${failed}) ${consecutiveErrors} intervals in a row, beyond the limit of ${plan.consecutiveErrorLimit}`,
      );
    }
    const why = `interval ${interval}: measurements could not be collected (${failed}), ${consecutiveErrors} in a row (limit ${plan.consecutiveErrorLimit}); the interval does not count`;
    if (state.status === 'paused') return stayPaused('error', { consecutiveErrors }, why);
    return { action: 'continue', state: record('error', { consecutiveErrors }), reason: why };
  }

  if (score.score <= marginal) {
    const failures = state.failures + 1;
    if (failures > plan.failureLimit) {
      return rollback(
        'fail',
        { failures, consecutiveErrors: 0 },
        `interval ${interval}: score ${score.score.toFixed(1)} ≤ marginal ${marginal}, failure ${failures} beyond the limit of ${plan.failureLimit}: ${notPassing}`,
      );
    }
    const why = `interval ${interval}: score ${score.score.toFixed(1)} ≤ marginal ${marginal}, failure ${failures} of ${plan.failureLimit} allowed; the step does not progress`;
    if (state.status === 'paused') return stayPaused('fail', { failures, consecutiveErrors: 0 }, why);
    return { action: 'continue', state: record('fail', { failures, consecutiveErrors: 0 }), reason: why };
  }

  if (score.score < pass) {
    const why = `interval ${interval}: score ${score.score.toFixed(1)} between marginal ${marginal} and pass ${pass}: inconclusive, a human decides (${notPassing})`;
    if (state.status === 'paused') return stayPaused('inconclusive', { consecutiveErrors: 0 }, why);
    return { action: 'pause_for_human', state: record('inconclusive', { consecutiveErrors: 0, status: 'paused', reason: why }), reason: why };
  }

  if (state.status === 'paused') {
    return stayPaused('pass', { consecutiveErrors: 0 }, `interval ${interval}: score ${score.score.toFixed(1)} passes`);
  }
  const stepPlan = plan.steps[step];
  if (!stepPlan) {
    return rollback('error', {}, `interval ${interval}: step ${step} is not in the plan (${plan.steps.length} steps)`);
  }
  const passedInStep = state.passedInStep + 1;
  const needed = intervalsForStep(stepPlan, plan);
  if (passedInStep < needed) {
    const why = `interval ${interval}: score ${score.score.toFixed(1)} ≥ pass ${pass}; step ${step + 1} at ${stepPlan.weight}% has ${passedInStep} of ${needed} passing intervals`;
    return { action: 'continue', state: record('pass', { passedInStep, consecutiveErrors: 0 }), reason: why };
  }
  const nextIndex = step + 1;
  const last = nextIndex >= plan.steps.length;
  const why = last
    ? `interval ${interval}: score ${score.score.toFixed(1)} ≥ pass ${pass}; the final step (${stepPlan.weight}%) baked ${needed} passing intervals: the canary completed`
    : `interval ${interval}: score ${score.score.toFixed(1)} ≥ pass ${pass}; step ${step + 1} at ${stepPlan.weight}% baked ${needed} passing intervals: on to ${plan.steps[nextIndex]!.weight}%`;
  return {
    action: 'promote_step',
    state: record('pass', {
      stepIndex: nextIndex,
      passedInStep: 0,
      consecutiveErrors: 0,
      ...(last ? { status: 'completed' as const, reason: why } : {}),
    }),
    reason: why,
  };
}

/** A human looked at a paused canary and let it continue; the step carries on where it was. */
export function resumeCanary(state: CanaryJudgeState): CanaryJudgeState {
  return state.status === 'paused' ? { ...state, status: 'running', reason: null } : state;
}

/** An operator's abort (or a human's "no" on a paused canary): wins over everything but a finished canary. */
export function abortCanary(state: CanaryJudgeState, reason: string): CanaryJudgeState {
  return state.status === 'running' || state.status === 'paused' ? { ...state, status: 'rolled_back', reason } : state;
}

// ---------------------------------------------------------------------------------------------
// Wording (fixed-precision, locale-independent)

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

function signedPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

function signedNumber(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

function pval(p: number): string {
  return p < 0.0001 ? p.toExponential(2) : p.toFixed(4);
}
