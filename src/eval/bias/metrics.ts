/**
 * Classifier fairness metrics (DESIGN §5.5), defined exactly as Fairlearn defines them
 * (`fairlearn.metrics`, `_fairness_metrics.py`, with `method="between_groups"`):
 *
 * - **selection rate** of a group: the share of its items predicted positive (`selection_rate`);
 * - **demographic parity difference**: the largest minus the smallest group selection rate;
 *   **ratio**: the smallest divided by the largest (`demographic_parity_difference` / `_ratio`);
 * - **true positive rate** of a group: predicted positive ÷ labelled positive (`true_positive_rate`);
 * - **equal opportunity difference**: the largest minus the smallest group true positive rate;
 *   **ratio**: the smallest divided by the largest (`equal_opportunity_difference` / `_ratio`).
 *
 * Checked against the worked example of Fairlearn's user guide (`perform_fairness_assessment.rst`,
 * `common_fairness_metrics.rst`): selection rate difference 0.25 and ratio 0.666…, true positive rate
 * difference 0.20 and ratio 0.666… (test/unit/eval/bias/metrics.test.ts).
 *
 * Where Fairlearn would return a number that does not measure anything, these functions say so:
 * - a group with **no positive labels** has no true positive rate. Fairlearn (through scikit-learn's
 *   normalised confusion matrix) reports 0 there, which inflates the difference; here the group is
 *   left out of equal opportunity and named in `excluded`, with the reason;
 * - a group with fewer items (positives) than the minimum given is left out the same way: its rate is
 *   shown, but one item cannot demonstrate a gap either way;
 * - a ratio whose largest rate is 0 (0/0) is `null` with a reason; fewer than two groups left is
 *   `status: 'undefined'`. Nothing here returns NaN.
 *
 * **Per-group calibration** (not a Fairlearn metric): scores are put in `bins` equal-width bins over
 * [0, 1] (a score of 1 goes in the last); in each group and bin, the gap is |mean predicted score −
 * observed positive rate|. A bin with fewer than `minItemsPerBin` items of the group is reported (its
 * numbers are listed as `used: false`) but not used. A group's calibration gap is the largest gap over
 * its used bins; the metric is the largest over groups (the worst-calibrated group).
 *
 * **Confidence intervals**: a percentile bootstrap, stratified by (group, label): each resample draws,
 * with replacement, as many items from every (group, label) cell as it has. Every group and its
 * positives are present in every resample, so each rate exists in every resample and the interval
 * measures the sampling noise of the rates themselves (a plain bootstrap would drop a small group from
 * some resamples, which makes the difference undefined there). Seeded: the same seed (the run id)
 * gives the same interval.
 *
 * Pure: no I/O, clocks or unseeded randomness; imports only src/stats.
 */
import type { BootstrapResult } from '../../stats';
import { intervalFrom, stratifiedBootstrap, type StratifiedBootstrapOptions } from './stratified-bootstrap';

// Bound once: inside a vm context (jest, Temporal's workflow sandbox) each lookup of a global such as
// `Math` goes through the context's global proxy and makes hot loops much slower.
const mathAbs = Math.abs;
const mathFloor = Math.floor;
const mathMin = Math.min;

/** One item's prediction, as the gate sees it. */
export interface ClassifierObservation {
  itemId: string;
  group: string;
  /** The true label. */
  label: 0 | 1;
  /** The predicted label. */
  predicted: 0 | 1;
  /** The predicted probability of label 1, in [0, 1]. */
  score: number;
}

export interface GroupClassifierStats {
  group: string;
  n: number;
  /** Items with label 1. */
  positives: number;
  /** Items predicted 1. */
  selected: number;
  /** Items with label 1 predicted 1. */
  truePositives: number;
  /** selected ÷ n (n ≥ 1 always: a group is listed only when it has items). */
  selectionRate: number;
  /** truePositives ÷ positives; null when the group has no positives. */
  truePositiveRate: number | null;
  /** Share of items predicted correctly. */
  accuracy: number;
}

