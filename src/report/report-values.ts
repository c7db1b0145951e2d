/** Reading values out of a stored report blob (plain JSON): records, finite numbers, text, the `summary`, an unreadable report. */

// ---------------------------------------------------------------------------------------------
// Reading values of an untyped report blob

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A stored report that could not be read (missing file, digest mismatch, bad JSON): shown as a warning. */
export interface UnreadableReport {
  unreadable: string;
}

export function isUnreadable(report: unknown): report is UnreadableReport {
  return isRecord(report) && typeof report.unreadable === 'string';
}

export function summaryOf(report: unknown): Record<string, unknown> | null {
  return isRecord(report) && isRecord(report.summary) ? report.summary : null;
}
