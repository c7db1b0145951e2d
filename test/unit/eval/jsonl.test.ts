import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../../src/errors';
import { loadJsonlDataset, parseJsonl } from '../../../src/eval/datasets/jsonl';
import { regressionItemSchema, safetyItemSchema } from '../../../src/eval/datasets/items';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-jsonl-'));
let fileCount = 0;
function writeDataset(content: string | Buffer): string {
  const path = join(dir, `dataset-${++fileCount}.jsonl`);
  writeFileSync(path, content);
  return path;
}

const safety = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, input: `request ${id}`, category: 'harmful_content', expected: 'refuse', ...extra });

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

async function rejectionOf(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loadJsonlDataset', () => {
  it('streams items, hashes the exact file bytes and counts by field', async () => {
    const text = [safety('a', { group: 'g1' }), '', safety('b', { category: 'jailbreak', group: 'g1' }), '   ', safety('c'), ''].join('\n');
    const path = writeDataset(text);
    const dataset = await loadJsonlDataset(path, safetyItemSchema);
    expect(dataset.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(dataset.lines).toEqual([1, 3, 5]);
    expect(dataset.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(dataset.countsBy('category')).toEqual({ harmful_content: 2, jailbreak: 1 });
    expect(dataset.countsBy('group')).toEqual({ g1: 2, '(none)': 1 });
  });

  it('counts array fields by element', async () => {
    const line = (id: string, slices?: string[]) => JSON.stringify({ id, input: 'q', reference: 'r', capability: 'qa', ...(slices ? { slices } : {}) });
    const dataset = await loadJsonlDataset(writeDataset([line('1', ['de', 'long']), line('2', ['de']), line('3')].join('\n')), regressionItemSchema);
    expect(dataset.countsBy('slices')).toEqual({ de: 2, long: 1, '(none)': 1 });
  });

  it('accepts CRLF line endings, a byte order mark and a last line without a newline', async () => {
    const text = `\uFEFF${safety('a')}\r\n${safety('b')}`;
    const dataset = await loadJsonlDataset(writeDataset(text), safetyItemSchema);
    expect(dataset.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(dataset.sha256).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
  });

  it('names the file, the line number, the field path and the expectation for a bad item', async () => {
    const path = writeDataset([safety('a'), '', safety('b', { expected: 'maybe' })].join('\n'));
    const error = await rejectionOf(loadJsonlDataset(path, safetyItemSchema));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/line 3: expected: .*"refuse"/);
  });

  it('names the line of invalid JSON and of a line that is not an object', async () => {
    const error = await rejectionOf(loadJsonlDataset(writeDataset([safety('a'), '{"id": "b",', '[1,2]'].join('\n')), safetyItemSchema));
    expect(error.message).toMatch(/line 2: expected one JSON object, got invalid JSON/);
    expect(error.message).toMatch(/line 3: expected one JSON object, got an array/);
  });

  it('names the nested path of a bad chat message', async () => {
    const bad = JSON.stringify({ id: 'x', input: [{ role: 'user', content: 'hi' }, { role: 'robot', content: 'x' }], category: 'jailbreak', expected: 'refuse' });
    const error = await rejectionOf(loadJsonlDataset(writeDataset(bad), safetyItemSchema));
    expect(error.message).toMatch(/line 1: input/);
  });

  it('rejects an unknown (misspelt) key', async () => {
    const error = await rejectionOf(loadJsonlDataset(writeDataset(safety('a', { expcted: 'refuse' })), safetyItemSchema));
    expect(error.message).toMatch(/line 1: .*expcted/);
  });

  it('reports a duplicate id naming both lines', async () => {
    const error = await rejectionOf(loadJsonlDataset(writeDataset([safety('a'), safety('b'), safety('a')].join('\n')), safetyItemSchema));
    expect(error.message).toMatch(/line 3: id: duplicate id "a", first used on line 1/);
  });

  it('lists every bad line, up to twenty, and counts the rest', async () => {
    const lines = Array.from({ length: 25 }, (_, k) => safety(`i${k}`, { category: 'nope' }));
    const error = await rejectionOf(loadJsonlDataset(writeDataset(lines.join('\n')), safetyItemSchema));
    expect(error.message).toContain('line 1: category');
    expect(error.message).toContain('line 20: category');
    expect(error.message).not.toContain('line 21: category');
    expect(error.message).toContain('and 5 more problems');
  });

  it('refuses an empty or blank file', async () => {
    const error = await rejectionOf(loadJsonlDataset(writeDataset('\n  \n'), safetyItemSchema));
    expect(error.message).toMatch(/expected at least one item/);
  });

  it('refuses invalid UTF-8 and a missing file as InputErrors', async () => {
    const bad = Buffer.concat([Buffer.from(`${safety('a')}\n`), Buffer.from([0xff, 0xfe, 0x0a])]);
    expect((await rejectionOf(loadJsonlDataset(writeDataset(bad), safetyItemSchema))).message).toMatch(/UTF-8/);
    expect((await rejectionOf(loadJsonlDataset(join(dir, 'missing.jsonl'), safetyItemSchema))).message).toMatch(/ENOENT/);
  });

  it('finds lines correctly across stream chunk boundaries (large file)', async () => {
    const lines = Array.from({ length: 3000 }, (_, k) => safety(`item-${k}`, { group: `g${k % 7}` }));
    const dataset = await loadJsonlDataset(writeDataset(lines.join('\n') + '\n'), safetyItemSchema);
    expect(dataset.items).toHaveLength(3000);
    expect(dataset.lines[2999]).toBe(3000);
    expect(dataset.countsBy('group').g0).toBe(429);
  });
});

describe('parseJsonl', () => {
  it('gives the same items and digest as the streaming loader', async () => {
    const text = [safety('a'), safety('b')].join('\n') + '\n';
    const parsed = parseJsonl(text, safetyItemSchema, 'inline.jsonl');
    const loaded = await loadJsonlDataset(writeDataset(text), safetyItemSchema);
    expect(parsed.items).toEqual(loaded.items);
    expect(parsed.sha256).toBe(loaded.sha256);
  });

  it('names the source and line for any single corrupted line among valid ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 7 }), fc.constantFrom('{', '"text"', '{"id": 3}', 'null', '{"id":"x","input":""}'), (count, at, junk) => {
        const lines = Array.from({ length: count }, (_, k) => safety(`i${k}`));
        const index = at % count;
        lines[index] = junk;
        const error = errorOf(() => parseJsonl(lines.join('\n'), safetyItemSchema, 'fuzz.jsonl'));
        expect(error.message.startsWith('fuzz.jsonl: ')).toBe(true);
        expect(error.message).toContain(`line ${index + 1}:`);
      }),
    );
  });
});
