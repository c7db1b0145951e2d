/**
 * The shape of a signed approval decision (DESIGN §4.3, §5.6), with no I/O and no node: imports, so
 * workflow code (an update validator, `ApprovalBook`) can use it. Signing and verifying it live in
 * `decision.ts`, which needs node:crypto and so must stay out of workflows.
 */
import { z } from 'zod';

export const APPROVAL_PAYLOAD_TYPE = 'application/vnd.gatehouse.approval+json';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters (a sha256 digest)');

export const approvalDecisionSchema = z
  .strictObject({
    /** The Temporal run the approver was shown (informative: continueAsNew changes it). */
    runId: z.string().min(1),
    /** The deployment workflow (`deploy-{model}-{version}-{environment}`) the decision is for. */
    workflowId: z.string().min(1),
    /** sha256 of the reviewer report the approver read: a decision binds to exactly one report. */
    reportDigest: hex64,
    decision: z.enum(['approve', 'reject']),
    /** Approver id as listed in the policy. */
    approver: z.string().min(1),
    comment: z.string().max(4000).optional(),
    /** Answers to the review questions, by question id. */
    answers: z.record(z.string(), z.string().max(1000)).optional(),
    /** When the signer says it signed (informative: review time is measured by the workflow's clock). */
    signedAt: z.iso.datetime({ offset: true }),
    /** `cli`: signed by the approver's own key. `slack`: signed by the Slack app's key for a verified Slack user. */
    via: z.enum(['cli', 'slack']),
    slackUserId: z.string().min(1).optional(),
  })
  .refine((d) => d.via !== 'slack' || d.slackUserId !== undefined, {
    message: 'a decision made via slack must name the Slack user (slackUserId)',
    path: ['slackUserId'],
  });

export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

/**
 * The shape of a signed approval as an update or signal carries it: a DSSE envelope of the approval
 * payload type (the same shape as src/signing/dsse.ts's envelope, which workflows cannot import).
 * For the update validator: shape only; the signature is checked in an activity.
 */
export const approvalEnvelopeSchema = z.object({
  payloadType: z.literal(APPROVAL_PAYLOAD_TYPE),
  payload: z.string().min(1).max(64 * 1024).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64 (standard or URL-safe)'),
  signatures: z
    .array(z.object({ keyid: z.string().max(200).default(''), sig: z.string().min(1).max(1024) }))
    .min(1, 'expected at least one signature')
    .max(8),
});
