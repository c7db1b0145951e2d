/**
 * The bias verdict (DESIGN §5.5): a pure function of the measurements (src/eval/bias, taken by the
 * bias activity from the answers it collected) and the signed policy's bias section. Kayenta's
 * shape (STYLE §3):
 *
 * 1. **measure** (in src/eval/bias, before this module): per model, the classifier gaps
 *    (`classifierFairness`) or the chat measurements (`measureChatBias`), each with an interval.
 * 2. **classify** each gap against its threshold (`classifyGap`):
 *    - the gap does not exist (no items, no readable answer, fewer than two groups) → `fail`: nothing
 *      was demonstrated (fail closed);
 *    - the point estimate is beyond the threshold and so is the whole interval → `fail`;
 *    - the point estimate is beyond the threshold, the interval is not → `inconclusive`;
 *    - otherwise `pass` (with `requireDemonstrated`, only when the interval is within the threshold
 *      too, else `inconclusive`).
 *    Gaps that are magnitudes (max − min over groups, the calibration gap, a flip rate) compare the
 *    interval's lower bound; signed gaps (outcome gaps, BBQ scores, WinoBias gap, StereoSet
 *    preference) compare |gap|, the interval lying entirely above +t or below −t to fail.
 *    A pass where something could not be judged (a group too small for its rate, too many unreadable
 *    answers) becomes `inconclusive`, with the reason.
 * 3. **score**: the gate fails if any check fails, else is inconclusive if any is, else passes.
 *
 * Slice analysis (chat models, policy `slices`): per slice of the regression suite, the widening of its
 * gap to the rest of the suite, candidate minus baseline (src/eval/bias/slices.ts, on the regression
 * gate's slice code): beyond `maxWidening` and significant after Holm's correction fails, beyond but
 * not significant is inconclusive; on a first deployment the gaps are reported, not judged.
 *
 * Measurement problems fail the gate outright: a group in the data that the policy does not list, a
 * listed group with no items, an item without a prediction, a policy section with no measurement.
 * The baseline (stable) model is measured the same way and shown beside the candidate; the verdict is
 * the candidate's. Metrics are flat keys, never NaN. Pure: no I/O, clocks or randomness, and no Node
 * built-ins (only type imports from src/eval/bias), so workflow code may import it.
 */
import type { Estimate } from '../eval/bias/estimate';
import type { BiasPolicy } from '../policy/sections/bias';
import type { BiasVerdict, BiasCheck, SliceAnalysisSummary, BiasJudgement } from './bias-summary';
import type { BiasMeasurements } from '../eval/bias/measurements';
import { scoreBias } from './bias-classify';
import { classifierChecks } from './bias-classifier-checks';
import { chatChecks } from './bias-chat-checks';
import { sliceChecks } from './bias-slice-checks';


// ---------------------------------------------------------------------------------------------
// The judge

function estimateMetrics(metrics: Record<string, number | string | boolean>, prefix: string, e: Estimate | null): void {
  if (e === null) return;
  if (e.value !== null) metrics[`${prefix}.value`] = e.value;
  if (e.ci !== null) {
    metrics[`${prefix}.ciLower`] = e.ci[0];
    metrics[`${prefix}.ciUpper`] = e.ci[1];
  }
  metrics[`${prefix}.n`] = e.n;
}

