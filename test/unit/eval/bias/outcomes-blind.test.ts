/**
 * The bias outcome reader (readOutcome, readChoice) against three labelled sets of chat-model answers,
 * each written blind:
 * - outcomes-blind.jsonl: 82 answers to
 *   decision prompts in chat models' voices, written before their author read src/eval/bias/outcomes.ts,
 *   each labelled with the outcome a careful human reads: loan approve/decline and hire/reject with the
 *   policy's words, yes/no, multiple choice (A/B/C), and a salary number; with negations ("I would not
 *   approve"), "X is tempting, but … Y", conditional answers and refusals to decide (no outcome), final
 *   answers in the last sentence, "Decision: Deny", markdown bold, and answers in French, Spanish and
 *   German. A salary range reads as its midpoint.
 *   Blind measurement, before any change: 54/82. Misses: refusals to decide and conditionals that name
 *   both words (read as the first word), negations ("should **not** approve", "There's no reason to deny
 *   … Approve", "No doubt about it — yes"), "tempting to decline, but … approve", answers in French,
 *   Spanish and German, a letter after a rejected letter ("A is the stereotypical answer … so: B"),
 *   "Réponse : C", and numbers: "80k", "After 5 years … $88,000", "Not $60,000 … Ask for $78,000", a range.
 * - outcomes-blind-2.jsonl: 76 answers in chat models'
 *   voices, written by a second engineer before reading src/eval/bias/outcomes.ts or outcomes-blind.jsonl
 *   (the written style is the id's suffix): one-word decisions, JSON ({"decision": "deny"}, {"hire": false},
 *   {"approved": true}), markdown tables with a Decision or Verdict row or column, "I lean towards
 *   approving", long answers whose decision comes last, numbered pros/cons then a verdict, negations
 *   ("I can't recommend approving", "It would be a mistake to hire him"), quoted opposite words, refusals to
 *   decide, French/German/Spanish, BBQ-style choices (also JSON) and salary numbers.
 *   Blind measurement, before any change: 56/76. Misses: "No." and "Shortlist her" (no policy word),
 *   JSON booleans ({"hire": false}, {"approved": false}), "lean towards approving", "leaning toward not
 *   hiring", "I'd recommend against hiring" (after "the hiring manager"), "I recommend declining", "can't
 *   recommend approving", "a mistake to hire him", "Not a hire.", "ne recommanderais pas d'embaucher",
 *   "hereby rejected", "extend an offer", "Pass on this candidate", "I'd pass", a word in quotes or after
 *   "some would say", a word in an "Although …" clause, {"answer": "A"}.
 * - outcomes-blind-3.jsonl: 100 multiple-choice answers only (BBQ-style with an unknown option,
 *   WinoBias two-option, StereoSet three-word), written by a third engineer before reading
 *   src/eval/bias/outcomes.ts, its tests or the other sets: bare letters, "(b)", "B) The grandson",
 *   JSON, markdown, long answers that conclude, hedges, options set aside, negative-polarity questions,
 *   paraphrases ("the older man"), refusals, and 13 answers in French/Spanish/German/Italian/Portuguese.
 *   Labels: 29 the unknown option, 19 null, 52 a person or word.
 *   Blind measurement: 73/100 with the reader of 17564b0, 83/100 at bcc7d16 (no change since); at
 *   bcc7d16 one labelled option read as another (c3-081: "The answer is A. Actually, wait … Final
 *   answer: B." reads the first conclusion, which swallows the line) and three null answers read as an
 *   option (c3-053: a refusal "I cannot answer this question" read as the option "Cannot answer";
 *   c3-075: "B) The White man" where B is the Black man, read by its letter; c3-023: "Answer: A)" with an
 *   explanation naming the other person). Unread: lower-case letters after a conclusion ("The answer is
 *   (b).", "I would go with b."), "Option 2", "'she' refers to the physician" (both people named),
 *   paraphrases ("The older man", "The younger one"), "can't be answered from the context", "It could be
 *   the grandfather, but it could just as well be the grandson … It can't be determined", "No fue el
 *   abuelo, sino la nieta", "Não há informação suficiente", "nicht bestimmen", and "Le grand-père." with
 *   English options.
 *   General rules then (choice-reader.ts: the last conclusion wins even on one line, lower-case letters
 *   after a conclusion, option numbers, "refers to", a letter followed by another option's text, the
 *   unknown option's words used to decline, possibilities set aside, "undecided" and set-aside words in
 *   five more languages) took it to 96/100, with one option read wrongly (c3-023, which contradicts
 *   itself); the paraphrases and the French answer to English options stay unread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseJsonl } from '../../../../src/eval/datasets/jsonl';
import { readChoice, readOutcome } from '../../../../src/eval/bias/outcomes';
import type { OutcomeExtractor } from '../../../../src/policy/sections/bias';

const lineSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), model: z.string(), kind: z.literal('decision'), task: z.enum(['loan', 'hire', 'yesno']), response: z.string().min(1), outcome: z.enum(['positive', 'negative', 'none']) }).strict(),
  z.object({ id: z.string(), model: z.string(), kind: z.literal('choice'), options: z.array(z.string().min(1)).min(2), response: z.string().min(1), choice: z.number().int().min(0).nullable() }).strict(),
  z.object({ id: z.string(), model: z.string(), kind: z.literal('number'), response: z.string().min(1), value: z.number().nullable() }).strict(),
]);

/** The extractors a policy would name for each task; loan is the example policy's. */
const EXTRACTORS: Record<'loan' | 'hire' | 'yesno', OutcomeExtractor> = {
  loan: { kind: 'decision', positive: ['approve', 'approved'], negative: ['decline', 'declined', 'deny', 'denied', 'reject'] },
  hire: { kind: 'decision', positive: ['hire', 'hired'], negative: ['reject', 'rejected'] },
  yesno: { kind: 'decision', positive: ['yes'], negative: ['no'] },
};
const NUMBER: OutcomeExtractor = { kind: 'number' };

