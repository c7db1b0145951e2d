/**
 * The regression section of the signed policy (`gates.regression`, DESIGN §4.2, §5.3): which suite is
 * run (pinned by digest, with a minimum count per capability), how much each metric may degrade, how
 * the statistics are computed, and how throughput is measured.
 *
 * Every tolerance in `metrics` is a **relative degradation** in the metric's worse direction, as a
 * fraction: `accuracy: 0.01` tolerates a candidate accuracy down to 1% below the baseline's (relative,
 * 90% → 89.1%), `latency_p99: 0.1` a p99 up to 10% above it, `throughput: 0.05` a throughput down to
 * 5% below it. Worse is lower for accuracy, f1, bleu and throughput, higher for latency, time to first
 * token and memory.
 *
 * On a first deployment (no baseline) nothing relative can be judged: only the optional `absolute`
 * bounds are (e.g. `accuracy: { min: 0.6 }`, `latency_p99: { maxMs: 800 }`), and the report says so.
 *
 * Strict like the rest of the policy: an unknown or misspelt key is an error, never a silent default.
 * No Node built-ins are imported here, so the policy types stay importable from workflow code.
 */
import { z } from 'zod';

/** Judged per item and per scope (all items, each capability, each slice). */
export const qualityMetrics = ['accuracy', 'f1', 'bleu'] as const;
export type QualityMetric = (typeof qualityMetrics)[number];

/** Every metric the gate judges, in report order. */
export const regressionMetrics = ['accuracy', 'f1', 'bleu', 'latency_mean', 'latency_p99', 'ttft_mean', 'throughput', 'memory'] as const;
export type RegressionMetric = (typeof regressionMetrics)[number];

/** Which way is worse: `lower` (accuracy, f1, bleu, throughput) or `higher` (latency, ttft, memory). */
export const WORSE_WHEN: Record<RegressionMetric, 'lower' | 'higher'> = {
  accuracy: 'lower',
  f1: 'lower',
  bleu: 'lower',
  latency_mean: 'higher',
  latency_p99: 'higher',
  ttft_mean: 'higher',
  throughput: 'lower',
  memory: 'higher',
};

/** The defaults of DESIGN §5.3 (accuracy −1%, latency +10%, throughput −5%, memory +10%). */
export const DEFAULT_TOLERANCES: Record<RegressionMetric, number> = {
  accuracy: 0.01,
  f1: 0.01,
  bleu: 0.02,
  latency_mean: 0.1,
  latency_p99: 0.1,
  ttft_mean: 0.1,
  throughput: 0.05,
  memory: 0.1,
};

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 digest: 64 lower-case hex characters');

/** A tolerated relative degradation: 0 tolerates none, 1 tolerates a halving/doubling and more. */
const tolerance = (metric: RegressionMetric) =>
  z
    .number()
    .min(0, 'expected a tolerated degradation of at least 0 (a fraction, e.g. 0.01 for 1%)')
    .max(10, 'expected a fraction (e.g. 0.1 for 10%), not a percentage')
    .default(DEFAULT_TOLERANCES[metric]);

const toleranceSchema = z
  .object({
    accuracy: tolerance('accuracy'),
    f1: tolerance('f1'),
    bleu: tolerance('bleu'),
    latency_mean: tolerance('latency_mean'),
    latency_p99: tolerance('latency_p99'),
    ttft_mean: tolerance('ttft_mean'),
    throughput: tolerance('throughput'),
    memory: tolerance('memory'),
  } satisfies Record<RegressionMetric, unknown>)
  .strict();

const share = z.number().min(0).max(1);
const positive = z.number().positive();

/** Bounds for a first deployment, each in the metric's own unit; only those given are judged. */
const absoluteSchema = z
  .object({
    /** Share of items answered exactly, in [0, 1]. */
    accuracy: z.object({ min: share }).strict().optional(),
    /** Mean token F1, in [0, 1]. */
    f1: z.object({ min: share }).strict().optional(),
    /** Corpus BLEU, 0–100 (sacreBLEU scale). */
    bleu: z.object({ min: z.number().min(0).max(100) }).strict().optional(),
    latency_mean: z.object({ maxMs: positive }).strict().optional(),
    latency_p99: z.object({ maxMs: positive }).strict().optional(),
    ttft_mean: z.object({ maxMs: positive }).strict().optional(),
    /** Requests per second at `throughput.concurrency`. */
    throughput: z.object({ minRps: positive }).strict().optional(),
    memory: z.object({ maxBytes: positive }).strict().optional(),
  } satisfies Record<RegressionMetric, unknown>)
  .strict();

const capabilityName = z.string().min(1);

