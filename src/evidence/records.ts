/**
 * What the workers record as evidence, record by record (names and body schemas). Each record is
 * written by the activity that measured it, bound to the pipeline run it ran in.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { gateNames, verdicts } from '../signing/attestation';

const digest = z.string().regex(/^[0-9a-f]{64}$/);

export const policyEvidenceSchema = z.strictObject({ policyDigest: digest, policyName: z.string(), serial: z.number().int().nullable() });
/** The request as its requester signed it (the signer is the requester). */
export const requestEvidenceSchema = z.strictObject({ requester: z.string(), model: z.string(), version: z.string(), changeType: z.enum(['weights', 'adapter', 'config', 'prompt']) });
/** The declared change type as checked against the baseline's manifest. */
export const changeEvidenceSchema = z.strictObject({ verdict: z.enum(verdicts), declared: z.enum(['weights', 'adapter', 'config', 'prompt']) });
export const integrityEvidenceSchema = z.strictObject({ verdict: z.enum(verdicts), artifactRootDigest: digest, bytes: z.number().nullable() });
/** A gate measured after integrity (provenance, safety, regression, bias), bound to the run's policy and artifact. */
export const gateEvidenceSchema = z.strictObject({
  gate: z.enum(gateNames),
  verdict: z.enum(verdicts),
  reason: z.string(),
  policyDigest: digest,
  artifactRootDigest: digest,
});
export const stagedEvidenceSchema = z.strictObject({
  backendUrl: z.string(),
  kind: z.enum(['chat', 'classifier']),
  artifactRootDigest: digest,
  model: z.string(),
  version: z.string(),
});
export const baselineEvidenceSchema = z.strictObject({ exists: z.boolean(), rootDigest: digest.nullable() });
export const approvalRequestEvidenceSchema = z.strictObject({
  tier: z.enum(['low', 'medium', 'high', 'critical']),
  requester: z.string(),
  reportDigest: digest,
});
/** A decision whose signature verified against the policy's approver keys (the workflow's other checks come on top). */
export const decisionEvidenceSchema = z.strictObject({
  approver: z.string(),
  decision: z.enum(['approve', 'reject']),
  reportDigest: digest,
});
/** One judged canary interval, from the gateway's own measurements. */
export const intervalEvidenceSchema = z.strictObject({
  interval: z.number().int().min(1),
  score: z.number(),
  criticalFailure: z.boolean(),
  collectionError: z.boolean(),
  canaryWorkflowId: z.string(),
});

export type GateEvidence = z.infer<typeof gateEvidenceSchema>;
export type IntervalEvidence = z.infer<typeof intervalEvidenceSchema>;

export const RECORD = {
  policy: 'policy',
  request: 'request',
  change: 'change',
  integrity: 'integrity',
  staged: 'staged',
  baseline: 'baseline',
  approvalRequest: 'approval-request',
  gate: (gate: string) => `gate-${gate}`,
  /** One record per (approver, decision, report): a repeated attempt overwrites, it never adds. */
  decision: (approver: string, decision: string, reportDigest: string) =>
    `decision-${createHash('sha256').update(`${approver}\n${decision}\n${reportDigest}`).digest('hex').slice(0, 32)}`,
  decisionPrefix: 'decision-',
  interval: (n: number) => `interval-${String(n).padStart(6, '0')}`,
  intervalPrefix: 'interval-',
} as const;
