/**
 * What the gateway observed, per model, slot and interval bucket: the canary's measurements
 * (DESIGN §2, §5.7). Buckets are `intervalSeconds` long, aligned to the epoch and keyed by their start;
 * a request lands in the bucket in which its answer ended (or failed), a rating in the bucket in which
 * it arrived. Per bucket: request and error counts (errors by kind), latency of successful answers
 * (exact count and sum, plus a seeded reservoir sample of at most `reservoirSize`, so memory stays
 * bounded however busy the slot), safety checks (checked / flagged / failed / skipped) and feedback.
 *
 * Every number is the gateway's own observation. Nothing a backend says about itself (headers, body
 * fields, its own /metrics) is ever read here (DESIGN §6, "Metric manipulation").
 *
 * Keyed by model, slot AND the artifact's root digest the slot served: two canaries of one model in
 * succession (or a restarted one of another candidate) never share a bucket, even within one
 * interval; the canary reads its own candidate's buckets (`report`'s `digests`).
 *
 * In memory only; `slot-metrics-files.ts` persists the buckets that changed. The wire shape of a
 * bucket is `SlotBucket` from `src/canary/measurements.ts`, the canary judge's input.
 */
import type { RequestErrorKind, SlotBucket, SlotMetricsReport } from '../canary/measurements';
import type { Slot } from '../signing/attestation';
import { createRng, Xoshiro128 } from '../stats';

export interface SlotMetricsSettings {
  intervalSeconds: number;
  /** Buckets older than this are dropped (in memory and on disk). */
  retentionSeconds: number;
  /** At most this many latency samples are kept per bucket. */
  reservoirSize: number;
  /** Seeds the reservoir samplers: the same seed and the same arrivals keep the same samples. */
  seed: string;
}

export type SafetyOutcome = 'clean' | 'flagged' | 'failed' | 'skipped';
export type Rating = 'up' | 'down';

/** A bucket as persisted: the wire bucket plus whose it is (`rootDigest` absent: written before buckets were per artifact). */
export interface StoredBucket {
  model: string;
  slot: Slot;
  rootDigest?: string;
  bucket: SlotBucket;
}

/** Per slot, the one artifact whose buckets a report holds (a slot not named: every artifact's). */
export type SlotDigests = Partial<Record<'stable' | 'canary', string>>;

interface BucketState {
  model: string;
  slot: Slot;
  /** '' for a bucket restored from a file written before buckets were per artifact. */
  rootDigest: string;
  startMs: number;
  endMs: number;
  requests: number;
  errors: number;
  errorsByKind: Partial<Record<RequestErrorKind, number>>;
  latencyCount: number;
  latencySumMs: number;
  samples: number[];
  /** Created when the reservoir first overflows; seeded from the bucket and how many it had seen. */
  rng: Xoshiro128 | undefined;
  safety: { checked: number; flagged: number; failed: number; skipped: number };
  feedback: { up: number; down: number };
}

export class SlotMetrics {
  /** startMs → "model\0slot" → bucket. */
  private readonly buckets = new Map<number, Map<string, BucketState>>();
  private readonly dirty = new Set<number>();
  private readonly intervalMs: number;

  constructor(readonly settings: SlotMetricsSettings) {
    this.intervalMs = settings.intervalSeconds * 1000;
  }

  recordSuccess(model: string, slot: Slot, rootDigest: string, atMs: number, latencyMs: number): void {
    const bucket = this.bucketAt(model, slot, rootDigest, atMs);
    const latency = Math.max(0, Math.round(latencyMs * 1000) / 1000);
    bucket.requests++;
    // Algorithm R: the n-th answer (0-based) replaces a random kept sample with probability K/(n+1).
    const seen = bucket.latencyCount;
    if (bucket.samples.length < this.settings.reservoirSize) {
      bucket.samples.push(latency);
    } else {
      bucket.rng ??= createRng(`${this.settings.seed}|${model}|${slot}|${bucket.startMs}|${seen}`);
      const j = bucket.rng.nextBelow(seen + 1);
      if (j < bucket.samples.length) bucket.samples[j] = latency;
    }
    bucket.latencyCount = seen + 1;
    bucket.latencySumMs += latency;
    this.dirty.add(bucket.startMs);
  }

  recordError(model: string, slot: Slot, rootDigest: string, atMs: number, kind: RequestErrorKind): void {
    const bucket = this.bucketAt(model, slot, rootDigest, atMs);
    // A client that went away is the client's doing, not the slot's: kept apart (errorsByKind only),
    // outside `requests` and `errors`, so users aborting requests cannot move a slot's error rate.
    if (kind !== 'client_aborted') {
      bucket.requests++;
      bucket.errors++;
    }
    bucket.errorsByKind[kind] = (bucket.errorsByKind[kind] ?? 0) + 1;
    this.dirty.add(bucket.startMs);
  }

  recordSafety(model: string, slot: Slot, rootDigest: string, atMs: number, outcome: SafetyOutcome): void {
    const bucket = this.bucketAt(model, slot, rootDigest, atMs);
    if (outcome === 'clean' || outcome === 'flagged') bucket.safety.checked++;
    if (outcome === 'flagged') bucket.safety.flagged++;
    if (outcome === 'failed') bucket.safety.failed++;
    if (outcome === 'skipped') bucket.safety.skipped++;
    this.dirty.add(bucket.startMs);
  }

  recordFeedback(model: string, slot: Slot, rootDigest: string, atMs: number, rating: Rating): void {
    const bucket = this.bucketAt(model, slot, rootDigest, atMs);
    bucket.feedback[rating]++;
    this.dirty.add(bucket.startMs);
  }

  /** The oldest instant still kept. */
  retainedSinceMs(nowMs: number): number {
    return this.bucketStart(nowMs - this.settings.retentionSeconds * 1000);
  }

