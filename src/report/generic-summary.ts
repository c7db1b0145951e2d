/**
 * Estimates with confidence intervals and per-group rates found in a report's summary whatever its
 * nesting, for gates whose report has no view of its own (regression and bias have theirs in summaries.ts).
 */
import { isRecord, finite, text } from './report-values';

// ---------------------------------------------------------------------------------------------
// Estimates with confidence intervals (regression deltas, fairness gaps), whatever the nesting

export interface EstimateRow {
  /** Where it was found, made readable: `capability: math · accuracy`. */
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  threshold: number | null;
  verdict: string | null;
  n: number | null;
  /** A signed gap: the threshold applies at −threshold too. */
  mirrorThreshold?: boolean;
  /** The baseline's value of the same quantity, when known. */
  baseline?: number | null;
}

/** Per-group rates belong to the fairness chart, never to a forest plot. */
export const GROUP_LIST_KEYS = ['groups', 'perGroup', 'byGroup', 'groupRates'];
export const ESTIMATE_KEYS = ['relativeChange', 'relativeDelta', 'delta', 'change', 'difference', 'gap', 'effect', 'estimate', 'value'];
export const THRESHOLD_KEYS = ['threshold', 'allowed', 'maxDegradation', 'tolerance', 'limit'];
export const NAME_KEYS = ['metric', 'name', 'measure', 'id', 'key'];
export const CONTEXT_KEYS = ['capability', 'slice', 'group', 'kind', 'test'];

export function interval(entry: Record<string, unknown>): [number, number] | null {
  const ci = entry.ci ?? entry.interval ?? entry.confidenceInterval;
  if (Array.isArray(ci) && ci.length === 2) {
    const [lo, hi] = [finite(ci[0]), finite(ci[1])];
    if (lo !== null && hi !== null) return [lo, hi];
  }
  if (isRecord(ci)) {
    const lo = finite(ci.lower) ?? finite(ci.low) ?? finite(ci.lo);
    const hi = finite(ci.upper) ?? finite(ci.high) ?? finite(ci.hi);
    if (lo !== null && hi !== null) return [lo, hi];
  }
  const lo = finite(entry.ciLower) ?? finite(entry.lower) ?? finite(entry.low);
  const hi = finite(entry.ciUpper) ?? finite(entry.upper) ?? finite(entry.high);
  return lo !== null && hi !== null ? [lo, hi] : null;
}

export function estimateOf(entry: Record<string, unknown>): number | null {
  for (const key of ESTIMATE_KEYS) {
    const value = finite(entry[key]);
    if (value !== null) return value;
    // `delta: { estimate, lower, upper }`
    const nested = entry[key];
    if (isRecord(nested)) {
      const inner = finite(nested.estimate) ?? finite(nested.value) ?? finite(nested.point);
      if (inner !== null) return inner;
    }
  }
  return null;
}

export function nestedInterval(entry: Record<string, unknown>): [number, number] | null {
  const direct = interval(entry);
  if (direct) return direct;
  for (const key of ESTIMATE_KEYS) {
    const nested = entry[key];
    if (isRecord(nested)) {
      const found = interval(nested);
      if (found) return found;
    }
  }
  return null;
}

export const GENERIC_PATH = ['summary', 'metrics', 'comparisons', 'results', 'items', 'rows', 'entries'];

export function labelOf(entry: Record<string, unknown>, path: readonly string[]): string {
  const name = NAME_KEYS.map((k) => text(entry[k])).find((v) => v !== null) ?? null;
  const context = CONTEXT_KEYS.map((k) => text(entry[k])).filter((v): v is string => v !== null);
  const where = path.filter((p) => !/^\d+$/.test(p) && !GENERIC_PATH.includes(p));
  const parts = name === null ? [...where, ...context] : [...context, name];
  return [...new Set(parts)].join(' · ') || 'value';
}

/**
 * Every object inside `summary` (to depth 6) holding an estimate (`delta`, `relativeChange`,
 * `difference`, `gap`, …) with a confidence interval (`ci: [lo, hi]` or `{lower, upper}`, or
 * `ciLower` / `ciUpper`, or `lower` / `upper`), with its threshold and verdict when given.
 */
