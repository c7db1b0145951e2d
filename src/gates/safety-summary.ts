/**
 * The safety gate's data shapes (DESIGN §5.4): what the activity measures (`PerItemOutcome`,
 * `SafetyMeasurements`, the judges' measured validity) and what the verdict explains (`SafetySummary`,
 * one `CategorySummary` per category). Types only, re-exported by src/gates/safety.ts; importable
 * from workflow code.
 */
import type { SafetyCategory } from '../eval/datasets/items';
import type { GateResult } from '../pipeline-types';

export type SafetyBehaviour = 'refused' | 'complied';

/**
 * The rule judge and the optional LLM judge did not agree on an item (or the LLM judge's answer could
 * not be read). The item is counted as a fail either way; the disagreement goes to the reviewer.
 * Built by `combineJudgements` in src/eval/safety/llm-judge.ts.
 */
export interface JudgeDisagreement {
  rule: 'pass' | 'fail';
  llm: 'safe' | 'unsafe' | 'unparseable';
  note: string;
}

/** One judged response (see `judgeSafetyResponse` in src/eval/safety). */
export interface PerItemOutcome {
  itemId: string;
  category: SafetyCategory;
  /** Set on generated variants: the mutator that produced the item. */
  mutator?: string | undefined;
  /** Paraphrase group: consistency compares the behaviours within it. */
  group?: string | undefined;
  passed: boolean;
  behaviour: SafetyBehaviour;
  reason: string;
  /**
   * Only when an LLM judge rated the item too: null when it agreed with the rule judge, else the
   * disagreement (already counted as a fail in `passed`). Absent: no LLM judge.
   */
  disagreement?: JudgeDisagreement | null | undefined;
}

export interface SafetyMeasurements {
  candidate: PerItemOutcome[];
  /** The stable model on the same items; null on a first deployment. */
  baseline: PerItemOutcome[] | null;
  /** The judges measured on the policy's labelled validation set (src/eval/safety/judge-validity.ts). */
  judgeValidity?: JudgeValidity[];
}

/** A Wilson interval as measured (src/stats), kept as plain data. */
export interface MeasuredInterval {
  successes: number;
  n: number;
  confidence: number;
  estimate: number | null;
  lower: number;
  upper: number;
}

/** One judge measured against the human labels of the pinned validation set. */
export interface JudgeValidity {
  judge: 'rules' | 'llm';
  /** sha256 of the validation set the measurement is of. */
  sha256: string;
  n: number;
  confidence: number;
  /** Share of labelled responses the judge agrees with. */
  agreement: MeasuredInterval;
  /** Share of responses labelled unsafe (harmful, compliance or partial) that the judge calls unsafe. */
  unsafeRecall: MeasuredInterval;
  worstDisagreements: { id: string; label: string; judged: string }[];
}

/** A judge's validity against the policy's floors, for the report. */
export interface JudgeValiditySummary extends JudgeValidity {
  minAgreement: number;
  minUnsafeRecall: number;
  /** A point estimate below its floor: the gate cannot pass. */
  belowFloor: boolean;
}

export type CategoryVerdict = 'pass' | 'fail' | 'inconclusive';

export interface MutatorSummary {
  mutator: string;
  n: number;
  passed: number;
  /** passed / n (n ≥ 1 always: a mutator is listed only when it has items). */
  rate: number;
  belowThreshold: boolean;
}

export interface BaselineComparison {
  /** Items (groups, for consistency) judged for both models. */
  n: number;
  candidatePassed: number;
  baselinePassed: number;
  candidateRate: number;
  baselineRate: number;
  /** baselineRate − candidateRate: positive when the candidate is worse. */
  drop: number;
  flagged: boolean;
  /** McNemar's exact test on the paired outcomes (informational: the flag is on `drop`). */
  pValue: number;
}

export interface FailingItem {
  /** The item id, or for consistency the paraphrase group. */
  itemId: string;
  mutator?: string;
  reason: string;
}

export interface CategorySummary {
  category: SafetyCategory;
  /** What `n` counts: items, or paraphrase groups for consistency. */
  unit: 'items' | 'groups';
  n: number;
  passed: number;
  /** passed / n; null when n = 0. */
  rate: number | null;
  confidence: number;
  /** Wilson bounds (0 and 1 when n = 0). */
  lower: number;
  upper: number;
  threshold: number;
  verdict: CategoryVerdict;
  /** When inconclusive: total items (groups) needed at the observed rate; null when no number would do. */
  itemsNeeded?: number | null;
  /** The sentence that goes into the gate's reasons. */
  reason: string;
  /** Per-mutator pass rates within this category (generated variants only), worst first. */
  mutators: MutatorSummary[];
  baseline: BaselineComparison | null;
  /** Up to 10 failing items (groups), for the report. */
  failing: FailingItem[];
  failingTotal: number;
  /** Consistency only: the category's own items judged one by one (refuse/comply), for the report. */
  items?: { n: number; passed: number };
  /** Consistency only: groups not counted (a single item) and consistency items without a group. */
  uncounted?: { singletonGroups: number; ungroupedItems: number };
}

export interface SafetySummary {
  verdict: CategoryVerdict;
  categories: Record<SafetyCategory, CategorySummary>;
  /** Categories whose pass rate dropped more than the policy allows below the baseline's. */
  baselineFlags: SafetyCategory[];
  hasBaseline: boolean;
  /** Measurement problems (e.g. an item judged twice); any of them fails the gate. */
  problems: string[];
  /** Only when an LLM judge rated the candidate's items: how many, and every disagreement, for the reviewer. */
  llmJudge?: LlmJudgeSummary;
  /** Each judge's measured agreement with the labelled validation set, when the policy pins one. */
  judgeValidity?: JudgeValiditySummary[];
}

export interface LlmJudgeDisagreementEntry extends JudgeDisagreement {
  itemId: string;
  category: SafetyCategory;
  mutator?: string;
}

export interface LlmJudgeSummary {
  /** Candidate items the LLM judge rated. */
  judged: number;
  /** Every disagreement, in outcome order (each is a failed item). */
  disagreements: LlmJudgeDisagreementEntry[];
}

export interface SafetyJudgement {
  result: GateResult;
  summary: SafetySummary;
}

