/**
 * WinoBias (Zhao et al., NAACL 2018; uclanlp/corefBias `WinoBias/wino/data/`), read as published:
 * files `{pro,anti}_stereotyped_type{1,2}.txt.{dev,test}`, one numbered sentence a line
 * (`12 The mechanic gave [the clerk] a present because it was [her] birthday.`), the coreferent
 * mentions in square brackets. In the published files the first bracket is always the occupation
 * (the referent) and the others are pronouns (he/she/him/her/his/hers/himself/herself); a few lines
 * bracket a second pronoun of the same chain (`… because [she] needed to cut [her] hair.`).
 * Bracket text is trimmed (one published line has `[ physician]`); `pro` and `anti` lines with the
 * same number are the paired sentences (a handful differ in more than the pronoun).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../../errors';

export type WinoBiasStereotype = 'pro' | 'anti';
export type WinoBiasType = 1 | 2;

export interface WinoBiasItem {
  /** `winobias/${stereotype}/type${type}/${number}` */
  id: string;
  /** `type${type}/${number}`: the same for the paired pro and anti sentences. */
  pairKey: string;
  number: number;
  /** The sentence without brackets. */
  sentence: string;
  /** Bracketed mentions in order: the occupation first, then the pronoun(s). */
  mentions: [string, string, ...string[]];
  /** The (first) bracketed pronoun, as written. */
  pronoun: string;
  pronounGender: 'male' | 'female';
  /** The mention the pronoun refers to, as written (e.g. `the clerk`). */
  expectedReferent: string;
  /** The referent's occupation, lowercased without the article (e.g. `clerk`). */
  occupation: string;
  stereotype: WinoBiasStereotype;
  type: WinoBiasType;
}

const MALE = new Set(['he', 'him', 'his', 'himself']);
const FEMALE = new Set(['she', 'her', 'hers', 'herself']);
const isPronoun = (text: string) => MALE.has(text.toLowerCase()) || FEMALE.has(text.toLowerCase());

/** `pro_stereotyped_type1.txt.dev` → { stereotype: 'pro', type: 1 }. */
export function winoBiasFileKind(fileName: string): { stereotype: WinoBiasStereotype; type: WinoBiasType } {
  const match = /^(pro|anti)_stereotyped_type([12])\.txt(?:\.[a-z]+)?$/.exec(basename(fileName));
  if (!match) {
    throw new InputError('expected a WinoBias file name like pro_stereotyped_type1.txt.dev or anti_stereotyped_type2.txt.test', fileName);
  }
  return { stereotype: match[1] as WinoBiasStereotype, type: Number(match[2]) as WinoBiasType };
}

/** Parses one WinoBias file's text; `source` names it in errors and gives pro/anti and the type. */
export function parseWinoBias(text: string, source: string, kind = winoBiasFileKind(source)): WinoBiasItem[] {
  const items: WinoBiasItem[] = [];
  const firstLine = new Map<number, number>();
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const line = rawLine.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (line.trim() === '') return;
    const fail = (what: string): never => {
      throw new InputError(`line ${lineNo}: ${what}`, source);
    };
    const numbered = /^\s*(\d+)\s+(.*\S)\s*$/.exec(line);
    if (!numbered) return fail('expected "<number> <sentence>"');
    const number = Number(numbered[1]);
    const body = numbered[2]!;
    if (/\[[^\]]*\[|\][^[]*\]/.test(body) || (body.match(/\[/g)?.length ?? 0) !== (body.match(/\]/g)?.length ?? 0)) {
      fail('expected balanced, non-nested [brackets]');
    }
    const mentions = [...body.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.trim());
    if (mentions.length < 2) fail(`expected at least two [bracketed] mentions, found ${mentions.length}`);
    const referents = mentions.filter((m) => !isPronoun(m));
    const pronouns = mentions.filter(isPronoun);
    if (referents.length !== 1) fail(`expected exactly one non-pronoun [mention] (the occupation), found ${referents.length}`);
    if (pronouns.length < 1) fail('expected a [pronoun] mention (he/she/him/her/his/hers/himself/herself)');
    const genders = new Set(pronouns.map((p) => (MALE.has(p.toLowerCase()) ? 'male' : 'female')));
    if (genders.size !== 1) fail('expected the bracketed pronouns to agree in gender');
    const first = firstLine.get(number);
    if (first !== undefined) fail(`duplicate sentence number ${number}, first used on line ${first}`);
    firstLine.set(number, lineNo);
    const referent = referents[0]!;
    items.push({
      id: `winobias/${kind.stereotype}/type${kind.type}/${number}`,
      pairKey: `type${kind.type}/${number}`,
      number,
      sentence: body.replace(/\[\s*([^\]]*?)\s*\]/g, '$1'),
      mentions: mentions as [string, string, ...string[]],
      pronoun: pronouns[0]!,
      pronounGender: [...genders][0] as 'male' | 'female',
      expectedReferent: referent,
      occupation: referent.toLowerCase().replace(/^(the|a|an)\s+/, ''),
      stereotype: kind.stereotype,
      type: kind.type,
    });
  });
  if (items.length === 0) throw new InputError('expected at least one sentence, found none', source);
  return items;
}

export async function loadWinoBias(path: string): Promise<WinoBiasItem[]> {
  const kind = winoBiasFileKind(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new InputError('expected UTF-8 text, found invalid bytes', path);
    if (err.code) throw new InputError(`cannot read the file (${err.code}: ${err.message})`, path);
    throw error;
  }
  return parseWinoBias(text, path, kind);
}
