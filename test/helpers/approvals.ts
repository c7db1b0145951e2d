/** Approvers, their keys, an approval policy section, and signed decisions, for approval tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeFileSync } from 'node:fs';
import { WorkflowHandle } from '@temporalio/client';
import { signApproval } from '../../src/approval/decision';
import type { ApprovalDecision } from '../../src/approval/decision-schema';
import { generateKeysCommand, signPolicyCommand } from '../../src/signing/signing-files';
import type { PipelineStatus } from '../../src/pipeline-types';
import { loadPrivateKey } from '../../src/signing/keys';

export interface TestApprover {
  id: string;
  roles: string[];
  keyPath: string;
  pubPath: string;
}

/** alice requests; bob (ml), carol (safety) approve; dave is on call (escalation); mallory is no approver. */
export function makeApprovers(dir: string): Record<'alice' | 'bob' | 'carol' | 'dave' | 'mallory', TestApprover> {
  const make = (id: string, roles: string[]) => {
    const keys = generateKeysCommand(id, join(dir, 'approver-keys'), 'ed25519');
    return { id, roles, keyPath: keys.privateKeyPath, pubPath: keys.publicKeyPath };
  };
  return { alice: make('alice', ['ml']), bob: make('bob', ['ml']), carol: make('carol', ['safety']), dave: make('dave', ['oncall']), mallory: make('mallory', ['ml']) };
}

export function approvalSection(approvers: TestApprover[], timing: { minReviewSeconds: number; remind: number; escalate: number; expire: number; questionRate?: number }) {
  const small = { approvals: 1, requiredRoles: [], allowedRoles: ['ml', 'safety'] };
  const large = { approvals: 2, requiredRoles: ['safety'], allowedRoles: ['ml', 'safety'] };
  return {
    approvers: approvers.map((a) => ({ id: a.id, roles: a.roles, publicKey: readFileSync(a.pubPath, 'utf8') })),
    tiers: { low: small, medium: small, high: large, critical: large },
    minReviewSeconds: timing.minReviewSeconds,
    reviewQuestionRate: timing.questionRate ?? 0,
    remindAfterSeconds: timing.remind,
    escalateAfterSeconds: timing.escalate,
    expireAfterSeconds: timing.expire,
    escalationRole: 'oncall',
  };
}

/**
 * A copy of `policyPath` with an approval section (and `approval` required), signed by the owners; at
 * `serial` when given (a variant for a worker that has seen the original: helpers/policy-serials.ts).
 */
export function policyWithApproval(policyPath: string, out: string, section: unknown, ownerKeys: string[], options: { serial?: number } = {}): string {
  const document = parse(readFileSync(policyPath, 'utf8')) as Record<string, unknown> & { requiredGates: string[] };
  document.requiredGates = [...document.requiredGates, 'approval'];
  document.approval = section;
  if (options.serial !== undefined) document.serial = options.serial;
  writeFileSync(out, stringify(document));
  for (const key of ownerKeys) signPolicyCommand(out, key);
  return out;
}

/** Signs a decision about the run's current report, as `approver` (with `keyPath`, by default their own key). */
export async function signedDecision(
  handle: WorkflowHandle,
  approver: TestApprover,
  decision: 'approve' | 'reject',
  overrides: Partial<ApprovalDecision> & { keyPath?: string } = {},
) {
  const status = await handle.query<PipelineStatus>('status');
  const { keyPath, ...fields } = overrides;
  const payload: ApprovalDecision = {
    runId: (await handle.describe()).runId,
    workflowId: handle.workflowId,
    reportDigest: status.approval?.reportDigest ?? '0'.repeat(64),
    decision,
    approver: approver.id,
    signedAt: new Date().toISOString(),
    via: 'cli',
    ...fields,
  };
  return { envelope: signApproval(payload, loadPrivateKey(keyPath ?? approver.keyPath)) };
}
