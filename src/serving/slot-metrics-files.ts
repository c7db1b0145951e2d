/**
 * The gateway's slot-metrics buckets on disk, so in-flight canary measurements survive a restart
 * (DESIGN §2, §7 "restart the gateway: nothing is lost"). One file per bucket start,
 * `slot-metrics/<startMs>.json` under the gateway's data dir, holding every model's and slot's bucket
 * for that interval. A flush (every few seconds, and on close) rewrites only the buckets that changed,
 * each atomically (temp + fsync + rename, `durable-json-file.ts`), and deletes files past the
 * retention. A file that exists but does not parse is an error naming it: measurements are never
 * silently reset (a lost interval could hide a failing canary).
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { slotBucketSchema } from '../canary/measurements';
import { InputError } from '../errors';
import { slots } from '../signing/attestation';
import { DurableJsonFile, SerialQueue, writeJsonAtomically } from './durable-json-file';
import { SlotMetrics } from './slot-metrics';

export const SLOT_METRICS_DIR = 'slot-metrics';

const bucketFileSchema = z.strictObject({
  formatVersion: z.literal(1),
  // rootDigest: the artifact the slot served (absent in files written before buckets were per artifact).
  entries: z.array(z.strictObject({ model: z.string().min(1), slot: z.enum(slots), rootDigest: z.string().regex(/^[0-9a-f]{64}$/).optional(), bucket: slotBucketSchema })),
});

const BUCKET_FILE = /^(\d+)\.json$/;

export class SlotMetricsFiles {
  readonly dir: string;
  private readonly writes = new SerialQueue();

  constructor(dataDir: string) {
    this.dir = join(dataDir, SLOT_METRICS_DIR);
  }

  /** Restores every retained bucket into `metrics` and deletes expired files; returns how many buckets were restored. */
  async loadInto(metrics: SlotMetrics, nowMs: number): Promise<number> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    const oldest = metrics.retainedSinceMs(nowMs);
    let restored = 0;
    for (const name of names.sort()) {
      const match = BUCKET_FILE.exec(name);
      if (!match) continue; // e.g. a `.tmp` left by a crash mid-write: the previous file is intact
      const startMs = Number(match[1]);
      const path = join(this.dir, name);
      if (startMs < oldest) {
        await removeIfPresent(path);
        continue;
      }
      const saved = await new DurableJsonFile(path, bucketFileSchema).read();
      if (!saved) continue;
      for (const entry of saved.entries) {
        if (Date.parse(entry.bucket.start) !== startMs) {
          throw new InputError(`corrupt slot-metrics file: a bucket starting ${entry.bucket.start} in the file for ${new Date(startMs).toISOString()}; refusing to start with a reset state`, path);
        }
        metrics.restore(entry);
        restored++;
      }
    }
    return restored;
  }

  /** Drops expired buckets, then writes every bucket that changed since the last flush. */
  flush(metrics: SlotMetrics, nowMs: number): Promise<void> {
    return this.writes.run(async () => {
      const dropped = metrics.prune(nowMs);
      const changed = metrics.takeDirty();
      try {
        for (const { startMs, entries } of changed) {
          await writeJsonAtomically(this.pathOf(startMs), { formatVersion: 1, entries });
        }
      } catch (err) {
        metrics.markDirty(changed.map((c) => c.startMs));
        throw err;
      }
      for (const startMs of dropped) await removeIfPresent(this.pathOf(startMs));
    });
  }

  pathOf(startMs: number): string {
    return join(this.dir, `${startMs}.json`);
  }
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
