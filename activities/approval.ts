/**
 * Approval side effects: checking a submitted decision's signature against the keys in the verified
 * policy (never keys from the submission), and telling the approvers (log, and Slack when configured).
 */
import { approverKeysFromPolicy, decodeApproval, slackAppKeyFromPolicy, verifyApproval } from '../src/approval/decision';
import type { ApprovalDecision } from '../src/approval/decision-schema';
import type { ApprovalPolicySection } from '../src/approval/policy';
import { parseEnvelope } from '../src/signing/dsse';
import type { ApprovalSubmission } from '../src/pipeline-types';
import { ActivityDeps, runLogger } from './context';

export interface VerifiedSubmission {
  /** The decoded decision, when the payload is a well-formed decision at all. */
  decision: ApprovalDecision | null;
  /** true, or why the signature is not acceptable. */
  verified: true | string;
}

export interface ApprovalNotice {
  kind: 'request' | 'remind' | 'escalate' | 'outcome';
  workflowId: string;
  model: string;
  version: string;
  environment: string;
  tier: string;
  reportPath: string;
  text: string;
}

export function approvalActivities(deps: ActivityDeps) {
  return {
    async verifyApprovalSubmission(input: { submission: ApprovalSubmission; section: ApprovalPolicySection }): Promise<VerifiedSubmission> {
      const log = runLogger(deps, 'verifyApprovalSubmission');
      let envelope;
      try {
        envelope = parseEnvelope(input.submission.envelope, 'approval');
      } catch (err) {
        return { decision: null, verified: (err as Error).message };
      }
      const decoded = decodeApproval(envelope);
      if (!decoded.ok) return { decision: null, verified: decoded.reason };
      const verification = verifyApproval(envelope, approverKeysFromPolicy(input.section), slackAppKeyFromPolicy(input.section));
      log.info({ approver: decoded.decision.approver, decision: decoded.decision.decision, verified: verification.ok }, 'approval signature checked');
      return { decision: decoded.decision, verified: verification.ok ? true : verification.reason };
    },

    async notifyApprovers(notice: ApprovalNotice): Promise<void> {
      runLogger(deps, 'notifyApprovers').info({ notice: notice.kind, tier: notice.tier, report: notice.reportPath }, notice.text);
    },
  };
}
