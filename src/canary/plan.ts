/**
 * The canary section of the signed policy (DESIGN §4.2, §5.7): the traffic steps, how often both
 * slots are compared, which metrics count and how much, and the failure budget. Strict: an unknown
 * key is an error, so a misspelt threshold can never fall back to a default.
 *
 * Units, because one field means two things:
 * - `tolerance` of `latency` is RELATIVE: 0.10 allows the canary's median to be 10% above (or below)
 *   the baseline's. It must be a fraction in [0, 1].
 * - `tolerance` of a rate (`error_rate`, `safety_flag_rate`, `negative_feedback_rate`) is in ABSOLUTE
 *   PERCENTAGE POINTS: 0.5 allows an error rate of 1.0% against a baseline's 0.5%. In [0, 100].
 * - `minEffect` is an ABSOLUTE floor in the metric's own unit: milliseconds for latency (a number, or a
 *   string such as "5ms" or "0.005s"), percentage points for a rate (a number, or "0.5pp"). A
 *   difference counts only beyond BOTH the tolerance and this floor, so loopback noise of a few
 *   milliseconds is never a latency regression however small the baseline. Default: 5 ms for latency,
 *   0 pp for rates (`minEffectOf`).
 * - `scoreThresholds` are on the 0–100 score scale; `alpha` is the significance level of each test
 *   (for latency: the Hodges-Lehmann interval is at confidence 1 − alpha).
 */
import { z } from 'zod';

export const canaryMetricNames = ['latency', 'error_rate', 'safety_flag_rate', 'negative_feedback_rate'] as const;
export type CanaryMetricName = (typeof canaryMetricNames)[number];

export const metricDirections = ['increase_is_bad', 'decrease_is_bad', 'either'] as const;
export type MetricDirection = (typeof metricDirections)[number];

/** The absolute floor a metric gets when the plan names none (DESIGN §5.7). */
export const DEFAULT_MIN_EFFECT: Readonly<Record<CanaryMetricName, number>> = {
  latency: 5,
  error_rate: 0,
  safety_flag_rate: 0,
  negative_feedback_rate: 0,
};

/** "5ms", "5 ms", "0.005s" (latency) or "0.5pp" (rates): a non-negative number with its unit. */
const minEffectText = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|pp)\s*$/;

/**
 * A metric's absolute floor in its own unit (ms for latency, pp for rates), the default when unset.
 * Also reads the policy's text form ("15ms"), for a plan handed over without going through the
 * schema (e.g. a workflow input); text that is not a floor throws (the judge makes that an Error).
 */
export function minEffectOf(metric: { name: CanaryMetricName; minEffect?: number | string | undefined }): number {
  if (metric.minEffect === undefined) return DEFAULT_MIN_EFFECT[metric.name];
  if (typeof metric.minEffect === 'string' && !minEffectText.test(metric.minEffect)) {
    throw new RangeError(`minEffect of ${metric.name} must be a number or a duration such as "5ms" or "0.5pp", got "${metric.minEffect}"`);
  }
  const value = toMetricUnit(metric.minEffect);
  if (!(value >= 0)) throw new RangeError(`minEffect of ${metric.name} must be a non-negative number, got ${metric.minEffect}`);
  return value;
}

export const canaryStepSchema = z.strictObject({
  /** Percent of the model's user traffic the canary takes during this step. */
  weight: z.number().int().min(1).max(100),
  /** How long this step is watched before the next; judged every `analysisIntervalSeconds`. */
  bakeSeconds: z.number().int().positive(),
});
export type CanaryStep = z.infer<typeof canaryStepSchema>;

export const canaryMetricSchema = z
  .strictObject({
    name: z.enum(canaryMetricNames),
    direction: z.enum(metricDirections),
    /** Allowed effect: relative for latency (0.10 = 10%), absolute percentage points for rates (0.5 = 0.5 pp). */
    tolerance: z.number().min(0),
    /** Absolute floor below which no difference counts: ms for latency ("5ms"), pp for rates ("0.5pp"); see `minEffectOf`. */
    minEffect: z
      .union([z.number().min(0), z.string().regex(minEffectText, 'expected a number or a duration such as "5ms" or "0.5pp"')])
      .optional(),
    /** Share of the score this metric carries when it has data. */
    weight: z.number().positive(),
    /** A critical metric that does not pass scores the whole interval 0. */
    critical: z.boolean(),
    /** Too few samples for this metric counts as a failing metric rather than being left out. */
    mustHaveData: z.boolean(),
  })
  .superRefine((metric, ctx) => {
    if (typeof metric.minEffect === 'string') {
      const unit = minEffectText.exec(metric.minEffect)?.[2];
      const fits = metric.name === 'latency' ? unit === 'ms' || unit === 's' : unit === 'pp';
      if (!fits) {
        ctx.addIssue({
          code: 'custom',
          path: ['minEffect'],
          message: metric.name === 'latency' ? 'expected a duration for latency, e.g. "5ms" or "0.005s"' : `expected percentage points for ${metric.name}, e.g. "0.5pp"`,
        });
      }
    }
    const max = metric.name === 'latency' ? 1 : 100;
    if (metric.tolerance > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['tolerance'],
        message:
          metric.name === 'latency'
            ? 'expected a relative tolerance in [0, 1] for latency (0.10 = 10%)'
            : `expected a tolerance in absolute percentage points in [0, 100] for ${metric.name} (0.5 = 0.5 pp)`,
      });
    }
  })
  .transform(({ minEffect, ...metric }) => ({ ...metric, ...(minEffect === undefined ? {} : { minEffect: toMetricUnit(minEffect) }) }));
