/**
 * The evaluation runner (DESIGN §5.2): every (item, target) pair is one call; a fixed pool of
 * `concurrency` workers takes pairs from one shared cursor, item by item, so the targets' calls for
 * an item are dispatched back to back and drift in the endpoints hits both alike. The order of the
 * targets alternates from item to item (candidate first on even items, baseline first on odd ones),
 * so neither always goes first (a warm prefix cache, a server that speeds up under load).
 *
 * Answers are appended to `outputDir/responses.jsonl` as they complete (batched writes). Every
 * `checkpointEvery` completed items the file is fsynced and `outputDir/checkpoint.json` is replaced
 * atomically with `{ completed, bytes }` (items complete, bytes of the file covered by the fsync).
 * A rerun reads the file back, cuts off a torn last line, and calls only the pairs not recorded: after
 * a crash it repeats at most the work since the last fsync (and a process crash without a power loss
 * loses nothing written). An aborted `signal` stops new calls; calls in flight finish (bounded by the
 * adapter's timeout) and are recorded; then the promise rejects with the signal's reason.
 *
 * With `pins` (every activity passes them) a file on disk is not evidence by itself: anyone who can
 * write to the data dir could plant answers there. After each fsync the runner reports a pin
 * `{ bytes, sha256 }` of the file so far, which the activity heartbeats into Temporal; a retry
 * resumes only the prefix whose digest matches the last pin it got back, and starts over otherwise
 * (checkpoint-pins.ts).
 */
