/**
 * Score, the second of the canary judge's three steps (Kayenta's `scorers/`): the interval's metric
 * classes → one score 0–100 with reasons. Pure: workflow code imports it.
 */
import { classifyMetric, type MetricClass, type MetricClassification } from './classify';
import type { SlotIntervalData } from './measurements';
import type { CanaryMetricConfig, CanaryMetricName, CanaryPlan } from './plan';

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
 * Any critical metric not `Pass` scores 0. As Kayenta, an interval where half or more of the plan's
 * metrics are `NoData` scores 0 (too little data to call it healthy). A metric the plan lists but no
 * classification covers is an `Error`; nothing to score at all scores 0.
 */
/** Kayenta's rule: an interval with this share of NoData metrics or more scores 0. */
export const NO_DATA_SHARE_SCORING_ZERO = 0.5;

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
  const noData = summary.filter((m) => m.class === 'NoData').length;
  const mostlyNoData = summary.length > 0 && noData / summary.length >= NO_DATA_SHARE_SCORING_ZERO;
  let score = counted > 0 ? (100 * passed) / counted : 0;
  if (counted === 0) reasons.push('no metric had data to score: score 0');
  if (mostlyNoData && !criticalFailure) {
    score = 0;
    reasons.push(`${noData} of ${summary.length} metrics had no data (at least ${percentOf(NO_DATA_SHARE_SCORING_ZERO)}, Kayenta's rule): score 0`);
  } else if (criticalFailure) {
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

function percentOf(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
