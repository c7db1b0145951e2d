/** A word boundary that knows accented letters: JavaScript's \b does not, even with the u flag. */
export const WORD_BOUNDARY = String.raw`(?:(?<=[\p{L}\p{N}_])(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_]))`;

/** A sentence's run of text, to its end mark or the line's end (with `matchAll`): the sentence splitter the lead rules share. */
export const SENTENCE = /[^.!?\n]+[.!?]*/gu;

/** One pattern of the alternatives, each written with \b, whose \b is WORD_BOUNDARY (so "é" and "ß" are letters). */
export function wordAlternatives(patterns: readonly string[], flags = 'u'): RegExp {
  return new RegExp(patterns.join('|').replaceAll(String.raw`\b`, WORD_BOUNDARY), flags);
}

/** A sentence of the normalised text, and where it starts in it. */
export interface Sentence {
  index: number;
  text: string;
}

/** Sentences from `from` on: split after . ! ? before a space, and at line breaks. */
export function sentencesFrom(norm: string, from: number): Sentence[] {
  const out: Sentence[] = [];
  const ends = /[.!?]+["')]?(?=\s)|\n+/g;
  ends.lastIndex = from;
  let start = from;
  for (let m = ends.exec(norm); m !== null; m = ends.exec(norm)) {
    out.push({ index: start, text: norm.slice(start, m.index + m[0].length) });
    start = m.index + m[0].length;
  }
  if (start < norm.length) out.push({ index: start, text: norm.slice(start) });
  return out.filter((s) => s.text.trim() !== '').map((s) => {
    const lead = /^\s*/.exec(s.text)![0].length;
    return { index: s.index + lead, text: s.text.slice(lead) };
  });
}
