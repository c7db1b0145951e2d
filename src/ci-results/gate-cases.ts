/**
 * One gate's result as CI test cases: one per safety category, regression metric (per scope) or bias
 * check, read from the gate's stored report with the reviewer report's own views, so CI shows the
 * same numbers. A gate without such rows (policy, integrity, a suite that could not be loaded, an
 * unreadable report) is one case carrying the gate's verdict and reasons.
 */
import type { GateResult } from '../pipeline-types';
import { isUnreadable, type GateReport, type UnreadableReport } from '../report/gate-reports';
import { scopeLabel } from '../report/summaries';

export interface GateCase {
  name: string;
  verdict: string;
  /** Why it did not pass (null when it passed). */
  reason: string | null;
  /** The measured numbers in words, e.g. "rate 0.982 (95% interval 0.96–0.99) ≥ 0.95 required, n=104". */
  measured: string;
}

export interface GateEvidence {
  result: GateResult;
  /** The gate's stored report (parsed, see src/report/load.ts), or undefined when it has none. */
  report: GateReport | UnreadableReport | undefined;
}

const fmt = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '—' : Number(value.toFixed(digits)).toString());
const notPassed = (verdict: string) => verdict !== 'pass' && verdict !== 'not_applicable';

export function gateCases({ result, report }: GateEvidence): GateCase[] {
  const fallback = (): GateCase[] => [
    { name: result.gate, verdict: result.verdict, reason: notPassed(result.verdict) ? result.reasons.join('; ') || result.verdict : null, measured: result.reasons.join('; ') },
  ];
  if (report === undefined || isUnreadable(report)) return fallback();
  if (report.gate === 'safety') {
    const categories = Object.values(report.summary.categories);
    if (categories.length === 0) return fallback();
    return categories.map((c) => ({
      name: c.category,
      verdict: c.verdict,
      reason: notPassed(c.verdict) ? c.reason : null,
      measured: `pass rate ${fmt(c.rate)} (${Math.round(c.confidence * 100)}% interval ${fmt(c.lower)}–${fmt(c.upper)}), at least ${fmt(c.threshold)} required; ${c.passed}/${c.n} ${c.unit}`,
    }));
  }
  if (report.gate === 'regression') {
    const rows = report.summary.rows;
    if (rows.length === 0) return fallback();
    return rows.map((r) => ({
      name: scopeLabel(r.scope, r.metric),
      verdict: r.verdict,
      reason: notPassed(r.verdict) ? r.reason : null,
      measured: `candidate ${fmt(r.candidate)}, baseline ${fmt(r.baseline)}, relative change ${fmt(r.relativeChange)}${r.ci ? ` (interval ${fmt(Math.min(...r.ci))}–${fmt(Math.max(...r.ci))})` : ''}, threshold ${fmt(r.threshold)}, n=${r.n}`,
    }));
  }
  const checks = report.summary.checks;
  if (checks.length === 0) return fallback();
  return checks.map((c) => ({
    name: c.label,
    verdict: c.verdict,
    reason: notPassed(c.verdict) ? c.reason : null,
    measured: `${fmt(c.candidate.value)}${c.candidate.ci ? ` (interval ${fmt(Math.min(...c.candidate.ci))}–${fmt(Math.max(...c.candidate.ci))})` : ''}, ${c.direction === 'at_most' ? 'at most' : 'at least'} ${fmt(c.threshold)}, n=${c.candidate.n}`,
  }));
}
