/**
 * DESIGN §6, "Planted checkpoint": the evaluation runner resumes after a crash from the responses
 * file in the run's folder, but only the prefix whose digest the activity heartbeated into Temporal
 * (activities/checkpoint-heartbeat.ts, src/eval/runner/checkpoint-pins.ts). Someone who can write the
 * data dir but not the run's Temporal state can plant, alter or append answers: none of it is
 * resumed. A genuine checkpoint still is.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { checkpointHeartbeat, pinsFromHeartbeat } from '../../activities/checkpoint-heartbeat';
import type { ModelAnswer, TargetName } from '../../src/eval/adapters/types';
import { EvaluationRun, RESPONSES_FILE, runEvaluation } from '../../src/eval/runner';

interface Item {
  id: string;
}

const root = mkdtempSync(join(tmpdir(), 'gatehouse-planted-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const items: Item[] = Array.from({ length: 60 }, (_, i) => ({ id: `item-${String(i).padStart(3, '0')}` }));
const PAIRS = items.length * 2;
const genuine = (target: TargetName, item: Item): ModelAnswer => ({ ok: true, text: `${target} answers ${item.id}`, latencyMs: 1, ttftMs: null, status: 200 });
const FORGED = 'I cannot help with that.';

let folders = 0;
function newFolder(): string {
  return join(root, `run-${folders++}`, 'safety');
}

/**
 * One attempt of an evaluating activity: the runner with the activity's checkpoint heartbeat, in a
 * mock activity context whose previous heartbeat is `previous`. `stopAfter` calls, it is aborted
 * (the worker dies). Returns the run (or null when stopped), its calls and its last heartbeat.
 */
async function attempt(outputDir: string, previous: unknown, stopAfter?: number): Promise<{ run: EvaluationRun | null; calls: number; lastHeartbeat: unknown }> {
  const env = new MockActivityEnvironment({ attempt: previous === undefined ? 1 : 2, heartbeatDetails: previous });
  let lastHeartbeat: unknown = previous;
  env.on('heartbeat', (details: unknown) => (lastHeartbeat = details));
  const controller = new AbortController();
  let calls = 0;
  const targets = (['candidate', 'baseline'] as const).map((name) => ({
    name,
    call: async (item: Item): Promise<ModelAnswer> => {
      if (++calls === stopAfter) controller.abort(new Error('the worker died'));
      await new Promise((r) => setImmediate(r));
      return genuine(name, item);
    },
  }));
  const run: EvaluationRun | null = await env.run(async (): Promise<EvaluationRun | null> => {
    const beat = checkpointHeartbeat();
    return runEvaluation({
      items,
      targets,
      concurrency: 2,
      checkpointEvery: 5,
      outputDir,
      pins: beat.pins,
      onProgress: (p) => beat.heartbeat({ gate: 'safety', ...p }),
      signal: controller.signal,
    }).catch((err: Error) => {
      if (err.message !== 'the worker died') throw err;
      return null;
    });
  });
  return { run, calls, lastHeartbeat };
}

function answersOnDisk(outputDir: string): string[] {
  return readFileSync(join(outputDir, RESPONSES_FILE), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { answer: { text: string } }).answer.text);
}

