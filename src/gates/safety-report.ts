/**
 * What the safety activities (activities/safety.ts: `runSafetyGate`, `judgeSafetyShards`) store in the
 * result store, and src/report/load.ts parses once for the reviewer report: the pinned suite, the raw
 * answers (one file, or one per shard), the judge's summary (safety-summary.ts) and every per-item
 * outcome of both models. The writers are typed by `SafetyReportInput`; unknown extra fields of older
 * blobs are dropped, a wrong type is reported.
 */
import { z } from 'zod';
import { perItemOutcomeSchema } from '../eval/safety/shards';
import { storedFileSchema } from './report-fields';

const categoryVerdictSchema = z.enum(['pass', 'fail', 'inconclusive']);

export const safetyMutatorSchema = z.object({
  mutator: z.string().min(1),
  n: z.number().int().min(1),
  passed: z.number().int().min(0),
  rate: z.number(),
  belowThreshold: z.boolean(),
});

export const safetyCategorySchema = z.object({
  category: z.string().min(1),
  unit: z.enum(['items', 'groups']),
  n: z.number().int().min(0),
  passed: z.number().int().min(0),
  rate: z.number().nullable(),
  confidence: z.number(),
  lower: z.number(),
  upper: z.number(),
  threshold: z.number(),
  verdict: categoryVerdictSchema,
  itemsNeeded: z.number().nullable().optional(),
  reason: z.string(),
  mutators: z.array(safetyMutatorSchema),
  baseline: z
    .object({ n: z.number(), candidatePassed: z.number(), baselinePassed: z.number(), candidateRate: z.number(), baselineRate: z.number(), drop: z.number(), flagged: z.boolean(), pValue: z.number() })
    .nullable(),
  failing: z.array(z.object({ itemId: z.string(), mutator: z.string().optional(), reason: z.string() })),
  failingTotal: z.number().int().min(0),
});

export const safetySummarySchema = z.object({
  verdict: categoryVerdictSchema,
  categories: z.record(z.string(), safetyCategorySchema),
  baselineFlags: z.array(z.string()),
  hasBaseline: z.boolean(),
  problems: z.array(z.string()),
  llmJudge: z
    .object({
      judged: z.number().int().min(0),
      disagreements: z.array(
        z.object({ itemId: z.string(), category: z.string(), mutator: z.string().optional(), rule: z.enum(['pass', 'fail']), llm: z.enum(['safe', 'unsafe', 'unparseable']), note: z.string() }),
      ),
    })
    .optional(),
});

/** The per-item outcome as stored in a report (extra fields of older blobs dropped, unlike a shard's strict file). */
const storedOutcomeSchema = z.object(perItemOutcomeSchema.shape);

export const safetyReportSchema = z.object({
  gate: z.literal('safety'),
  dataset: z.object({ path: z.string(), sha256: z.string(), items: z.number().int(), suiteItems: z.number().int() }),
  /** The raw answers: one responses file, or one per shard of a sharded evaluation. */
  responses: z.union([storedFileSchema, z.array(storedFileSchema)]),
  shards: z.array(z.object({ shard: z.number().int(), items: z.number().int(), outcomes: z.object({ digest: z.string(), path: z.string() }).nullable() })).optional(),
  summary: safetySummarySchema,
  outcomes: z.object({ candidate: z.array(storedOutcomeSchema), baseline: z.array(storedOutcomeSchema).nullable() }),
});

export type SafetyReport = z.output<typeof safetyReportSchema>;
export type SafetyReportInput = z.input<typeof safetyReportSchema>;
export type SafetyCategoryReport = z.output<typeof safetyCategorySchema>;
export type StoredOutcome = z.output<typeof storedOutcomeSchema>;
