/**
 * Reading what the reviewer report shows from the result store: each gate's report blob (digest
 * checked by `readBlob`), and for the safety diff the two models' answers to the items whose
 * behaviour changed (the responses file, or each shard's, digest checked too). The one file under src/report/ that
 * does I/O; the renderers stay pure.
 */
import type { PipelineStatus } from '../pipeline-types';
import { readResponses } from '../eval/runner/responses';
import { readBlob } from '../store/result-store';
import { behaviourDiff } from './safety-summary';
import { isRecord, type UnreadableReport } from './report-values';

/** Longest answer excerpt kept for the diff (characters). */
export const ANSWER_EXCERPT = 1200;

export interface LoadOptions {
  /** Attach the answers of the items shown in the safety diff (default true). */
  answers?: boolean;
}

/**
 * Gate name → its parsed report blob, or `{ unreadable }` saying why it could not be read (a missing
 * file, a digest mismatch, bad JSON): the report then shows the problem instead of the evidence.
 * Gates without a `reportRef` are left out.
 */
export async function loadGateReports(status: PipelineStatus, options: LoadOptions = {}): Promise<Record<string, unknown>> {
  const reports: Record<string, unknown> = {};
  for (const gate of status.gates) {
    if (!gate.reportRef) continue;
    let report: unknown;
    try {
      report = JSON.parse(readBlob(gate.reportRef).toString('utf8')) as unknown;
    } catch (err) {
      reports[gate.gate] = { unreadable: `${(err as Error).message}` } satisfies UnreadableReport;
      continue;
    }
    if (gate.gate === 'safety' && options.answers !== false) report = await withDiffAnswers(report);
    reports[gate.gate] = report;
  }
  return reports;
}

function excerpt(answer: unknown): string | undefined {
  if (!isRecord(answer)) return undefined;
  if (answer.ok === true && typeof answer.text === 'string') {
    return answer.text.length > ANSWER_EXCERPT ? `${answer.text.slice(0, ANSWER_EXCERPT)}…` : answer.text;
  }
  if (answer.ok === false) return `(no answer: ${String(answer.error ?? 'error')})`;
  return undefined;
}

/** Where the safety answers are: one responses file, or one per shard of a sharded evaluation. */
function responsesFiles(responses: unknown): Array<{ path: string; sha256?: string }> | null {
  const list = Array.isArray(responses) ? responses : [responses];
  const files: Array<{ path: string; sha256?: string }> = [];
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.path !== 'string') return null;
    files.push(typeof entry.sha256 === 'string' ? { path: entry.path, sha256: entry.sha256 } : { path: entry.path });
  }
  return files.length > 0 ? files : null;
}

/** Adds `answers: { itemId: { candidate, baseline } }` for the items the diff shows. */
async function withDiffAnswers(report: unknown): Promise<unknown> {
  const diff = behaviourDiff(report);
  if (!diff || diff.shown.length === 0 || !isRecord(report)) return report;
  const files = responsesFiles(report.responses);
  if (!files) return report;
  const wanted = new Set(diff.shown.map((d) => d.itemId));
  try {
    const answers: Record<string, { candidate?: string; baseline?: string }> = {};
    for (const { path, sha256 } of files) {
      const records = await readResponses(path, sha256 !== undefined ? { expectedDigest: sha256 } : {});
      for (const record of records) {
        if (!wanted.has(record.itemId)) continue;
        const text = excerpt(record.answer);
        if (text !== undefined) answers[record.itemId] = { ...answers[record.itemId], [record.target]: text };
      }
    }
    return { ...report, answers };
  } catch (err) {
    return { ...report, answersUnavailable: (err as Error).message };
  }
}
