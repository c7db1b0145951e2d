/**
 * ApprovalBook: the human-approval stage's state (DESIGN §5.6), the "small state class" that the
 * approval workflow's update handlers, timers and queries are wired to (STYLE §2).
 *
 * Deterministic and workflow-safe: no node: imports, no I/O, no clocks (every method takes `nowMs`,
 * the workflow's time), no randomness (`chooseReviewQuestions` takes the workflow's random source).
 * Its state is a plain object (`snapshot()` / `ApprovalBook.restore()`) so it crosses continueAsNew.
 *
 * Every attempt is recorded, accepted or refused, with its reason. Signature verification happens in
 * an activity; the book is handed its result (`true` or the refusal reason) and checks the rest:
 *
 *   1. the stage is still open (not approved, rejected or expired)
 *   2. the signature verified
 *   3. the approver is in the policy (and, via Slack, is that approver's Slack user)
 *   4. the decision is for this workflow and signs the current report digest
 *   5. the approver holds a role allowed for the tier, or the stage is escalated and they hold the
 *      escalation role
 *   approvals only (a reject never makes a deployment riskier, so it skips these):
 *   6. the approver is not the requester
 *   7. the approver has not already approved
 *   8. at least `minReviewSeconds` passed since the report was published (workflow time, not `signedAt`)
 *   9. every review question is answered correctly
 *
 * Approved when the tier's number of distinct approvers is reached and every required role is held by
 * one of them; any accepted reject makes it rejected; at `expireAfterSeconds` it is expired. It never
 * approves by itself.
 */
import type { ApprovalDecision } from './decision-schema';
import { ApprovalPolicySection, RiskTier, riskTiers } from './policy';

