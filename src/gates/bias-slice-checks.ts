/** The bias gate's slice analysis: each regression-suite slice's gap to the rest, widened or not against the baseline. */
import type { Estimate } from '../eval/bias/estimate';
import type { SliceFairnessMeasurement } from '../eval/bias/slices';
import type { SliceAnalysisPolicy } from '../policy/sections/bias';
import type { BiasCheck } from './bias-summary';
import { EPSILON, type GapClassification, atBestInconclusive, round, points, percent, interval, shown } from './bias-classify';


// ---------------------------------------------------------------------------------------------
// Slices (the regression suite's, DESIGN §5.5)

/** Above this share of items the baseline failed on, the slice comparison rests on too little (as in the regression gate). */
export const MAX_BASELINE_FAILURE_SHARE = 0.1;

/**
 * A slice's widening against `threshold`: within → pass (with `requireDemonstrated`, only when the
 * interval is within too); beyond and significant after Holm's correction → fail; beyond but not
 * significant → inconclusive. A widening that does not exist fails (nothing demonstrated).
 */
export function classifySliceWidening(
  widening: Estimate,
  adjustedPValue: number | null,
  threshold: number,
  options: { alpha: number; requireDemonstrated: boolean },
): GapClassification {
  if (widening.value === null) return { verdict: 'fail', why: `it does not exist (${widening.note ?? 'no data'}), so nothing is demonstrated (fail closed)` };
  const limit = `the threshold of ${points(threshold)}`;
  if (widening.value > threshold + EPSILON) {
    if (adjustedPValue !== null && adjustedPValue < options.alpha) return { verdict: 'fail', why: `beyond ${limit}, and significant after Holm's correction (alpha ${options.alpha})` };
    return { verdict: 'inconclusive', why: `beyond ${limit}, but not significant after Holm's correction (alpha ${options.alpha}): not demonstrated` };
  }
  if (options.requireDemonstrated && !(widening.ci !== null && widening.ci[1] <= threshold + EPSILON)) {
    return { verdict: 'inconclusive', why: `within ${limit}, but ${widening.ci === null ? 'without an interval' : 'its interval reaches beyond it'} and requireDemonstrated is on` };
  }
  return { verdict: 'pass', why: `within ${limit}` };
}

export function sliceChecks(
  m: SliceFairnessMeasurement,
  policy: SliceAnalysisPolicy,
  settings: { requireDemonstrated: boolean; confidence: number; maxUnreadableRate: number },
): { checks: BiasCheck[]; problems: string[]; notes: string[]; metrics: Record<string, number | string | boolean> } {
  const checks: BiasCheck[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const metrics: Record<string, number | string | boolean> = { 'slices.items': m.items, 'slices.compared': m.compared, 'slices.tested': m.rows.length, 'slices.holmFamily': m.holmFamily };
  const word = m.metric === 'f1' ? 'token F1' : 'exact-match accuracy';
  const score = (x: number) => `${round(x, 3)}`;
  if (m.items === 0) problems.push('slice analysis: no regression item was scored (fail closed)');
  else if (m.failedCalls.candidate === m.items) problems.push(`slice analysis: the candidate answered none of the ${m.items} regression items (fail closed)`);
  if (m.hasBaseline && m.items - m.compared > MAX_BASELINE_FAILURE_SHARE * m.items) {
    problems.push(`slice analysis: the baseline failed on ${m.items - m.compared} of ${m.items} items, more than ${MAX_BASELINE_FAILURE_SHARE * 100}%: the comparison would rest on too few items (fail closed)`);
  }
  for (const slice of policy.include ?? []) {
    const missing = m.untested.find((u) => u.slice === slice);
    if (missing) problems.push(`slice analysis: slice ${slice}, which the policy lists, cannot be tested: ${missing.reason} (fail closed)`);
  }
  if (m.items > 0 && m.rows.length === 0 && !policy.include) {
    problems.push(`slice analysis: no slice of the suite (or its complement) has ${policy.dataset.minItemsPerSlice} items to test (fail closed)`);
  }
  const failedShare = m.items === 0 ? 0 : m.failedCalls.candidate / m.items;
  const caveats =
    failedShare > settings.maxUnreadableRate + EPSILON
      ? [`${m.failedCalls.candidate} of ${m.items} regression items got no answer from the candidate (${percent(failedShare)}, above the ${percent(settings.maxUnreadableRate)} allowed): scored as wrong, so the gaps are uncertain`]
      : [];
  for (const row of m.rows) {
    const key = `slices.${row.slice}`;
    metrics[`${key}.n`] = row.n;
    metrics[`${key}.gap.candidate`] = row.candidate.gap.value ?? 0;
    if (row.baseline?.gap.value != null) metrics[`${key}.gap.baseline`] = row.baseline.gap.value;
    const sideText = (label: string, s: NonNullable<typeof row.baseline>) => `${label} ${shown(s.gap, points)} (slice ${score(s.sliceMean)}, rest ${score(s.restMean)})`;
    if (!m.hasBaseline || row.widening === null || row.baseline === null) continue;
    const classified = classifySliceWidening(row.widening, row.adjustedPValue, policy.maxWidening, { alpha: policy.alpha, requireDemonstrated: settings.requireDemonstrated });
    const verdict = atBestInconclusive(classified.verdict, caveats);
    const pText = row.adjustedPValue === null ? 'no test' : `bootstrap p = ${Number(row.pValue!.toPrecision(2))}, Holm-adjusted ${Number(row.adjustedPValue.toPrecision(2))}`;
    checks.push({
      key: `${key}.widening`,
      label: `slice ${row.slice}: widening of its ${word} gap to the rest of the suite (candidate − baseline)`,
      threshold: policy.maxWidening,
      direction: 'at_most',
      candidate: row.widening,
      baseline: null,
      verdict,
      reason:
        `slice ${row.slice} (${row.n} items vs ${row.nRest}): ${word} gap to the rest of the suite ${sideText('candidate', row.candidate)}, ${sideText('baseline', row.baseline)}: ` +
        `widened by ${shown(row.widening, points)}, ${interval(row.widening, settings.confidence, points)}, ${pText}: ${classified.why}${caveats.length ? `; ${caveats.join('; ')}` : ''}`,
      details: { n: row.n, nRest: row.nRest, candidateGap: row.candidate.gap.value, baselineGap: row.baseline.gap.value, pValue: row.pValue, adjustedPValue: row.adjustedPValue },
    });
  }
  if (!m.hasBaseline && m.rows.length > 0) {
    notes.push(
      `slice analysis over the regression suite's slices (${word}), first deployment: each slice's gap to the rest is reported, not judged (the widening needs a baseline): ` +
        m.rows.map((row) => `${row.slice} ${shown(row.candidate.gap, points)} (${interval(row.candidate.gap, settings.confidence, points)})`).join(', '),
    );
  }
  if (m.untested.length > 0) notes.push(`slices not tested on their own: ${m.untested.map((u) => `${u.slice} (${u.reason})`).join(', ')}`);
  return { checks, problems, notes, metrics };
}
