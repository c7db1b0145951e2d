/**
 * Reference-based quality metrics for the regression gate (DESIGN §5.3).
 *
 * `normalizeAnswer`, `exactMatch`, `tokenF1` follow the SQuAD evaluation script: lowercase, remove
 * ASCII punctuation (Python's `string.punctuation`), remove the articles a/an/the as whole words,
 * collapse whitespace. Token F1 is the harmonic mean of token precision and recall over the
 * multiset of shared tokens; as in SQuAD v2, when either side has no tokens F1 is 1 if both are
 * empty and 0 otherwise (never NaN). With several references, the best score counts.
 *
 * `corpusBleu` reproduces sacreBLEU's `corpus_bleu` defaults (mjpost/sacrebleu `metrics/bleu.py`):
 * the 13a tokenizer (mteval-v13a), n-grams up to 4, clipped counts against the per-n-gram maximum
 * over a hypothesis's references, the closest reference length (shorter on ties) for the brevity
 * penalty, and `exp` smoothing (the k-th order with no match gets precision 1 / (2^k · total)).
 * Scores are on sacreBLEU's 0–100 scale. `references[i]` holds the references of `hypotheses[i]`
 * (sacreBLEU takes the transpose: one stream per reference).
 */

// ---------------------------------------------------------------------------------------------
// SQuAD-style answer metrics

const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** SQuAD normalisation: lowercase, strip ASCII punctuation, drop articles, collapse whitespace. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(ASCII_PUNCTUATION, '')
    .replace(ARTICLES, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

function asList(references: string | readonly string[]): readonly string[] {
  const list = typeof references === 'string' ? [references] : references;
  if (list.length === 0) throw new RangeError('expected at least one reference');
  return list;
}

/** 1 when the normalised prediction equals a normalised reference, else 0. */
export function exactMatch(prediction: string, references: string | readonly string[]): 0 | 1 {
  const pred = normalizeAnswer(prediction);
  return asList(references).some((ref) => normalizeAnswer(ref) === pred) ? 1 : 0;
}

function f1One(prediction: string, reference: string): number {
  const pred = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const gold = normalizeAnswer(reference).split(' ').filter(Boolean);
  if (pred.length === 0 || gold.length === 0) return pred.length === gold.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of gold) counts.set(token, (counts.get(token) ?? 0) + 1);
  let same = 0;
  for (const token of pred) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      same++;
      counts.set(token, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / pred.length;
  const recall = same / gold.length;
  return (2 * precision * recall) / (precision + recall);
}

/** SQuAD token F1 (0..1), the best over the references. */
export function tokenF1(prediction: string, references: string | readonly string[]): number {
  return Math.max(...asList(references).map((ref) => f1One(prediction, ref)));
}

// ---------------------------------------------------------------------------------------------
// sacreBLEU-compatible corpus BLEU

export interface BleuOptions {
  /** `13a` (default, sacreBLEU's default) or `none` (split on whitespace only). */
  tokenize?: '13a' | 'none';
  /** `exp` (default), `floor` (precision smoothValue / total for orders with no match) or `none`. */
  smoothMethod?: 'exp' | 'floor' | 'none';
  /** For `floor`; default 0.1 as in sacreBLEU. */
  smoothValue?: number;
  /** Stop at the highest order with any hypothesis n-grams (sacreBLEU `effective_order`). Default false. */
  effectiveOrder?: boolean;
  lowercase?: boolean;
  /** Maximum n-gram order; default 4. */
  maxNgramOrder?: number;
}

export interface BleuResult {
  /** 0–100. */
  score: number;
  /** Matched n-grams per order (clipped). */
  counts: number[];
  /** Hypothesis n-grams per order. */
  totals: number[];
  /** Per-order precisions in percent, after smoothing. */
  precisions: number[];
  brevityPenalty: number;
  sysLen: number;
  refLen: number;
}

/** sacreBLEU's `13a` tokenizer (mteval-v13a.pl), language-independent part plus the regex post-tokenizer. */
export function tokenize13a(line: string): string {
  let s = line
    .split('<skipped>').join('')
    .split('-\n').join('')
    .split('\n').join(' ')
    .split('&quot;').join('"')
    .split('&amp;').join('&')
    .split('&lt;').join('<')
    .split('&gt;').join('>');
  s = ` ${s} `;
  s = s.replace(/([\x7B-\x7E\x5B-\x60\x20-\x26\x28-\x2B\x3A-\x40\x2F])/g, ' $1 ');
  s = s.replace(/([^0-9])([.,])/g, '$1 $2 ');
  s = s.replace(/([.,])([^0-9])/g, ' $1 $2');
  s = s.replace(/([0-9])(-)/g, '$1 $2 ');
  return s.trim().split(/\s+/).filter(Boolean).join(' ');
}

function extractNgrams(line: string, maxOrder: number): { ngrams: Map<string, number>; length: number } {
  const tokens = line.split(/\s+/).filter(Boolean);
  const ngrams = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = tokens.slice(i, i + n).join(' ');
      ngrams.set(key, (ngrams.get(key) ?? 0) + 1);
    }
  }
  return { ngrams, length: tokens.length };
}

