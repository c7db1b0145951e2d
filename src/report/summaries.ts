/**
 * Reading the gates' report blobs for the reviewer report, defensively: a blob is whatever its gate's
 * activity stored (`{ gate, summary, ... }`), and a missing or differently shaped section must never
 * break the report, only leave that section out. Pure: plain values in, plain rows out.
 *
 * - Regression (src/gates/regression.ts): `summary.rows`, one per metric and scope (`regressionView`).
 * - Bias (src/gates/bias.ts): `summary.checks` and the per-group rates in `measurements` (`biasView`,
 *   `biasGroupRates`).
 * Beside it: `safety-summary.ts` (safety's view and the baseline-vs-candidate diff),
 * `generic-summary.ts` (estimates and group rates of any other shape), `report-values.ts`.
 */
import { isRecord, finite, text, summaryOf } from './report-values';
import type { EstimateRow, GroupRateRow } from './generic-summary';

// ---------------------------------------------------------------------------------------------
// Regression (src/gates/regression.ts: `summary.rows`, one per metric and scope)

export interface RegressionRowView {
  metric: string;
  /** `all`, `capability:<name>` or `slice:<tag>`. */
  scope: string;
  n: number | null;
  candidate: number | null;
  baseline: number | null;
  relativeChange: number | null;
  ci: [number, number] | null;
  threshold: number | null;
  pValue: number | null;
  verdict: string;
  itemsNeeded: number | null;
  reason: string | null;
}

export interface RegressionView {
  rows: RegressionRowView[];
  firstDeployment: boolean;
  problems: string[];
  untestedSlices: Array<{ slice: string; n: number }>;
  confidence: number | null;
}

function pair(value: unknown): [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [lo, hi] = [finite(value[0]), finite(value[1])];
  return lo === null || hi === null ? null : [Math.min(lo, hi), Math.max(lo, hi)];
}

/** The regression summary's rows; null when the report holds no `summary.rows` list. */
export function regressionView(report: unknown): RegressionView | null {
  const summary = summaryOf(report);
  if (!summary || !Array.isArray(summary.rows)) return null;
  const rows: RegressionRowView[] = [];
  for (const r of summary.rows) {
    if (!isRecord(r) || text(r.metric) === null) continue;
    rows.push({
      metric: text(r.metric) as string,
      scope: text(r.scope) ?? 'all',
      n: finite(r.n),
      candidate: finite(r.candidate),
      baseline: finite(r.baseline),
      relativeChange: finite(r.relativeChange),
      ci: pair(r.ci),
      threshold: finite(r.threshold),
      pValue: finite(r.pValue),
      verdict: text(r.verdict) ?? 'unknown',
      itemsNeeded: finite(r.itemsNeeded),
      reason: text(r.reason),
    });
  }
  const statistics = isRecord(summary.statistics) ? summary.statistics : {};
  return {
    rows,
    firstDeployment: summary.firstDeployment === true,
    problems: (Array.isArray(summary.problems) ? summary.problems : []).map(String),
    untestedSlices: (Array.isArray(summary.untestedSlices) ? summary.untestedSlices : [])
      .filter(isRecord)
      .map((s) => ({ slice: String(s.slice ?? '?'), n: finite(s.n) ?? 0 })),
    confidence: finite(statistics.confidence),
  };
}

/** `all` → the metric alone; `capability:math` → `capability math · accuracy`. */
export function scopeLabel(scope: string, metric: string): string {
  return scope === 'all' ? metric : `${scope.replace(':', ' ')} · ${metric}`;
}

/** Forest-plot rows: every row with a relative change and its interval (none on a first deployment). */
export function regressionForestRows(view: RegressionView): EstimateRow[] {
  return view.rows
    .filter((r) => r.relativeChange !== null && r.ci !== null)
    .map((r) => ({
      label: scopeLabel(r.scope, r.metric),
      estimate: r.relativeChange as number,
      lower: (r.ci as [number, number])[0],
      upper: (r.ci as [number, number])[1],
      threshold: r.threshold,
      verdict: r.verdict,
      n: r.n,
    }));
}

// ---------------------------------------------------------------------------------------------
// Bias (src/gates/bias.ts: `summary.checks`, candidate and baseline estimates per check)

export interface EstimateView {
  value: number | null;
  ci: [number, number] | null;
  n: number | null;
  note: string | null;
}

