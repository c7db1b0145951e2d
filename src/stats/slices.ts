/**
 * Slice analysis, shared by the regression gate (DESIGN §5.3: each slice's candidate against the
 * baseline) and the bias gate (DESIGN §5.5: each slice's gap to the rest of the suite, and whether the
 * candidate widened it compared with the baseline). One implementation of the three steps both need:
 *
 * 1. **which slices are tested** (`sliceScopes`): items grouped by their slice tags (a tag repeated on
 *    one item counts once), sorted by name; a slice with fewer than the minimum items is reported as
 *    untested, never tested on too little;
 * 2. **the evidence of one slice's statistic** (`bootstrapEvidence` over bootstrap statistics, and
 *    `sliceVersusRest` for a slice's mean against the rest of the suite, resampled per stratum): a
 *    percentile interval and a two-sided bootstrap p-value with the +1 correction;
 * 3. **Holm's correction across the slices of one family** (`holmAcrossSlices`), so testing many
 *    slices does not manufacture a significant one.
 *
 * Pure and deterministic (seeded resampling only), no Node built-ins: workflow code may import the
 * judges that use it. Never NaN out: a statistic that does not exist is null.
 */
import { bootstrapIndices, percentileInterval } from './bootstrap';
import { holmAdjust } from './tests';

const isFiniteNumber = Number.isFinite;

// ---------------------------------------------------------------------------------------------
// 1. Which slices are tested

/** A slice with enough items to be tested: its name and its members (indices into the items). */
export interface SliceScope {
  slice: string;
  members: number[];
}

/** A slice reported, not tested: too few items. */
export interface UntestedSlice {
  slice: string;
  n: number;
}

/**
 * Groups items by slice. `slicesOfItem[i]` are item i's tags; a slice is tested when it has at least
 * `minItems` items, else reported as untested. With `include`, only those slices are considered (a
 * listed slice no item carries is untested with n = 0). Sorted by name (code-unit order).
 */
export function sliceScopes(
  slicesOfItem: ReadonlyArray<readonly string[]>,
  minItems: number,
  include?: readonly string[],
): { tested: SliceScope[]; untested: UntestedSlice[] } {
  if (!Number.isInteger(minItems) || minItems < 1) throw new RangeError(`minItems must be a positive integer, got ${minItems}`);
  const members = new Map<string, number[]>();
  slicesOfItem.forEach((tags, i) => {
    for (const slice of new Set(tags)) {
      let list = members.get(slice);
      if (!list) members.set(slice, (list = []));
      list.push(i);
    }
  });
  if (include) for (const slice of include) if (!members.has(slice)) members.set(slice, []);
  const wanted = include ? new Set(include) : null;
  const tested: SliceScope[] = [];
  const untested: UntestedSlice[] = [];
  for (const [slice, list] of [...members].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (wanted && !wanted.has(slice)) continue;
    if (list.length >= minItems) tested.push({ slice, members: list });
    else untested.push({ slice, n: list.length });
  }
  return { tested, untested };
}

// ---------------------------------------------------------------------------------------------
// 2. Evidence

export interface SliceEvidence {
  /** Percentile interval of the statistic; null when it does not exist (an undefined or infinite resample). */
  ci: [number, number] | null;
  /** Two-sided bootstrap p-value 2·min(P*(s ≤ 0), P*(s ≥ 0)) with the +1 correction; null when a resample is undefined. */
  pValue: number | null;
}

/** Percentile interval and two-sided bootstrap p-value of bootstrap statistics (reordered in place). */
export function bootstrapEvidence(statistics: Float64Array, confidence: number): SliceEvidence {
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let r = 0; r < statistics.length; r++) {
    const s = statistics[r]!;
    if (s !== s) return { ci: null, pValue: null };
    if (s <= 0) atOrBelow++;
    if (s >= 0) atOrAbove++;
  }
  const pValue = Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (statistics.length + 1));
  const ci = percentileInterval(statistics, confidence);
  if (!isFiniteNumber(ci[0]) || !isFiniteNumber(ci[1])) return { ci: null, pValue };
  return { ci, pValue };
}

