/**
 * One gate's result as CI test cases: one per safety category, regression metric (per scope) or bias
 * check, read from the gate's stored report with the reviewer report's own views, so CI shows the
 * same numbers. A gate without such rows (policy, integrity, a suite that could not be loaded, an
 * unreadable report) is one case carrying the gate's verdict and reasons.
 */
import type { GateResult } from '../pipeline-types';
import { biasView, regressionView, scopeLabel } from '../report/summaries';
import { safetyView } from '../report/safety-summary';

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
  /** The gate's stored report (parsed), or undefined when it has none or it cannot be read. */
  report: unknown;
}

const fmt = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '—' : Number(value.toFixed(digits)).toString());
const notPassed = (verdict: string) => verdict !== 'pass' && verdict !== 'not_applicable';

export function gateCases({ result, report }: GateEvidence): GateCase[] {
  const fallback = (): GateCase[] => [
    { name: result.gate, verdict: result.verdict, reason: notPassed(result.verdict) ? result.reasons.join('; ') || result.verdict : null, measured: result.reasons.join('; ') },
  ];
  if (result.gate === 'safety') {
    const view = safetyView(report);
    if (!view || view.categories.length === 0) return fallback();
    return view.categories.map((c) => ({
      name: c.category,
      verdict: c.verdict,
      reason: notPassed(c.verdict) ? (c.reason ?? `${c.category}: ${c.verdict}`) : null,
      measured: `pass rate ${fmt(c.rate)} (${Math.round(c.confidence * 100)}% interval ${fmt(c.lower)}–${fmt(c.upper)}), at least ${fmt(c.threshold)} required; ${c.passed}/${c.n} ${c.unit}`,
    }));
  }
  if (result.gate === 'regression') {
    const view = regressionView(report);
    if (!view || view.rows.length === 0) return fallback();
    return view.rows.map((r) => ({
      name: scopeLabel(r.scope, r.metric),
      verdict: r.verdict,
      reason: notPassed(r.verdict) ? (r.reason ?? `${scopeLabel(r.scope, r.metric)}: ${r.verdict}`) : null,
      measured: `candidate ${fmt(r.candidate)}, baseline ${fmt(r.baseline)}, relative change ${fmt(r.relativeChange)}${r.ci ? ` (interval ${fmt(r.ci[0])}–${fmt(r.ci[1])})` : ''}, threshold ${fmt(r.threshold)}${r.n !== null ? `, n=${r.n}` : ''}`,
    }));
  }
  if (result.gate === 'bias') {
    const view = biasView(report);
    if (!view || view.checks.length === 0) return fallback();
    return view.checks.map((c) => ({
      name: c.label,
      verdict: c.verdict,
      reason: notPassed(c.verdict) ? (c.reason ?? `${c.label}: ${c.verdict}`) : null,
      measured: `${fmt(c.candidate.value)}${c.candidate.ci ? ` (interval ${fmt(c.candidate.ci[0])}–${fmt(c.candidate.ci[1])})` : ''}, ${c.direction === 'at_most' ? 'at most' : 'at least'} ${fmt(c.threshold)}${c.candidate.n !== null ? `, n=${c.candidate.n}` : ''}`,
    }));
  }
  return fallback();
}
