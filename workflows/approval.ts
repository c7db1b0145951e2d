/**
 * The human approval stage (DESIGN §5.6): the report's digest is put before the approvers; signed
 * decisions arrive as updates (`approve`, `reject`) or as the `decision` signal; every attempt is
 * recorded in the ApprovalBook, refused ones included; reminders and escalation follow the policy's
 * clock; expiry ends the run as `expired`. Nothing here ever approves by default.
 */
import { ApplicationFailure, condition, defineSignal, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { shortCalls } from './activity-profiles';
import { ApprovalBook, ReviewQuestion } from '../src/approval/book';
import { approvalEnvelopeSchema } from '../src/approval/decision-schema';
import type { ApprovalPolicySection } from '../src/approval/policy';
import type { RiskTier } from '../src/approval/policy';
import type { ApprovalReceipt, ApprovalSubmission, ApprovalView, PipelineStatus } from '../src/pipeline-types';
import type { ApprovalNotice } from '../activities/approval';
import type { GateLine } from '../src/slack/blocks';
import type { PostedMessage } from '../src/slack/notifier';

export const approveUpdate = defineUpdate<ApprovalReceipt, [ApprovalSubmission]>('approve');
export const rejectUpdate = defineUpdate<ApprovalReceipt, [ApprovalSubmission]>('reject');
export const decisionSignal = defineSignal<[ApprovalSubmission]>('decision');

const approvalIo = proxyActivities<Activities>(shortCalls);

export interface ApprovalStageInput {
  section: ApprovalPolicySection;
  tier: RiskTier;
  tierReasons: string[];
  requester: string;
  workflowId: string;
  reportDigest: string;
  reportPath: string;
  questions: ReviewQuestion[];
  /** What the approval request shows besides the book's own state. */
  request: { runId: string; model: string; version: string; environment: string; changeSummary: string; gates: GateLine[] };
}

/** Routes approval messages to the stage while one is open; refuses them otherwise. */
export class ApprovalDesk {
  private book: ApprovalBook | null = null;
  private view: Omit<ApprovalView, 'state'> | null = null;
  /** Bumped on every recorded attempt, so the stage's wait wakes up. */
  private changes = 0;
  /** The approval request's Slack thread, once posted. */
  private thread: PostedMessage | null = null;

  constructor(private readonly status: PipelineStatus) {
    const validate = (submission: ApprovalSubmission) => {
      const parsed = approvalEnvelopeSchema.safeParse(submission?.envelope);
      if (!parsed.success) throw new Error(`not a signed approval: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    };
    setHandler(approveUpdate, (submission) => this.submit('approve', submission), { validator: validate });
    setHandler(rejectUpdate, (submission) => this.submit('reject', submission), { validator: validate });
    setHandler(decisionSignal, async (submission) => {
      // A signal cannot answer: its outcome shows in the recorded attempts (status, Slack thread).
      if (approvalEnvelopeSchema.safeParse(submission?.envelope).success) await this.submit(null, submission).catch(() => undefined);
    });
  }

  /** Checks and records one attempt; a refusal reaches an update's caller as an ApprovalRefused failure. */
  private async submit(expected: 'approve' | 'reject' | null, submission: ApprovalSubmission): Promise<ApprovalReceipt> {
    const book = this.book;
    if (!book) throw ApplicationFailure.nonRetryable(`no approval is pending for ${this.status.workflowId} (stage ${this.status.stage})`, 'ApprovalRefused');
    const checked = await approvalIo.verifyApprovalSubmission({ submission, section: book.snapshot().config.policySection });
    if (!checked.decision) throw ApplicationFailure.nonRetryable(`not a readable approval: ${checked.verified}`, 'ApprovalRefused');
    if (expected && checked.decision.decision !== expected) {
      throw ApplicationFailure.nonRetryable(`the signed decision is "${checked.decision.decision}" but was sent as "${expected}"`, 'ApprovalRefused');
    }
    const result = book.attempt(checked.decision, checked.verified, Date.now());
    this.changes += 1;
    this.refresh();
    const after = book.state(Date.now()).status;
    await this.notify({
      kind: 'attempt',
      view: { approver: checked.decision.approver, decision: checked.decision.decision, accepted: result.accepted, reason: result.reason, status: after },
    });
    if (!result.accepted) throw ApplicationFailure.nonRetryable(result.reason, 'ApprovalRefused');
    return { accepted: true, reason: result.reason, status: book.state(Date.now()).status };
  }

  private async notify(notice: ApprovalNotice): Promise<void> {
    const { thread } = await approvalIo.notifyApprovers({ notice, thread: this.thread });
    this.thread = thread;
  }

  private refresh(): void {
    if (!this.book || !this.view) return;
    this.status.approvals = [...this.book.snapshot().attempts];
    this.status.approval = { ...this.view, state: this.book.state(Date.now()) };
  }

  /** Runs the stage to its end: approved, rejected or expired. */
  async run(input: ApprovalStageInput): Promise<{ status: 'approved' | 'rejected' | 'expired'; approvedBy: string[]; reason: string }> {
    const publishedAtMs = Date.now();
    this.book = new ApprovalBook({
      policySection: input.section,
      tier: input.tier,
      requester: input.requester,
      reportDigest: input.reportDigest,
      publishedAtMs,
      questions: input.questions,
      workflowId: input.workflowId,
    });
    this.view = { tierReasons: input.tierReasons, questions: this.book.publicQuestions(), reportDigest: input.reportDigest, reportPath: input.reportPath, publishedAtMs, minReviewSeconds: input.section.minReviewSeconds };
    this.refresh();
    const opened = this.book.state(publishedAtMs);
    await this.notify({
      kind: 'request',
      view: {
        workflowId: input.workflowId,
        runId: input.request.runId,
        model: input.request.model,
        version: input.request.version,
        environment: input.request.environment,
        requester: input.requester,
        changeSummary: input.request.changeSummary,
        reportDigest: input.reportDigest,
        reportUrl: `file://${input.reportPath}`,
        tier: input.tier,
        tierReasons: input.tierReasons,
        gates: input.request.gates,
        approvalsRequired: opened.approvalsRequired,
        requiredRoles: input.section.tiers[input.tier].requiredRoles,
        expiresAt: new Date(opened.expireAtMs).toISOString(),
        questions: this.book.publicQuestions(),
      },
    });

    for (;;) {
      const state = this.book.state(Date.now());
      if (state.status !== 'pending') break;
      for (const due of this.book.notificationsDue(Date.now())) {
        const now = this.book.state(Date.now());
        await this.notify({
          kind: due,
          view: {
            kind: due,
            workflowId: input.workflowId,
            approvedBy: now.approvedBy,
            approvalsRequired: now.approvalsRequired,
            missingRoles: now.missingRoles,
            expiresAt: new Date(now.expireAtMs).toISOString(),
            escalationRole: input.section.escalationRole,
            mentionSlackUserIds:
              due === 'escalate'
                ? input.section.approvers.filter((a) => a.roles.includes(input.section.escalationRole) && a.slackUserId).map((a) => a.slackUserId!)
                : [],
          },
        });
        this.book.markNotified(due);
      }
      this.refresh();
      const seen = this.changes;
      const wakeAt = this.book.state(Date.now()).nextDeadlineMs ?? Date.now() + 60_000;
      await condition(() => this.changes !== seen, Math.max(1, wakeAt - Date.now()));
    }
    this.refresh();
    const final = this.book.state(Date.now());
    const status = final.status === 'approved' || final.status === 'rejected' ? final.status : 'expired';
    const reason =
      status === 'approved'
        ? `approved by ${final.approvedBy.join(', ')} (tier ${final.tier})`
        : status === 'rejected'
          ? `rejected by ${final.rejectedBy.join(', ')}`
          : `no decision within ${input.section.expireAfterSeconds}s: the request expired (never auto-approved)`;
    await this.notify({ kind: 'outcome', text: reason });
    this.book = null; // later messages are refused: the stage is closed
    return { status, approvedBy: final.approvedBy, reason };
  }
}
