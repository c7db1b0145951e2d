/**
 * An operator's signed canary command (`gatehouse canary pause|resume|abort`). Zod only: the
 * workflow's update validator checks shapes with it; the signature is checked in an activity.
 */
import { z } from 'zod';

export const CANARY_COMMAND_PAYLOAD_TYPE = 'application/vnd.gatehouse.canary-command+json';

export const canaryCommandSchema = z
  .object({
    /** The pipeline run the canary belongs to. */
    workflowId: z.string().min(1),
    /** That pipeline's run id: a command for an earlier run of the same workflow id is refused. */
    runId: z.string().min(1).max(200),
    /** Single use: a canary refuses a nonce it has already accepted. */
    nonce: z.string().min(16).max(128),
    /** Refused after this instant, and when it lies more than MAX_COMMAND_LIFETIME_SECONDS after signedAt. */
    expiresAt: z.iso.datetime({ offset: true }),
    command: z.enum(['pause', 'resume', 'abort']),
    operator: z.string().min(1),
    reason: z.string().max(2000).optional(),
    signedAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type CanaryCommand = z.infer<typeof canaryCommandSchema>;

export const MAX_COMMAND_LIFETIME_SECONDS = 15 * 60;

export const canaryCommandEnvelopeSchema = z.object({
  payloadType: z.literal(CANARY_COMMAND_PAYLOAD_TYPE),
  payload: z.string().min(1).max(16 * 1024),
  signatures: z.array(z.object({ keyid: z.string().max(200).default(''), sig: z.string().min(1).max(1024) })).min(1).max(8),
});
export type CanaryCommandEnvelope = z.infer<typeof canaryCommandEnvelopeSchema>;
