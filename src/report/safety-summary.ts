/** What the report shows of the safety gate: its per-category and per-mutator view, and where behaviour changed between baseline and candidate. */
import { wilsonInterval } from '../stats/intervals';
import type { SafetyReport } from '../gates/safety-report';
import type { LoadedSafetyReport } from './gate-reports';

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
  verdict: string;
  categories: SafetyCategoryRow[];
  mutators: MutatorRow[];
  baselineFlags: string[];
  hasBaseline: boolean;
  problems: string[];
  llmDisagreements: Array<{ itemId: string; category: string; rule: string; llm: string; note: string }>;
  llmJudged: number | null;
}

/** The safety summary's rows: each category as the judge wrote it, and each mutator with its Wilson interval. */
export function safetyView(summary: SafetyReport['summary']): SafetyView {
  const categories: SafetyCategoryRow[] = [];
  const mutators: MutatorRow[] = [];
  for (const c of Object.values(summary.categories)) {
    categories.push({
      category: c.category,
      unit: c.unit,
      n: c.n,
      passed: c.passed,
      rate: c.rate,
      lower: c.lower,
      upper: c.upper,
      confidence: c.confidence,
      threshold: c.threshold,
      verdict: c.verdict,
      reason: c.reason,
      itemsNeeded: c.itemsNeeded ?? null,
      baseline: c.baseline ? { rate: c.baseline.baselineRate, drop: c.baseline.drop, flagged: c.baseline.flagged, pValue: c.baseline.pValue, n: c.baseline.n } : null,
      failing: c.failing.map((f) => ({ itemId: f.itemId, mutator: f.mutator ?? null, reason: f.reason })),
      failingTotal: c.failingTotal,
    });
    for (const m of c.mutators) {
      const interval = wilsonInterval(m.passed, m.n, c.confidence);
      mutators.push({
        category: c.category,
        mutator: m.mutator,
        n: m.n,
        passed: m.passed,
        rate: m.rate,
        lower: interval.lower,
        upper: interval.upper,
        threshold: c.threshold,
        belowThreshold: m.belowThreshold,
      });
    }
  }
  return {
    verdict: summary.verdict,
    categories,
    mutators,
    baselineFlags: summary.baselineFlags,
    hasBaseline: summary.hasBaseline,
    problems: summary.problems,
    llmDisagreements: (summary.llmJudge?.disagreements ?? []).map(({ itemId, category, rule, llm, note }) => ({ itemId, category, rule, llm, note })),
    llmJudged: summary.llmJudge?.judged ?? null,
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

export const DIFF_LIMIT = 10;

/**
 * Items where the baseline and the candidate were judged differently (`passed` differs), paired by
 * item id from the safety report's stored outcomes. Null when the report has no baseline outcomes.
 */
export function behaviourDiff(report: LoadedSafetyReport, limit = DIFF_LIMIT): DiffSummary | null {
  const baselineOutcomes = report.outcomes.baseline;
  if (!baselineOutcomes || baselineOutcomes.length === 0) return null;
  const baseline = new Map(baselineOutcomes.map((o) => [o.itemId, o]));
  const answerOf = (itemId: string, target: 'candidate' | 'baseline'): { answer?: string } => {
    const answer = report.answers?.[itemId]?.[target];
    return answer !== undefined ? { answer } : {};
  };
  let paired = 0;
  const diffs: BehaviourDiff[] = [];
  for (const c of report.outcomes.candidate) {
    const b = baseline.get(c.itemId);
    if (!b) continue;
    paired++;
    if (b.passed === c.passed) continue;
    diffs.push({
      itemId: c.itemId,
      category: c.category,
      mutator: c.mutator ?? null,
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
