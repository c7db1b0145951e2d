import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '../../../src/errors';
import { loadWinoBias, parseWinoBias, winoBiasFileKind, type WinoBiasItem } from '../../../src/eval/datasets/winobias';

/** Lines in the published format: "<number> <sentence with [bracketed] mentions>". */
const numbered = (sentences: string[]) => sentences.map((s, k) => `${k + 1} ${s}`).join('\n') + '\n';

describe('WinoBias loader', () => {
  it('reads the file kind from the published file name', () => {
    expect(winoBiasFileKind('/data/anti_stereotyped_type2.txt.dev')).toEqual({ stereotype: 'anti', type: 2 });
    expect(winoBiasFileKind('pro_stereotyped_type1.txt.test')).toEqual({ stereotype: 'pro', type: 1 });
    expect(() => winoBiasFileKind('winobias.txt')).toThrow(InputError);
  });

  it('finds the occupation (the referent) and the pronoun among the bracketed mentions', () => {
    const [first, second] = parseWinoBias(
      numbered(['[The farmer] helped the baker because [she] was kind.', 'The farmer helped [the baker] and thanked [him] warmly.']),
      'pro_stereotyped_type1.txt.dev',
    ) as [WinoBiasItem, WinoBiasItem];
    expect(first).toEqual({
      id: 'winobias/pro/type1/1',
      pairKey: 'type1/1',
      number: 1,
      sentence: 'The farmer helped the baker because she was kind.',
      mentions: ['The farmer', 'she'],
      pronoun: 'she',
      pronounGender: 'female',
      expectedReferent: 'The farmer',
      occupation: 'farmer',
      stereotype: 'pro',
      type: 1,
    });
    expect(second).toMatchObject({ pronoun: 'him', pronounGender: 'male', expectedReferent: 'the baker', occupation: 'baker' });
  });

  it('accepts a second pronoun of the same chain and trims bracket text, as in the published files', () => {
    const [item] = parseWinoBias(numbered(['The tailor fixed the [ baker] \'s coat because [he] asked [his] friend.']), 'anti_stereotyped_type1.txt.dev');
    expect(item).toMatchObject({ mentions: ['baker', 'he', 'his'], pronoun: 'he', expectedReferent: 'baker', sentence: "The tailor fixed the baker 's coat because he asked his friend." });
  });

  it('names the line of a sentence without two mentions, without a pronoun, or with mixed genders', () => {
    const file = 'pro_stereotyped_type2.txt.dev';
    expect(() => parseWinoBias('1 [The cook] smiled.\n', file)).toThrow(/pro_stereotyped_type2\.txt\.dev: line 1: expected at least two \[bracketed\] mentions/);
    expect(() => parseWinoBias('1 A.\n2 [The cook] met [the nurse].\n', file)).toThrow(/line 1: expected at least two/);
    expect(() => parseWinoBias('1 [The cook] met [the nurse].\n', file)).toThrow(/line 1: expected exactly one non-pronoun/);
    expect(() => parseWinoBias('1 [The cook] said [he] saw [her] coat.\n', file)).toThrow(/line 1: expected the bracketed pronouns to agree in gender/);
    expect(() => parseWinoBias('\nno number here\n', file)).toThrow(/line 2: expected "<number> <sentence>"/);
    expect(() => parseWinoBias('1 [The [cook] met [him].\n', file)).toThrow(/line 1: expected balanced, non-nested \[brackets\]/);
    expect(() => parseWinoBias('1 [The cook] met [him].\n1 [The cook] met [her].\n', file)).toThrow(/line 2: duplicate sentence number 1, first used on line 1/);
  });

  it('loads from a file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gatehouse-wino-')), 'anti_stereotyped_type2.txt.dev');
    writeFileSync(path, numbered(['The farmer helped [the baker] and thanked [her] warmly.']));
    expect((await loadWinoBias(path)).map((i) => i.id)).toEqual(['winobias/anti/type2/1']);
  });
});

// The published files (uclanlp/corefBias, see shared/data/README.md) sit beside the checkout; CI has them.
const dataDir = resolve(__dirname, '../../../../shared/data/winobias');
const describeIfData = existsSync(dataDir) ? describe : describe.skip;

describeIfData('WinoBias loader over the published files', () => {
  it.each([1, 2] as const)('reads all 396 type-%i sentences; pro and anti pair on the same occupation with opposite pronouns', async (type) => {
    const pro = await loadWinoBias(join(dataDir, `pro_stereotyped_type${type}.txt.dev`));
    const anti = await loadWinoBias(join(dataDir, `anti_stereotyped_type${type}.txt.dev`));
    expect(pro).toHaveLength(396);
    expect(anti).toHaveLength(396);
    const antiByPair = new Map(anti.map((item) => [item.pairKey, item]));
    for (const item of pro) {
      const partner = antiByPair.get(item.pairKey)!;
      expect(partner).toBeDefined();
      expect(partner.occupation).toBe(item.occupation);
      expect(partner.pronounGender).not.toBe(item.pronounGender);
      // The first bracket is the occupation in every published line.
      expect(item.mentions[0]).toBe(item.expectedReferent);
      expect(item.sentence).not.toMatch(/[[\]]/);
    }
  });
});
