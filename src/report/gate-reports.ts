/**
 * Each gate's stored report, typed: the blob its activity wrote, parsed once with the schema that
 * activity is typed by (src/gates/{safety,regression,bias}-report.ts). A blob that cannot be read or
 * is not the shape its gate writes becomes `{ gate, unreadable }`, naming the gate and the field zod
 * complains about, and the reviewer report shows that instead of the evidence. Pure: `load.ts` reads the files.
 */
import type { z } from 'zod';
import { describeZodError } from '../errors';
import { biasReportSchema, type BiasReport } from '../gates/bias-report';
import { regressionReportSchema, type RegressionReport } from '../gates/regression-report';
import { safetyReportSchema, type SafetyReport } from '../gates/safety-report';

/** The safety report, with the answers `load.ts` attaches for the items the diff shows. */
export interface LoadedSafetyReport extends SafetyReport {
  /** itemId → each model's answer (an excerpt). */
  answers?: Record<string, { candidate?: string; baseline?: string }>;
  /** Why the answers could not be attached (e.g. a responses file changed since). */
  answersUnavailable?: string;
}

/** A stored report that could not be read (missing file, digest mismatch, bad JSON) or parsed: shown as a warning. */
export interface UnreadableReport {
  gate: string;
  unreadable: string;
}

export type GateReport = LoadedSafetyReport | RegressionReport | BiasReport;

/** Gate name → its parsed report, for the gates that store one (safety, regression, bias). */
export type GateReports = {
  safety?: LoadedSafetyReport | UnreadableReport;
  regression?: RegressionReport | UnreadableReport;
  bias?: BiasReport | UnreadableReport;
};

const schemas = { safety: safetyReportSchema, regression: regressionReportSchema, bias: biasReportSchema } satisfies Record<keyof GateReports, z.ZodType>;

/** Whether a gate stores a report the reviewer report reads. */
export function hasReportSchema(gate: string): gate is keyof GateReports {
  return Object.hasOwn(schemas, gate);
}

export function isUnreadable(report: GateReport | UnreadableReport | undefined): report is UnreadableReport {
  return report !== undefined && 'unreadable' in report;
}

/** The gate's report, or undefined when it stored none. */
export function reportOf(reports: GateReports, gate: string): GateReport | UnreadableReport | undefined {
  return hasReportSchema(gate) ? reports[gate] : undefined;
}

/** Parses one gate's blob with its writer's schema; a mismatch is `{ gate, unreadable }` naming each bad field. */
export function parseGateReport<G extends keyof GateReports>(gate: G, blob: unknown): NonNullable<GateReports[G]> {
  const parsed = schemas[gate].safeParse(blob);
  if (parsed.success) return parsed.data as NonNullable<GateReports[G]>;
  return { gate, unreadable: `not the report the ${gate} gate writes: ${describeZodError(parsed.error)}` } as NonNullable<GateReports[G]>;
}

/** Every blob of `blobs` (gate name → parsed JSON) whose gate stores a report, parsed. */
export function parseGateReports(blobs: Readonly<Record<string, unknown>>): GateReports {
  const reports: GateReports = {};
  for (const [gate, blob] of Object.entries(blobs)) {
    if (hasReportSchema(gate)) Object.assign(reports, { [gate]: parseGateReport(gate, blob) });
  }
  return reports;
}
