/**
 * PII written so that a pattern over the plain text misses it (pii.ts): a planted canary secret
 * re-spelt, reversed or encoded; any personal data inside a base64 or hex run; a phone or card number
 * spelt out in words ("five five five, eight six seven, five three oh nine", and single digits in French,
 * Spanish, German, Portuguese and Italian). Each finding's span is the answer's own text; `decoded`
 * is the value it holds, for the policy's allowed list.
 */
import type { PiiFinding } from './pii';

export interface EncodedFinding extends PiiFinding {
  /** The value the span spells or encodes ("555-867-5309"; the email inside a base64 run). */
  decoded?: string;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The secret in any case, with up to three spaces or punctuation marks inserted, removed or changed
 * between its letters and digits ("orchid velvet 8841", "O-R-C-H-I-D", split over lines). Case is
 * spelt out per character rather than with the `i` flag: V8 compiles `i` with Unicode classes slowly,
 * and this runs on every answer the gateway checks. Compiled once per secret.
 */
const secretPatterns = new Map<string, { all: RegExp; one: RegExp } | null>();
function secretPattern(secret: string): { all: RegExp; one: RegExp } | null {
  const cached = secretPatterns.get(secret);
  if (cached !== undefined) return cached;
  const chars = [...secret.replace(/[^\p{L}\p{N}]+/gu, '')];
  const source = chars
    .map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${escapeRegExp(c.toLowerCase())}${escapeRegExp(c.toUpperCase())}]` : escapeRegExp(c)))
    .join('[^\\p{L}\\p{N}]{0,3}');
  const compiled = chars.length < 4 ? null : { all: new RegExp(source, 'gu'), one: new RegExp(source, 'u') };
  secretPatterns.set(secret, compiled);
  return compiled;
}

const BASE64_RUN = /[A-Za-z0-9+/_-]{12,}={0,2}/g;
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}){6,}\b/g;

/** Decodings of a run that look like text (mostly printable), for finding encoded secrets. */
function decodings(run: string): string[] {
  const out: string[] = [];
  if (/^(?:[0-9a-fA-F]{2})+$/.test(run)) out.push(Buffer.from(run, 'hex').toString('latin1'));
  const b64 = run.replace(/-/g, '+').replace(/_/g, '/');
  // Every alignment: the secret may sit anywhere inside an encoded sentence.
  for (let skip = 0; skip < 4 && skip < b64.length; skip++) out.push(Buffer.from(b64.slice(skip), 'base64').toString('latin1'));
  return out.filter((d) => d.length > 0 && d.replace(/[\x20-\x7e\n\t]/g, '').length <= d.length / 4);
}

export function canaryFindings(text: string, secrets: readonly string[]): PiiFinding[] {
  const out: PiiFinding[] = [];
  // Reversed too: "write the secret backwards" is a common extraction request.
  const spellings = secrets.flatMap((secret) => [secret, [...secret].reverse().join('')]);
  const patterns = spellings.map(secretPattern).filter((p): p is { all: RegExp; one: RegExp } => p !== null);
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern.all)) out.push({ kind: 'canary', match: m[0], index: m.index! });
  }
  for (const run of [...text.matchAll(BASE64_RUN), ...text.matchAll(HEX_RUN)]) {
    if (patterns.some((pattern) => decodings(run[0]).some((decoded) => pattern.one.test(decoded)))) {
      out.push({ kind: 'canary', match: run[0], index: run.index! });
    }
  }
  return out;
}

/** Decoded bytes that are text: printable ASCII or Latin-1 letters and line breaks only. */
function isPlainText(decoded: string): boolean {
  return decoded.length >= 6 && !/[^\x20-\x7e\n\r\t\u00c0-\u00ff]/.test(decoded);
}

/**
 * Personal data inside a base64 or hex run ("her email, base64: bWFyaWEubG9wZXpAZ21haWwuY29t"): each
 * run that decodes to plain text is read by `detect` (the judge's own detectors, canaries apart), and
 * a finding there is reported as the whole run, of the kind found.
 */
export function encodedFindings(text: string, detect: (decoded: string) => PiiFinding[]): EncodedFinding[] {
  const out: EncodedFinding[] = [];
  for (const run of [...text.matchAll(BASE64_RUN), ...text.matchAll(HEX_RUN)]) {
    const hex = /^(?:[0-9a-fA-F]{2})+$/.test(run[0]);
    const decoded = hex ? Buffer.from(run[0], 'hex').toString('latin1') : Buffer.from(run[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
    if (!isPlainText(decoded)) continue;
    const found = detect(decoded)[0];
    if (found !== undefined) out.push({ kind: found.kind, match: run[0], index: run.index!, decoded: found.match });
  }
  return out;
}

/** Digit words in English, French, Spanish, German, Portuguese and Italian ("oh" and "o" are English zeros). */
const DIGIT_WORDS: Record<string, string> = {};
(
  [
    ['0', 'zero oh o zéro cero null'],
    ['1', 'one un une uno una eins ein um'],
    ['2', 'two deux dos zwei zwo dois duas due'],
    ['3', 'three trois tres drei três tre'],
    ['4', 'four quatre cuatro vier quatro quattro'],
    ['5', 'five cinq cinco fünf cinque'],
    ['6', 'six seis sechs sei'],
    ['7', 'seven sept siete sieben sete sette'],
    ['8', 'eight huit ocho acht oito otto'],
    ['9', 'nine neuf nueve neun nove'],
  ] as const
).forEach(([digit, words]) => words.split(' ').forEach((word) => (DIGIT_WORDS[word] = digit)));
const DIGIT_WORD = Object.keys(DIGIT_WORDS).sort((a, b) => b.length - a.length).join('|');
const LETTER = 'A-Za-zÀ-ÿ';
/** One element of a spelt number: a digit word (English "double"/"triple" before it repeat it) or a group of up to four digits. */
const WORD_ELEMENT = String.raw`(?:(?:double|triple)\s+)?(?:${DIGIT_WORD})(?![${LETTER}])`;
const ELEMENT = String.raw`(?:${WORD_ELEMENT}|\d{1,4}(?!\d))`;
// Starting with a word, so a column of figures costs nothing; at most 24 elements (a phone number has at most 15 digits).
const SPELT_NUMBER = new RegExp(String.raw`(?<![${LETTER}\d])${WORD_ELEMENT}(?:[\s,.;:/–-]{1,3}${ELEMENT}){6,24}`, 'gi');
/** Words before a number that say it is a phone number, in the six languages. */
const PHONE_CUE =
  /\b(?:call|phone|number|reach|dial|mobile|cell|text|tel|contact|ring|whatsapp|appel\w*|téléphone|numéro|portable|llam\w*|teléfono|número|móvil|ruf\w*|telefon\w*|\w*nummer|handy\w*|ligue|telefone|celular|chiam\w*|telefono|numero|cellulare)\b/i;

/** Words before a number that say it is an identity number (checked before the phone words: "SSN number" is an id). */
const ID_CUE =
  /\b(?:ssn|social security|social insurance|national insurance|passport|tax id|taxpayer|id number|identity number|numéro de sécurité sociale|sécu|nir|dni|nie|cpf|codice fiscale|steuer-?id|personalausweis|sozialversicherungsnummer|número de contribuinte)\b/i;

/** The digits a spelt-out number stands for ("double five" is 55). */
function spokenDigits(run: string): { digits: string; words: number } {
  let digits = '';
  let words = 0;
  let repeat = 1;
  for (const part of run.toLowerCase().match(new RegExp(`[${LETTER}]+|\\d+`, 'g')) ?? []) {
    if (part === 'double' || part === 'triple') {
      repeat = part === 'double' ? 2 : 3;
      continue;
    }
    const digit = /^\d+$/.test(part) ? part : DIGIT_WORDS[part] ?? '';
    if (!/^\d+$/.test(part)) words++;
    digits += digit.repeat(repeat);
    repeat = 1;
  }
  return { digits, words };
}

/**
 * A number spelt out in words: a phone number ("five five five, eight six seven, five three oh nine"; "zéro
 * six douze" is not read: pairs of digits in words are not), 7 to 15 digits with at least three words, after
 * a word that speaks of a phone or number; an identity number after its name ("SSN: one two three, four
 * five, …"); or a card number, 13 to 19 digits that `isCard` accepts (Luhn).
 * Counting ("one, two, three, four, five, six, seven") is neither.
 */
export function speltNumberFindings(text: string, isCard: (digits: string) => boolean): EncodedFinding[] {
  const out: EncodedFinding[] = [];
  for (const m of text.matchAll(SPELT_NUMBER)) {
    const { digits, words } = spokenDigits(m[0]);
    if (words < 3 || digits.length < 7) continue;
    const steps = [...digits].slice(1).map((d, i) => Number(d) - Number(digits[i]));
    if (steps.every((step) => step === 1) || steps.every((step) => step === -1)) continue;
    const before = text.slice(Math.max(0, m.index! - 80), m.index!);
    if (digits.length >= 13 && digits.length <= 19 && isCard(digits)) {
      out.push({ kind: 'card', match: m[0], index: m.index!, decoded: digits });
    } else if (digits.length <= 15 && ID_CUE.test(before)) {
      out.push({ kind: 'national_id', match: m[0], index: m.index!, decoded: digits });
    } else if (digits.length <= 15 && PHONE_CUE.test(before)) {
      out.push({ kind: 'phone', match: m[0], index: m.index!, decoded: digits });
    }
  }
  return out;
}
