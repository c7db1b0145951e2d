/**
 * What the regression activity (activities/regression.ts) stores in the result store, and
 * src/report/load.ts parses once for the reviewer report: the pinned suite, each run's responses and
 * the judge's summary (regression-summary.ts). The writer is typed by `RegressionReportInput`, so the
 * schema and the blob cannot drift apart; unknown extra fields of older blobs are dropped, a wrong type is reported.
 */
import { z } from 'zod';
import { intervalSchema, verdictSchema } from './report-fields';

export const regressionRowSchema = z.object({
  metric: z.string().min(1),
  /** `all`, `capability:<name>` or `slice:<tag>`. */
  scope: z.string().min(1),
  n: z.number(),
  candidate: z.number().nullable(),
  baseline: z.number().nullable(),
  relativeChange: z.number().nullable(),
  ci: intervalSchema.nullable(),
  threshold: z.number().nullable(),
  pValue: z.number().nullable(),
  verdict: verdictSchema,
  itemsNeeded: z.number().nullable().optional(),
  reason: z.string(),
});

export const regressionSummarySchema = z.object({
  verdict: z.enum(['pass', 'fail', 'inconclusive']),
  firstDeployment: z.boolean(),
  rows: z.array(regressionRowSchema),
  problems: z.array(z.string()),
  untestedSlices: z.array(z.object({ slice: z.string(), n: z.number() })),
  statistics: z.object({ resamples: z.number(), confidence: z.number(), alpha: z.number(), seed: z.string() }),
});

export const regressionReportSchema = z.object({
  gate: z.literal('regression'),
  dataset: z.object({ path: z.string(), sha256: z.string(), items: z.number().int() }),
  /** One responses file per run (k runs of the suite). */
  evaluations: z.array(z.object({ run: z.number().int(), path: z.string(), sha256: z.string() })).optional(),
  throughputWindowsMs: z.object({ candidate: z.array(z.number()), baseline: z.array(z.number()).nullable() }).optional(),
  summary: regressionSummarySchema,
});

export type RegressionReport = z.output<typeof regressionReportSchema>;
/** What the activity writes (the judge's full summary is accepted: the schema reads the fields the report shows). */
export type RegressionReportInput = z.input<typeof regressionReportSchema>;
export type RegressionReportRow = z.output<typeof regressionRowSchema>;
