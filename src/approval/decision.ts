/**
 * Signed approval decisions (DESIGN §4.3): a DSSE envelope, payloadType
 * `application/vnd.gatehouse.approval+json`, over the JSON of an `ApprovalDecision`.
 *
 * Who must have signed depends on how the decision was made:
 * - `via: 'cli'`: one of the named approver's own keys (from the policy, never from the envelope);
 * - `via: 'slack'`: the Slack app's key, which signs only after it verified Slack's request signature
 *   and mapped the Slack user to that approver (src/slack/interactivity.ts).
 * An approver's key can therefore never sign a "Slack" decision, and the Slack app's key never a
 * "CLI" one. Uses node:crypto: call it from an activity, never from workflow code.
 */
import { KeyObject } from 'node:crypto';
import { Envelope, signEnvelope, verifyEnvelope } from '../signing/dsse';
import { keyIdOf, parsePublicKeyPem } from '../signing/keys';
import { describeZodError } from '../errors';
import { APPROVAL_PAYLOAD_TYPE, ApprovalDecision, approvalDecisionSchema } from './decision-schema';
import type { ApprovalPolicySection } from './policy';

export { APPROVAL_PAYLOAD_TYPE, approvalDecisionSchema, approvalEnvelopeSchema } from './decision-schema';
export type { ApprovalDecision } from './decision-schema';

export function signApproval(decision: ApprovalDecision, privateKey: KeyObject): Envelope {
  const parsed = approvalDecisionSchema.parse(decision);
  return signEnvelope(Buffer.from(JSON.stringify(parsed), 'utf8'), APPROVAL_PAYLOAD_TYPE, privateKey);
}

export type ApprovalVerification =
  | { ok: true; decision: ApprovalDecision }
  /** `decision` is present when the payload was a well-formed decision (so the refusal can be recorded against it). */
  | { ok: false; reason: string; decision?: ApprovalDecision };

/** Decodes and shape-checks the payload, without looking at signatures. */
export function decodeApproval(envelope: Envelope): { ok: true; decision: ApprovalDecision } | { ok: false; reason: string } {
  if (envelope.payloadType !== APPROVAL_PAYLOAD_TYPE) {
    return { ok: false, reason: `payloadType is ${envelope.payloadType}, expected ${APPROVAL_PAYLOAD_TYPE}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not base64-encoded JSON' };
  }
  const parsed = approvalDecisionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `payload is not an approval decision: ${describeZodError(parsed.error)}` };
  return { ok: true, decision: parsed.data };
}

/**
 * Verifies a signed approval. `keysByApprover` (approver id → public keys) and `slackAppKey` come
 * from the verified policy, never from the envelope. Returns the decision only when the signature
 * is by a key entitled to make it: the named approver's own key for `cli`, the Slack app's for `slack`.
 */
export function verifyApproval(
  envelope: Envelope,
  keysByApprover: ReadonlyMap<string, readonly KeyObject[]>,
  slackAppKey?: KeyObject,
): ApprovalVerification {
  const decoded = decodeApproval(envelope);
  if (!decoded.ok) return decoded;
  const { decision } = decoded;
  let trusted: KeyObject[];
  let signer: string;
  if (decision.via === 'slack') {
    if (!slackAppKey) return { ok: false, reason: 'decision was made via slack but the policy names no Slack app key', decision };
    trusted = [slackAppKey];
    signer = 'the Slack app key';
  } else {
    trusted = [...(keysByApprover.get(decision.approver) ?? [])];
    if (trusted.length === 0) return { ok: false, reason: `no key for approver ${decision.approver} in the policy`, decision };
    signer = `a key of approver ${decision.approver}`;
  }
  const verification = verifyEnvelope(envelope, new Map(trusted.map((key) => [keyIdOf(key), key])));
  if (verification.trustedKeyIds.length === 0) {
    return { ok: false, reason: `decision via ${decision.via} is not signed by ${signer}`, decision };
  }
  return { ok: true, decision };
}

/** Approver id → public keys, from the policy's approval section (an InputError names a bad PEM). */
export function approverKeysFromPolicy(section: ApprovalPolicySection, source = 'policy'): Map<string, KeyObject[]> {
  return new Map(
    section.approvers.map((approver, i) => [approver.id, [parsePublicKeyPem(approver.publicKey, `${source}: approvers.${i}.publicKey`)]]),
  );
}

export function slackAppKeyFromPolicy(section: ApprovalPolicySection, source = 'policy'): KeyObject | undefined {
  return section.slackAppPublicKey === undefined ? undefined : parsePublicKeyPem(section.slackAppPublicKey, `${source}: slackAppPublicKey`);
}