export interface ExcludedGroup {
  group: string;
  reason: string;
}

export type DisparityResult =
  | {
      status: 'ok';
      /** Largest minus smallest rate over the groups compared (≥ 0). */
      difference: number;
      /** Smallest ÷ largest rate; null when the largest is 0 (then `ratioNote` says why). */
      ratio: number | null;
      ratioNote?: string;
      highest: { group: string; rate: number };
      lowest: { group: string; rate: number };
      /** The groups compared, sorted. */
      groups: string[];
      excluded: ExcludedGroup[];
    }
  | { status: 'undefined'; reason: string; groups: string[]; excluded: ExcludedGroup[] };

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validateObservation(o: ClassifierObservation, index: number): void {
  if (o.label !== 0 && o.label !== 1) throw new RangeError(`observations[${index}].label must be 0 or 1, got ${String(o.label)}`);
  if (o.predicted !== 0 && o.predicted !== 1) {
    throw new RangeError(`observations[${index}].predicted must be 0 or 1, got ${String(o.predicted)}`);
  }
  if (typeof o.score !== 'number' || !(o.score >= 0 && o.score <= 1)) {
    throw new RangeError(`observations[${index}].score must be a number in [0, 1], got ${String(o.score)}`);
  }
  if (typeof o.group !== 'string' || o.group === '') throw new RangeError(`observations[${index}].group must be a non-empty string`);
}

/** Per-group counts and rates, sorted by group name. Throws on an invalid observation. */
export function groupStats(observations: readonly ClassifierObservation[]): GroupClassifierStats[] {
  const tallies = new Map<string, { n: number; positives: number; selected: number; truePositives: number; correct: number }>();
  observations.forEach((o, i) => {
    validateObservation(o, i);
    let t = tallies.get(o.group);
    if (!t) tallies.set(o.group, (t = { n: 0, positives: 0, selected: 0, truePositives: 0, correct: 0 }));
    t.n++;
    t.positives += o.label;
    t.selected += o.predicted;
    t.truePositives += o.label & o.predicted;
    if (o.label === o.predicted) t.correct++;
  });
  return [...tallies.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([group, t]) => ({
      group,
      n: t.n,
      positives: t.positives,
      selected: t.selected,
      truePositives: t.truePositives,
      selectionRate: t.selected / t.n,
      truePositiveRate: t.positives === 0 ? null : t.truePositives / t.positives,
      accuracy: t.correct / t.n,
    }));
}

function disparity(rates: ReadonlyArray<{ group: string; rate: number }>, excluded: ExcludedGroup[], what: string): DisparityResult {
  const groups = rates.map((r) => r.group);
  if (rates.length < 2) {
    return {
      status: 'undefined',
      reason: `${what} needs at least two groups to compare, found ${rates.length}${rates.length === 1 ? ` (${rates[0]!.group})` : ''}`,
      groups,
      excluded,
    };
  }
  let highest = rates[0]!;
  let lowest = rates[0]!;
  for (const r of rates) {
    if (r.rate > highest.rate) highest = r;
    if (r.rate < lowest.rate) lowest = r;
  }
  const base = { status: 'ok' as const, difference: highest.rate - lowest.rate, highest: { ...highest }, lowest: { ...lowest }, groups, excluded };
  if (highest.rate === 0) return { ...base, ratio: null, ratioNote: `every group's ${what} is 0, so the ratio 0/0 does not exist` };
  return { ...base, ratio: lowest.rate / highest.rate };
}

/**
 * Demographic parity difference and ratio (Fairlearn's `demographic_parity_difference` /
 * `demographic_parity_ratio`). Groups with fewer than `minItemsPerGroup` items (default 1) are left
 * out and listed in `excluded`.
 */
