import fc from 'fast-check';
import { bleuFromStatistics, corpusBleu, exactMatch, normalizeAnswer, tokenF1, tokenize13a } from '../../../src/eval/judges/text-metrics';

/**
 * Expected BLEU values come from sacreBLEU itself (mjpost/sacrebleu):
 * - README "Using SacreBLEU from Python": `BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944
 *   hyp_len = 17 ref_len = 18)` for the dog/man example with its two reference streams;
 * - test/test_bleu.py: `test_corpus_bleu_cases` (48.530827 default and 13a, 49.1919566 with
 *   tokenize='none', 48.530827 with smooth_method='none', 0.0 for empty hypotheses),
 *   `test_raw_bleu_cases`, `test_case_effective_order`, `test_case_offset`, `test_case_statistics`,
 *   `test_case_scoring` and `test_bleu_max_order`.
 * sacreBLEU takes one stream per reference; ours takes the references of each hypothesis, so the
 * README's `refs` are transposed here.
 */
const refStreams = [
  ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
  ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
];
const perHypothesis = (streams: string[][]) => streams[0]!.map((_, i) => streams.map((s) => s[i]!));
const refs = perHypothesis(refStreams);
const hyps = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
/** sacreBLEU's `raw_corpus_bleu(sys, refs, smooth_value)`: no tokenisation, floor smoothing, effective order. */
const raw = (smoothValue?: number) => ({ tokenize: 'none' as const, smoothMethod: 'floor' as const, effectiveOrder: true, ...(smoothValue === undefined ? {} : { smoothValue }) });
const EPS = 1e-8;

describe('corpusBleu reproduces sacreBLEU', () => {
  it('matches the README example: 48.53 with precisions 82.4/50.0/45.5/37.5, BP 0.943, hyp_len 17, ref_len 18', () => {
    const bleu = corpusBleu(hyps, refs);
    expect(Math.abs(bleu.score - 48.530827)).toBeLessThan(1e-6);
    expect(bleu.precisions.map((p) => p.toFixed(1))).toEqual(['82.4', '50.0', '45.5', '37.5']);
    expect(bleu.brevityPenalty.toFixed(3)).toBe('0.943');
    expect(bleu.sysLen).toBe(17);
    expect(bleu.refLen).toBe(18);
  });

  it.each([
    ['tokenize none', { tokenize: 'none' as const }, 49.1919566],
    ['tokenize 13a', { tokenize: '13a' as const }, 48.530827],
    ['smooth none', { smoothMethod: 'none' as const }, 48.530827],
  ])('matches test_corpus_bleu_cases with %s', (_name, options, expected) => {
    expect(Math.abs(corpusBleu(hyps, refs, options).score - expected)).toBeLessThan(1e-6);
  });

  it('scores empty hypotheses 0 rather than dropping them', () => {
    const bleu = corpusBleu(['', '', ''], refs);
    expect(bleu.score).toBe(0);
    expect(bleu.sysLen).toBe(0);
  });

  it.each([
    [1, '77.65'],
    [2, '60.50'],
    [3, '53.93'],
    [4, '48.53'],
    [5, '46.14'],
    [6, '43.28'],
  ])('matches test_bleu_max_order for max n-gram order %i (%s)', (order, expected) => {
    expect(corpusBleu(hyps, refs, { maxNgramOrder: order }).score.toFixed(2)).toBe(expected);
  });

  it.each([
    [['this is a test', 'another test'], [['ref1'], ['ref2']], 0.0],
    [['this is a test'], [['this is a test']], 1.0],
    [['this is a fest'], [['this is a test']], 0.223606797749979],
    [['test'], [['a test']], 0.3678794411714425],
    [['a test'], [['a test']], 1.0],
    [['a little test'], [['a test']], 0.03218297948685433],
  ])('matches raw_corpus_bleu(%j) with floor 0.01 and effective order', (h, r, expected) => {
    expect(Math.abs(corpusBleu(h, r, raw(0.01)).score / 100 - expected)).toBeLessThan(EPS);
  });

  it('matches test_case_offset: floor 0 gives 0, the default floor 0.1 gives 0.1555722182', () => {
    const h = ['am I am a character sequence'];
    const r = [['I am a symbol string sequence a a']];
    expect(corpusBleu(h, r, raw(0)).score).toBe(0);
    expect(Math.abs(corpusBleu(h, r, raw()).score / 100 - 0.1555722182)).toBeLessThan(EPS);
  });

  it('matches test_case_statistics: counts [4,2,1,0] of totals [6,5,4,3]', () => {
    const bleu = corpusBleu(['am I am a character sequence'], [['I am a symbol string sequence a a']], raw(0.01));
    expect(bleu.counts).toEqual([4, 2, 1, 0]);
    expect(bleu.totals).toEqual([6, 5, 4, 3]);
  });

  it('matches test_case_scoring: statistics [9,7,5,3]/[10,8,6,4], lengths 11/11 give 0.8375922397', () => {
    expect(Math.abs(bleuFromStatistics([9, 7, 5, 3], [10, 8, 6, 4], 11, 11, { smoothMethod: 'none' }).score / 100 - 0.8375922397)).toBeLessThan(EPS);
  });

  it('returns 0, never NaN, for degenerate statistics (test_case_degenerate_stats)', () => {
    const cases: [number[], number[], number, number, number][] = [
      [[0, 0, 0, 0], [4, 4, 2, 1], 0, 1, 0.0],
      [[0, 0, 0, 0], [10, 11, 12, 0], 14, 10, 0.0],
      [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0.0],
      [[6, 5, 4, 0], [6, 5, 4, 3], 6, 6, 0.0],
      [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0.1],
      [[0, 0, 0, 0], [0, 0, 0, 0], 1, 5, 0.01],
    ];
    for (const [c, t, sys, ref, floor] of cases) {
      expect(bleuFromStatistics(c, t, sys, ref, { smoothMethod: 'floor', smoothValue: floor }).score).toBe(0);
    }
  });

  it('rejects mismatched lengths and hypotheses without references', () => {
    expect(() => corpusBleu(['a'], [])).toThrow(RangeError);
    expect(() => corpusBleu(['a'], [['']])).toThrow(/no non-empty reference/);
  });

  it('never returns NaN and stays within 0..100 for arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.array(fc.string({ minLength: 1 }).filter((s) => s !== ''), { minLength: 1, maxLength: 3 })), { maxLength: 5 }), (pairs) => {
        const bleu = corpusBleu(pairs.map(([h]) => h), pairs.map(([, r]) => r));
        expect(Number.isFinite(bleu.score)).toBe(true);
        expect(bleu.score).toBeGreaterThanOrEqual(0);
        expect(bleu.score).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });
});