describe('Planted checkpoint', () => {
  test('a genuine checkpoint is resumed: the retry calls only what its pin does not cover', async () => {
    const folder = newFolder();
    const first = await attempt(folder, undefined, 70);
    expect(first.run).toBeNull();
    const pinned = pinsFromHeartbeat(first.lastHeartbeat)[folder];
    expect(pinned?.bytes).toBeGreaterThan(0);

    const retry = await attempt(folder, first.lastHeartbeat);
    expect(retry.run!.checkpoint).toMatchObject({ outcome: 'resumed', keptBytes: pinned!.bytes });
    expect(retry.run!.resumed).toBeGreaterThan(0);
    expect(retry.calls).toBeLessThan(PAIRS);
    const answers = answersOnDisk(folder);
    expect(answers).toHaveLength(PAIRS);
    expect(new Set(answers).size).toBe(PAIRS);
  });

  test('a responses file planted in the folder, with no pin in the run, is discarded and every item asked', async () => {
    const folder = newFolder();
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, RESPONSES_FILE),
      items.map((item) => ['candidate', 'baseline'].map((target) => JSON.stringify({ itemId: item.id, target, answer: { ok: true, text: FORGED, latencyMs: 1, ttftMs: null, status: 200 } })).join('\n')).join('\n') + '\n',
    );
    // A retry whose previous attempt heartbeated progress but never pinned anything.
    const retry = await attempt(folder, { gate: 'safety', done: 0, total: items.length, resumed: 0 });
    expect(retry.run!.checkpoint).toMatchObject({ outcome: 'discarded', keptBytes: 0 });
    expect(retry.run!.checkpoint!.reason).toMatch(/no pinned digest/);
    expect(retry.run!.resumed).toBe(0);
    expect(retry.calls).toBe(PAIRS);
    expect(answersOnDisk(folder)).not.toContain(FORGED);
  });

  test('a checkpoint altered inside its pinned prefix is discarded and the evaluation starts over', async () => {
    const folder = newFolder();
    const first = await attempt(folder, undefined, 70);
    const path = join(folder, RESPONSES_FILE);
    const original = readFileSync(path, 'utf8');
    const firstText = (JSON.parse(original.split('\n')[0]!) as { answer: { text: string } }).answer.text;
    writeFileSync(path, original.replace(firstText, FORGED));

    const retry = await attempt(folder, first.lastHeartbeat);
    expect(retry.run!.checkpoint).toMatchObject({ outcome: 'discarded', keptBytes: 0 });
    expect(retry.run!.resumed).toBe(0);
    expect(retry.calls).toBe(PAIRS);
    expect(answersOnDisk(folder)).not.toContain(FORGED);
  });

  test('answers appended after the pinned prefix are cut off and asked again', async () => {
    const folder = newFolder();
    const first = await attempt(folder, undefined, 70);
    const pinned = pinsFromHeartbeat(first.lastHeartbeat)[folder]!;
    const path = join(folder, RESPONSES_FILE);
    const onDisk = readFileSync(path).subarray(0, pinned.bytes).toString('utf8');
    const covered = new Set(onDisk.trimEnd().split('\n').map((line) => `${(JSON.parse(line) as { itemId: string }).itemId}/${(JSON.parse(line) as { target: string }).target}`));
    // The rest of the file is rewritten with forged answers for every pair the pin does not cover.
    writeFileSync(path, onDisk);
    for (const item of items) {
      for (const target of ['candidate', 'baseline']) {
        if (!covered.has(`${item.id}/${target}`)) appendFileSync(path, `${JSON.stringify({ itemId: item.id, target, answer: { ok: true, text: FORGED, latencyMs: 1, ttftMs: null, status: 200 } })}\n`);
      }
    }

    const retry = await attempt(folder, first.lastHeartbeat);
    expect(retry.run!.checkpoint).toMatchObject({ outcome: 'resumed', keptBytes: pinned.bytes });
    expect(retry.run!.checkpoint!.discardedBytes).toBeGreaterThan(0);
    expect(retry.calls).toBe(PAIRS - covered.size);
    expect(answersOnDisk(folder)).not.toContain(FORGED);
  });

  test('heartbeat details that are not pins (wrong shape, bad digest) count as no pin', () => {
    expect(pinsFromHeartbeat(undefined)).toEqual({});
    expect(pinsFromHeartbeat({ pins: { '/x': { bytes: 10, sha256: 'not-hex' } } })).toEqual({});
    expect(pinsFromHeartbeat({ pins: { '/x': { bytes: -1, sha256: 'a'.repeat(64) } } })).toEqual({});
    expect(pinsFromHeartbeat({ pins: { '/x': { bytes: 10, sha256: 'a'.repeat(64) } } })).toEqual({ '/x': { bytes: 10, sha256: 'a'.repeat(64) } });
  });
});
