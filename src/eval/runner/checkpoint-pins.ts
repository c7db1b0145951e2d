/**
 * Checkpoints pinned by digest (DESIGN §6, "Planted checkpoint"). The runner's responses file lives
 * in the data dir, which more people and processes can write than can write a run's Temporal
 * history. So a file found there on a retry is resumed only as far as a pin vouches for it: the
 * `{ bytes, sha256 }` of the file after an fsync, which the activity heartbeated into Temporal (the
 * activity layer owns that part: activities/checkpoint-heartbeat.ts). No pin, a shorter file or
 * another digest: everything there is discarded and the evaluation starts over. Bytes after the
 * pinned prefix (answers written after the last pin, or appended by someone else) are cut off.
 */
import { createHash } from 'node:crypto';
import { open, truncate } from 'node:fs/promises';
import { z } from 'zod';

export const responsesPinSchema = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export type ResponsesPin = z.infer<typeof responsesPinSchema>;

/** Where pins come from and go to, per evaluation folder (the runner's `outputDir`). */
export interface CheckpointPins {
  /** The last pin an earlier attempt recorded for this folder, or null: nothing there is trusted. */
  trusted(outputDir: string): ResponsesPin | null;
  /** Called once the file is fsynced at least up to `pin.bytes`. */
  record(outputDir: string, pin: ResponsesPin): void;
}

export interface PinnedPrefix {
  /** none: no file; resumed: its pinned prefix is kept; discarded: it did not match its pin (or had none). */
  outcome: 'none' | 'resumed' | 'discarded';
  /** Bytes kept (the pinned prefix) and bytes cut off. */
  keptBytes: number;
  discardedBytes: number;
  reason: string;
}

/** Cuts `path` down to the prefix `pin` vouches for, or to nothing. */
export async function keepPinnedPrefix(path: string, pin: ResponsesPin | null): Promise<PinnedPrefix> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { outcome: 'none', keptBytes: 0, discardedBytes: 0, reason: 'no earlier answers' };
    throw err;
  }
  let size: number;
  let matches = false;
  try {
    size = (await file.stat()).size;
    if (pin && size >= pin.bytes) {
      const hash = createHash('sha256');
      const chunk = Buffer.alloc(1 << 20);
      for (let offset = 0; offset < pin.bytes; ) {
        const { bytesRead } = await file.read(chunk, 0, Math.min(chunk.length, pin.bytes - offset), offset);
        if (bytesRead === 0) break;
        hash.update(chunk.subarray(0, bytesRead));
        offset += bytesRead;
      }
      matches = hash.digest('hex') === pin.sha256;
    }
  } finally {
    await file.close();
  }
  if (pin && matches) {
    if (size > pin.bytes) await truncate(path, pin.bytes);
    return { outcome: 'resumed', keptBytes: pin.bytes, discardedBytes: size - pin.bytes, reason: `the first ${pin.bytes} bytes match the last pinned digest` };
  }
  await truncate(path, 0);
  const reason = !pin
    ? 'no pinned digest for this file in the run: it is not this run’s own checkpoint'
    : size < pin.bytes
      ? `the file is shorter (${size} bytes) than its pin (${pin.bytes} bytes)`
      : 'the file does not match its pinned digest';
  return { outcome: size === 0 ? 'none' : 'discarded', keptBytes: 0, discardedBytes: size, reason };
}
