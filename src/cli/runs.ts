/** Reading runs: the live status (query), the final result, the list, the stored report. */
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { BlobRef, PipelineStatus, Outcome } from '../pipeline-types';
import { readBlob } from '../store/result-store';
import { allSearchAttributes } from '../temporal/search-attributes';
import { CliExit, EXIT } from './exit-codes';

export interface RunProgress {
  activity: string;
  attempt: number;
  details: unknown;
}

export async function getRunStatus(client: Client, workflowId: string): Promise<{ status: PipelineStatus; progress: RunProgress[] }> {
  const handle = client.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new CliExit(EXIT.badInput, `no run with id ${workflowId} (see \`gatehouse list\`)`);
    throw err;
  }
  if (description.status.name === 'RUNNING') {
    const status = await handle.query<PipelineStatus>('status');
    const progress = (description.raw.pendingActivities ?? []).map((a) => ({
      activity: a.activityType?.name ?? 'unknown',
      attempt: a.attempt ?? 1,
      details: a.heartbeatDetails?.payloads?.length ? decodePayload(a.heartbeatDetails.payloads[0]) : null,
    }));
    return { status, progress };
  }
  if (description.status.name === 'COMPLETED') return { status: await handle.result(), progress: [] };
  // Failed, terminated, cancelled or timed out: the run never reached a verdict, so it did not deploy.
  const status = await handle.query<PipelineStatus>('status').catch(() => null);
  if (!status) throw new CliExit(EXIT.infrastructure, `run ${workflowId} ended as ${description.status.name} without a readable status`);
  return { status: { ...status, outcome: 'aborted' }, progress: [] };
}

function decodePayload(payload: { data?: Uint8Array | null } | null | undefined): unknown {
  if (!payload?.data) return null;
  try {
    return JSON.parse(Buffer.from(payload.data).toString('utf8'));
  } catch {
    return null;
  }
}

export interface RunListing {
  workflowId: string;
  runId: string;
  status: string;
  startTime: string;
  model: string | null;
  version: string | null;
  environment: string | null;
  stage: string | null;
  outcome: string | null;
  requestedBy: string | null;
}

export async function listRuns(client: Client, limit = 100): Promise<RunListing[]> {
  const rows: RunListing[] = [];
  for await (const execution of client.workflow.list({ query: "WorkflowType = 'deploymentPipeline'" })) {
    const attribute = (name: string): string | null => {
      const key = allSearchAttributes.find((k) => k.name === name);
      const value = key ? execution.typedSearchAttributes.get(key) : undefined;
      return typeof value === 'string' ? value : null;
    };
    rows.push({
      workflowId: execution.workflowId,
      runId: execution.runId,
      status: execution.status.name,
      startTime: execution.startTime.toISOString(),
      model: attribute('GatehouseModel'),
      version: attribute('GatehouseVersion'),
      environment: attribute('GatehouseEnvironment'),
      stage: attribute('GatehouseStage'),
      outcome: attribute('GatehouseOutcome'),
      requestedBy: attribute('GatehouseRequester'),
    });
    if (rows.length >= limit) break;
  }
  return rows;
}

export function exitCodeForOutcome(outcome: Outcome): number {
  return outcome === 'deployed' ? EXIT.ok : outcome === 'running' ? EXIT.ok : EXIT.refused;
}

export interface StoredReport {
  report: PipelineStatus;
  markdown: BlobRef;
  /** The reviewer page as it was when the report was written (reports written before it existed have none). */
  html?: BlobRef;
}

/** Reads a run's stored report, checking that its bytes still match the digest the workflow recorded. */
export function readStoredReport(ref: BlobRef): StoredReport {
  return JSON.parse(readBlob(ref).toString('utf8')) as StoredReport;
}

/** The `--json` shape of DESIGN §4.5. */
export function statusJson(status: PipelineStatus) {
  return {
    workflowId: status.workflowId,
    outcome: status.outcome,
    stage: status.stage,
    blockedBy: status.blockedBy,
    gates: status.gates.map((g) => ({ gate: g.gate, verdict: g.verdict, reasons: g.reasons, metrics: g.metrics, reportRef: g.reportRef ?? null })),
    approvals: status.approvals,
    canary: status.canary,
    reportPath: status.reportPath,
  };
}

/**
 * One line per sharded evaluation: the shards' heartbeats summed (`{ gate, shard, shards, done, total }`,
 * see activities/safety.ts), so a sharded run shows how far the whole suite is, not only each slice.
 * Only shards still running (pending, with a heartbeat) are summed: the line says how many of the
 * run's shards that is.
 */
export function shardTotals(progress: RunProgress[]): string[] {
  const byGate = new Map<string, { shards: number; reported: Set<number>; done: number; total: number }>();
  for (const p of progress) {
    const d = p.details;
    if (typeof d !== 'object' || d === null) continue;
    const { gate, shard, shards, done, total } = d as Record<string, unknown>;
    if (typeof gate !== 'string' || typeof shard !== 'number' || typeof shards !== 'number' || typeof done !== 'number' || typeof total !== 'number') continue;
    const entry = byGate.get(gate) ?? { shards, reported: new Set<number>(), done: 0, total: 0 };
    if (entry.reported.has(shard)) continue;
    entry.reported.add(shard);
    entry.done += done;
    entry.total += total;
    byGate.set(gate, entry);
  }
  return [...byGate].map(
    ([gate, e]) => `  … ${gate}: ${e.done}/${e.total} items in the ${e.reported.size} running shard${e.reported.size === 1 ? '' : 's'} of ${e.shards}`,
  );
}

export function formatStatus(status: PipelineStatus, progress: RunProgress[] = []): string {
  const lines = [
    `${status.workflowId}: ${status.outcome}${status.blockedBy ? ` (blocked by ${status.blockedBy})` : ''}, stage ${status.stage}`,
    ...status.gates.map((g) => `  ${g.verdict === 'pass' ? '✓' : '✗'} ${g.gate.padEnd(11)} ${g.verdict.padEnd(13)} ${g.reasons[0] ?? ''}`),
    ...status.gates.flatMap((g) => g.reasons.slice(1).map((r) => `    ${' '.repeat(11)} ${r}`)),
    ...progress.map((p) => `  … ${p.activity} (attempt ${p.attempt}) ${p.details ? JSON.stringify(p.details) : ''}`),
    ...shardTotals(progress),
  ];
  if (status.reportPath) lines.push(`  report: ${status.reportPath}`);
  return lines.join('\n');
}
