/**
 * The deployment policy (DESIGN §4.2): version-controlled, signed by its owners (k-of-n), verified
 * before any gate runs. Everything a gate is judged against lives here, never in flags or variables.
 * Strict: an unknown key is an error, so a misspelt threshold cannot silently fall back to a default.
 */
import { z } from 'zod';
import { gateNames } from '../signing/attestation';
import { safetyPolicySchema } from './sections/safety';
import { regressionPolicySchema } from './sections/regression';
import { biasPolicySchema } from './sections/bias';
import { approvalPolicySchema } from '../approval/policy';
import { canaryPlanSchema } from '../canary/plan';

const keyId = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected a key id "sha256:<64 hex>" (see `gatehouse keys generate`)');
const pem = z.string().includes('-----BEGIN PUBLIC KEY-----', { message: 'expected a PEM public key ("-----BEGIN PUBLIC KEY-----")' });

export const ALWAYS_REQUIRED_GATES = ['policy', 'integrity', 'provenance'] as const;

export const evaluationSettingsSchema = z
  .object({
    /** Model calls in flight at once, per evaluation. */
    concurrency: z.number().int().min(1).max(512).default(8),
    /** Completed items between two durable checkpoints: a retried evaluation repeats at most this many. */
    checkpointEvery: z.number().int().min(1).max(100_000).default(50),
    requestTimeoutSeconds: z.number().int().min(1).max(3600).default(60),
    /** Evaluate external endpoints that cannot show the artifact's digest; never for production. */
    allowUnverifiedEndpoints: z.boolean().default(false),
    /**
     * Activities one run's safety evaluation is split into (DESIGN §5.2): each evaluates a disjoint
     * slice of the suite on the evaluation queue, so a bigger worker fleet finishes one run sooner.
     * 1 (the default): one activity, as before.
     */
    shards: z
      .number({ error: 'expected a whole number of shards, 1 or more' })
      .int({ error: 'expected a whole number of shards, 1 or more' })
      .min(1, { error: 'expected at least 1 shard (1 means the safety evaluation is not split)' })
      .max(64, { error: 'at most 64 shards: each is an activity holding its own connections to the models' })
      .default(1),
  })
  .strict();
export type EvaluationSettings = z.infer<typeof evaluationSettingsSchema>;

export const policySchema = z
  .object({
    apiVersion: z.literal('gatehouse/v1'),
    kind: z.literal('Policy'),
    name: z.string().min(1),
    /**
     * Raised by the owners with every new version. A worker refuses a serial lower than the highest it
     * has seen for this policy name, and other content under that serial, so an older or other signed
     * version cannot be chosen instead (DESIGN §6, policy shopping).
     */
    serial: z.number({ error: 'expected serial: a whole number ≥ 1, raised with every signed version' }).int().min(1),
    /** Environments this policy may govern; a request for another environment is refused. */
    environments: z.array(z.string().min(1)).min(1),
    /** Gates an attestation must show passed; policy, integrity and provenance can never be left out. */
    requiredGates: z
      .array(z.enum(gateNames))
      .min(1)
      .refine((gates) => ALWAYS_REQUIRED_GATES.every((g) => gates.includes(g)), {
        message: `expected the list to include ${ALWAYS_REQUIRED_GATES.join(', ')}`,
      }),
    /** Keys whose model signatures are trusted for provenance. */
    trustedModelKeys: z.array(z.object({ name: z.string().min(1), publicKey: pem }).strict()).min(1),
    revokedModelKeyIds: z.array(keyId).default([]),
    /** Who may request deployments besides the approvers: each request is signed by its requester's key. */
    requesters: z.array(z.object({ id: z.string().min(1), publicKey: pem }).strict()).default([]),
    /** The pipeline key that signs deployment attestations; must match the worker's own key. */
    pipelineKeyId: keyId,
    attestation: z.object({ ttlSeconds: z.number().int().min(30).max(86_400) }).strict().default({ ttlSeconds: 900 }),
    execution: z
      .object({
        /** An activity that stops heartbeating for this long is retried on another worker. */
        heartbeatTimeoutSeconds: z.number().int().min(2).max(3600).default(30),
      })
      .strict()
      .default({ heartbeatTimeoutSeconds: 30 }),
    evaluation: evaluationSettingsSchema.default({ concurrency: 8, checkpointEvery: 50, requestTimeoutSeconds: 60, allowUnverifiedEndpoints: false, shards: 1 }),
    /** Per-gate settings and thresholds; a required evaluation gate must have its section. */
    gates: z
      .object({ safety: safetyPolicySchema.optional(), regression: regressionPolicySchema.optional(), bias: biasPolicySchema.optional() })
      .strict()
      .default({}),
    /** Human approval (DESIGN §5.6): approvers, roles, tiers, deadlines. Without it, an inconclusive verdict blocks. */
    approval: approvalPolicySchema.optional(),
    /** The canary plan (DESIGN §5.7): steps, analysis interval, metrics, score thresholds, failure budget. */
    canary: canaryPlanSchema.optional(),
  })
  .strict()
  .refine((policy) => !policy.evaluation.allowUnverifiedEndpoints || !policy.environments.includes('production'), {
    message: 'unverified evaluation endpoints can never be allowed for production',
    path: ['evaluation', 'allowUnverifiedEndpoints'],
  })
  .refine((policy) => !policy.requiredGates.includes('canary') || policy.canary !== undefined, {
    message: 'requiredGates lists canary, so the canary plan is required',
    path: ['canary'],
  })
  .refine((policy) => policy.canary === undefined || policy.approval !== undefined, {
    message: 'a canary needs the approval section: its approvers are the operators who may pause, resume or abort it',
    path: ['canary'],
  })
  .refine((policy) => !policy.requiredGates.includes('approval') || policy.approval !== undefined, {
    message: 'requiredGates lists approval, so the approval section (approvers, tiers) is required',
    path: ['approval'],
  })
  .superRefine((policy, ctx) => {
    for (const gate of ['safety', 'regression', 'bias'] as const) {
      if (policy.requiredGates.includes(gate) && policy.gates[gate] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['gates', gate], message: `requiredGates lists ${gate}, so gates.${gate} (datasets, thresholds) is required` });
      }
    }
  });

export type Policy = z.infer<typeof policySchema>;