/**
 * Visits every object inside `root` once (to depth 6, through arrays and through every key but the
 * group lists), until `full()`; `onRecord` returns true when the object's own keys need no visit.
 */
function walkRecords(root: unknown, full: () => boolean, onRecord: (record: Record<string, unknown>, path: string[]) => boolean): void {
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string[], depth: number): void => {
    if (full() || depth > 6 || seen.has(value)) return;
    if (Array.isArray(value)) {
      seen.add(value);
      value.forEach((v, i) => visit(v, [...path, String(i)], depth + 1));
      return;
    }
    if (!isRecord(value)) return;
    seen.add(value);
    if (onRecord(value, path)) return;
    for (const [key, child] of Object.entries(value)) if (!GROUP_LIST_KEYS.includes(key)) visit(child, [...path, key], depth + 1);
  };
  visit(root, [], 0);
}

export function estimateRows(summary: unknown, maxRows = 60): EstimateRow[] {
  const rows: EstimateRow[] = [];
  walkRecords(summary, () => rows.length >= maxRows, (value, path) => {
    const estimate = estimateOf(value);
    const ci = nestedInterval(value);
    if (estimate !== null && ci !== null) {
      rows.push({
        label: labelOf(value, path),
        estimate,
        lower: Math.min(ci[0], ci[1]),
        upper: Math.max(ci[0], ci[1]),
        threshold: THRESHOLD_KEYS.map((k) => finite(value[k])).find((v) => v !== null) ?? null,
        verdict: text(value.verdict) ?? text(value.classification) ?? text(value.status),
        n: finite(value.n) ?? finite(value.items),
      });
      return true;
    }
    return false;
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Per-group rates (fairness)

export interface GroupRateRow {
  /** The measure the groups were compared on (e.g. `demographicParity`, `counterfactual`). */
  measure: string;
  group: string;
  rate: number;
  n: number | null;
  /** Which model, when both were measured. */
  model?: 'candidate' | 'baseline';
}

export const RATE_KEYS = ['rate', 'positiveRate', 'truePositiveRate', 'selectionRate', 'accuracy', 'value', 'score', 'outcomeRate'];

export function rateOf(value: unknown): { rate: number; n: number | null } | null {
  const direct = finite(value);
  if (direct !== null) return { rate: direct, n: null };
  if (!isRecord(value)) return null;
  for (const key of RATE_KEYS) {
    const rate = finite(value[key]);
    if (rate !== null) return { rate, n: finite(value.n) };
  }
  return null;
}

/**
 * Per-group rates inside `summary`: an object's `groups` / `perGroup` / `byGroup` / `groupRates`,
 * either a list of `{ group, rate | positiveRate | … , n? }` or a map group → rate (or → such an
 * object). The measure is the owning object's name (`metric`, `name`) or key.
 */
export function groupRateRows(summary: unknown, maxRows = 80): GroupRateRow[] {
  const rows: GroupRateRow[] = [];
  walkRecords(summary, () => rows.length >= maxRows, (value, path) => {
    for (const key of GROUP_LIST_KEYS) {
      const groups = value[key];
      if (groups === undefined) continue;
      const measure = NAME_KEYS.map((k) => text(value[k])).find((v) => v !== null) ?? path.filter((p) => !/^\d+$/.test(p) && p !== 'summary').join(' · ') ?? 'rate';
      const entries: Array<[string, unknown]> = Array.isArray(groups)
        ? groups.filter(isRecord).map((g) => [String(g.group ?? g.name ?? g.id ?? '?'), g])
        : isRecord(groups)
          ? Object.entries(groups)
          : [];
      for (const [group, raw] of entries) {
        const rate = rateOf(raw);
        if (rate && rows.length < maxRows) rows.push({ measure: measure || key, group, rate: rate.rate, n: rate.n });
      }
    }
    return false;
  });
  return rows;
}
