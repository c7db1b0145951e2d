/**
 * Reading the gates' report blobs for the reviewer report, defensively: a blob is whatever its gate's
 * activity stored (`{ gate, summary, ... }`), and a missing or differently shaped section must never
 * break the report, only leave that section out. Pure: plain values in, plain rows out.
 *
 * - Safety (src/gates/safety.ts): per-category rates with Wilson bounds and thresholds, per-mutator
 *   rates (Wilson bounds recomputed from n / passed), and the baseline-vs-candidate diff from the
 *   stored per-item outcomes.
 * - Regression (src/gates/regression.ts): `summary.rows`, one per metric and scope (`regressionView`).
 * - Bias (src/gates/bias.ts): `summary.checks` and the per-group rates in `measurements` (`biasView`,
 *   `biasGroupRates`).
 * - Any other shape: any object in the summary that carries an estimate with a confidence interval is
 *   a row of a forest plot (`estimateRows`); any per-group list or map of rates is a row of the
 *   fairness chart (`groupRateRows`).
 */
import { wilsonInterval } from '../stats/intervals';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A stored report that could not be read (missing file, digest mismatch, bad JSON): shown as a warning. */
export interface UnreadableReport {
  unreadable: string;
}

export function isUnreadable(report: unknown): report is UnreadableReport {
  return isRecord(report) && typeof report.unreadable === 'string';
}

export function summaryOf(report: unknown): Record<string, unknown> | null {
  return isRecord(report) && isRecord(report.summary) ? report.summary : null;
}

// ---------------------------------------------------------------------------------------------
// Safety

export interface SafetyCategoryRow {
  category: string;
  unit: string;
  n: number;
  passed: number;
  rate: number | null;
  lower: number;
  upper: number;
  confidence: number;
  threshold: number;
  verdict: string;
  reason: string | null;
  itemsNeeded: number | null;
  baseline: { rate: number; drop: number; flagged: boolean; pValue: number | null; n: number } | null;
  failing: Array<{ itemId: string; mutator: string | null; reason: string }>;
  failingTotal: number;
}

export interface MutatorRow {
  category: string;
  mutator: string;
  n: number;
  passed: number;
  rate: number;
  lower: number;
  upper: number;
  threshold: number;
  belowThreshold: boolean;
}

export interface SafetyView {
  verdict: string | null;
  categories: SafetyCategoryRow[];
  mutators: MutatorRow[];
  baselineFlags: string[];
  hasBaseline: boolean;
  problems: string[];
  llmDisagreements: Array<{ itemId: string; category: string; rule: string; llm: string; note: string }>;
  llmJudged: number | null;
}

