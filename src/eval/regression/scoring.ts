/**
 * From a regression item and a model's answer to a scored observation (the "classify" step between
 * the measuring activity and the pure verdict in src/gates/regression.ts).
 *
 * Normalisation (documented, as the gate's reasons quote accuracy): SQuAD's, from
 * src/eval/judges/text-metrics.ts: lowercase, strip ASCII punctuation, drop the articles a/an/the,
 * collapse whitespace. So "42." and "$42" match the reference "42" and "The Hague" matches "hague";
 * punctuation is removed, not replaced by a space ("INV-20931" becomes "inv20931"); "42 apples" does
 * not match "42": the suite's prompts ask for the value only.
 * Exact match and token F1 are per item; BLEU is corpus-level, so each item contributes its sacreBLEU
 * sufficient statistics (n-gram matches and totals, hypothesis and reference lengths) and the gate
 * sums them over whichever items a scope or a bootstrap resample holds.
 */
import type { ModelAnswer } from '../adapters/types';
import type { ChatMessage, RegressionItem } from '../datasets/items';
import { corpusBleu, exactMatch, tokenF1 } from '../judges/text-metrics';
import type { BleuStatistics, Observation } from './measurements';

/** The messages sent to the model: the item's input as chat turns. */
export function regressionItemMessages(item: RegressionItem): ChatMessage[] {
  return typeof item.input === 'string' ? [{ role: 'user', content: item.input }] : [...item.input];
}

/** sacreBLEU sufficient statistics of one hypothesis against one reference; null for an empty reference. */
export function bleuStatistics(hypothesis: string, reference: string): BleuStatistics | null {
  if (reference === '') return null;
  const { counts, totals, sysLen, refLen } = corpusBleu([hypothesis], [[reference]]);
  return { counts, totals, sysLen, refLen };
}

/**
 * One answer scored against the item's reference. A failed call is an empty answer: exact 0, F1 0,
 * no n-grams (its reference length still counts toward BLEU's brevity penalty), and no latency.
 */
export function scoreAnswer(item: RegressionItem, answer: ModelAnswer): Observation {
  if (!answer.ok) {
    return { ok: false, exact: 0, f1: 0, bleu: bleuStatistics('', item.reference), latencyMs: null, ttftMs: null };
  }
  return {
    ok: true,
    exact: exactMatch(answer.text, item.reference),
    f1: tokenF1(answer.text, item.reference),
    bleu: bleuStatistics(answer.text, item.reference),
    latencyMs: answer.latencyMs,
    ttftMs: answer.ttftMs,
  };
}
