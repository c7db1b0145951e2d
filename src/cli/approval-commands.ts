/**
 * `approve` / `reject`, `pending` and `audit approvals` (DESIGN §4.5, §5.6).
 *
 * An approver's decision is signed here with their own key (`via: 'cli'`), bound to the run and to
 * the digest of the report the run published, and sent as the workflow update `approve` / `reject`.
 * The workflow decides: it records every attempt and answers with a receipt, or refuses (an
 * `ApprovalRefused` failure: `WorkflowUpdateFailedError`, the reason in `err.cause.message`).
 * Exit codes: 0 accepted, 1 refused or nothing pending, 2 bad input (bad key, bad `--answer`),
 * 3 infrastructure.
 */
import type { KeyObject } from 'node:crypto';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApprovalReceipt, ApprovalSubmission, PipelineStatus } from '../pipeline-types';
import { allSearchAttributes } from '../temporal/search-attributes';
import { CliExit, EXIT } from './exit-codes';
import { auditStatuses, type AuditReport } from '../approval/audit-status';
import { buildApprovalDecision, signedSubmission } from '../approval/submission';
import { getRunStatus, listRuns } from './runs';

// ---------------------------------------------------------------------------------------------
// Building and signing a decision (pure)

// ---------------------------------------------------------------------------------------------
// Submitting a decision

export type SubmitResult = { accepted: true; receipt: ApprovalReceipt } | { accepted: false; reason: string; receipt?: ApprovalReceipt };

export interface SubmitOptions {
  workflowId: string;
  decision: 'approve' | 'reject';
  approver: string;
  key: KeyObject;
  comment?: string | undefined;
  answers?: Record<string, string> | undefined;
  now?: () => Date;
}

/** The run's current status, requiring an approval stage that is still pending (else exit 1). */
export function pendingApprovalOf(status: PipelineStatus): NonNullable<PipelineStatus['approval']> {
  const view = status.approval;
  if (!view) {
    throw new CliExit(
      EXIT.refused,
      `run ${status.workflowId} has no approval pending (outcome ${status.outcome}, stage ${status.stage}${status.blockedBy ? `, blocked by ${status.blockedBy}` : ''})`,
    );
  }
  if (view.state.status !== 'pending') throw new CliExit(EXIT.refused, `run ${status.workflowId} has no approval pending: approval is already ${view.state.status}`);
  return view;
}

/**
 * Signs the decision for the report the run is waiting on and sends it as the `approve` / `reject`
 * update. A refusal by the workflow is `{ accepted: false, reason }`; a run with nothing pending is a
 * CliExit(1); an unknown run a CliExit(2); anything else (Temporal unreachable) is thrown.
 */