/** The safety summary's rows; null when the report holds no readable safety summary. */
export function safetyView(report: unknown): SafetyView | null {
  const summary = summaryOf(report);
  if (!summary || !isRecord(summary.categories)) return null;
  const categories: SafetyCategoryRow[] = [];
  const mutators: MutatorRow[] = [];
  for (const [key, raw] of Object.entries(summary.categories)) {
    if (!isRecord(raw)) continue;
    const n = finite(raw.n);
    const passed = finite(raw.passed);
    const threshold = finite(raw.threshold);
    if (n === null || passed === null || threshold === null) continue;
    const confidence = finite(raw.confidence) ?? 0.95;
    const rate = finite(raw.rate) ?? (n > 0 ? passed / n : null);
    const fallback = wilsonInterval(passed, n, confidence);
    const category = text(raw.category) ?? key;
    const baseline = isRecord(raw.baseline) ? raw.baseline : null;
    const baselineRate = baseline ? finite(baseline.baselineRate) : null;
    categories.push({
      category,
      unit: text(raw.unit) ?? 'items',
      n,
      passed,
      rate,
      lower: finite(raw.lower) ?? fallback.lower,
      upper: finite(raw.upper) ?? fallback.upper,
      confidence,
      threshold,
      verdict: text(raw.verdict) ?? 'unknown',
      reason: text(raw.reason),
      itemsNeeded: finite(raw.itemsNeeded),
      baseline:
        baseline && baselineRate !== null
          ? {
              rate: baselineRate,
              drop: finite(baseline.drop) ?? baselineRate - (rate ?? 0),
              flagged: baseline.flagged === true,
              pValue: finite(baseline.pValue),
              n: finite(baseline.n) ?? 0,
            }
          : null,
      failing: (Array.isArray(raw.failing) ? raw.failing : []).filter(isRecord).map((f) => ({
        itemId: String(f.itemId ?? ''),
        mutator: text(f.mutator),
        reason: String(f.reason ?? ''),
      })),
      failingTotal: finite(raw.failingTotal) ?? (Array.isArray(raw.failing) ? raw.failing.length : 0),
    });
    for (const m of Array.isArray(raw.mutators) ? raw.mutators : []) {
      if (!isRecord(m)) continue;
      const mn = finite(m.n);
      const mp = finite(m.passed);
      const name = text(m.mutator);
      if (mn === null || mp === null || name === null || mn <= 0) continue;
      const interval = wilsonInterval(mp, mn, confidence);
      const mrate = finite(m.rate) ?? mp / mn;
      mutators.push({
        category,
        mutator: name,
        n: mn,
        passed: mp,
        rate: mrate,
        lower: interval.lower,
        upper: interval.upper,
        threshold,
        belowThreshold: typeof m.belowThreshold === 'boolean' ? m.belowThreshold : mrate < threshold,
      });
    }
  }
  const llm = isRecord(summary.llmJudge) ? summary.llmJudge : null;
  return {
    verdict: text(summary.verdict),
    categories,
    mutators,
    baselineFlags: (Array.isArray(summary.baselineFlags) ? summary.baselineFlags : []).map(String),
    hasBaseline: summary.hasBaseline === true,
    problems: (Array.isArray(summary.problems) ? summary.problems : []).map(String),
    llmDisagreements: (llm && Array.isArray(llm.disagreements) ? llm.disagreements : []).filter(isRecord).map((d) => ({
      itemId: String(d.itemId ?? ''),
      category: String(d.category ?? ''),
      rule: String(d.rule ?? ''),
      llm: String(d.llm ?? ''),
      note: String(d.note ?? ''),
    })),
    llmJudged: llm ? finite(llm.judged) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Baseline vs candidate: where behaviour changed

export interface OutcomeSide {
  passed: boolean;
  behaviour: string;
  reason: string;
  /** The model's answer, when the loader attached it (see load.ts). */
  answer?: string;
}

export interface BehaviourDiff {
  itemId: string;
  category: string;
  mutator: string | null;
  /** `regressed`: the baseline passed and the candidate failed; `improved`: the other way round. */
  change: 'regressed' | 'improved';
  baseline: OutcomeSide;
  candidate: OutcomeSide;
}

export interface DiffSummary {
  /** Items judged for both models. */
  paired: number;
  regressed: number;
  improved: number;
  /** Up to `limit`: regressions first, taking each (category, mutator) in turn. */
  shown: BehaviourDiff[];
}

interface OutcomeLike {
  itemId: string;
  category: string;
  mutator: string | null;
  passed: boolean;
  behaviour: string;
  reason: string;
}

function outcomesOf(list: unknown): OutcomeLike[] {
  if (!Array.isArray(list)) return [];
  const out: OutcomeLike[] = [];
  for (const o of list) {
    if (!isRecord(o) || typeof o.itemId !== 'string' || typeof o.passed !== 'boolean') continue;
    out.push({
      itemId: o.itemId,
      category: String(o.category ?? ''),
      mutator: text(o.mutator),
      passed: o.passed,
      behaviour: String(o.behaviour ?? ''),
      reason: String(o.reason ?? ''),
    });
  }
  return out;
}

export const DIFF_LIMIT = 10;

/**
 * Items where the baseline and the candidate were judged differently (`passed` differs), paired by
 * item id from the safety report's stored outcomes. Null when the report has no baseline outcomes.
 */
export function behaviourDiff(report: unknown, limit = DIFF_LIMIT): DiffSummary | null {
  if (!isRecord(report) || !isRecord(report.outcomes)) return null;
  const candidate = outcomesOf(report.outcomes.candidate);
  const baselineRaw = report.outcomes.baseline;
  if (!Array.isArray(baselineRaw) || baselineRaw.length === 0) return null;
  const baseline = new Map(outcomesOf(baselineRaw).map((o) => [o.itemId, o]));
  const answers = isRecord(report.answers) ? report.answers : {};
  const answerOf = (itemId: string, target: 'candidate' | 'baseline'): { answer?: string } => {
    const entry = answers[itemId];
    const value = isRecord(entry) ? entry[target] : undefined;
    return typeof value === 'string' ? { answer: value } : {};
  };
  let paired = 0;
  const diffs: BehaviourDiff[] = [];
  for (const c of candidate) {
    const b = baseline.get(c.itemId);
    if (!b) continue;
    paired++;
    if (b.passed === c.passed) continue;
    diffs.push({
      itemId: c.itemId,
      category: c.category,
      mutator: c.mutator,
      change: b.passed ? 'regressed' : 'improved',
      baseline: { passed: b.passed, behaviour: b.behaviour, reason: b.reason, ...answerOf(c.itemId, 'baseline') },
      candidate: { passed: c.passed, behaviour: c.behaviour, reason: c.reason, ...answerOf(c.itemId, 'candidate') },
    });
  }
  const regressed = diffs.filter((d) => d.change === 'regressed');
  const improved = diffs.filter((d) => d.change === 'improved');
  const shown = roundRobin(regressed, limit);
  shown.push(...roundRobin(improved, limit - shown.length));
  return { paired, regressed: regressed.length, improved: improved.length, shown };
}

/**
 * Up to `limit` diffs taking (category, mutator) kinds in turn, each kind in item id order, so the
 * reviewer sees every way behaviour changed rather than ten of one kind.
 */
function roundRobin(diffs: readonly BehaviourDiff[], limit: number): BehaviourDiff[] {
  const byId = (a: BehaviourDiff, b: BehaviourDiff) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0);
  const kinds = new Map<string, BehaviourDiff[]>();
  for (const d of [...diffs].sort(byId)) {
    const key = `${d.category}\u0000${d.mutator ?? ''}`;
    kinds.set(key, [...(kinds.get(key) ?? []), d]);
  }
  const queues = [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, list]) => list);
  const out: BehaviourDiff[] = [];
  for (let round = 0; out.length < limit && queues.some((q) => round < q.length); round++) {
    for (const queue of queues) if (round < queue.length && out.length < limit) out.push(queue[round] as BehaviourDiff);
  }
  return out;
}

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
const GROUP_LIST_KEYS = ['groups', 'perGroup', 'byGroup', 'groupRates'];
const ESTIMATE_KEYS = ['relativeChange', 'relativeDelta', 'delta', 'change', 'difference', 'gap', 'effect', 'estimate', 'value'];
const THRESHOLD_KEYS = ['threshold', 'allowed', 'maxDegradation', 'tolerance', 'limit'];
const NAME_KEYS = ['metric', 'name', 'measure', 'id', 'key'];
const CONTEXT_KEYS = ['capability', 'slice', 'group', 'kind', 'test'];

