/** Signing and checking operator canary commands: the operator must be an approver in the verified policy. */
import { KeyObject } from 'node:crypto';
import { describeZodError } from '../errors';
import type { ApprovalPolicySection } from '../approval/policy';
import { approverKeysFromPolicy } from '../approval/decision';
import { Envelope, signEnvelope, verifyEnvelope } from '../signing/dsse';
import { keyIdOf } from '../signing/keys';
import { CANARY_COMMAND_PAYLOAD_TYPE, CanaryCommand, canaryCommandSchema } from './command-schema';

export function signCanaryCommand(command: CanaryCommand, key: KeyObject): Envelope {
  return signEnvelope(Buffer.from(JSON.stringify(canaryCommandSchema.parse(command)), 'utf8'), CANARY_COMMAND_PAYLOAD_TYPE, key);
}

/** The command, when it is well formed and signed by the named operator's own key from the policy. */
export function verifyCanaryCommand(envelope: Envelope, operators: ApprovalPolicySection): { ok: true; command: CanaryCommand } | { ok: false; reason: string } {
  if (envelope.payloadType !== CANARY_COMMAND_PAYLOAD_TYPE) return { ok: false, reason: `payloadType: expected ${CANARY_COMMAND_PAYLOAD_TYPE}` };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not base64-encoded JSON' };
  }
  const parsed = canaryCommandSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `not a canary command: ${describeZodError(parsed.error)}` };
  const keys = approverKeysFromPolicy(operators).get(parsed.data.operator) ?? [];
  if (keys.length === 0) return { ok: false, reason: `${parsed.data.operator} is not an approver in the policy, so cannot steer the canary` };
  const verification = verifyEnvelope(envelope, new Map(keys.map((k) => [keyIdOf(k), k])));
  if (verification.trustedKeyIds.length === 0) return { ok: false, reason: `the command is not signed by a key of ${parsed.data.operator}` };
  const allowed = rolesFor(parsed.data.command, operators);
  const roles = operators.approvers.find((a) => a.id === parsed.data.operator)?.roles ?? [];
  if (allowed !== 'any' && !roles.some((r) => allowed.includes(r))) {
    return { ok: false, reason: `${parsed.data.command} needs one of the roles ${allowed.join(', ')}; ${parsed.data.operator} holds ${roles.join(', ')}` };
  }
  return { ok: true, command: parsed.data };
}

/** The roles a command needs (the policy's `canaryRoles`, else: pause by any approver; resume and abort by a critical-tier role or the escalation role). */
export function rolesFor(command: CanaryCommand['command'], operators: ApprovalPolicySection): readonly string[] | 'any' {
  if (operators.canaryRoles) return operators.canaryRoles[command];
  if (command === 'pause') return 'any';
  return [...operators.tiers.critical.allowedRoles, operators.escalationRole];
}