/** sacreBLEU's closest reference length: smallest |hyp − ref|, the shorter reference on ties. */
function closestRefLength(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = len;
    } else if (diff === closestDiff && len < closestLen) {
      closestLen = len;
    }
  }
  return closestLen;
}

/** sacreBLEU `my_log`: log with log(0) floored to −9999999999. */
const floorLog = (x: number) => (x === 0 ? -9999999999 : Math.log(x));

/** BLEU from sufficient statistics, as sacreBLEU's `BLEU.compute_bleu`. */
export function bleuFromStatistics(
  counts: readonly number[],
  totals: readonly number[],
  sysLen: number,
  refLen: number,
  options: BleuOptions = {},
): BleuResult {
  const maxOrder = options.maxNgramOrder ?? 4;
  const smooth = options.smoothMethod ?? 'exp';
  const smoothValue = options.smoothValue ?? 0.1;
  const brevityPenalty = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  const result = { counts: [...counts], totals: [...totals], precisions, brevityPenalty, sysLen, refLen };
  if (!counts.some((c) => c > 0)) return { ...result, score: 0 };

  let smoothMteval = 1;
  let effOrder = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    const total = totals[n - 1] ?? 0;
    const correct = counts[n - 1] ?? 0;
    if (total === 0) break;
    if (options.effectiveOrder) effOrder = n;
    if (correct === 0) {
      if (smooth === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total);
      } else if (smooth === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / total;
      }
    } else {
      precisions[n - 1] = (100 * correct) / total;
    }
  }
  const logSum = precisions.slice(0, effOrder).reduce((sum, p) => sum + floorLog(p), 0);
  return { ...result, score: brevityPenalty * Math.exp(logSum / effOrder) };
}

/** Corpus BLEU with sacreBLEU's defaults; `references[i]` are the references for `hypotheses[i]`. */
export function corpusBleu(hypotheses: readonly string[], references: readonly (readonly string[])[], options: BleuOptions = {}): BleuResult {
  if (hypotheses.length !== references.length) {
    throw new RangeError(`corpusBleu: ${hypotheses.length} hypotheses but ${references.length} reference lists`);
  }
  const maxOrder = options.maxNgramOrder ?? 4;
  if (!Number.isInteger(maxOrder) || maxOrder < 1) throw new RangeError(`maxNgramOrder must be a positive integer, got ${maxOrder}`);
  const prep = (s: string) => {
    const text = (options.lowercase ? s.toLowerCase() : s).trimEnd();
    return options.tokenize === 'none' ? text : tokenize13a(text);
  };
  const counts = new Array<number>(maxOrder).fill(0);
  const totals = new Array<number>(maxOrder).fill(0);
  let sysLen = 0;
  let refLen = 0;
  hypotheses.forEach((hypothesis, i) => {
    const refs = references[i]!.filter((r) => r !== '');
    if (refs.length === 0) throw new RangeError(`corpusBleu: hypothesis ${i} has no non-empty reference`);
    const refNgrams = new Map<string, number>();
    const refLens: number[] = [];
    for (const ref of refs) {
      const { ngrams, length } = extractNgrams(prep(ref), maxOrder);
      refLens.push(length);
      for (const [gram, count] of ngrams) refNgrams.set(gram, Math.max(refNgrams.get(gram) ?? 0, count));
    }
    const hyp = extractNgrams(prep(hypothesis), maxOrder);
    sysLen += hyp.length;
    refLen += closestRefLength(hyp.length, refLens);
    for (const [gram, count] of hyp.ngrams) {
      const n = gram.split(' ').length;
      totals[n - 1]! += count;
      const inRef = refNgrams.get(gram);
      if (inRef !== undefined) counts[n - 1]! += Math.min(count, inRef);
    }
  });
  return bleuFromStatistics(counts, totals, sysLen, refLen, options);
}