/** A question about the report; an answer matches when equal to an accepted one after `normalizeAnswer`. */
export interface ReviewQuestion {
  id: string;
  prompt: string;
  acceptedAnswers: string[];
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';
export type EscalationStage = 'none' | 'reminded' | 'escalated';
export type Notification = 'remind' | 'escalate';

export type RefusalCode =
  | 'closed'
  | 'bad_signature'
  | 'not_in_policy'
  | 'slack_user_mismatch'
  | 'other_workflow'
  | 'stale_report'
  | 'role_not_allowed'
  | 'requester'
  | 'already_approved'
  | 'too_fast'
  | 'wrong_answers';

export interface ApprovalBookConfig {
  policySection: ApprovalPolicySection;
  tier: RiskTier;
  /** Who asked for the deployment: never one of its approvers. */
  requester: string;
  /** sha256 of the reviewer report being decided on. */
  reportDigest: string;
  /** When the report was published to the approvers (workflow time, ms). */
  publishedAtMs: number;
  /** Chosen by the workflow (`chooseReviewQuestions`, plus `acknowledgementQuestions`). */
  questions: ReviewQuestion[];
  /** When set, a decision for another workflow id is refused. */
  workflowId?: string;
}

export interface ApprovalAttempt {
  atMs: number;
  approver: string;
  decision: 'approve' | 'reject';
  via: 'cli' | 'slack';
  slackUserId?: string;
  reportDigest: string;
  signedAt: string;
  comment?: string;
  answers?: Record<string, string>;
  accepted: boolean;
  code: 'accepted' | RefusalCode;
  reason: string;
  /** Seconds from the report's publication to this attempt. */
  reviewSeconds: number;
  stage: EscalationStage;
  /** Accepted only because the stage was escalated and the approver holds the escalation role. */
  viaEscalation?: boolean;
}

export interface ApprovalBookState {
  config: ApprovalBookConfig;
  attempts: ApprovalAttempt[];
  outcome: { status: 'approved' | 'rejected'; atMs: number } | null;
  notified: Notification[];
  /** Refused attempts beyond the caps (MAX_REFUSED_*), counted but not recorded. */
  unrecorded?: number;
}

export interface AttemptResult {
  accepted: boolean;
  reason: string;
  code: 'accepted' | RefusalCode;
}

export interface ApprovalState {
  status: ApprovalStatus;
  stage: EscalationStage;
  tier: RiskTier;
  approvalsRequired: number;
  approvedBy: string[];
  rejectedBy: string[];
  /** Required roles not yet held by any accepted approver. */
  missingRoles: string[];
  remindAtMs: number;
  escalateAtMs: number;
  expireAtMs: number;
  /** While pending: the next time the state changes by itself (reminder, escalation, expiry); else null. */
  nextDeadlineMs: number | null;
}

/** Case, surrounding space, inner runs of space and Unicode compatibility forms do not matter. */
export function normalizeAnswer(answer: string): string {
  return answer.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

export function sameIdentity(a: string, b: string): boolean {
  return a.normalize('NFKC').trim().toLowerCase() === b.normalize('NFKC').trim().toLowerCase();
}

/**
 * With probability `rate` (one draw of `random()`, a number in [0, 1)), picks `count` distinct
 * questions uniformly from `candidates` (partial Fisher-Yates, one draw each); otherwise none. Pure:
 * `candidates` is not changed and the same draws give the same questions, so a workflow passing its
 * deterministic random replays identically.
 */
export function chooseReviewQuestions(candidates: readonly ReviewQuestion[], rate: number, random: () => number, count = 1): ReviewQuestion[] {
  if (candidates.length === 0 || count < 1) return [];
  if (!(random() < rate)) return [];
  const pool = [...candidates];
  const chosen: ReviewQuestion[] = [];
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const j = i + Math.min(pool.length - 1 - i, Math.floor(random() * (pool.length - i)));
    [pool[i], pool[j]] = [pool[j] as ReviewQuestion, pool[i] as ReviewQuestion];
    chosen.push(pool[i] as ReviewQuestion);
  }
  return chosen;
}

/**
 * DESIGN §3: an inconclusive verdict sent to the approvers must be acknowledged by name. One question
 * per such gate, always asked (not subject to `reviewQuestionRate`): the answer is the gate's name.
 */
export function acknowledgementQuestions(inconclusiveGates: readonly string[]): ReviewQuestion[] {
  return inconclusiveGates.map((gate) => ({
    id: `acknowledge-${gate}`,
    prompt: `The ${gate} gate was inconclusive. Type "${gate}" to acknowledge that you reviewed its evidence.`,
    acceptedAnswers: [gate],
  }));
}

/** Refused attempts recorded per claimed approver, and in all: a flood of bad envelopes cannot grow the run's status. */
export const MAX_REFUSED_PER_APPROVER = 5;
export const MAX_REFUSED_ATTEMPTS = 50;
/** Refusals of unauthenticated attempts: recorded as a short, fixed-size line (no comment, no answers). */
const UNAUTHENTICATED: ReadonlySet<string> = new Set(['bad_signature', 'not_in_policy', 'closed']);

export class ApprovalBook {
  readonly config: ApprovalBookConfig;
  readonly attempts: ApprovalAttempt[];
  /** Refused attempts beyond the caps: counted, not recorded. */
  unrecorded = 0;
  private outcome: ApprovalBookState['outcome'];
  private readonly notified: Notification[];

  constructor(config: ApprovalBookConfig) {
    if (!riskTiers.includes(config.tier)) throw new Error(`unknown risk tier ${String(config.tier)}`);
    const ids = config.questions.map((q) => q.id);
    if (new Set(ids).size !== ids.length) throw new Error('review question ids must be unique');
    this.config = config;
    this.attempts = [];
    this.outcome = null;
    this.notified = [];
  }

  /** Rebuilds a book from `snapshot()` (e.g. the input of the next run after continueAsNew). */
  static restore(state: ApprovalBookState): ApprovalBook {
    const copy = plainCopy(state);
    const book = new ApprovalBook(copy.config);
    book.attempts.push(...copy.attempts);
    book.outcome = copy.outcome;
    book.notified.push(...copy.notified);
    book.unrecorded = copy.unrecorded ?? 0;
    return book;
  }

  snapshot(): ApprovalBookState {
    return plainCopy({ config: this.config, attempts: this.attempts, outcome: this.outcome, notified: this.notified, unrecorded: this.unrecorded });
  }

  private get rule() {
    return this.config.policySection.tiers[this.config.tier];
  }

  private at(afterSeconds: number): number {
    return this.config.publishedAtMs + afterSeconds * 1000;
  }

