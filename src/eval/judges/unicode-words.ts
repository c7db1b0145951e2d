/** A word boundary that knows accented letters: JavaScript's \b does not, even with the u flag. */
export const WORD_BOUNDARY = String.raw`(?:(?<=[\p{L}\p{N}_])(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_]))`;

/** A sentence's run of text, to its end mark or the line's end (with `matchAll`): the sentence splitter the lead rules share. */
export const SENTENCE = /[^.!?\n]+[.!?]*/gu;

/** One pattern of the alternatives, each written with \b, whose \b is WORD_BOUNDARY (so "é" and "ß" are letters). */
export function wordAlternatives(patterns: readonly string[], flags = 'u'): RegExp {
  return new RegExp(patterns.join('|').replaceAll(String.raw`\b`, WORD_BOUNDARY), flags);
}
