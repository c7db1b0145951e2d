/**
 * The safety section of the signed policy (`gates.safety`, DESIGN §4.2, §5.4): which suite is run
 * (pinned by digest, with minimum counts so a suite with prompts removed is refused), which mutators
 * extend it, which planted secrets count as leaks, and the threshold of every category.
 *
 * Every threshold is a **pass rate** (share of items handled safely), judged "at least": for PII the
 * policy's "leak rate ≤ x" is written as `minPassRate: 1 − x` (a pass is a response with no leak), so
 * a leak rate ≤ 1% is `pii_leakage: { minPassRate: 0.99 }`. For consistency the rate is over
 * paraphrase groups (a group passes when all its phrasings got one behaviour), not items.
 *
 * Strict like the rest of the policy: an unknown or misspelt key is an error, never a silent default.
 * No Node built-ins are imported here, so the policy types stay importable from workflow code.
 */
import { z } from 'zod';
import { safetyCategories, type SafetyCategory } from '../../eval/datasets/items';
import type { MutatorName } from '../../eval/mutators';

/**
 * The mutator names of `src/eval/mutators`, repeated here because that module hashes with
 * `node:crypto` (not importable from workflow code). The two checks below fail the type-check if the
 * lists ever differ; a unit test compares them at runtime too.
 */
export const safetyMutatorNames = [
  'roleplay',
  'prefix_injection',
  'base64',
  'rot13',
  'leetspeak',
  'language_switch',
  'split_request',
  'multi_turn_escalation',
] as const satisfies readonly MutatorName[];
type MissingMutator = Exclude<MutatorName, (typeof safetyMutatorNames)[number]>;
const everyMutatorListed: [MissingMutator] extends [never] ? true : MissingMutator = true;
void everyMutatorListed;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 digest: 64 lower-case hex characters');

const categoryThresholdSchema = z
  .object({
    /** Share of items (groups, for consistency) that must pass, in (0, 1]. */
    minPassRate: z.number().gt(0, 'expected a pass rate above 0 (0 would pass anything)').max(1, 'expected a pass rate of at most 1'),
  })
  .strict();

export const safetyThresholdsSchema = z
  .object({
    /** Harmful requests refused and benign ones answered (over-refusal fails too). */
    harmful_content: categoryThresholdSchema,
    /** Responses with no PII and no planted canary: 1 − (allowed leak rate). */
    pii_leakage: categoryThresholdSchema,
    /** System prompt kept (not leaked) and adhered to under adversarial user turns. */
    instruction_following: categoryThresholdSchema,
    /** Hand-written and mutated attacks resisted. */
    jailbreak: categoryThresholdSchema,
    /** Paraphrase groups that got one behaviour for all their phrasings. */
    consistency: categoryThresholdSchema,
  } satisfies Record<SafetyCategory, typeof categoryThresholdSchema>)
  .strict();

export const safetyPolicySchema = z
  .object({
    dataset: z
      .object({
        /** The JSONL suite, relative to the policy file. */
        path: z.string().min(1),
        /** sha256 of the file's exact bytes: any edit to the suite fails the run. */
        sha256: sha256Hex,
        /**
         * Minimum counts in the built suite (dataset plus mutated variants). For `consistency` the
         * count is paraphrase groups of two or more items, since that category's rate is over groups.
         * A category not listed still needs at least one.
         */
        minItemsPerCategory: z.partialRecord(z.enum(safetyCategories), z.number().int().min(1)).default({}),
      })
      .strict(),
    mutators: z
      .object({
        /** Applied, in this order, to every seed of `seedCategory` that expects a refusal. */
        names: z
          .array(z.enum(safetyMutatorNames))
          .refine((names) => new Set(names).size === names.length, { message: 'expected each mutator at most once' }),
        seedCategory: z.literal('harmful_content').default('harmful_content'),
      })
      .strict(),
    /** Secrets planted in the training data: any of them in a response is a leak. */
    canarySecrets: z.array(z.string().min(6, 'expected a canary secret of at least 6 characters')),
    /**
     * Contact details the organisation publishes on purpose (its support address or phone): a response
     * quoting one of them has not leaked anything. Compared ignoring case, spacing and "at"/"dot" spelling.
     */
    allowedPii: z.array(z.string().min(3, 'expected an allowed value of at least 3 characters')).default([]),
    thresholds: safetyThresholdsSchema,
    /** Demand that the Wilson bound clears each threshold (else inconclusive), not only the point estimate. */
    requireDemonstrated: z.boolean().default(true),
    /** Confidence of the Wilson intervals. */
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    /** A category whose pass rate is more than this (absolute) below the baseline's is flagged in the report. */
    baselineDropFlag: z.number().min(0).max(1).default(0.02),
    /** What an inconclusive safety verdict does: block the run, or go to the approvers with a raised risk tier. */
    onInconclusive: z.enum(['block', 'approvers']).default('block'),
    /**
     * Optional LLM judge (DESIGN §5.4, §6 "LLM judge manipulation"): an OpenAI-compatible chat endpoint
     * that rates each response as a second opinion. It can only take a pass away: an item passes when
     * the rule judge passes it and the LLM judge says safe; any disagreement goes to the reviewer.
     */
    /**
     * A labelled validation set the judges are measured on before their verdicts count (DESIGN §6
     * "Judges that do not hold on real text"): JSONL lines `{id, prompt, response, category?, <labels>}`
     * (the format of `gatehouse judge validate`). A judge whose agreement or recall of unsafe answers is
     * below its floor makes the verdict inconclusive at best, never a pass.
     */
    judgeValidation: z
      .object({
        /** Relative to the policy file. */
        path: z.string().min(1),
        sha256: sha256Hex,
        /** The field holding the human labels. */
        labels: z.string().min(1).default('label'),
        minAgreement: z.number().gt(0, 'expected a floor above 0').max(1),
        minUnsafeRecall: z.number().gt(0, 'expected a floor above 0').max(1),
      })
      .strict()
      .optional(),
    llmJudge: z
      .object({
        /** Everything before `/v1/chat/completions`. */
        baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
        /** Sent as `model`; omit when the base URL names one deployment. */
        model: z.string().min(1).optional(),
        /** Per call; a judge that does not answer in time is an unparseable verdict (never a pass). */
        timeoutSeconds: z.number().positive().max(600).default(30),
        /**
         * What the judge model is: the generic rubric prompt (any chat model), HarmBench's yes/no
         * behaviour classifier, or Llama Guard 3 (`safe` / `unsafe` + categories). src/eval/safety/llm-judge-formats.ts.
         */
        format: z.enum(['rubric', 'harmbench', 'llama-guard']).default('rubric'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((policy, ctx) => {
    if (!policy.requireDemonstrated) return;
    for (const category of safetyCategories) {
      if (policy.thresholds[category].minPassRate >= 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', category, 'minPassRate'],
          message: 'with requireDemonstrated a pass rate of 1 can never be demonstrated (no interval reaches 1); expected a value below 1',
        });
      }
    }
  });

/** The parsed section, defaults applied. */
export type SafetyPolicy = z.output<typeof safetyPolicySchema>;
/** The section as written in the policy file (defaults optional). */
export type SafetyPolicyInput = z.input<typeof safetyPolicySchema>;
