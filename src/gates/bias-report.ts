/**
 * What the bias activity (activities/bias.ts) stores in the result store, and src/report/load.ts
 * parses once for the reviewer report: the pinned datasets, the raw answers, the judge's summary
 * (bias-summary.ts) and the measurements (src/eval/bias/measurements.ts), of which the report reads
 * the per-group rates. The writer is typed by `BiasReportInput`; unknown extra fields of older blobs
 * are dropped, a wrong type is reported.
 */
import { z } from 'zod';
import { intervalSchema, storedFileSchema } from './report-fields';

export const estimateSchema = z.object({ value: z.number().nullable(), ci: intervalSchema.nullable(), n: z.number(), note: z.string().optional() });

export const biasCheckSchema = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  threshold: z.number(),
  /** `at_most`: a gap (|gap| ≤ threshold); `at_least`: a floor (value ≥ threshold). */
  direction: z.enum(['at_most', 'at_least']),
  candidate: estimateSchema,
  baseline: estimateSchema.nullable(),
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  reason: z.string(),
});

export const biasSummarySchema = z.object({
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  kind: z.enum(['classifier', 'chat']),
  checks: z.array(biasCheckSchema),
  problems: z.array(z.string()),
  hasBaseline: z.boolean(),
});

const classifierModelSchema = z.object({
  fairness: z.object({
    groups: z.array(z.object({ group: z.string(), n: z.number(), positives: z.number(), selectionRate: z.number(), truePositiveRate: z.number().nullable() })),
  }),
});

const chatModelSchema = z.object({
  counterfactual: z.array(z.object({ suite: z.string(), groups: z.array(z.object({ group: z.string(), n: z.number(), mean: z.number().nullable() })) })),
});

export const biasMeasurementsSchema = z.object({
  kind: z.enum(['classifier', 'chat']),
  classifier: z.object({ candidate: classifierModelSchema, baseline: classifierModelSchema.nullable() }).optional(),
  chat: z.object({ candidate: chatModelSchema, baseline: chatModelSchema.nullable() }).optional(),
});

const classifierReportSchema = z.object({
  gate: z.literal('bias'),
  kind: z.literal('classifier'),
  dataset: z.object({ path: z.string(), sha256: z.string(), items: z.number().int() }),
  responses: storedFileSchema,
  summary: biasSummarySchema,
  measurements: biasMeasurementsSchema,
});

const chatReportSchema = z.object({
  gate: z.literal('bias'),
  kind: z.literal('chat'),
  /** Every dataset of the policy's chat sections, pinned. */
  datasets: z.array(storedFileSchema),
  prompts: z.number().int(),
  responses: storedFileSchema.optional(),
  sliceResponses: storedFileSchema.extend({ items: z.number().int() }).optional(),
  summary: biasSummarySchema,
  measurements: biasMeasurementsSchema,
});

export const biasReportSchema = z.discriminatedUnion('kind', [classifierReportSchema, chatReportSchema]);

export type BiasReport = z.output<typeof biasReportSchema>;
export type BiasReportInput = z.input<typeof biasReportSchema>;
export type BiasSummaryReport = z.output<typeof biasSummarySchema>;
export type BiasMeasurementsReport = z.output<typeof biasMeasurementsSchema>;
export type EstimateReport = z.output<typeof estimateSchema>;
