/**
 * Approval side effects: checking a submitted decision's signature against the keys in the verified
 * policy (never keys from the submission), and telling the approvers (log, and Slack when configured).
 */
import { approverKeysFromPolicy, decodeApproval, slackAppKeyFromPolicy, verifyApproval } from '../src/approval/decision';
import type { ApprovalDecision } from '../src/approval/decision-schema';
import type { ApprovalPolicySection } from '../src/approval/policy';
import { parseEnvelope } from '../src/signing/dsse';
import type { ApprovalSubmission } from '../src/pipeline-types';
import { ActivityDeps, currentRun, evidenceStore, runLogger } from './context';
import { RECORD } from '../src/evidence/records';
import { ApprovalRequestView, attemptOutcomeReply, AttemptOutcomeView, escapeMrkdwn, ReminderView, reminderReply } from '../src/slack/blocks';
import { PostedMessage, SlackNotifier } from '../src/slack/notifier';

export interface VerifiedSubmission {
  /** The decoded decision, when the payload is a well-formed decision at all. */
  decision: ApprovalDecision | null;
  /** true, or why the signature is not acceptable. */
  verified: true | string;
}

/** What the approvers are told, and where: every notice after the first goes into the request's thread. */
export type ApprovalNotice =
  | { kind: 'request'; view: ApprovalRequestView }
  | { kind: 'remind' | 'escalate'; view: ReminderView }
  | { kind: 'attempt'; view: AttemptOutcomeView }
  | { kind: 'outcome'; text: string };

export interface NoticeInput {
  notice: ApprovalNotice;
  /** The Slack thread of the request, once posted. */
  thread: PostedMessage | null;
}

function noticeText(notice: ApprovalNotice): string {
  switch (notice.kind) {
    case 'request':
      return `approval needed (${notice.view.tier}): ${notice.view.model} ${notice.view.version} → ${notice.view.environment}`;
    case 'remind':
    case 'escalate':
      return reminderReply(notice.view).text;
    case 'attempt':
      return attemptOutcomeReply(notice.view).text;
    case 'outcome':
      return notice.text;
  }
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
      // Only a decision whose signature verified, for this very run, becomes evidence the signers count.
      const run = currentRun();
      const { approver, decision, reportDigest, workflowId } = decoded.decision;
      if (verification.ok && run && workflowId === run.workflowId) {
        evidenceStore(deps).put(run, RECORD.decision(approver, decision, reportDigest), { approver, decision, reportDigest });
      }
      return { decision: decoded.decision, verified: verification.ok ? true : verification.reason };
    },

    /** Logs the notice and, when the worker has a Slack bot, posts it; returns the request's thread. */
    async notifyApprovers(input: NoticeInput): Promise<{ thread: PostedMessage | null }> {
      const { notice } = input;
      const run = currentRun();
      if (notice.kind === 'request' && run) {
        // The approval stage as the workflow opened it: the tier and requester the signers check approvals against.
        evidenceStore(deps).put(run, RECORD.approvalRequest, { tier: notice.view.tier, requester: notice.view.requester, reportDigest: notice.view.reportDigest });
      }
      runLogger(deps, 'notifyApprovers').info({ notice: notice.kind }, noticeText(notice));
      const slack = deps.config.slack;
      if (!slack) return { thread: input.thread };
      const notifier = new SlackNotifier({ token: slack.botToken, channel: slack.channel, slackApiUrl: slack.apiUrl });
      if (notice.kind === 'request') return { thread: await notifier.postApprovalRequest(notice.view) };
      if (!input.thread) return { thread: null };
      const message =
        notice.kind === 'attempt'
          ? attemptOutcomeReply(notice.view)
          : notice.kind === 'outcome'
            ? { text: notice.text, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: escapeMrkdwn(notice.text) } }] }
            : reminderReply(notice.view);
      await notifier.postThreadReply(input.thread, message);
      return { thread: input.thread };
    },
  };
}
