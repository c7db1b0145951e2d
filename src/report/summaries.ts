/**
 * What the report plots of the regression and bias gates, from their typed reports
 * (src/gates/regression-report.ts, src/gates/bias-report.ts): forest-plot rows and per-group rates.
 * Beside it: `safety-summary.ts` (safety's view and the baseline-vs-candidate diff). Pure.
 */
import type { BiasMeasurementsReport, BiasSummaryReport } from '../gates/bias-report';
import type { RegressionReport } from '../gates/regression-report';
import type { EstimateRow, GroupRateRow } from './charts';

// ---------------------------------------------------------------------------------------------
// Regression (`summary.rows`, one per metric and scope)

/** `all` → the metric alone; `capability:math` → `capability math · accuracy`. */
export function scopeLabel(scope: string, metric: string): string {
  return scope === 'all' ? metric : `${scope.replace(':', ' ')} · ${metric}`;
}

/** Forest-plot rows: every row with a relative change and its interval (none on a first deployment). */
export function regressionForestRows(summary: RegressionReport['summary']): EstimateRow[] {
  return summary.rows.flatMap((r) =>
    r.relativeChange === null || r.ci === null
      ? []
      : [{ label: scopeLabel(r.scope, r.metric), estimate: r.relativeChange, lower: Math.min(...r.ci), upper: Math.max(...r.ci), threshold: r.threshold, verdict: r.verdict, n: r.n }],
  );
}

// ---------------------------------------------------------------------------------------------
// Bias (`summary.checks`, candidate and baseline estimates per check)

/** Forest-plot rows of one direction's checks (a check whose estimate does not exist is left out). */
export function biasForestRows(summary: BiasSummaryReport, direction: 'at_most' | 'at_least'): EstimateRow[] {
  return summary.checks.flatMap((c) => {
    const value = c.candidate.value;
    if (c.direction !== direction || value === null) return [];
    const [lower, upper] = c.candidate.ci ? [Math.min(...c.candidate.ci), Math.max(...c.candidate.ci)] : [value, value];
    // A signed gap (it or its interval below 0) is judged on |gap|: the threshold applies on both sides.
    const signed = direction === 'at_most' && Math.min(value, lower) < 0;
    return [
      {
        label: c.key,
        estimate: value,
        lower,
        upper,
        threshold: c.threshold,
        ...(signed ? { mirrorThreshold: true } : {}),
        verdict: c.verdict,
        n: c.candidate.n,
        baseline: c.baseline?.value ?? null,
      },
    ];
  });
}

/**
 * Per-group rates from the bias measurements, candidate and baseline: a classifier's selection and
 * true positive rates per group; a chat model's mean outcome per group and counterfactual suite.
 */
export function biasGroupRates(measurements: BiasMeasurementsReport): GroupRateRow[] {
  const rows: GroupRateRow[] = [];
  for (const model of ['candidate', 'baseline'] as const) {
    for (const g of measurements.classifier?.[model]?.fairness.groups ?? []) {
      rows.push({ measure: 'selection rate', group: g.group, rate: g.selectionRate, n: g.n, model });
      if (g.truePositiveRate !== null) rows.push({ measure: 'true positive rate', group: g.group, rate: g.truePositiveRate, n: g.positives, model });
    }
    for (const suite of measurements.chat?.[model]?.counterfactual ?? []) {
      for (const g of suite.groups) {
        if (g.mean !== null) rows.push({ measure: `counterfactual ${suite.suite}`.trim(), group: g.group, rate: g.mean, n: g.n, model });
      }
    }
  }
  return rows;
}