describe('tokenize13a', () => {
  it('splits punctuation but keeps apostrophes, and keeps decimal points and thousands commas inside numbers', () => {
    expect(tokenize13a("It wasn't surprising.")).toBe("It wasn't surprising .");
    expect(tokenize13a('Pay $1,000.50 (now)!')).toBe('Pay $ 1,000.50 ( now ) !');
    expect(tokenize13a('AT&amp;T 3-4')).toBe('AT & T 3 - 4');
  });
});

describe('SQuAD answer metrics', () => {
  it('normalises by lowercasing, stripping punctuation and articles, collapsing whitespace', () => {
    expect(normalizeAnswer('  The Eiffel-Tower, in  Paris! ')).toBe('eiffeltower in paris');
    expect(normalizeAnswer('An apple a day')).toBe('apple day');
    expect(normalizeAnswer('theatre')).toBe('theatre');
  });

  it('exact match compares normalised answers and takes the best reference', () => {
    expect(exactMatch('the Paris.', 'Paris')).toBe(1);
    expect(exactMatch('Lyon', ['Paris', 'lyon!'])).toBe(1);
    expect(exactMatch('Paris, France', 'Paris')).toBe(0);
  });

  it('token F1 is the harmonic mean of token precision and recall (hand-computed)', () => {
    // pred tokens: [cat, sat, on, mat] (article dropped); gold: [cat, sat, on, red, mat, today]
    // shared 4 → precision 4/4, recall 4/6 → F1 = 2·1·(2/3)/(1 + 2/3) = 0.8
    expect(tokenF1('The cat sat on the mat', 'cat sat on the red mat today')).toBeCloseTo(0.8, 12);
    // multiset overlap: [yes, yes, no] vs [yes, no, no] share yes×1 + no×1 = 2 tokens; P = R = 2/3
    expect(tokenF1('yes yes no', 'yes no no')).toBeCloseTo(2 / 3, 12);
    expect(tokenF1('nothing shared', 'entirely different')).toBe(0);
  });

  it('token F1 is 1 when both sides are empty after normalisation and 0 when one is (SQuAD v2), never NaN', () => {
    expect(tokenF1('The.', 'a')).toBe(1);
    expect(tokenF1('', 'Paris')).toBe(0);
    expect(tokenF1('Paris', 'the')).toBe(0);
  });

  it('token F1 is within 0..1, symmetric, and 1 for identical text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const f = tokenF1(a, b);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
        expect(f).toBeCloseTo(tokenF1(b, a), 12);
        expect(tokenF1(a, a)).toBe(1);
      }),
    );
  });
});
