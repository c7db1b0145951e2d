/** Approval audits from runs' statuses (pure): each attempt as an audit record, the minimum review time a run shows, every run's records audited together. */
import { auditApprovals, type AuditRecord, type ApproverAudit } from './book';
import type { PipelineStatus } from '../pipeline-types';

/**
 * The policy's minimum review time as the run shows it: `approval.minReviewSeconds` when the status
 * carries it, else read from a `too_fast` refusal's reason ("… requires at least Ns"); null when the
 * run does not show it.
 */
export function minReviewSecondsOf(status: PipelineStatus): number | null {
  const shown: unknown = status.approval?.minReviewSeconds; // runs from before the view carried it have none
  if (typeof shown === 'number' && Number.isFinite(shown)) return shown;
  for (const attempt of status.approvals) {
    const match = attempt.code === 'too_fast' ? /requires at least (\d+(?:\.\d+)?)s/.exec(attempt.reason) : null;
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * Audit records of one run's attempts (like `auditRecordsOf`, from the status instead of the book).
 * Review seconds are the attempt's own, or computed from its time and the report's publication.
 * `fallbackMinReviewSeconds` is used when the run does not show its policy's minimum.
 */
export function auditRecordsFromStatus(status: PipelineStatus, fallbackMinReviewSeconds: number | null = null): { records: AuditRecord[]; minimumKnown: boolean } {
  const min = minReviewSecondsOf(status) ?? fallbackMinReviewSeconds;
  const published = status.approval?.publishedAtMs;
  const records = status.approvals.map((a) => ({
    approver: a.approver,
    decision: a.decision,
    accepted: a.accepted,
    reviewSeconds: Number.isFinite(a.reviewSeconds) ? a.reviewSeconds : published !== undefined ? (a.atMs - published) / 1000 : 0,
    minReviewSeconds: min ?? 0,
    workflowId: status.workflowId,
  }));
  return { records, minimumKnown: min !== null };
}

export interface AuditReport {
  runs: number;
  records: number;
  approvers: ApproverAudit[];
  /** Runs with attempts whose minimum review time is unknown (counted as 0: never a suspect by speed). */
  unknownMinimum: string[];
  /** Runs whose status could not be read. */
  skipped: Array<{ workflowId: string; reason: string }>;
}

export function auditStatuses(statuses: readonly PipelineStatus[], fallbackMinReviewSeconds: number | null = null): Omit<AuditReport, 'skipped'> {
  const records: AuditRecord[] = [];
  const unknownMinimum: string[] = [];
  for (const status of statuses) {
    const audit = auditRecordsFromStatus(status, fallbackMinReviewSeconds);
    records.push(...audit.records);
    if (audit.records.length > 0 && !audit.minimumKnown) unknownMinimum.push(status.workflowId);
  }
  return { runs: statuses.length, records: records.length, approvers: auditApprovals(records), unknownMinimum };
}