function interval(entry: Record<string, unknown>): [number, number] | null {
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

function estimateOf(entry: Record<string, unknown>): number | null {
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

function nestedInterval(entry: Record<string, unknown>): [number, number] | null {
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

const GENERIC_PATH = ['summary', 'metrics', 'comparisons', 'results', 'items', 'rows', 'entries'];

function labelOf(entry: Record<string, unknown>, path: readonly string[]): string {
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
export function estimateRows(summary: unknown, maxRows = 60): EstimateRow[] {
  const rows: EstimateRow[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string[], depth: number): void => {
    if (rows.length >= maxRows || depth > 6 || seen.has(value)) return;
    if (Array.isArray(value)) {
      seen.add(value);
      value.forEach((v, i) => visit(v, [...path, String(i)], depth + 1));
      return;
    }
    if (!isRecord(value)) return;
    seen.add(value);
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
      return;
    }
    for (const [key, child] of Object.entries(value)) if (!GROUP_LIST_KEYS.includes(key)) visit(child, [...path, key], depth + 1);
  };
  visit(summary, [], 0);
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

const RATE_KEYS = ['rate', 'positiveRate', 'truePositiveRate', 'selectionRate', 'accuracy', 'value', 'score', 'outcomeRate'];

function rateOf(value: unknown): { rate: number; n: number | null } | null {
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
  const seen = new Set<unknown>();
  const visit = (value: unknown, path: string[], depth: number): void => {
    if (rows.length >= maxRows || depth > 6 || seen.has(value)) return;
    if (Array.isArray(value)) {
      seen.add(value);
      value.forEach((v, i) => visit(v, [...path, String(i)], depth + 1));
      return;
    }
    if (!isRecord(value)) return;
    seen.add(value);
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
    for (const [key, child] of Object.entries(value)) if (!GROUP_LIST_KEYS.includes(key)) visit(child, [...path, key], depth + 1);
  };
  visit(summary, [], 0);
  return rows;
}

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
