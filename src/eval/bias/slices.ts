/**
 * Slice analysis for the bias gate (DESIGN §5.5, "slice analysis over the regression suite's slices;
 * candidate compared with baseline too"): the measure step, on the regression suite's items scored
 * per item (token F1 or exact match, by the regression gate's scoring), with the slice code the
 * regression gate uses (src/stats/slices.ts: which slices are tested, stratified bootstrap evidence,
 * Holm's correction across slices).
 *
 * Per tested slice s and model m, the gap gapₘ(s) = mean over the rest of the suite − mean over s
 * (positive: s is served worse than the rest). With a baseline, the widening
 * w(s) = gap_candidate(s) − gap_baseline(s), which is the gap of the per-item differences
 * dᵢ = candidateᵢ − baselineᵢ; its interval and p-value come from resampling the slice and the rest
 * (the same resampled items for both models: paired), and the p-values are Holm-adjusted across the
 * tested slices. A failed candidate call scores 0 (a wrong answer, as in the regression gate); an item
 * the baseline failed on is left out of the paired comparison (nothing to compare with) and counted.
 *
 * Pure: no I/O, no clocks, seeded resampling only; never NaN (what does not exist is null).
 */
import { holmAcrossSlices, sliceScopes, sliceVersusRest, type SliceScope, type SliceVersusRest } from '../../stats/slices';
import type { Estimate } from './estimate';

/** One regression item, scored for both models: null when the model gave no answer (failed call). */
export interface SliceItemScore {
  itemId: string;
  slices: readonly string[];
  candidate: number | null;
  /** Null on a first deployment, or when the baseline failed on the item. */
  baseline: number | null;
}

export interface SliceAnalysisSettings {
  metric: 'f1' | 'accuracy';
  /** Slices and the rest of the suite need at least this many items to be tested. */
  minItemsPerSlice: number;
  /** Only these slices (default: every slice). */
  include?: readonly string[];
  hasBaseline: boolean;
  resamples: number;
  confidence: number;
  seed: string;
}

/** A model's view of one slice: its mean, the rest's mean, and the gap between them. */
export interface SliceSide {
  sliceMean: number;
  restMean: number;
  /** rest − slice, with its interval. */
  gap: Estimate;
}

export interface SliceRow {
  slice: string;
  /** Items in the slice and in the rest (those compared). */
  n: number;
  nRest: number;
  candidate: SliceSide;
  baseline: SliceSide | null;
  /** gap(candidate) − gap(baseline); null on a first deployment. */
  widening: Estimate | null;
  /** Two-sided bootstrap p-value of the widening, and Holm-adjusted across the tested slices. */
  pValue: number | null;
  adjustedPValue: number | null;
}

export interface SliceFairnessMeasurement {
  metric: 'f1' | 'accuracy';
  /** Items scored, and those compared (the baseline answered them). */
  items: number;
  compared: number;
  hasBaseline: boolean;
  failedCalls: { candidate: number; baseline: number | null };
  rows: SliceRow[];
  /** Slices (or their complement) with too few items: reported, not tested. */
  untested: Array<{ slice: string; n: number; reason: string }>;
  /** Tests in the Holm family (tested slices with a p-value). */
  holmFamily: number;
}

function estimateOf(result: SliceVersusRest, value: number): Estimate {
  if (result.ci === null) return { value, ci: null, n: result.n, note: 'fewer than two items on one side: no interval' };
  return { value, ci: result.ci, n: result.n };
}

function side(result: SliceVersusRest): SliceSide {
  return { sliceMean: result.sliceMean, restMean: result.restMean, gap: estimateOf(result, result.gap) };
}

export function measureSliceFairness(items: readonly SliceItemScore[], settings: SliceAnalysisSettings): SliceFairnessMeasurement {
  const failedCalls = {
    candidate: items.filter((item) => item.candidate === null).length,
    baseline: settings.hasBaseline ? items.filter((item) => item.baseline === null).length : null,
  };
  // Compared: every item on a first deployment; with a baseline, the items it answered.
  const compared = settings.hasBaseline ? items.filter((item) => item.baseline !== null) : [...items];
  const candidate = Float64Array.from(compared, (item) => item.candidate ?? 0);
  const baseline = settings.hasBaseline ? Float64Array.from(compared, (item) => item.baseline!) : null;
  const differences = baseline ? Float64Array.from(candidate, (c, i) => c - baseline[i]!) : null;

  const { tested, untested } = sliceScopes(
    compared.map((item) => item.slices),
    settings.minItemsPerSlice,
    settings.include,
  );
  const notTested = untested.map((u) => ({ ...u, reason: `${u.n} item(s), fewer than ${settings.minItemsPerSlice}` }));
  const scopes: SliceScope[] = [];
  for (const scope of tested) {
    const rest = compared.length - scope.members.length;
    if (rest < settings.minItemsPerSlice) {
      notTested.push({ slice: scope.slice, n: scope.members.length, reason: `the rest of the suite has ${rest} item(s), fewer than ${settings.minItemsPerSlice}` });
    } else scopes.push(scope);
  }

  const resampling = { resamples: settings.resamples, confidence: settings.confidence, seed: settings.seed };
  const raw = scopes.map((scope) => {
    const c = sliceVersusRest(candidate, scope, resampling);
    const b = baseline ? sliceVersusRest(baseline, scope, resampling) : null;
    const d = differences ? sliceVersusRest(differences, scope, resampling) : null;
    return { scope, c, b, d };
  });
  const { adjusted, familySizes } = holmAcrossSlices(
    raw,
    () => 'widening',
    (row) => row.d?.pValue ?? null,
  );
  const rows: SliceRow[] = raw.map(({ scope, c, b, d }, k) => ({
    slice: scope.slice,
    n: c.n,
    nRest: c.nRest,
    candidate: side(c),
    baseline: b ? side(b) : null,
    // gap(candidate) − gap(baseline) is the gap of the per-item differences: value and evidence from d.
    widening: d ? estimateOf(d, d.gap) : null,
    pValue: d?.pValue ?? null,
    adjustedPValue: adjusted.get(raw[k]!) ?? null,
  }));
  notTested.sort((a, b) => (a.slice < b.slice ? -1 : a.slice > b.slice ? 1 : 0));
  return {
    metric: settings.metric,
    items: items.length,
    compared: compared.length,
    hasBaseline: settings.hasBaseline,
    failedCalls,
    rows,
    untested: notTested,
    holmFamily: familySizes.get('widening') ?? 0,
  };
}