export function demographicParity(
  observations: readonly ClassifierObservation[],
  options: { minItemsPerGroup?: number } = {},
): DisparityResult {
  const min = options.minItemsPerGroup ?? 1;
  const excluded: ExcludedGroup[] = [];
  const rates: Array<{ group: string; rate: number }> = [];
  for (const s of groupStats(observations)) {
    if (s.n < min) excluded.push({ group: s.group, reason: `${s.n} item${s.n === 1 ? '' : 's'}, fewer than the ${min} needed for a selection rate` });
    else rates.push({ group: s.group, rate: s.selectionRate });
  }
  return disparity(rates, excluded, 'selection rate');
}

/**
 * Equal opportunity difference and ratio (Fairlearn's `equal_opportunity_difference` /
 * `equal_opportunity_ratio`): over groups with at least `minPositivesPerGroup` positives (default 1).
 * A group without positives has no true positive rate and is listed in `excluded`.
 */
export function equalOpportunity(
  observations: readonly ClassifierObservation[],
  options: { minPositivesPerGroup?: number } = {},
): DisparityResult {
  const min = options.minPositivesPerGroup ?? 1;
  const excluded: ExcludedGroup[] = [];
  const rates: Array<{ group: string; rate: number }> = [];
  for (const s of groupStats(observations)) {
    if (s.positives === 0) {
      excluded.push({ group: s.group, reason: 'no items with label 1, so its true positive rate does not exist' });
    } else if (s.positives < min) {
      excluded.push({ group: s.group, reason: `${s.positives} item${s.positives === 1 ? '' : 's'} with label 1, fewer than the ${min} needed for a true positive rate` });
    } else rates.push({ group: s.group, rate: s.truePositiveRate! });
  }
  return disparity(rates, excluded, 'true positive rate');
}

// ---------------------------------------------------------------------------------------------
// Per-group calibration

export interface CalibrationSettings {
  /** Equal-width bins over [0, 1]. */
  bins: number;
  /** A (group, bin) with fewer items is reported, not used. */
  minItemsPerBin: number;
}

export interface CalibrationBin {
  bin: number;
  /** [lower, upper) (the last bin includes 1). */
  range: [number, number];
  n: number;
  meanScore: number;
  observedRate: number;
  /** |meanScore − observedRate|. */
  gap: number;
  /** false: fewer than minItemsPerBin items; shown, not used. */
  used: boolean;
}

export interface GroupCalibration {
  group: string;
  n: number;
  /** Non-empty bins only. */
  bins: CalibrationBin[];
  /** Largest gap over used bins; null when no bin has enough items. */
  gap: number | null;
  worstBin: number | null;
}

export type CalibrationResult =
  | { status: 'ok'; gap: number; worstGroup: string; worstBin: number; groups: GroupCalibration[]; excluded: ExcludedGroup[] }
  | { status: 'undefined'; reason: string; groups: GroupCalibration[]; excluded: ExcludedGroup[] };

function validateCalibrationSettings(settings: CalibrationSettings): void {
  if (!Number.isInteger(settings.bins) || settings.bins < 1) throw new RangeError(`bins must be a positive integer, got ${settings.bins}`);
  if (!Number.isInteger(settings.minItemsPerBin) || settings.minItemsPerBin < 1) {
    throw new RangeError(`minItemsPerBin must be a positive integer, got ${settings.minItemsPerBin}`);
  }
}

/** The bin of a score in [0, 1]: floor(score · bins), with 1 in the last bin. */
export function calibrationBin(score: number, bins: number): number {
  return mathMin(mathFloor(score * bins), bins - 1);
}

