/**
 * Reading what the reviewer report shows from the result store: each gate's report blob (digest
 * checked by `readBlob`), parsed once with its writer's schema (gate-reports.ts), and for the safety
 * diff the two models' answers to the items whose behaviour changed (the responses file, or each
 * shard's, digest checked too). The one file under src/report/ that does I/O; the renderers stay pure.
 */
import type { PipelineStatus } from '../pipeline-types';
import { readResponses } from '../eval/runner/responses';
import type { ModelAnswer } from '../eval/adapters/types';
import { readBlob } from '../store/result-store';
import { behaviourDiff } from './safety-summary';
import { hasReportSchema, parseGateReport, type GateReports, type LoadedSafetyReport } from './gate-reports';

export type { GateReports } from './gate-reports';

/** Longest answer excerpt kept for the diff (characters). */
export const ANSWER_EXCERPT = 1200;

export interface LoadOptions {
  /** Attach the answers of the items shown in the safety diff (default true). */
  answers?: boolean;
}

/**
 * Gate name → its parsed report, or `{ gate, unreadable }` saying why it could not be read (a missing
 * file, a digest mismatch, bad JSON, a field that is not what its gate writes): the report then shows
 * the problem instead of the evidence. Gates without a `reportRef`, or that store no report the
 * reviewer report reads, are left out.
 */
export async function loadGateReports(status: PipelineStatus, options: LoadOptions = {}): Promise<GateReports> {
  const reports: GateReports = {};
  for (const gate of status.gates) {
    if (!gate.reportRef || !hasReportSchema(gate.gate)) continue;
    let blob: unknown;
    try {
      blob = JSON.parse(readBlob(gate.reportRef).toString('utf8')) as unknown;
    } catch (err) {
      reports[gate.gate] = { gate: gate.gate, unreadable: (err as Error).message };
      continue;
    }
    if (gate.gate === 'safety') {
      const safety = parseGateReport('safety', blob);
      reports.safety = 'unreadable' in safety || options.answers === false ? safety : await withDiffAnswers(safety);
    } else if (gate.gate === 'regression') reports.regression = parseGateReport('regression', blob);
    else reports.bias = parseGateReport('bias', blob);
  }
  return reports;
}

function excerpt(answer: ModelAnswer): string {
  if (!answer.ok) return `(no answer: ${answer.error})`;
  return answer.text.length > ANSWER_EXCERPT ? `${answer.text.slice(0, ANSWER_EXCERPT)}…` : answer.text;
}

/** Adds `answers: { itemId: { candidate, baseline } }` for the items the diff shows. */
async function withDiffAnswers(report: LoadedSafetyReport): Promise<LoadedSafetyReport> {
  const diff = behaviourDiff(report);
  if (!diff || diff.shown.length === 0) return report;
  // One responses file, or one per shard of a sharded evaluation.
  const files = Array.isArray(report.responses) ? report.responses : [report.responses];
  const wanted = new Set(diff.shown.map((d) => d.itemId));
  try {
    const answers: NonNullable<LoadedSafetyReport['answers']> = {};
    for (const { path, sha256 } of files) {
      for (const record of await readResponses(path, { expectedDigest: sha256 })) {
        if (wanted.has(record.itemId)) answers[record.itemId] = { ...answers[record.itemId], [record.target]: excerpt(record.answer) };
      }
    }
    return { ...report, answers };
  } catch (err) {
    return { ...report, answersUnavailable: (err as Error).message };
  }
}
