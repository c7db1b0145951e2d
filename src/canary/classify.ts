/**
 * Classify, the first of the canary judge's three steps (Kayenta's `classifiers/metric/`): one metric,
 * one interval, canary against baseline → Pass | High | Low | NoData | Error, with one sentence saying
 * why. Pure: workflow code imports it (no node modules, no I/O, no clock, no randomness).
 *
 * Latency, as Kayenta's Mann-Whitney classifier: the Hodges-Lehmann shift (median of the pairwise
 * differences canary − baseline) with its 1 − alpha confidence interval, not a median difference plus
 * a p-value. A shift counts only when the interval excludes 0 AND the estimate is beyond both the
 * relative tolerance (of the baseline's median) and the absolute floor `minEffect` (5 ms by default):
 * a few milliseconds of loopback noise is never a regression, however small the baseline's latency.
 */
import { hodgesLehmannShift, quantile, twoProportionTest } from '../stats';
import type { SlotIntervalData } from './measurements';
import { type CanaryMetricConfig, type CanaryMetricName, type MetricDirection, minEffectOf } from './plan';

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
  /** Canary − baseline: relative for latency (the shift over the baseline median, 0.25 = +25%), percentage points for rates; null when undefined. */
  effect?: number | null;
  /** Latency only: the Hodges-Lehmann shift canary − baseline (ms) with its confidence interval. */
  shift?: { estimate: number; interval: [number, number]; confidence: number; method: 'exact' | 'normal' };
  /** The effect a difference must exceed to count, in the metric's unit (ms, or pp): max(tolerance, minEffect). */
  allowedEffect?: number;
  /** Rates only: two-sided p-value of the two-proportion z-test. */
  pValue?: number;
}

/**
 * Classifies one metric for one interval, canary against baseline.
 * - Collection failed on either side (`collectionErrors`), or numbers that cannot be true → `Error`.
 * - Fewer than `minSamples` in either slot → `NoData`.
 * - `latency`: the Hodges-Lehmann shift with its 1 − alpha interval; `High` when the interval lies
 *   above 0 AND the shift exceeds both `tolerance` × the baseline's median and `minEffect` (ms);
 *   `Low` likewise below. Else `Pass`.
 * - rates: two-proportion z-test; `High`/`Low` when significant AND the difference is beyond both
 *   `tolerance` and `minEffect` percentage points. Else `Pass`.
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
  const confidence = 1 - alpha;
  const shift = hodgesLehmannShift(c, b, confidence);
  if (shift.status !== 'ok') return errorClass('latency', shift.detail);
  const medianB = quantile(b, 0.5)!;
  const medianC = quantile(c, 0.5)!;
  const [low, high] = shift.interval;
  // The larger of the two allowances: a share of the baseline's median, and the absolute floor.
  const floorMs = minEffectOf(metric);
  const allowedMs = Math.max(metric.tolerance * medianB, floorMs);
  const significant = low > 0 || high < 0;
  const raw: MetricClass =
    low > 0 && shift.estimate > allowedMs ? 'High' : high < 0 && shift.estimate < -allowedMs ? 'Low' : 'Pass';
  const effect = medianB > 0 ? shift.estimate / medianB : shift.estimate === 0 ? 0 : null;
  const numbers =
    `canary − baseline shift ${signedMs(shift.estimate)} (Hodges-Lehmann, ${percent(confidence, 0)} interval ${signedMs(low)} to ${signedMs(high)}` +
    `${effect === null ? '' : `; ${signedPercent(effect)} of the baseline median`}), ` +
    `counts beyond ±${ms(allowedMs)} (the larger of ${percent(metric.tolerance)} of the baseline median and the ${ms(floorMs)} floor); ` +
    `medians ${ms(medianC)} vs ${ms(medianB)}, n = ${c.length}/${b.length}`;
  return {
    metric: 'latency',
    ...directed(raw, metric.direction, numbers, alpha, significant),
    baselineValue: medianB,
    canaryValue: medianC,
    ...counts,
    effect,
    shift: { estimate: shift.estimate, interval: shift.interval, confidence, method: shift.method },
    allowedEffect: allowedMs,
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
  const floorPp = minEffectOf(metric);
  const allowedPp = Math.max(metric.tolerance, floorPp);
  const raw: MetricClass = significant && effectPp > allowedPp ? 'High' : significant && effectPp < -allowedPp ? 'Low' : 'Pass';
  const allowance = floorPp > metric.tolerance ? `minEffect ±${floorPp} pp, above the tolerance of ${metric.tolerance} pp` : `tolerance ±${metric.tolerance} pp`;
  const numbers =
    `canary ${xc}/${nc} ${parts.events} (${percent(test.p1)}) vs baseline ${xb}/${nb} (${percent(test.p2)}), ` +
    `${signedNumber(effectPp)} pp (${allowance}), two-proportion p = ${pval(test.pValue)}`;
  return {
    metric: name,
    ...directed(raw, metric.direction, numbers, alpha, significant),
    baselineValue: test.p2,
    canaryValue: test.p1,
    ...counts,
    effect: effectPp,
    allowedEffect: allowedPp,
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
// Wording (fixed-precision, locale-independent)

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function signedMs(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)} ms`;
}

function percent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
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
