import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../../src/errors';
import { createOpenAiChatAdapter } from '../../../../src/eval/adapters/openai-chat';
import type { ModelAnswer, TargetName } from '../../../../src/eval/adapters/types';
import { readResponses, ResponsesFileError, runEvaluation } from '../../../../src/eval/runner';
import { delay, startServer, streamWords } from '../adapters/http-fixture';

interface Item {
  id: string;
  prompt: string;
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gatehouse-runner-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const makeItems = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: `item-${String(i).padStart(4, '0')}`, prompt: `prompt ${i}` }));

const answerFor = (target: TargetName, item: Item): ModelAnswer => ({ ok: true, text: `${target}:${item.id}`, latencyMs: 1, ttftMs: 0.5, status: 200 });

/** Fake targets that log every call (target, item) and count calls in flight. */
function fakeTargets(options: { delayMs?: number | ((n: number) => number); answer?: (target: TargetName, item: Item) => ModelAnswer; names?: TargetName[] } = {}) {
  const log: Array<[TargetName, string]> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const names = options.names ?? ['candidate', 'baseline'];
  const targets = names.map((name) => ({
    name,
    call: async (item: Item): Promise<ModelAnswer> => {
      const n = log.push([name, item.id]);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const wait = typeof options.delayMs === 'function' ? options.delayMs(n) : (options.delayMs ?? 0);
      if (wait > 0) await delay(wait);
      else await Promise.resolve();
      inFlight--;
      return (options.answer ?? answerFor)(name, item);
    },
  }));
  return {
    targets,
    log,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

function keysOf(records: Array<{ itemId: string; target: string }>): string[] {
  return records.map((r) => `${r.itemId}/${r.target}`);
}

function allKeys(items: Item[], names: TargetName[] = ['baseline', 'candidate']): string[] {
  return items.flatMap((item) => names.map((name) => `${item.id}/${name}`)).sort();
}

describe('runEvaluation', () => {
  it('records one answer per (item, target) in responses.jsonl and returns the sha256 of the bytes stored', async () => {
    const outputDir = join(await tempDir(), 'runs', 'r1', 'safety'); // created
    const items = makeItems(25);
    const fake = fakeTargets();
    const run = await runEvaluation({ items, targets: fake.targets, concurrency: 4, checkpointEvery: 10, outputDir });
    expect(run).toMatchObject({ responsesPath: join(outputDir, 'responses.jsonl'), total: 25, resumed: 0, calls: 50, failures: 0 });
    const bytes = readFileSync(run.responsesPath);
    expect(run.responsesDigest).toBe(createHash('sha256').update(bytes).digest('hex'));
    const lines = bytes.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(50);
    expect(Object.keys(lines[0])).toEqual(['itemId', 'target', 'answer']);
    const records = await readResponses(run.responsesPath, { expectedDigest: run.responsesDigest });
    expect(keysOf(records)).toEqual(allKeys(items)); // sorted by (itemId, target)
    for (const record of records) expect(record.answer).toEqual(answerFor(record.target, items.find((i) => i.id === record.itemId)!));
    expect(JSON.parse(readFileSync(join(outputDir, 'checkpoint.json'), 'utf8'))).toEqual({ completed: 25, bytes: bytes.length });
  });

  it('calls the targets of an item back to back, alternating which goes first (concurrency 1)', async () => {
    const items = makeItems(6);
    const fake = fakeTargets();
    await runEvaluation({ items, targets: fake.targets, concurrency: 1, checkpointEvery: 2, outputDir: await tempDir() });
    expect(fake.log).toEqual(
      items.flatMap((item, i) =>
        i % 2 === 0
          ? [['candidate', item.id], ['baseline', item.id]]
          : [['baseline', item.id], ['candidate', item.id]],
      ),
    );
  });

  it('dispatches in item order under concurrency, so both targets of an item start within one concurrency window', async () => {
    const items = makeItems(200);
    const fake = fakeTargets({ delayMs: (n) => (n * 7) % 5 });
    await runEvaluation({ items, targets: fake.targets, concurrency: 8, checkpointEvery: 50, outputDir: await tempDir() });
    const position = new Map<string, number[]>();
    fake.log.forEach(([, id], i) => position.set(id, [...(position.get(id) ?? []), i]));
    for (const [, [a, b]] of position) expect(Math.abs(b! - a!)).toBe(1);
  });

  it('never has more than `concurrency` calls in flight (counted on the server), and fills every slot', async () => {
    const server = await startServer(async (_req, res) => {
      await delay(5);
      streamWords(res, ['ok']);
    });
    const candidate = createOpenAiChatAdapter({ baseUrl: server.url, connections: 5, timeoutMs: 5_000 });
    const baseline = createOpenAiChatAdapter({ baseUrl: server.url, connections: 5, timeoutMs: 5_000 });
    try {
      const items = makeItems(60);
      const chat = (adapter: typeof candidate) => (item: Item) => adapter.chat({ messages: [{ role: 'user', content: item.prompt }] });
      const run = await runEvaluation({
        items,
        targets: [
          { name: 'candidate', call: chat(candidate) },
          { name: 'baseline', call: chat(baseline) },
        ],
        concurrency: 5,
        checkpointEvery: 20,
        outputDir: await tempDir(),
      });
      expect(run.calls).toBe(120);
      expect(server.requests).toHaveLength(120);
      expect(server.maxInFlight).toBe(5);
      const records = await readResponses(run.responsesPath);
      expect(records.every((r) => r.answer.ok && r.answer.text === 'ok')).toBe(true);
    } finally {
      await candidate.close();
      await baseline.close();
      await server.close();
    }
  });

  it('keeps only `concurrency` calls pending for a 5,000-item list (a worker pool, not a promise per item)', async () => {
    const items = makeItems(5_000);
    const fake = fakeTargets({ names: ['candidate'] });
    const run = await runEvaluation({ items, targets: fake.targets, concurrency: 3, checkpointEvery: 1_000, outputDir: await tempDir() });
    expect(run.calls).toBe(5_000);
    expect(fake.maxInFlight).toBe(3);
  });

  it('reports progress in items (done, total, resumed), ending at total', async () => {
    const items = makeItems(10);
    const seen: Array<{ done: number; total: number; resumed: number }> = [];
    await runEvaluation({ items, targets: fakeTargets().targets, concurrency: 2, checkpointEvery: 3, outputDir: await tempDir(), onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ done: 0, total: 10, resumed: 0 });
    expect(seen[seen.length - 1]).toEqual({ done: 10, total: 10, resumed: 0 });
    expect(seen.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('records a model failure (ok:false) as an answer and counts it in failures, across a resume too', async () => {
    const items = makeItems(8);
    const outputDir = await tempDir();
    const failing = (target: TargetName, item: Item): ModelAnswer =>
      target === 'candidate' && item.id.endsWith('3') ? { ok: false, error: 'HTTP 503: overloaded', errorKind: 'http', latencyMs: 2, status: 503, attempts: 3 } : answerFor(target, item);
    const first = await runEvaluation({ items, targets: fakeTargets({ answer: failing }).targets, concurrency: 2, checkpointEvery: 2, outputDir });
    expect(first.failures).toBe(1);
    const again = await runEvaluation({ items, targets: fakeTargets({ answer: failing }).targets, concurrency: 2, checkpointEvery: 2, outputDir });
    expect(again).toMatchObject({ calls: 0, resumed: 8, failures: 1, responsesDigest: first.responsesDigest });
  });
});

describe('runEvaluation: resume', () => {
  it('resumes after an abort: the rerun calls only what is missing, and every answer is on disk exactly once', async () => {
    const items = makeItems(100);
    const outputDir = await tempDir();
    const controller = new AbortController();
    const first = fakeTargets({ delayMs: 1 });
    let started = 0;
    const abortingTargets = first.targets.map((target) => ({
      name: target.name,
      call: (item: Item) => {
        if (++started === 57) controller.abort(new Error('worker shutting down'));
        return target.call(item);
      },
    }));
    await expect(
      runEvaluation({ items, targets: abortingTargets, concurrency: 4, checkpointEvery: 10, outputDir, signal: controller.signal }),
    ).rejects.toThrow('worker shutting down');
    const firstCalls = first.log.length;
    expect(firstCalls).toBeGreaterThanOrEqual(57);
    expect(firstCalls).toBeLessThanOrEqual(57 + 4); // no new call after the abort
    const onDisk = readFileSync(join(outputDir, 'responses.jsonl'), 'utf8').trimEnd().split('\n');
    expect(onDisk).toHaveLength(firstCalls); // calls in flight finished and were recorded

    const second = fakeTargets();
    const run = await runEvaluation({ items, targets: second.targets, concurrency: 4, checkpointEvery: 10, outputDir });
    expect(run.calls).toBe(200 - firstCalls);
    expect(run.resumed).toBeGreaterThanOrEqual(Math.floor((firstCalls - 4) / 2));
    expect(firstCalls + run.calls).toBeLessThanOrEqual(items.length * 2 + 10 * 2);
    expect(keysOf(await readResponses(run.responsesPath, { expectedDigest: run.responsesDigest }))).toEqual(allKeys(items));
  });

  it('after a power loss (the file cut back to the last checkpoint) repeats at most the work since that checkpoint', async () => {
    const items = makeItems(100);
    const outputDir = await tempDir();
    const checkpointPath = join(outputDir, 'checkpoint.json');
    const controller = new AbortController();
    const fake = fakeTargets({ delayMs: 4 });
    let started = 0;
    let lastCheckpoint: { completed: number; bytes: number } | undefined;
    const targets = fake.targets.map((t) => ({
      name: t.name,
      call: (item: Item) => {
        if (++started === 131) {
          // The power goes out here: what survives is what the last checkpoint fsynced.
          lastCheckpoint = JSON.parse(readFileSync(checkpointPath, 'utf8'));
          controller.abort();
        }
        return t.call(item);
      },
    }));
    await expect(runEvaluation({ items, targets, concurrency: 4, checkpointEvery: 10, outputDir, signal: controller.signal })).rejects.toThrow();
    // A checkpoint had reached the disk before the crash (the first is asked for at item 10, the crash comes after item 63 started).
    expect(lastCheckpoint!.completed).toBeGreaterThanOrEqual(10);
    truncateSync(join(outputDir, 'responses.jsonl'), lastCheckpoint!.bytes);
    const kept = readFileSync(join(outputDir, 'responses.jsonl'), 'utf8').trimEnd().split('\n').length;
    expect(kept).toBeGreaterThanOrEqual(lastCheckpoint!.completed * 2);

    const rerun = fakeTargets();
    const run = await runEvaluation({ items, targets: rerun.targets, concurrency: 4, checkpointEvery: 10, outputDir });
    expect(run.calls).toBe(200 - kept);
    const repeated = fake.log.length + run.calls - 200;
    expect(repeated).toBeGreaterThan(0);
    // At most the calls since the last checkpoint that reached the disk: nothing it recorded is asked again. How far that
    // checkpoint trails the crash depends on how long its fsync took while calls went on (on a loaded machine, more than one
    // interval: 51 calls were repeated once against a bound of 48), so the bound is the checkpoint's own count, not a time.
    expect(repeated).toBeLessThanOrEqual(fake.log.length - lastCheckpoint!.completed * 2);
    expect(repeated).toBeLessThan(fake.log.length);
    expect(keysOf(await readResponses(run.responsesPath))).toEqual(allKeys(items));
  });

  it('tolerates a torn last line: cuts it off and asks that pair again', async () => {
    const items = makeItems(5);
    const outputDir = await tempDir();
    const path = join(outputDir, 'responses.jsonl');
    const line = (target: TargetName, item: Item) => `${JSON.stringify({ itemId: item.id, target, answer: answerFor(target, item) })}\n`;
    writeFileSync(path, line('candidate', items[0]!) + line('baseline', items[0]!) + line('baseline', items[1]!));
    appendFileSync(path, line('candidate', items[1]!).slice(0, 30)); // the crash hit mid-append
    const fake = fakeTargets();
    const run = await runEvaluation({ items, targets: fake.targets, concurrency: 2, checkpointEvery: 2, outputDir });
    expect(run).toMatchObject({ resumed: 1, calls: 7 });
    expect(fake.log).toContainEqual(['candidate', items[1]!.id]);
    expect(fake.log).not.toContainEqual(['baseline', items[1]!.id]);
    expect(keysOf(await readResponses(path, { expectedDigest: run.responsesDigest }))).toEqual(allKeys(items));
  });

  it('refuses a responses file with a corrupt line in the middle, an unknown item, or a duplicate (fail closed)', async () => {
    const items = makeItems(3);
    const good = (item: Item, target: TargetName = 'candidate') => `${JSON.stringify({ itemId: item.id, target, answer: answerFor(target, item) })}\n`;
    const cases = [
      good(items[0]!) + '{"itemId": "item-0001", broken\n' + good(items[2]!),
      good(items[0]!) + `${JSON.stringify({ itemId: 'not-in-this-dataset', target: 'candidate', answer: answerFor('candidate', items[0]!) })}\n`,
      good(items[0]!) + good(items[0]!),
      `${JSON.stringify({ itemId: items[0]!.id, target: 'candidate', answer: { ok: 'yes' } })}\n`,
    ];
    for (const content of cases) {
      const outputDir = await tempDir();
      writeFileSync(join(outputDir, 'responses.jsonl'), content);
      const fake = fakeTargets();
      await expect(runEvaluation({ items, targets: fake.targets, concurrency: 1, checkpointEvery: 1, outputDir })).rejects.toThrow(ResponsesFileError);
      expect(fake.log).toHaveLength(0);
    }
  });

  it('stops on a call that throws (a bug, not a model failure), keeping what completed on disk', async () => {
    const items = makeItems(20);
    const outputDir = await tempDir();
    let n = 0;
    const targets = [{ name: 'candidate' as const, call: async (item: Item) => {
      if (++n === 8) throw new Error('adapter bug');
      await delay(1);
      return answerFor('candidate', item);
    } }];
    await expect(runEvaluation({ items, targets, concurrency: 2, checkpointEvery: 5, outputDir })).rejects.toThrow('adapter bug');
    const lines = readFileSync(join(outputDir, 'responses.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.length).toBeLessThanOrEqual(8);
  });

  it('refuses an answer that is not an answer, instead of storing it', async () => {
    const items = makeItems(2);
    const targets = [{ name: 'candidate' as const, call: async () => ({ ok: true, text: 42 }) as unknown as ModelAnswer }];
    await expect(runEvaluation({ items, targets, concurrency: 1, checkpointEvery: 1, outputDir: await tempDir() })).rejects.toThrow(/not an answer/);
  });

  it('does nothing on an already aborted signal', async () => {
    const outputDir = join(await tempDir(), 'never');
    const fake = fakeTargets();
    await expect(runEvaluation({ items: makeItems(2), targets: fake.targets, concurrency: 1, checkpointEvery: 1, outputDir, signal: AbortSignal.abort() })).rejects.toThrow();
    expect(fake.log).toHaveLength(0);
    expect(existsSync(outputDir)).toBe(false);
  });

  it('refuses bad options with an InputError', async () => {
    const outputDir = await tempDir();
    const { targets } = fakeTargets();
    const base = { items: makeItems(2), targets, concurrency: 1, checkpointEvery: 1, outputDir };
    await expect(runEvaluation({ ...base, concurrency: 0 })).rejects.toThrow(InputError);
    await expect(runEvaluation({ ...base, checkpointEvery: 1.5 })).rejects.toThrow(InputError);
    await expect(runEvaluation({ ...base, targets: [] })).rejects.toThrow(InputError);
    await expect(runEvaluation({ ...base, targets: [targets[0]!, targets[0]!] })).rejects.toThrow(InputError);
    await expect(runEvaluation({ ...base, items: [{ id: 'a', prompt: '' }, { id: 'a', prompt: '' }] })).rejects.toThrow(/used twice/);
  });
});

describe('readResponses', () => {
  it('refuses a file whose bytes do not match the digest, and a torn last line', async () => {
    const items = makeItems(3);
    const outputDir = await tempDir();
    const run = await runEvaluation({ items, targets: fakeTargets().targets, concurrency: 1, checkpointEvery: 1, outputDir });
    await expect(readResponses(run.responsesPath, { expectedDigest: 'f'.repeat(64) })).rejects.toThrow(/does not match its digest/);
    appendFileSync(run.responsesPath, '{"itemId":');
    await expect(readResponses(run.responsesPath)).rejects.toThrow(/incomplete/);
  });
});