/** A parsed metric: `minEffect`, when given, is a number in the metric's unit (ms or pp). */
export type CanaryMetricConfig = z.infer<typeof canaryMetricSchema>;

function toMetricUnit(minEffect: number | string): number {
  if (typeof minEffect === 'number') return minEffect;
  const [, value, unit] = minEffectText.exec(minEffect)!;
  return unit === 's' ? Number(value) * 1000 : Number(value);
}

export const canaryPlanSchema = z
  .strictObject({
    /** Traffic steps in order, e.g. 5 → 25 → 50; weights strictly increase. */
    steps: z.array(canaryStepSchema).min(1, 'expected at least one canary step'),
    /** Both slots are compared over windows of this length. */
    analysisIntervalSeconds: z.number().int().positive(),
    /** Below this many samples in either slot a metric is `NoData` for the interval. */
    minSamplesPerInterval: z.number().int().min(1),
    metrics: z.array(canaryMetricSchema).min(1, 'expected at least one canary metric'),
    scoreThresholds: z.strictObject({
      /** An interval scoring at or below this is a failure. */
      marginal: z.number().min(0).max(100),
      /** An interval must score at least this to count as passing; between the two: a human decides. */
      pass: z.number().min(0).max(100),
    }),
    /** Failed intervals tolerated over the whole canary; one more rolls back (Argo Rollouts' `failureLimit`). */
    failureLimit: z.number().int().min(0),
    /** Intervals in a row whose measurements could not be collected; one more rolls back (`consecutiveErrorLimit`). */
    consecutiveErrorLimit: z.number().int().min(0),
    /** Intervals one workflow run judges before it continues as new with its state (bounds the history over long bakes). */
    intervalsPerRun: z.number().int().min(1).optional(),
    /** Significance level of every per-metric test. */
    alpha: z.number().gt(0).max(0.5),
    /**
     * How long each signed canary weight holds at the gateway unless renewed (the canary renews it
     * after every judged interval). Default: 3 × analysisIntervalSeconds (`leaseSecondsOf`).
     */
    leaseSeconds: z.number().int().positive().optional(),
  })
  .superRefine((plan, ctx) => {
    plan.steps.forEach((step, index) => {
      const previous = plan.steps[index - 1];
      if (previous && step.weight <= previous.weight) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'weight'],
          message: `expected weights to increase step by step (${previous.weight} then ${step.weight})`,
        });
      }
    });
    const seen = new Set<string>();
    plan.metrics.forEach((metric, index) => {
      if (seen.has(metric.name)) {
        ctx.addIssue({ code: 'custom', path: ['metrics', index, 'name'], message: `metric ${metric.name} is listed twice` });
      }
      seen.add(metric.name);
    });
    if (plan.leaseSeconds !== undefined && plan.leaseSeconds <= plan.analysisIntervalSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['leaseSeconds'],
        message: `expected a lease longer than one analysis interval (${plan.analysisIntervalSeconds} s): the canary renews it once per interval`,
      });
    }
    if (plan.scoreThresholds.marginal >= plan.scoreThresholds.pass) {
      ctx.addIssue({
        code: 'custom',
        path: ['scoreThresholds'],
        message: `expected marginal < pass, got marginal ${plan.scoreThresholds.marginal} and pass ${plan.scoreThresholds.pass}`,
      });
    }
  });
export type CanaryPlan = z.infer<typeof canaryPlanSchema>;


/** Leases per analysis interval when the plan names no lease: two renewals may be missed before traffic returns to stable. */
export const DEFAULT_LEASE_INTERVALS = 3;

/** How long a signed canary weight holds at the gateway without a renewal, in seconds. */
export function leaseSecondsOf(plan: Pick<CanaryPlan, 'leaseSeconds' | 'analysisIntervalSeconds'>): number {
  return plan.leaseSeconds ?? DEFAULT_LEASE_INTERVALS * plan.analysisIntervalSeconds;
}