export interface SliceVersusRest extends SliceEvidence {
  slice: string;
  /** Items in the slice and in the rest of the suite. */
  n: number;
  nRest: number;
  sliceMean: number;
  restMean: number;
  /** restMean − sliceMean: for a higher-is-better value, how much worse the slice is served than the rest. */
  gap: number;
}

export interface SliceResampling {
  resamples: number;
  confidence: number;
  /** Seeds the resampling; the same seed gives the same resampled items for every `values` array (paired). */
  seed: string;
}

function meanOver(values: ArrayLike<number>, members: readonly number[], indices: ArrayLike<number> | null): number {
  let sum = 0;
  const n = members.length;
  for (let k = 0; k < n; k++) sum += values[members[indices === null ? k : indices[k]!]!]!;
  return sum / n;
}

/**
 * A slice's mean against the mean of every other item (`values[i]` per item; finite). The interval
 * and the p-value of the gap come from a stratified bootstrap: the slice's items and the rest are
 * resampled separately (each keeps its size), with seeds derived from `seed` and the slice name, so
 * the same slice of the same items resamples identically for every `values` array: a candidate's,
 * a baseline's and their per-item differences are resampled jointly (paired). Without two items on
 * each side there is no interval (null), never a made-up one.
 */
export function sliceVersusRest(values: ArrayLike<number>, scope: SliceScope, resampling: SliceResampling): SliceVersusRest {
  const inSlice = new Set(scope.members);
  const rest: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!isFiniteNumber(values[i]!)) throw new RangeError(`values[${i}] must be finite, got ${values[i]}`);
    if (!inSlice.has(i)) rest.push(i);
  }
  const members = scope.members;
  if (members.length === 0 || rest.length === 0) throw new RangeError(`slice ${scope.slice}: expected items in the slice and outside it`);
  const sliceMean = meanOver(values, members, null);
  const restMean = meanOver(values, rest, null);
  const base = { slice: scope.slice, n: members.length, nRest: rest.length, sliceMean, restMean, gap: restMean - sliceMean };
  if (members.length < 2 || rest.length < 2) return { ...base, ci: null, pValue: null };
  const { resamples, confidence, seed } = resampling;
  const sliceMeans = bootstrapIndices(members.length, resamples, `${seed}\u0000${scope.slice}\u0000slice`, (idx) => meanOver(values, members, idx));
  const restMeans = bootstrapIndices(rest.length, resamples, `${seed}\u0000${scope.slice}\u0000rest`, (idx) => meanOver(values, rest, idx));
  const gaps = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) gaps[r] = restMeans[r]! - sliceMeans[r]!;
  return { ...base, ...bootstrapEvidence(gaps, confidence) };
}

// ---------------------------------------------------------------------------------------------
// 3. Holm across slices

/**
 * Holm-adjusts the p-values of `rows` within each family (`familyOf`; null leaves a row out, e.g. the
 * all-items scope, or a row without a test). Returns each adjusted row's p-value and each family's size.
 */
export function holmAcrossSlices<R>(
  rows: readonly R[],
  familyOf: (row: R) => string | null,
  pValueOf: (row: R) => number | null,
): { adjusted: Map<R, number>; familySizes: Map<string, number> } {
  const families = new Map<string, R[]>();
  for (const row of rows) {
    const family = familyOf(row);
    if (family === null || pValueOf(row) === null) continue;
    let list = families.get(family);
    if (!list) families.set(family, (list = []));
    list.push(row);
  }
  const adjusted = new Map<R, number>();
  const familySizes = new Map<string, number>();
  for (const [family, list] of families) {
    familySizes.set(family, list.length);
    holmAdjust(list.map((row) => pValueOf(row)!)).forEach((p, i) => adjusted.set(list[i]!, p));
  }
  return { adjusted, familySizes };
}