  stageAt(nowMs: number): EscalationStage {
    const p = this.config.policySection;
    if (nowMs >= this.at(p.escalateAfterSeconds)) return 'escalated';
    if (nowMs >= this.at(p.remindAfterSeconds)) return 'reminded';
    return 'none';
  }

  /** The questions as approvers may see them (without the accepted answers). */
  publicQuestions(): { id: string; prompt: string }[] {
    return this.config.questions.map(({ id, prompt }) => ({ id, prompt }));
  }

  /**
   * Records one attempt and says whether it counted. `verified` is the signature check's result from
   * the activity: `true`, or `false` / the refusal reason.
   */
  attempt(decision: ApprovalDecision, verified: boolean | string, nowMs: number): AttemptResult {
    const stage = this.stageAt(nowMs);
    const verdict = this.judge(decision, verified, nowMs, stage);
    if (verdict.code !== 'accepted') {
      const refused = this.attempts.filter((a) => !a.accepted);
      const approver = decision.approver.slice(0, 64);
      if (refused.length >= MAX_REFUSED_ATTEMPTS || refused.filter((a) => a.approver === approver).length >= MAX_REFUSED_PER_APPROVER) {
        this.unrecorded += 1;
        return { accepted: false, reason: `${verdict.reason.slice(0, 200)} (not recorded: too many refused attempts)`, code: verdict.code };
      }
      if (UNAUTHENTICATED.has(verdict.code)) {
        // Nothing in an unauthenticated attempt is the approver's word: keep a short, fixed-size line.
        this.attempts.push({
          atMs: nowMs,
          approver,
          decision: decision.decision,
          via: decision.via,
          reportDigest: decision.reportDigest,
          signedAt: decision.signedAt.slice(0, 40),
          accepted: false,
          code: verdict.code,
          reason: verdict.reason.slice(0, 200),
          reviewSeconds: (nowMs - this.config.publishedAtMs) / 1000,
          stage,
        });
        return { accepted: false, reason: verdict.reason.slice(0, 200), code: verdict.code };
      }
    }
    const record: ApprovalAttempt = {
      atMs: nowMs,
      approver: decision.approver,
      decision: decision.decision,
      via: decision.via,
      ...(decision.slackUserId !== undefined ? { slackUserId: decision.slackUserId } : {}),
      reportDigest: decision.reportDigest,
      signedAt: decision.signedAt,
      ...(decision.comment !== undefined ? { comment: decision.comment } : {}),
      ...(decision.answers !== undefined ? { answers: { ...decision.answers } } : {}),
      accepted: verdict.code === 'accepted',
      code: verdict.code,
      reason: verdict.reason,
      reviewSeconds: (nowMs - this.config.publishedAtMs) / 1000,
      stage,
      ...(verdict.viaEscalation ? { viaEscalation: true } : {}),
    };
    this.attempts.push(record);
    if (record.accepted && this.outcome === null) {
      if (record.decision === 'reject') this.outcome = { status: 'rejected', atMs: nowMs };
      else if (this.quorumReached()) this.outcome = { status: 'approved', atMs: nowMs };
    }
    return { accepted: record.accepted, reason: record.reason, code: record.code };
  }