  /**
   * One model's stable and canary buckets whose start lies in [sinceMs, untilMs), oldest first; for a
   * slot named in `digests`, only the buckets of that artifact (what the canary reads for its candidate).
   */
  report(model: string, sinceMs: number, untilMs: number, nowMs: number, digests: SlotDigests = {}): SlotMetricsReport {
    const retainedSinceMs = this.retainedSinceMs(nowMs);
    const slots: SlotMetricsReport['slots'] = { stable: [], canary: [] };
    const starts = [...this.buckets.keys()].filter((start) => start >= sinceMs && start < untilMs && start >= retainedSinceMs).sort((a, b) => a - b);
    for (const start of starts) {
      const byKey = this.buckets.get(start)!;
      for (const bucket of [...byKey.values()].sort(byModelSlotDigest)) {
        if (bucket.model !== model || bucket.slot === 'staging') continue;
        const wanted = digests[bucket.slot];
        if (wanted === undefined || bucket.rootDigest === wanted) slots[bucket.slot].push(toWire(bucket));
      }
    }
    return {
      model,
      intervalSeconds: this.settings.intervalSeconds,
      since: new Date(sinceMs).toISOString(),
      until: new Date(untilMs).toISOString(),
      retainedSince: new Date(retainedSinceMs).toISOString(),
      slots,
    };
  }

  /** Drops buckets older than the retention; returns the starts of the dropped buckets. */
  prune(nowMs: number): number[] {
    const oldest = this.retainedSinceMs(nowMs);
    const dropped = [...this.buckets.keys()].filter((start) => start < oldest);
    for (const start of dropped) {
      this.buckets.delete(start);
      this.dirty.delete(start);
    }
    return dropped;
  }

  /** The buckets changed since the last call, grouped by start (what to write to disk). */
  takeDirty(): { startMs: number; entries: StoredBucket[] }[] {
    const changed = [...this.dirty].sort((a, b) => a - b);
    this.dirty.clear();
    return changed.map((startMs) => ({ startMs, entries: this.entriesAt(startMs) }));
  }

  /** Marks buckets to be written again (a failed write). */
  markDirty(starts: readonly number[]): void {
    for (const start of starts) if (this.buckets.has(start)) this.dirty.add(start);
  }

  /** Every bucket start held, oldest first. */
  starts(): number[] {
    return [...this.buckets.keys()].sort((a, b) => a - b);
  }

  /** Every bucket at `startMs`, sorted by model then slot. */
  entriesAt(startMs: number): StoredBucket[] {
    const byKey = this.buckets.get(startMs);
    if (!byKey) return [];
    return [...byKey.values()]
      .sort(byModelSlotDigest)
      .map((bucket) => ({ model: bucket.model, slot: bucket.slot, ...(bucket.rootDigest ? { rootDigest: bucket.rootDigest } : {}), bucket: toWire(bucket) }));
  }

  /** Loads a persisted bucket (at start-up); its own start and end are kept even if the interval changed since. */
  restore({ model, slot, rootDigest = '', bucket }: StoredBucket): void {
    const startMs = Date.parse(bucket.start);
    const byKey = this.buckets.get(startMs) ?? new Map<string, BucketState>();
    this.buckets.set(startMs, byKey);
    byKey.set(keyOf(model, slot, rootDigest), {
      model,
      slot,
      rootDigest,
      startMs,
      endMs: Date.parse(bucket.end),
      requests: bucket.requests,
      errors: bucket.errors,
      errorsByKind: { ...bucket.errorsByKind },
      latencyCount: bucket.latency.count,
      latencySumMs: bucket.latency.sumMs,
      samples: [...bucket.latency.samplesMs],
      rng: undefined,
      safety: { ...bucket.safety },
      feedback: { ...bucket.feedback },
    });
  }

  private bucketStart(atMs: number): number {
    return Math.floor(atMs / this.intervalMs) * this.intervalMs;
  }

  private bucketAt(model: string, slot: Slot, rootDigest: string, atMs: number): BucketState {
    const startMs = this.bucketStart(atMs);
    let byKey = this.buckets.get(startMs);
    if (!byKey) {
      byKey = new Map();
      this.buckets.set(startMs, byKey);
    }
    const key = keyOf(model, slot, rootDigest);
    let bucket = byKey.get(key);
    if (!bucket) {
      bucket = {
        model,
        slot,
        rootDigest,
        startMs,
        endMs: startMs + this.intervalMs,
        requests: 0,
        errors: 0,
        errorsByKind: {},
        latencyCount: 0,
        latencySumMs: 0,
        samples: [],
        rng: undefined,
        safety: { checked: 0, flagged: 0, failed: 0, skipped: 0 },
        feedback: { up: 0, down: 0 },
      };
      byKey.set(key, bucket);
    }
    return bucket;
  }
}

function keyOf(model: string, slot: Slot, rootDigest: string): string {
  return `${model}\u0000${slot}\u0000${rootDigest}`;
}

function byModelSlotDigest(a: BucketState, b: BucketState): number {
  return a.model.localeCompare(b.model) || a.slot.localeCompare(b.slot) || a.rootDigest.localeCompare(b.rootDigest);
}

function toWire(bucket: BucketState): SlotBucket {
  return {
    start: new Date(bucket.startMs).toISOString(),
    end: new Date(bucket.endMs).toISOString(),
    requests: bucket.requests,
    errors: bucket.errors,
    errorsByKind: { ...bucket.errorsByKind },
    latency: { count: bucket.latencyCount, sumMs: Math.round(bucket.latencySumMs * 1000) / 1000, samplesMs: [...bucket.samples] },
    safety: { ...bucket.safety },
    feedback: { ...bucket.feedback },
  };
}
