/** What the report shows of the safety gate: its per-category and per-mutator view, and where behaviour changed between baseline and candidate. */
import { wilsonInterval } from '../stats/intervals';
import { isRecord, finite, text, summaryOf } from './report-values';

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

export interface OutcomeLike {
  itemId: string;
  category: string;
  mutator: string | null;
  passed: boolean;
  behaviour: string;
  reason: string;
}

export function outcomesOf(list: unknown): OutcomeLike[] {
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
export function roundRobin(diffs: readonly BehaviourDiff[], limit: number): BehaviourDiff[] {
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
