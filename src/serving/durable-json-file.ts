/**
 * Durable JSON state files for the serving apps (routing table, nonces, promotion log, deployments).
 * A write goes to a temp file, is fsynced, renamed over the old file and the directory is fsynced:
 * after a crash the file holds either the old or the new state, never half of one. Writes are
 * serialized, so an older snapshot can never land after a newer one. A file that exists but does not
 * parse is an error naming the file: state is never silently reset (that would reopen replays).
 */
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { describeZodError, InputError } from '../errors';

/** Runs async tasks one at a time, in the order they were queued. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One SerialQueue per key: tasks for the same key run in order, different keys run concurrently. */
export class KeyedSerialQueue {
  private readonly queues = new Map<string, { queue: SerialQueue; pending: number }>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let entry = this.queues.get(key);
    if (!entry) {
      entry = { queue: new SerialQueue(), pending: 0 };
      this.queues.set(key, entry);
    }
    entry.pending++;
    try {
      return await entry.queue.run(task);
    } finally {
      if (--entry.pending === 0) this.queues.delete(key);
    }
  }
}

export class DurableJsonFile<T extends z.ZodType> {
  private readonly writes = new SerialQueue();

  constructor(
    readonly path: string,
    private readonly schema: T,
  ) {}

  /** The parsed file, or `undefined` when it does not exist yet. */
  async read(): Promise<z.output<T> | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new InputError(`cannot read state file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, this.path);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new InputError(`corrupt state file, not JSON (${(err as Error).message}); refusing to start with a reset state`, this.path);
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      throw new InputError(`corrupt state file (${describeZodError(parsed.error)}); refusing to start with a reset state`, this.path);
    }
    return parsed.data;
  }

  /** Writes `snapshot()` atomically; the snapshot is taken when this write's turn comes, so it is the latest state. */
  write(snapshot: () => z.input<T>): Promise<void> {
    return this.writes.run(() => writeJsonAtomically(this.path, snapshot()));
  }
}

export async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  // Writes to one path are serialized by DurableJsonFile, so one fixed temp name is enough, and a
  // temp file left by a crash is simply overwritten next time.
  const tempPath = `${path}.tmp`;
  const file = await fs.open(tempPath, 'w', 0o600);
  try {
    await file.writeFile(JSON.stringify(value, null, 2) + '\n', 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await fs.rename(tempPath, path);
  await syncDirectory(dirname(path));
}

/** Makes the rename itself durable (POSIX); platforms that cannot open a directory skip it. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await fs.open(dir, 'r');
  } catch (err) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes((err as NodeJS.ErrnoException).code ?? '')) return;
    throw err;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