export async function submitDecision(client: Client, options: SubmitOptions): Promise<SubmitResult> {
  const { status } = await getRunStatus(client, options.workflowId);
  const view = pendingApprovalOf(status);
  const handle = client.workflow.getHandle(options.workflowId);
  const description = await handle.describe();
  const runId = description.runId || description.raw.workflowExecutionInfo?.firstRunId || '';
  const decision = buildApprovalDecision({
    workflowId: options.workflowId,
    runId,
    reportDigest: view.reportDigest,
    decision: options.decision,
    approver: options.approver,
    comment: options.comment,
    answers: options.answers,
    now: (options.now ?? (() => new Date()))(),
  });
  const submission = signedSubmission(decision, options.key);
  let receipt: ApprovalReceipt;
  try {
    receipt = await handle.executeUpdate<ApprovalReceipt, [ApprovalSubmission]>(options.decision, { args: [submission] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return { accepted: false, reason: err.cause?.message ?? err.message };
    if (err instanceof WorkflowNotFoundError) throw new CliExit(EXIT.refused, `run ${options.workflowId} is no longer running: nothing to ${options.decision}`);
    throw err;
  }
  return receipt.accepted ? { accepted: true, receipt } : { accepted: false, reason: receipt.reason, receipt };
}

export function formatSubmitResult(workflowId: string, result: SubmitResult): string {
  if (result.accepted) return `accepted: ${result.receipt.reason} (approval of ${workflowId} is ${result.receipt.status})`;
  return `refused: ${result.reason}`;
}

// ---------------------------------------------------------------------------------------------
// Pending approvals

export const PENDING_QUERY = "WorkflowType = 'deploymentPipeline' AND GatehouseStage = 'approval' AND ExecutionStatus = 'Running'";

export interface PendingRow {
  workflowId: string;
  model: string | null;
  version: string | null;
  environment: string | null;
  requestedBy: string | null;
  tier: string | null;
  status: string | null;
  escalation: string | null;
  approvedBy: string[];
  approvalsRequired: number | null;
  missingRoles: string[];
  questions: Array<{ id: string; prompt: string }>;
  tierReasons: string[];
  reportDigest: string | null;
  remindAt: string | null;
  escalateAt: string | null;
  expireAt: string | null;
  nextDeadline: string | null;
  /** Set when the run's status could not be queried. */
  error?: string;
}

const iso = (ms: number | null | undefined) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** One row of `pending` from a run's status (pure). */
export function pendingRowOf(status: PipelineStatus): PendingRow {
  const view = status.approval;
  const s = view?.state;
  return {
    workflowId: status.workflowId,
    model: status.model.name,
    version: status.model.version,
    environment: status.environment,
    requestedBy: status.requestedBy,
    tier: s?.tier ?? null,
    status: s?.status ?? null,
    escalation: s?.stage ?? null,
    approvedBy: s?.approvedBy ?? [],
    approvalsRequired: s?.approvalsRequired ?? null,
    missingRoles: s?.missingRoles ?? [],
    questions: view?.questions ?? [],
    tierReasons: view?.tierReasons ?? [],
    reportDigest: view?.reportDigest ?? null,
    remindAt: iso(s?.remindAtMs),
    escalateAt: iso(s?.escalateAtMs),
    expireAt: iso(s?.expireAtMs),
    nextDeadline: iso(s?.nextDeadlineMs),
  };
}

/** Runs whose stage is `approval`, each with its approval state (from the `status` query). */
export async function listPending(client: Client): Promise<PendingRow[]> {
  const rows: PendingRow[] = [];
  for await (const execution of client.workflow.list({ query: PENDING_QUERY })) {
    const attribute = (name: string): string | null => {
      const key = allSearchAttributes.find((k) => k.name === name);
      const value = key ? execution.typedSearchAttributes.get(key) : undefined;
      return typeof value === 'string' ? value : null;
    };
    try {
      const status = await client.workflow.getHandle(execution.workflowId, execution.runId).query<PipelineStatus>('status');
      rows.push(pendingRowOf(status));
    } catch (err) {
      rows.push({
        workflowId: execution.workflowId,
        model: attribute('GatehouseModel'),
        version: attribute('GatehouseVersion'),
        environment: attribute('GatehouseEnvironment'),
        requestedBy: attribute('GatehouseRequester'),
        tier: null,
        status: null,
        escalation: null,
        approvedBy: [],
        approvalsRequired: null,
        missingRoles: [],
        questions: [],
        tierReasons: [],
        reportDigest: null,
        remindAt: null,
        escalateAt: null,
        expireAt: null,
        nextDeadline: null,
        error: `status query failed: ${(err as Error).message.split('\n')[0]}`,
      });
    }
  }
  return rows;
}

/** Columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatPending(rows: readonly PendingRow[]): string {
  if (rows.length === 0) return 'no approvals pending';
  const body = table(
    ['WORKFLOW ID', 'TIER', 'APPROVALS', 'MISSING ROLES', 'QUESTIONS', 'NEXT DEADLINE', 'EXPIRES'],
    rows.map((r) => [
      r.workflowId,
      r.tier ?? '?',
      r.approvalsRequired === null ? '?' : `${r.approvedBy.length}/${r.approvalsRequired}${r.approvedBy.length ? ` (${r.approvedBy.join(', ')})` : ''}`,
      r.missingRoles.length ? r.missingRoles.join(', ') : '-',
      String(r.questions.length),
      r.nextDeadline ?? '-',
      r.expireAt ?? '-',
    ]),
  );
  const details = rows.flatMap((r) => [
    ...(r.error ? [`  ${r.workflowId}: ${r.error}`] : []),
    ...r.questions.map((q) => `  ${r.workflowId}: question ${q.id}: ${q.prompt}`),
  ]);
  return [body, ...details].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Audit

/** Every pipeline run's approval attempts, audited (DESIGN §5.6). */
export async function collectAudit(client: Client, fallbackMinReviewSeconds: number | null = null): Promise<AuditReport> {
  const statuses: PipelineStatus[] = [];
  const skipped: AuditReport['skipped'] = [];
  const seen = new Set<string>();
  for (const run of await listRuns(client, Number.POSITIVE_INFINITY)) {
    if (seen.has(run.workflowId)) continue; // the newest execution of a workflow id holds its whole history of attempts
    seen.add(run.workflowId);
    try {
      statuses.push((await getRunStatus(client, run.workflowId)).status);
    } catch (err) {
      skipped.push({ workflowId: run.workflowId, reason: (err as Error).message.split('\n')[0] ?? String(err) });
    }
  }
  return { ...auditStatuses(statuses, fallbackMinReviewSeconds), skipped };
}

const rate = (x: number | null) => (x === null ? '-' : `${Math.round(x * 1000) / 10}%`);

export function formatAudit(report: AuditReport): string {
  const lines: string[] = [];
  if (report.approvers.length === 0) lines.push(`no approval attempts in ${report.runs} run(s)`);
  else {
    lines.push(
      table(
        ['APPROVER', 'DECISIONS', 'APPROVED', 'REJECTED', 'REFUSED', 'APPROVAL RATE', 'MEDIAN REVIEW', 'SUSPECT', 'WHY'],
        report.approvers.map((a) => [
          a.approver,
          String(a.decisions),
          String(a.approvals),
          String(a.rejections),
          String(a.refused),
          rate(a.approvalRate),
          a.medianReviewSeconds === null ? '-' : `${Math.round(a.medianReviewSeconds * 10) / 10}s`,
          a.rubberStampSuspect ? 'SUSPECT' : '-',
          a.why,
        ]),
      ),
    );
    const suspects = report.approvers.filter((a) => a.rubberStampSuspect).map((a) => a.approver);
    lines.push('', `${report.records} attempt(s) in ${report.runs} run(s); ${suspects.length ? `rubber-stamp suspects: ${suspects.join(', ')}` : 'no rubber-stamp suspects'}`);
  }
  if (report.unknownMinimum.length > 0) {
    lines.push(
      `note: ${report.unknownMinimum.length} run(s) do not show their policy's minimum review time (${report.unknownMinimum.join(', ')}); ` +
        'their review times are not judged against it: pass --min-review-seconds N',
    );
  }
  for (const s of report.skipped) lines.push(`skipped ${s.workflowId}: ${s.reason}`);
  return lines.join('\n');
}
