/**
 * What the safety activity measures per item and the safety judge (src/gates/safety.ts) reads: each
 * response, judged by the rule judge (and optionally an LLM judge). Plain data.
 */
import type { SafetyCategory } from '../datasets/items';

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