export const regressionPolicySchema = z
  .object({
    dataset: z
      .object({
        /** The JSONL suite (`regressionItemSchema`), relative to the policy file. */
        path: z.string().min(1),
        /** sha256 of the file's exact bytes: any edit to the suite fails the run. */
        sha256: sha256Hex,
        /**
         * Capabilities the suite must cover, each with at least this many items: a suite with items
         * removed (or a capability gone) is refused before anything is measured.
         */
        minItemsPerCapability: z
          .record(capabilityName, z.number().int().min(1))
          .refine((record) => Object.keys(record).length > 0, { message: 'expected at least one capability' }),
        /** Slices with fewer items are reported but not tested on their own (too few to say anything). */
        minItemsPerSlice: z.number().int().min(1).default(20),
      })
      .strict(),
    /**
     * The quality metrics each capability is scored on (an exact match means little for a summary, BLEU
     * little for a number). A capability not listed is scored on all three. Latency is measured on every item.
     */
    capabilityMetrics: z
      .record(
        capabilityName,
        z
          .array(z.enum(qualityMetrics))
          .min(1)
          .refine((names) => new Set(names).size === names.length, { message: 'expected each metric at most once' }),
      )
      .default({}),
    /** Tolerated relative degradation per metric (see the module comment); defaults per DESIGN §5.3. */
    metrics: toleranceSchema.prefault({}),
    /** First deployment only: absolute bounds (nothing else can be judged without a baseline). */
    absolute: absoluteSchema.default({}),
    bootstrap: z
      .object({
        /** Bootstrap resamples B. */
        resamples: z.number().int().min(1000).max(1_000_000).default(10_000),
        /** Two-sided level of every interval in the report. */
        confidence: z.number().gt(0.5).lt(1).default(0.95),
        /** Normally omitted: the seed is the run id, so each run's report is reproducible from its id. */
        seed: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    /** Family-wise error rate of the per-capability and per-slice tests (Holm-corrected per metric). */
    alpha: z.number().gt(0).lt(0.5).default(0.05),
    throughput: z
      .object({
        /** Requests in flight, per model. */
        concurrency: z.number().int().min(1).max(1024).default(16),
        /**
         * Requests per run (the suite's prompts, in order, from a rotating start). At least 4 ×
         * concurrency: the rate is taken between the first and the last `concurrency` completions,
         * when every slot is busy (no ramp-up, no drain).
         */
        requests: z.number().int().min(4).max(1_000_000).default(256),
        /** Runs per model, candidate and baseline alternated; the median counts. */
        runs: z.number().int().min(3, 'expected at least 3 runs (the median of fewer says little)').max(50).default(3),
      })
      .strict()
      .prefault({})
      .refine((t) => t.requests >= 4 * t.concurrency, {
        message: 'expected requests ≥ 4 × concurrency (the rate is measured while every slot is busy)',
        path: ['requests'],
      }),
    /** Prometheus metric read from `${backendUrl}/metrics` as the peak memory, in bytes. */
    memoryMetric: z
      .string()
      .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'expected a Prometheus metric name')
      .default('gatehouse_model_memory_peak_bytes'),
    /**
     * Evaluations of the whole suite per model (k). Above 1 for non-deterministic models: per-item
     * values are averaged over the runs and the report shows the spread between runs.
     */
    runs: z.number().int().min(1).max(20).default(1),
    /** What an inconclusive regression verdict does: block the run, or go to the approvers. */
    onInconclusive: z.enum(['block', 'approvers']).default('block'),
  })
  .strict()
  .superRefine((policy, ctx) => {
    for (const capability of Object.keys(policy.capabilityMetrics)) {
      if (!(capability in policy.dataset.minItemsPerCapability)) {
        ctx.addIssue({
          code: 'custom',
          path: ['capabilityMetrics', capability],
          message: `capability ${JSON.stringify(capability)} is not in dataset.minItemsPerCapability`,
        });
      }
    }
  });

/** The parsed section, defaults applied. */
export type RegressionPolicy = z.output<typeof regressionPolicySchema>;
/** The section as written in the policy file (defaults optional). */
export type RegressionPolicyInput = z.input<typeof regressionPolicySchema>;

/** The quality metrics a capability is scored on (all three unless the policy narrows them). */
export function metricsForCapability(policy: Pick<RegressionPolicy, 'capabilityMetrics'>, capability: string): readonly QualityMetric[] {
  return policy.capabilityMetrics[capability] ?? qualityMetrics;
}

/** The tolerance signed in the worse direction (−0.01, +0.1). */
export function signedTolerance(metric: RegressionMetric, policy: RegressionPolicy): number {
  const tolerance = policy.metrics[metric];
  return WORSE_WHEN[metric] === 'lower' ? -tolerance : tolerance;
}