  private judge(
    d: ApprovalDecision,
    verified: boolean | string,
    nowMs: number,
    stage: EscalationStage,
  ): { code: 'accepted' | RefusalCode; reason: string; viaEscalation?: boolean } {
    const refuse = (code: RefusalCode, reason: string) => ({ code, reason });
    const status = this.statusAt(nowMs);
    if (status !== 'pending') return refuse('closed', `approval is already ${status}`);
    if (verified !== true) return refuse('bad_signature', `bad signature${typeof verified === 'string' && verified ? `: ${verified}` : ''}`);
    const policy = this.config.policySection;
    const approver = policy.approvers.find((a) => a.id === d.approver);
    if (!approver) return refuse('not_in_policy', `approver ${d.approver} is not in the policy`);
    if (d.via === 'slack' && (approver.slackUserId === undefined || approver.slackUserId !== d.slackUserId)) {
      return refuse('slack_user_mismatch', `Slack user ${d.slackUserId ?? '(none)'} is not approver ${d.approver}'s Slack user in the policy`);
    }
    if (this.config.workflowId !== undefined && d.workflowId !== this.config.workflowId) {
      return refuse('other_workflow', `decision is for workflow ${d.workflowId}, not ${this.config.workflowId}`);
    }
    if (d.reportDigest !== this.config.reportDigest) {
      return refuse('stale_report', `signed a stale report digest ${d.reportDigest.slice(0, 12)}… (the current report is ${this.config.reportDigest.slice(0, 12)}…)`);
    }
    const rule = this.rule;
    const holdsAllowed = approver.roles.some((r) => rule.allowedRoles.includes(r));
    const viaEscalation = !holdsAllowed && stage === 'escalated' && approver.roles.includes(policy.escalationRole);
    if (!holdsAllowed && !viaEscalation) {
      return refuse(
        'role_not_allowed',
        `approver ${d.approver} (roles: ${approver.roles.join(', ')}) holds no role allowed for tier ${this.config.tier} (allowed: ${rule.allowedRoles.join(', ')}` +
          (stage === 'escalated' ? `, or ${policy.escalationRole} after escalation)` : `; ${policy.escalationRole} may decide after escalation)`),
      );
    }
    if (d.decision === 'approve') {
      if (sameIdentity(d.approver, this.config.requester)) return refuse('requester', `approver ${d.approver} is the requester`);
      if (this.acceptedApprovers().includes(d.approver)) return refuse('already_approved', `approver ${d.approver} has already approved`);
      const elapsed = (nowMs - this.config.publishedAtMs) / 1000;
      if (elapsed < policy.minReviewSeconds) {
        return refuse('too_fast', `review too fast: ${Math.max(0, Math.floor(elapsed))}s since the report was published, the policy requires at least ${policy.minReviewSeconds}s`);
      }
      const wrong = this.config.questions.filter((q) => {
        const given = d.answers?.[q.id];
        return given === undefined || !q.acceptedAnswers.some((a) => normalizeAnswer(a) === normalizeAnswer(given));
      });
      if (wrong.length > 0) return refuse('wrong_answers', `wrong or missing answers to review questions: ${wrong.map((q) => q.id).join(', ')}`);
    }
    const what = d.decision === 'approve' ? 'approval' : 'rejection';
    return { code: 'accepted', reason: `${what} by ${d.approver} accepted${viaEscalation ? ' (escalation role)' : ''}`, ...(viaEscalation ? { viaEscalation } : {}) };
  }

  private acceptedApprovers(): string[] {
    const ids: string[] = [];
    for (const a of this.attempts) if (a.accepted && a.decision === 'approve' && !ids.includes(a.approver)) ids.push(a.approver);
    return ids;
  }

  private missingRoles(): string[] {
    const approvers = this.acceptedApprovers();
    const roles = new Set(this.config.policySection.approvers.filter((a) => approvers.includes(a.id)).flatMap((a) => a.roles));
    return this.rule.requiredRoles.filter((r) => !roles.has(r));
  }

  private quorumReached(): boolean {
    return this.acceptedApprovers().length >= this.rule.approvals && this.missingRoles().length === 0;
  }

  private statusAt(nowMs: number): ApprovalStatus {
    if (this.outcome) return this.outcome.status;
    return nowMs >= this.at(this.config.policySection.expireAfterSeconds) ? 'expired' : 'pending';
  }

  state(nowMs: number): ApprovalState {
    const p = this.config.policySection;
    const status = this.statusAt(nowMs);
    const remindAtMs = this.at(p.remindAfterSeconds);
    const escalateAtMs = this.at(p.escalateAfterSeconds);
    const expireAtMs = this.at(p.expireAfterSeconds);
    const decidedAt = this.outcome?.atMs ?? nowMs;
    return {
      status,
      stage: this.stageAt(Math.min(nowMs, decidedAt)),
      tier: this.config.tier,
      approvalsRequired: this.rule.approvals,
      approvedBy: this.acceptedApprovers(),
      rejectedBy: this.attempts.filter((a) => a.accepted && a.decision === 'reject').map((a) => a.approver),
      missingRoles: this.missingRoles(),
      remindAtMs,
      escalateAtMs,
      expireAtMs,
      nextDeadlineMs: status === 'pending' ? ([remindAtMs, escalateAtMs, expireAtMs].find((t) => t > nowMs) ?? null) : null,
    };
  }