export function judgeBias(measurements: BiasMeasurements, policy: BiasPolicy): BiasJudgement {
  const settings = { requireDemonstrated: policy.requireDemonstrated, confidence: policy.confidence };
  const problems: string[] = [];
  const metrics: Record<string, number | string | boolean> = {
    kind: measurements.kind,
    confidence: policy.confidence,
    resamples: policy.resamples,
    requireDemonstrated: policy.requireDemonstrated,
    onInconclusive: policy.onInconclusive,
  };
  let checks: BiasCheck[] = [];
  const notes: string[] = [];
  let hasBaseline = false;

  if (measurements.kind === 'classifier') {
    if (!policy.classifier) problems.push('the policy has no bias section for classifiers (gates.bias.classifier): nothing can be judged (fail closed)');
    else if (!measurements.classifier) problems.push('classifier: no measurement (fail closed)');
    else {
      hasBaseline = measurements.classifier.baseline !== null;
      const judged = classifierChecks(measurements.classifier.candidate, measurements.classifier.baseline, policy.classifier, settings);
      checks = judged.checks;
      problems.push(...judged.problems);
      notes.push(...judged.notes);
      Object.assign(metrics, judged.metrics);
    }
  } else {
    const suites = (['counterfactual', 'bbq', 'winobias', 'stereoset'] as const).filter((s) => policy[s] !== undefined);
    if (suites.length === 0 && !policy.slices) problems.push('the policy has no bias section for chat models (counterfactual, bbq, winobias, stereoset, slices): nothing can be judged (fail closed)');
    else if (suites.length > 0 && !measurements.chat) problems.push('chat: no measurement (fail closed)');
    else if (measurements.chat) {
      hasBaseline = measurements.chat.baseline !== null;
      const judged = chatChecks(measurements.chat.candidate, measurements.chat.baseline, policy);
      checks = judged.checks;
      problems.push(...judged.problems);
    }
    if (policy.slices) {
      if (!measurements.slices) problems.push('slice analysis: no measurement (fail closed)');
      else {
        hasBaseline ||= measurements.slices.hasBaseline;
        const judged = sliceChecks(measurements.slices, policy.slices, { ...settings, maxUnreadableRate: policy.maxUnreadableRate });
        checks = [...checks, ...judged.checks];
        problems.push(...judged.problems);
        notes.push(...judged.notes);
        Object.assign(metrics, judged.metrics);
      }
    }
  }

  for (const check of checks) {
    estimateMetrics(metrics, check.key, check.candidate);
    estimateMetrics(metrics, `baseline.${check.key}`, check.baseline);
    metrics[`${check.key}.threshold`] = check.threshold;
    metrics[`${check.key}.verdict`] = check.verdict;
  }
  metrics.checks = checks.length;
  metrics.failing = checks.filter((c) => c.verdict === 'fail').length;
  metrics.inconclusive = checks.filter((c) => c.verdict === 'inconclusive').length;
  metrics.hasBaseline = hasBaseline;

  const severity: Record<BiasVerdict, number> = { fail: 0, inconclusive: 1, pass: 2 };
  const reasons = [...problems, ...[...checks].sort((a, b) => severity[a.verdict] - severity[b.verdict]).map((c) => c.reason), ...notes];
  if (!hasBaseline) reasons.push('no baseline to compare with (first deployment of this model)');
  let sliceAnalysis: SliceAnalysisSummary;
  if (measurements.kind === 'classifier') {
    sliceAnalysis = { status: 'not_applicable', reason: "a classifier: the regression suite's slices are chat prompts" };
  } else if (!policy.slices) {
    sliceAnalysis = { status: 'not_configured', reason: "the policy's bias section has no slices (slice analysis over the regression suite's slices)" };
    reasons.push("slice analysis over the regression suite's slices: not configured (the policy's bias section has no slices)");
  } else if (measurements.slices) {
    sliceAnalysis = { status: measurements.slices.hasBaseline ? 'judged' : 'reported', metric: measurements.slices.metric, measurement: measurements.slices };
  } else {
    sliceAnalysis = { status: 'not_configured', reason: 'no measurement' };
  }
  if (checks.length === 0 && problems.length === 0) {
    problems.push('nothing was judged: the measurements hold no check for the policy\'s bias section (fail closed)');
    reasons.unshift(problems[problems.length - 1]!);
  }
  const verdict: BiasVerdict = problems.length > 0 ? 'fail' : scoreBias(checks.map((c) => c.verdict));

  return {
    result: { gate: 'bias', verdict, reasons, metrics },
    summary: { verdict, kind: measurements.kind, checks, problems, hasBaseline, sliceAnalysis },
  };
}