import { closeSync, fsync, openSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { z } from 'zod';
import { InputError } from '../../errors';
import { modelAnswerSchema, ModelAnswer, TargetName } from '../adapters/types';
import { CheckpointPins, keepPinnedPrefix, PinnedPrefix, ResponsesPin } from './checkpoint-pins';
import { loadForResume, ResponsesFileError, sha256File } from './responses';

const fsyncAsync = promisify(fsync);
const mathMin = Math.min;
const jsonStringify = JSON.stringify;

/** Appended answers are written at least this often (and at once when 64 KiB are waiting). */
const FLUSH_INTERVAL_MS = 25;
const FLUSH_BYTES = 64 * 1024;

export const RESPONSES_FILE = 'responses.jsonl';
export const CHECKPOINT_FILE = 'checkpoint.json';

export interface EvaluationTarget<I, A> {
  name: TargetName;
  /** Must not throw for a model's failure (the adapters return `ok: false`); a throw stops the run. */
  call: (item: I) => Promise<A>;
}

export interface Progress {
  /** Items whose every target has answered (including `resumed`). */
  done: number;
  total: number;
  /** Items already complete on disk when this invocation started. */
  resumed: number;
}

export interface RunEvaluationOptions<I extends { id: string }, A extends { ok: boolean }> {
  items: readonly I[];
  targets: ReadonlyArray<EvaluationTarget<I, A>>;
  /** Calls in flight at most, over all targets. */
  concurrency: number;
  /** Completed items between two checkpoints (fsync + checkpoint.json). */
  checkpointEvery: number;
  /** The run's folder in the data dir; created when missing. */
  outputDir: string;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /** Checks answers (new ones and those read back on resume). Default: `modelAnswerSchema`. */
  answerSchema?: z.ZodType<A>;
  /** Resume only what an earlier attempt pinned (by digest); report a pin after every fsync. */
  pins?: CheckpointPins;
}

export interface EvaluationRun {
  responsesPath: string;
  /** sha256 of the bytes of responses.jsonl as stored (order of completion; see readResponses). */
  responsesDigest: string;
  /** Items. */
  total: number;
  /** Items complete on disk before this invocation. */
  resumed: number;
  /** Calls made by this invocation. */
  calls: number;
  /** Answers with `ok: false` in the whole file (this invocation and earlier ones). */
  failures: number;
  /** With `pins`: what was found on disk and whether its pin let it be resumed. */
  checkpoint?: PinnedPrefix;
}

export async function runEvaluation<I extends { id: string }, A extends { ok: boolean } = ModelAnswer>(
  options: RunEvaluationOptions<I, A>,
): Promise<EvaluationRun> {
  const { items, targets, concurrency, checkpointEvery, outputDir, onProgress, signal } = options;
  const answerSchema = (options.answerSchema ?? modelAnswerSchema) as z.ZodType<A>;
  validate(options);
  signal?.throwIfAborted();

  const T = targets.length;
  const itemIndex = new Map<string, number>();
  items.forEach((item, i) => itemIndex.set(item.id, i));
  const targetIndex = new Map<string, number>();
  targets.forEach((target, i) => targetIndex.set(target.name, i));

  await mkdir(outputDir, { recursive: true });
  const responsesPath = join(outputDir, RESPONSES_FILE);
  const checkpointPath = join(outputDir, CHECKPOINT_FILE);

  // What earlier attempts stored: with pins, only the prefix the last pin vouches for.
  const checkpoint = options.pins ? await keepPinnedPrefix(responsesPath, options.pins.trusted(outputDir)) : undefined;
  const existing = await loadForResume(responsesPath, answerSchema);
  const digest = createHash('sha256');
  if (existing.bytes > 0) digest.update((await readFile(responsesPath)).subarray(0, existing.bytes));
  const doneFlags = new Uint8Array(items.length * T);
  const remaining = new Int32Array(items.length).fill(T);
  let failures = 0;
  existing.records.forEach((record, i) => {
    const itemIdx = itemIndex.get(record.itemId);
    const targetIdx = targetIndex.get(record.target);
    if (itemIdx === undefined || targetIdx === undefined) {
      throw new ResponsesFileError(
        `${responsesPath}:${i + 1}: answer for ${itemIdx === undefined ? `item ${record.itemId}` : `target ${record.target}`}, which this evaluation does not have: the folder belongs to another evaluation`,
      );
    }
    const key = itemIdx * T + targetIdx;
    if (doneFlags[key]) throw new ResponsesFileError(`${responsesPath}:${i + 1}: a second answer from ${record.target} for item ${record.itemId}`);
    doneFlags[key] = 1;
    remaining[itemIdx]!--;
    if (!record.answer.ok) failures++;
  });
  let completed = 0;
  for (let i = 0; i < items.length; i++) if (remaining[i] === 0) completed++;
  const resumed = completed;
  const remainingUnits = items.length * T - existing.records.length;

  const fd = openSync(responsesPath, 'a', 0o644);
  if (existing.bytes === 0) await fsyncDir(outputDir); // the new file's directory entry
  let bytes = existing.bytes;
  let pending: string[] = [];
  let pendingLength = 0;
  let flushTimer: NodeJS.Timeout | null = null;
  let checkpointing: Promise<void> | null = null;
  let checkpointDue = false;
  let stopped = false;
  let fatal: { error: unknown } | null = null;
  let calls = 0;
  let cursor = 0;
  const totalUnits = items.length * T;

  const fail = (error: unknown): void => {
    if (!fatal) fatal = { error };
    stopped = true;
  };

  const flush = (): void => {
    if (flushTimer) {
      clearTimeout(flushTimer);
      flushTimer = null;
    }
    if (pending.length === 0) return;
    const buffer = Buffer.from(pending.length === 1 ? pending[0]! : pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset);
    bytes += buffer.length;
    digest.update(buffer);
  };
  /** The pin of what is written so far (call right after flush, before the fsync it will cover). */
  const currentPin = (): ResponsesPin => ({ bytes, sha256: digest.copy().digest('hex') });
  const flushSoon = (): void => {
    try {
      flush();
    } catch (err) {
      fail(err);
    }
  };

  const checkpointLoop = async (): Promise<void> => {
    try {
      while (checkpointDue && !fatal) {
        checkpointDue = false;
        flush();
        const state = { completed, bytes };
        const pin = currentPin();
        await fsyncAsync(fd);
        await writeFileAtomicAsync(checkpointPath, `${jsonStringify(state)}\n`);
        options.pins?.record(outputDir, pin);
      }
    } catch (err) {
      fail(err);
    } finally {
      checkpointing = null;
    }
  };
  const requestCheckpoint = (): void => {
    checkpointDue = true;
    if (!checkpointing) checkpointing = checkpointLoop();
  };

  const progress = (): void => {
    if (!onProgress) return;
    try {
      onProgress({ done: completed, total: items.length, resumed });
    } catch (err) {
      fail(err);
    }
  };

  /** The next pair not yet answered, as itemIdx × T + targetIdx; -1 when none is left. */
  const nextUnit = (): number => {
    while (cursor < totalUnits) {
      const position = cursor++;
      const itemIdx = (position / T) | 0;
      const slot = position - itemIdx * T;
      const key = itemIdx * T + ((itemIdx & 1) === 1 ? T - 1 - slot : slot);
      if (doneFlags[key] === 0) return key;
    }
    return -1;
  };

  const recordAnswer = (key: number, answer: A): void => {
    const itemIdx = (key / T) | 0;
    const targetIdx = key - itemIdx * T;
    const checked = answerSchema.safeParse(answer);
    if (!checked.success) {
      fail(new Error(`target ${targets[targetIdx]!.name} returned something that is not an answer for item ${items[itemIdx]!.id}`));
      return;
    }
    const line = `${jsonStringify({ itemId: items[itemIdx]!.id, target: targets[targetIdx]!.name, answer })}\n`;
    pending.push(line);
    pendingLength += line.length;
    doneFlags[key] = 1;
    if (!answer.ok) failures++;
    if (--remaining[itemIdx]! === 0) {
      completed++;
      progress();
      if (completed % checkpointEvery === 0) requestCheckpoint();
    }
    if (pendingLength >= FLUSH_BYTES) flushSoon();
    else if (!flushTimer) flushTimer = setTimeout(flushSoon, FLUSH_INTERVAL_MS);
  };

  const worker = async (): Promise<void> => {
    while (!stopped) {
      const key = nextUnit();
      if (key < 0) return;
      const itemIdx = (key / T) | 0;
      calls++;
      let answer: A;
      try {
        answer = await targets[key - itemIdx * T]!.call(items[itemIdx]!);
      } catch (err) {
        fail(err);
        return;
      }
      recordAnswer(key, answer);
    }
  };

  const onAbort = (): void => {
    stopped = true;
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    progress();
    const workers: Promise<void>[] = [];
    for (let w = mathMin(concurrency, remainingUnits); w > 0; w--) workers.push(worker());
    await Promise.all(workers);
    while (checkpointing) await checkpointing;
    try {
      flush();
      const pin = currentPin();
      await fsyncAsync(fd);
      await writeFileAtomicAsync(checkpointPath, `${jsonStringify({ completed, bytes })}\n`);
      options.pins?.record(outputDir, pin);
    } catch (err) {
      fail(err);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (flushTimer) clearTimeout(flushTimer);
    closeSync(fd);
  }

  if (fatal) throw (fatal as { error: unknown }).error;
  if (completed < items.length) {
    // Only an abort stops workers without a fatal error.
    throw signal?.reason ?? new Error('evaluation stopped before every item was answered');
  }
  return { responsesPath, responsesDigest: await sha256File(responsesPath), total: items.length, resumed, calls, failures, ...(checkpoint ? { checkpoint } : {}) };
}

function validate<I extends { id: string }, A extends { ok: boolean }>(options: RunEvaluationOptions<I, A>): void {
  const { items, targets, concurrency, checkpointEvery } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InputError(`concurrency: expected a positive integer, got ${concurrency}`);
  if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1) {
    throw new InputError(`checkpointEvery: expected a positive integer, got ${checkpointEvery}`);
  }
  if (targets.length === 0) throw new InputError('targets: expected at least one target');
  const names = new Set<string>();
  for (const target of targets) {
    if (names.has(target.name)) throw new InputError(`targets: ${target.name} is given twice`);
    names.add(target.name);
  }
  const ids = new Set<string>();
  items.forEach((item, i) => {
    if (typeof item.id !== 'string' || item.id === '') throw new InputError(`items.${i}.id: expected a non-empty id`);
    if (ids.has(item.id)) throw new InputError(`items.${i}.id: ${item.id} is used twice (answers are recorded by id)`);
    ids.add(item.id);
  });
}

/** writeFileAtomic (src/store) without blocking the event loop on fsync while calls are in flight. */
async function writeFileAtomicAsync(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(tmp, 'w', 0o644);
  try {
    await file.writeFile(data, 'utf8');
    await file.sync();
  } catch (err) {
    await file.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await file.close();
  await rename(tmp, path);
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