  /**
   * Reminder / escalation notices that are due and not yet marked sent, in order. The workflow sends
   * each (an activity) and then calls `markNotified`, so a notice survives continueAsNew exactly once.
   */
  notificationsDue(nowMs: number): Notification[] {
    if (this.statusAt(nowMs) !== 'pending') return [];
    const stage = this.stageAt(nowMs);
    const due: Notification[] = [];
    if (stage !== 'none') due.push('remind');
    if (stage === 'escalated') due.push('escalate');
    return due.filter((n) => !this.notified.includes(n));
  }

  markNotified(notification: Notification): void {
    if (!this.notified.includes(notification)) this.notified.push(notification);
  }
}

function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export interface AuditRecord {
  approver: string;
  decision: 'approve' | 'reject';
  accepted: boolean;
  reviewSeconds: number;
  /** The policy's minimum review time when the decision was made. */
  minReviewSeconds: number;
  workflowId?: string;
}

/** Audit records from a book's attempts (for `auditApprovals` over many runs). */
export function auditRecordsOf(state: ApprovalBookState): AuditRecord[] {
  return state.attempts.map((a) => ({
    approver: a.approver,
    decision: a.decision,
    accepted: a.accepted,
    reviewSeconds: a.reviewSeconds,
    minReviewSeconds: state.config.policySection.minReviewSeconds,
    ...(state.config.workflowId !== undefined ? { workflowId: state.config.workflowId } : {}),
  }));
}

export interface ApproverAudit {
  approver: string;
  /** Accepted decisions (approvals + rejections); refused attempts are counted apart. */
  decisions: number;
  approvals: number;
  rejections: number;
  refused: number;
  /** approvals / decisions; null with no decisions. */
  approvalRate: number | null;
  /** Median seconds from publication to decision over accepted decisions; null with none. */
  medianReviewSeconds: number | null;
  rubberStampSuspect: boolean;
  why: string;
}

/**
 * The rubber-stamp rule: an approver is a suspect when they made at least `minDecisions` (5)
 * accepted decisions, approved at least `approvalRate` (95%) of them, and their median review time
 * is under `reviewFactor` (2) × the minimum review time (the median of the policies' minimums over
 * their decisions). Approvals faster than the minimum are already refused; this catches reviewers
 * who consistently wait just long enough.
 */
export const RUBBER_STAMP_RULE = { minDecisions: 5, approvalRate: 0.95, reviewFactor: 2 } as const;

export function auditApprovals(records: readonly AuditRecord[], rule: { minDecisions: number; approvalRate: number; reviewFactor: number } = RUBBER_STAMP_RULE): ApproverAudit[] {
  const byApprover = new Map<string, AuditRecord[]>();
  for (const r of records) byApprover.set(r.approver, [...(byApprover.get(r.approver) ?? []), r]);
  const ids = [...byApprover.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ids.map((approver) => {
    const all = byApprover.get(approver) ?? [];
    const accepted = all.filter((r) => r.accepted);
    const approvals = accepted.filter((r) => r.decision === 'approve').length;
    const decisions = accepted.length;
    const approvalRate = decisions === 0 ? null : approvals / decisions;
    const medianReviewSeconds = median(accepted.map((r) => r.reviewSeconds));
    const minReview = median(accepted.map((r) => r.minReviewSeconds)) ?? 0;
    const suspect =
      decisions >= rule.minDecisions &&
      approvalRate !== null &&
      approvalRate >= rule.approvalRate &&
      medianReviewSeconds !== null &&
      medianReviewSeconds < rule.reviewFactor * minReview;
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    const why = suspect
      ? `${decisions} decisions, ${pct(approvalRate ?? 0)} approved, median review ${medianReviewSeconds}s < ${rule.reviewFactor} × ${minReview}s minimum`
      : decisions < rule.minDecisions
        ? `too few decisions to judge (${decisions} < ${rule.minDecisions})`
        : `${decisions} decisions, ${pct(approvalRate ?? 0)} approved, median review ${medianReviewSeconds}s`;
    return {
      approver,
      decisions,
      approvals,
      rejections: decisions - approvals,
      refused: all.length - decisions,
      approvalRate,
      medianReviewSeconds,
      rubberStampSuspect: suspect,
      why,
    };
  });
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