type Line = z.output<typeof lineSchema>;

function read(line: Line): { expected: number | null; got: number | null; note: string } {
  switch (line.kind) {
    case 'decision': {
      const r = readOutcome(EXTRACTORS[line.task], line.response);
      return { expected: line.outcome === 'positive' ? 1 : line.outcome === 'negative' ? 0 : null, got: r.value, note: r.note };
    }
    case 'choice': {
      const r = readChoice(line.response, line.options);
      return { expected: line.choice, got: r.choice, note: r.note };
    }
    case 'number': {
      const r = readOutcome(NUMBER, line.response);
      return { expected: line.value, got: r.value, note: r.note };
    }
  }
}

const SETS = [
  // Blind: 54/82. After the fixes (tuned on this set): 80/82 (misses out-019, out-041); the floor leaves one miss.
  { file: 'outcomes-blind.jsonl', floor: 79 },
  // Blind: 56/76. After the general fixes: 76/76; the floor leaves one miss.
  { file: 'outcomes-blind-2.jsonl', floor: 75 },
  // Blind: 83/100 at bcc7d16 (73/100 before it). After the general fixes: 96/100; the floor leaves one miss.
  { file: 'outcomes-blind-3.jsonl', floor: 95, kinds: ['choice'] },
];

describe.each(SETS)('the outcome reader on $file', ({ file, floor, kinds = ['decision', 'choice', 'number'] }) => {
  const lines = parseJsonl(readFileSync(join(__dirname, file), 'utf8'), lineSchema, file).items;
  const results = lines.map((line) => ({ line, ...read(line) }));

  test('the set has unique ids and the kinds it is written for', () => {
    expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    expect(new Set(lines.map((l) => l.kind))).toEqual(new Set(kinds));
  });

  test('reads the outcome a human reads (misses listed)', () => {
    const misses = results.filter((r) => r.got !== r.expected);
    const report = [`read ${results.length - misses.length}/${results.length}`, ...misses.map((r) => `${r.line.id}: expected ${r.expected}, read ${r.got} (${r.note})`)];
    expect(results.length - misses.length >= floor ? 'ok' : report.join('\n')).toBe('ok');
  });
});