/** Per-group calibration gaps (see the module comment). */
export function groupCalibration(observations: readonly ClassifierObservation[], settings: CalibrationSettings): CalibrationResult {
  validateCalibrationSettings(settings);
  const { bins, minItemsPerBin } = settings;
  const byGroup = new Map<string, { n: number; count: number[]; scoreSum: number[]; positives: number[] }>();
  observations.forEach((o, i) => {
    validateObservation(o, i);
    let g = byGroup.get(o.group);
    if (!g) byGroup.set(o.group, (g = { n: 0, count: new Array(bins).fill(0), scoreSum: new Array(bins).fill(0), positives: new Array(bins).fill(0) }));
    const b = calibrationBin(o.score, bins);
    g.n++;
    g.count[b]++;
    g.scoreSum[b] += o.score;
    g.positives[b] += o.label;
  });
  const groups: GroupCalibration[] = [];
  const excluded: ExcludedGroup[] = [];
  let worst: { gap: number; group: string; bin: number } | null = null;
  for (const [group, g] of [...byGroup.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const binList: CalibrationBin[] = [];
    let groupGap: number | null = null;
    let worstBin: number | null = null;
    for (let b = 0; b < bins; b++) {
      const n = g.count[b]!;
      if (n === 0) continue;
      const meanScore = g.scoreSum[b]! / n;
      const observedRate = g.positives[b]! / n;
      const gap = mathAbs(meanScore - observedRate);
      const used = n >= minItemsPerBin;
      binList.push({ bin: b, range: [b / bins, (b + 1) / bins], n, meanScore, observedRate, gap, used });
      if (used && (groupGap === null || gap > groupGap)) {
        groupGap = gap;
        worstBin = b;
      }
    }
    groups.push({ group, n: g.n, bins: binList, gap: groupGap, worstBin });
    if (groupGap === null) excluded.push({ group, reason: `no score bin holds ${minItemsPerBin} or more of its ${g.n} items` });
    else if (worst === null || groupGap > worst.gap) worst = { gap: groupGap, group, bin: worstBin! };
  }
  if (worst === null) {
    return { status: 'undefined', reason: `no group has a score bin with ${minItemsPerBin} or more items`, groups, excluded };
  }
  return { status: 'ok', gap: worst.gap, worstGroup: worst.group, worstBin: worst.bin, groups, excluded };
}

// ---------------------------------------------------------------------------------------------
// The three gaps with their intervals

export interface ClassifierFairnessSettings extends CalibrationSettings {
  minItemsPerGroup: number;
  minPositivesPerGroup: number;
}

export interface ClassifierFairness {
  n: number;
  groups: GroupClassifierStats[];
  demographicParity: DisparityResult;
  equalOpportunity: DisparityResult;
  calibration: CalibrationResult;
  /** Bootstrap intervals of the three gaps (`undefined` where the gap itself is). */
  intervals: {
    demographicParity: BootstrapResult;
    equalOpportunity: BootstrapResult;
    calibration: BootstrapResult;
  };
}

/**
 * The three gaps of one model's predictions, each with a stratified bootstrap interval. The groups a
 * gap compares are fixed by the observed data (those with enough items, positives, or bin items); a
 * resample recomputes the same gap over the same groups and bins. All three are computed from one
 * set of resamples.
 */
export function classifierFairness(
  observations: readonly ClassifierObservation[],
  settings: ClassifierFairnessSettings,
  options: StratifiedBootstrapOptions,
): ClassifierFairness {
  validateCalibrationSettings(settings);
  if (!(options.confidence > 0 && options.confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${options.confidence}`);
  const groups = groupStats(observations);
  const dp = demographicParity(observations, { minItemsPerGroup: settings.minItemsPerGroup });
  const eo = equalOpportunity(observations, { minPositivesPerGroup: settings.minPositivesPerGroup });
  const cal = groupCalibration(observations, settings);
  const n = observations.length;

  // Dense arrays for the resampling loop.
  const groupIndex = new Map(groups.map((g, i) => [g.group, i]));
  const G = groups.length;
  const bins = settings.bins;
  const itemGroup = new Int32Array(n);
  const itemLabel = new Uint8Array(n);
  const itemPredicted = new Uint8Array(n);
  const itemScore = new Float64Array(n);
  const itemBin = new Int32Array(n);
  const strata: number[][] = Array.from({ length: 2 * G }, () => []);
  observations.forEach((o, i) => {
    const g = groupIndex.get(o.group)!;
    itemGroup[i] = g;
    itemLabel[i] = o.label;
    itemPredicted[i] = o.predicted;
    itemScore[i] = o.score;
    itemBin[i] = calibrationBin(o.score, bins);
    strata[2 * g + o.label]!.push(i);
  });
  const dpGroups = new Uint8Array(G);
  if (dp.status === 'ok') for (const g of dp.groups) dpGroups[groupIndex.get(g)!] = 1;
  const eoGroups = new Uint8Array(G);
  if (eo.status === 'ok') for (const g of eo.groups) eoGroups[groupIndex.get(g)!] = 1;
  const usedBins = new Uint8Array(G * bins);
  if (cal.status === 'ok') {
    for (const gc of cal.groups) for (const b of gc.bins) if (b.used) usedBins[groupIndex.get(gc.group)! * bins + b.bin] = 1;
  }

  const count = new Float64Array(G);
  const selected = new Float64Array(G);
  const positives = new Float64Array(G);
  const truePositives = new Float64Array(G);
  const binCount = new Float64Array(G * bins);
  const binScore = new Float64Array(G * bins);
  const binPositives = new Float64Array(G * bins);

  const statistic = (indices: Uint32Array, out: Float64Array): void => {
    count.fill(0);
    selected.fill(0);
    positives.fill(0);
    truePositives.fill(0);
    binCount.fill(0);
    binScore.fill(0);
    binPositives.fill(0);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const g = itemGroup[i]!;
      const label = itemLabel[i]!;
      const predicted = itemPredicted[i]!;
      count[g]++;
      selected[g] += predicted;
      positives[g] += label;
      truePositives[g] += label & predicted;
      const cell = g * bins + itemBin[i]!;
      binCount[cell]++;
      binScore[cell] += itemScore[i]!;
      binPositives[cell] += label;
    }
    let dpMax = -1;
    let dpMin = 2;
    let eoMax = -1;
    let eoMin = 2;
    let calMax = -1;
    let calMissing = false;
    for (let g = 0; g < G; g++) {
      if (dpGroups[g]) {
        const rate = selected[g]! / count[g]!;
        if (rate > dpMax) dpMax = rate;
        if (rate < dpMin) dpMin = rate;
      }
      if (eoGroups[g]) {
        const rate = truePositives[g]! / positives[g]!;
        if (rate > eoMax) eoMax = rate;
        if (rate < eoMin) eoMin = rate;
      }
      for (let b = 0; b < bins; b++) {
        const cell = g * bins + b;
        if (!usedBins[cell]) continue;
        const c = binCount[cell]!;
        if (c === 0) {
          calMissing = true;
          continue;
        }
        const gap = mathAbs(binScore[cell]! / c - binPositives[cell]! / c);
        if (gap > calMax) calMax = gap;
      }
    }
    out[0] = dp.status === 'ok' ? dpMax - dpMin : Number.NaN;
    out[1] = eo.status === 'ok' ? eoMax - eoMin : Number.NaN;
    out[2] = cal.status === 'ok' && !calMissing ? calMax : Number.NaN;
  };

  const undefinedInterval = (detail: string): BootstrapResult => ({
    status: 'undefined',
    reason: 'statistic_not_finite',
    detail,
    resamples: options.resamples,
    n,
    confidence: options.confidence,
  });
  if (n === 0) {
    const none = undefinedInterval('no items');
    return { n, groups, demographicParity: dp, equalOpportunity: eo, calibration: cal, intervals: { demographicParity: none, equalOpportunity: none, calibration: none } };
  }
  const { estimates, samples } = stratifiedBootstrap(strata, 3, options, statistic);
  return {
    n,
    groups,
    demographicParity: dp,
    equalOpportunity: eo,
    calibration: cal,
    intervals: {
      demographicParity: dp.status === 'ok' ? intervalFrom(estimates[0]!, samples[0]!, n, options) : undefinedInterval(dp.reason),
      equalOpportunity: eo.status === 'ok' ? intervalFrom(estimates[1]!, samples[1]!, n, options) : undefinedInterval(eo.reason),
      calibration: cal.status === 'ok' ? intervalFrom(estimates[2]!, samples[2]!, n, options) : undefinedInterval(cal.reason),
    },
  };
}
