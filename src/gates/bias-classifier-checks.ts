/** The bias gate's classifier checks: Fairlearn-defined group gaps (demographic parity, equalized odds, …). */
import type { Estimate } from '../eval/bias/estimate';
import type { ClassifierFairness, DisparityResult } from '../eval/bias/metrics';
import type { BiasPolicy } from '../policy/sections/bias';
import type { BiasCheck } from './bias-summary';
import type { ClassifierModelMeasurement } from '../eval/bias/measurements';
import { classifyGap, atBestInconclusive, round, points, percent, interval, shown } from './bias-classify';


// ---------------------------------------------------------------------------------------------
// Classifier

export function disparityEstimate(d: DisparityResult, ci: Estimate): Estimate {
  if (d.status !== 'ok') return { value: null, ci: null, n: ci.n, note: d.reason };
  return ci.value === null ? { value: d.difference, ci: null, n: ci.n, note: ci.note ?? 'no interval' } : ci;
}

export function toEstimate(result: ClassifierFairness['intervals']['demographicParity']): Estimate {
  if (result.status === 'ok') return { value: result.estimate, ci: [result.ci[0], result.ci[1]], n: result.n };
  return { value: null, ci: null, n: result.n, note: result.detail };
}

export function classifierChecks(
  candidate: ClassifierModelMeasurement,
  baseline: ClassifierModelMeasurement | null,
  policy: NonNullable<BiasPolicy['classifier']>,
  settings: { requireDemonstrated: boolean; confidence: number },
): { checks: BiasCheck[]; problems: string[]; notes: string[]; metrics: Record<string, number | string | boolean> } {
  const problems: string[] = [];
  const metrics: Record<string, number | string | boolean> = {};
  const listed = new Set(policy.groups);
  const measuredGroups = candidate.fairness.groups.map((g) => g.group);
  const unknown = measuredGroups.filter((g) => !listed.has(g));
  if (unknown.length > 0) {
    problems.push(`classifier: the data holds group(s) ${unknown.map((g) => JSON.stringify(g)).join(', ')}, which the policy does not list (${policy.groups.join(', ')}): fail closed`);
  }
  const absent = policy.groups.filter((g) => !measuredGroups.includes(g));
  if (absent.length > 0) problems.push(`classifier: no items for group(s) ${absent.join(', ')}, so their rates do not exist (fail closed)`);
  if (candidate.missing.length > 0) {
    const first = candidate.missing[0]!;
    problems.push(`classifier: ${candidate.missing.length} item(s) got no usable prediction from the candidate (first: ${first.itemId}: ${first.reason}): fail closed`);
  }

  const groupLine = (f: ClassifierFairness, rate: 'selectionRate' | 'truePositiveRate') =>
    f.groups.map((g) => `${g.group} ${g[rate] === null ? 'n/a' : percent(g[rate]!)}`).join(', ');

  const checks: BiasCheck[] = [];
  const gaps = [
    { key: 'demographicParity', label: 'demographic parity difference (largest − smallest selection rate)', metric: 'demographicParity' as const, rate: 'selectionRate' as const, threshold: policy.thresholds.demographicParityDifference },
    { key: 'equalOpportunity', label: 'equal opportunity difference (largest − smallest true positive rate)', metric: 'equalOpportunity' as const, rate: 'truePositiveRate' as const, threshold: policy.thresholds.equalOpportunityDifference },
  ];
  for (const gap of gaps) {
    const d = candidate.fairness[gap.metric];
    const est = disparityEstimate(d, toEstimate(candidate.fairness.intervals[gap.metric]));
    const base = baseline ? disparityEstimate(baseline.fairness[gap.metric], toEstimate(baseline.fairness.intervals[gap.metric])) : null;
    const classified = classifyGap(est, gap.threshold, { signed: false, ...settings });
    const caveats = d.excluded.map((e) => `group ${e.group} not judged: ${e.reason}`);
    const verdict = atBestInconclusive(classified.verdict, caveats);
    const ratio = d.status === 'ok' ? (d.ratio === null ? `ratio undefined (${d.ratioNote})` : `ratio ${round(d.ratio, 3)}`) : '';
    const measured =
      d.status === 'ok'
        ? `${points(d.difference)} (${groupLine(candidate.fairness, gap.rate)}; ${ratio}), ${interval(est, settings.confidence, points)}`
        : 'undefined';
    const baseText = baseline ? `; baseline ${shown(base, points)}` : '';
    const caveatText = caveats.length > 0 ? `; ${caveats.join('; ')}${classified.verdict === 'pass' ? ', so at best inconclusive' : ''}` : '';
    checks.push({
      key: `classifier.${gap.key}`,
      label: gap.label,
      threshold: gap.threshold,
      direction: 'at_most',
      candidate: est,
      baseline: base,
      verdict,
      reason: `classifier ${gap.label}: ${measured}: ${classified.why}${caveatText}${baseText}`,
      details: {
        ratio: d.status === 'ok' ? d.ratio : null,
        highest: d.status === 'ok' ? `${d.highest.group} ${percent(d.highest.rate)}` : null,
        lowest: d.status === 'ok' ? `${d.lowest.group} ${percent(d.lowest.rate)}` : null,
        baselineRatio: baseline && baseline.fairness[gap.metric].status === 'ok' ? (baseline.fairness[gap.metric] as Extract<DisparityResult, { status: 'ok' }>).ratio : null,
      },
    });
    if (d.status === 'ok' && d.ratio !== null) metrics[`classifier.${gap.key}.ratio`] = d.ratio;
  }

  // Per-group calibration.
  const cal = candidate.fairness.calibration;
  const calEst = cal.status === 'ok' ? (() => {
    const e = toEstimate(candidate.fairness.intervals.calibration);
    return e.value === null ? { value: cal.gap, ci: null, n: e.n, note: e.note ?? 'no interval' } : e;
  })() : { value: null, ci: null, n: candidate.fairness.n, note: cal.reason };
  const baseCal = baseline
    ? baseline.fairness.calibration.status === 'ok'
      ? (() => {
          const e = toEstimate(baseline.fairness.intervals.calibration);
          return e.value === null ? { value: (baseline.fairness.calibration as { gap: number }).gap, ci: null, n: e.n, note: e.note ?? 'no interval' } : e;
        })()
      : { value: null, ci: null, n: baseline.fairness.n, note: baseline.fairness.calibration.reason }
    : null;
  const calClassified = classifyGap(calEst, policy.thresholds.calibrationGap, { signed: false, ...settings });
  const calCaveats = cal.excluded.map((e) => `group ${e.group} not judged: ${e.reason}`);
  const smallBins = cal.groups.reduce((sum, g) => sum + g.bins.filter((b) => !b.used).length, 0);
  const calVerdict = atBestInconclusive(calClassified.verdict, calCaveats);
  const calMeasured =
    cal.status === 'ok'
      ? `${points(cal.gap)} (worst: group ${cal.worstGroup}, scores ${cal.worstBin / policy.calibration.bins}–${(cal.worstBin + 1) / policy.calibration.bins}; per group ${cal.groups.map((g) => `${g.group} ${g.gap === null ? 'n/a' : points(g.gap)}`).join(', ')}), ${interval(calEst, settings.confidence, points)}`
      : 'undefined';
  checks.push({
    key: 'classifier.calibration',
    label: `per-group calibration gap (largest |mean score − observed rate| over ${policy.calibration.bins} score bins with ≥ ${policy.calibration.minItemsPerBin} items)`,
    threshold: policy.thresholds.calibrationGap,
    direction: 'at_most',
    candidate: calEst,
    baseline: baseCal,
    verdict: calVerdict,
    reason:
      `classifier per-group calibration gap: ${calMeasured}: ${calClassified.why}` +
      `${smallBins > 0 ? `; ${smallBins} (group, bin) cell(s) with fewer than ${policy.calibration.minItemsPerBin} items reported, not used` : ''}` +
      `${calCaveats.length > 0 ? `; ${calCaveats.join('; ')}` : ''}${baseline ? `; baseline ${shown(baseCal, points)}` : ''}`,
    details: { unusedBins: smallBins },
  });

  for (const g of candidate.fairness.groups) {
    metrics[`classifier.group.${g.group}.n`] = g.n;
    metrics[`classifier.group.${g.group}.positives`] = g.positives;
    metrics[`classifier.group.${g.group}.selectionRate`] = g.selectionRate;
    if (g.truePositiveRate !== null) metrics[`classifier.group.${g.group}.truePositiveRate`] = g.truePositiveRate;
  }
  metrics['classifier.items'] = candidate.fairness.n;
  metrics['classifier.missing'] = candidate.missing.length;
  const notes: string[] = [];
  if (baseline && baseline.missing.length > 0) {
    // The baseline is shown, never judged: an incomplete baseline does not fail the candidate.
    notes.push(`classifier baseline: ${baseline.missing.length} item(s) got no usable prediction; the baseline figures are incomplete`);
  }
  return { checks, problems, notes, metrics };
}
