/**
 * The canary judge (DESIGN §5.7): Kayenta's measure → classify → score, then Argo Rollouts' failure
 * budget, made fail-closed. Separate pure functions over plain data, in the order they run, one file
 * per step as Kayenta's folders:
 *
 *   intervalData(buckets)                                       → SlotIntervalData       (measurements.ts)
 *   classifyMetric(metric, baseline, canary, alpha, minSamples) → Pass | High | Low | NoData | Error (classify.ts)
 *   scoreInterval(classifications, metrics)                    → score 0–100, critical failure, reasons (score.ts)
 *   decideInterval(score, state, plan)                          → continue | rollback | pause_for_human | promote_step (here)
 *
 * Workflow code imports this file: no node modules, no I/O, no clock, no randomness; the state is
 * plain JSON, so it carries over `continueAsNew` as is.
 *
 * Where this differs from Kayenta, on purpose: a metric whose collection failed is `Error` and counts
 * as a failing metric (Kayenta leaves it out); an interval with nothing to score scores 0, not 100.
 */
import type { IntervalScore } from './score';
import type { CanaryPlan, CanaryStep } from './plan';

export { classifyMetric, type MetricClass, type MetricClassification } from './classify';
export { classifyInterval, judgeInterval, NO_DATA_SHARE_SCORING_ZERO, scoreInterval, type IntervalScore } from './score';

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
