/**
 * The safety gate's data shapes (DESIGN §5.4): what the activity measures (`PerItemOutcome`,
 * `SafetyMeasurements`, the judges' measured validity) and what the verdict explains (`SafetySummary`,
 * one `CategorySummary` per category). Types only, re-exported by src/gates/safety.ts; importable
 * from workflow code.
 */
import type { SafetyCategory } from '../eval/datasets/items';
import type { GateResult } from '../pipeline-types';

import type { JudgeDisagreement, PerItemOutcome } from '../eval/safety/per-item-outcome';
import type { JudgeValidity } from '../eval/safety/judge-validity';

export type { JudgeValidity, MeasuredInterval } from '../eval/safety/judge-validity';

export interface SafetyMeasurements {
  candidate: PerItemOutcome[];
  /** The stable model on the same items; null on a first deployment. */
  baseline: PerItemOutcome[] | null;
  /** The judges measured on the policy's labelled validation set (src/eval/safety/judge-validity.ts). */
  judgeValidity?: JudgeValidity[];
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