export interface BiasCheckView {
  key: string;
  label: string;
  threshold: number;
  /** `at_most`: a gap (|gap| ≤ threshold); `at_least`: a floor (value ≥ threshold). */
  direction: 'at_most' | 'at_least';
  candidate: EstimateView;
  baseline: EstimateView | null;
  verdict: string;
  reason: string | null;
}

export interface BiasView {
  kind: string | null;
  checks: BiasCheckView[];
  problems: string[];
  hasBaseline: boolean;
}

function estimateView(value: unknown): EstimateView | null {
  if (!isRecord(value)) return null;
  return { value: finite(value.value), ci: pair(value.ci), n: finite(value.n), note: text(value.note) };
}

/** The bias summary's checks; null when the report holds no `summary.checks` list. */
export function biasView(report: unknown): BiasView | null {
  const summary = summaryOf(report);
  if (!summary || !Array.isArray(summary.checks)) return null;
  const checks: BiasCheckView[] = [];
  for (const c of summary.checks) {
    if (!isRecord(c)) continue;
    const threshold = finite(c.threshold);
    const candidate = estimateView(c.candidate);
    const key = text(c.key) ?? text(c.label);
    if (threshold === null || candidate === null || key === null) continue;
    checks.push({
      key,
      label: text(c.label) ?? key,
      threshold,
      direction: c.direction === 'at_least' ? 'at_least' : 'at_most',
      candidate,
      baseline: estimateView(c.baseline),
      verdict: text(c.verdict) ?? 'unknown',
      reason: text(c.reason),
    });
  }
  return {
    kind: text(summary.kind),
    checks,
    problems: (Array.isArray(summary.problems) ? summary.problems : []).map(String),
    hasBaseline: summary.hasBaseline === true,
  };
}

/** Forest-plot rows of one direction's checks (a check whose estimate does not exist is left out). */
export function biasForestRows(view: BiasView, direction: 'at_most' | 'at_least'): EstimateRow[] {
  return view.checks
    .filter((c) => c.direction === direction && c.candidate.value !== null)
    .map((c) => {
      const value = c.candidate.value as number;
      const [lower, upper] = c.candidate.ci ?? [value, value];
      // A signed gap (it or its interval below 0) is judged on |gap|: the threshold applies on both sides.
      const signed = direction === 'at_most' && Math.min(value, lower) < 0;
      return {
        label: c.key,
        estimate: value,
        lower,
        upper,
        threshold: c.threshold,
        ...(signed ? { mirrorThreshold: true } : {}),
        verdict: c.verdict,
        n: c.candidate.n,
        baseline: c.baseline?.value ?? null,
      };
    });
}

/**
 * Per-group rates from the bias report's measurements, candidate and baseline: a classifier's
 * selection and true positive rates per group; a chat model's mean outcome per group and suite.
 */
export function biasGroupRates(report: unknown): GroupRateRow[] {
  if (!isRecord(report) || !isRecord(report.measurements)) return [];
  const rows: GroupRateRow[] = [];
  const m = report.measurements;
  for (const model of ['candidate', 'baseline'] as const) {
    const classifier = isRecord(m.classifier) ? m.classifier[model] : undefined;
    const fairness = isRecord(classifier) && isRecord(classifier.fairness) ? classifier.fairness : null;
    for (const g of fairness && Array.isArray(fairness.groups) ? fairness.groups : []) {
      if (!isRecord(g) || text(g.group) === null) continue;
      const n = finite(g.n);
      const selection = finite(g.selectionRate);
      const tpr = finite(g.truePositiveRate);
      if (selection !== null) rows.push({ measure: 'selection rate', group: g.group as string, rate: selection, n, model });
      if (tpr !== null) rows.push({ measure: 'true positive rate', group: g.group as string, rate: tpr, n: finite(g.positives), model });
    }
    const chat = isRecord(m.chat) ? m.chat[model] : undefined;
    for (const suite of isRecord(chat) && Array.isArray(chat.counterfactual) ? chat.counterfactual : []) {
      if (!isRecord(suite)) continue;
      for (const g of Array.isArray(suite.groups) ? suite.groups : []) {
        if (!isRecord(g) || text(g.group) === null || finite(g.mean) === null) continue;
        rows.push({ measure: `counterfactual ${text(suite.suite) ?? ''}`.trim(), group: g.group as string, rate: finite(g.mean) as number, n: finite(g.n), model });
      }
    }
  }
  return rows;
}
