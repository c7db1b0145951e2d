/**
 * The measurement contract between the serving gateway and the canary judge (DESIGN §5.7), and the
 * "measure" step of the judge: turning the gateway's per-interval buckets of one slot into the
 * `SlotIntervalData` that `judge.ts` classifies.
 *
 * Every number here was observed BY THE GATEWAY (request outcomes, its own clock, its own checks of
 * the answers, users' feedback): never a figure a model backend reports about itself (DESIGN §6,
 * "Metric manipulation").
 *
 * Pure: no I/O, no clock, no unseeded randomness, so workflow code may call `intervalData` too. The
 * zod schemas are for the activity that reads `GET /admin/v1/metrics` (parse once at the edge).
 */
import { z } from 'zod';
import { createRng, type Seed } from '../stats';
import type { CanaryMetricName } from './plan';

/**
 * Why a routed request counts as an error. Anything but a well-formed 2xx answer delivered in full:
 * - `unreachable`: no connection / no answer from the backend;
 * - `timeout`: the backend's headers, or a gap between two body chunks, took longer than the gateway allows;
 * - `backend_5xx`, `backend_4xx`: the backend answered with that status (a request the gateway already
 *   validated; the same traffic mix reaches both slots, so a slot that rejects more of it is worse);
 * - `malformed`: a 2xx answer that is not a chat completion (bad JSON, no `choices`, an SSE stream
 *   without `[DONE]` or with a non-JSON event);
 * - `broken_stream`: the backend's body broke off mid-answer;
 * - `client_aborted`: the user left before the answer ended (the answer's latency is unknown, so it
 *   cannot be a latency sample). Counted in `errorsByKind` only, apart from `requests` and `errors`:
 *   a client's own abort is not the slot's error, so users cannot roll a canary back by aborting.
 */
export const requestErrorKinds = [
  'unreachable',
  'timeout',
  'backend_5xx',
  'backend_4xx',
  'malformed',
  'broken_stream',
  'client_aborted',
] as const;
export type RequestErrorKind = (typeof requestErrorKinds)[number];

const count = z.number().int().min(0);

/** One slot of one model over one gateway interval `[start, end)`, as `GET /admin/v1/metrics` returns it. */
export const slotBucketSchema = z.strictObject({
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  /** Requests whose answer ended (or failed) in this interval: successes + errors. */
  requests: count,
  errors: count,
  errorsByKind: z.partialRecord(z.enum(requestErrorKinds), count),
  /** Latency of successful answers only (routing to the end of the answer, whole stream included). */
  latency: z.strictObject({
    /** Exact number of successful answers. */
    count,
    /** Exact sum of their latencies (ms). */
    sumMs: z.number().min(0),
    /** A uniform sample of at most the gateway's reservoir size (ms). */
    samplesMs: z.array(z.number().min(0)),
  }),
  /** Answers checked for PII and for compliance with a flagged request, off the request path. */
  safety: z.strictObject({
    checked: count,
    flagged: count,
    /** Checks that threw: the safety metric of this interval is then not trustworthy. */
    failed: count,
    /** Sampled answers not checked (backlog full, or too large to capture). */
    skipped: count,
  }),
  /** Users' ratings (`POST /v1/feedback`) that arrived in this interval, for answers of this slot. */
  feedback: z.strictObject({ up: count, down: count }),
});
export type SlotBucket = z.infer<typeof slotBucketSchema>;

/** `GET /admin/v1/metrics?model=M&since=ISO&until=ISO`: the buckets whose start lies in [since, until). */
export const slotMetricsReportSchema = z.strictObject({
  model: z.string().min(1),
  intervalSeconds: z.number().int().positive(),
  since: z.iso.datetime(),
  until: z.iso.datetime(),
  /** The gateway keeps buckets from here on; asking for anything older gets nothing back. */
  retainedSince: z.iso.datetime(),
  slots: z.strictObject({ stable: z.array(slotBucketSchema), canary: z.array(slotBucketSchema) }),
});
export type SlotMetricsReport = z.infer<typeof slotMetricsReportSchema>;

/** What the judge compares: one slot over one analysis interval (one or more gateway buckets). */
export interface SlotIntervalData {
  requests: number;
  errors: number;
  latency: { count: number; sumMs: number; samplesMs: readonly number[] };
  safety: { checked: number; flagged: number };
  feedback: { up: number; down: number };
  /** Metrics whose measurements could not be collected (or do not add up), with why: judged `Error`. */
  collectionErrors?: Partial<Record<CanaryMetricName, string>>;
}

export interface IntervalDataOptions {
  /** Seeds the down-sampling of latency samples (e.g. the workflow id and interval number). */
  seed: Seed;
  /** At most this many latency samples in all (default 20,000). */
  maxLatencySamples?: number;
}

const DEFAULT_MAX_LATENCY_SAMPLES = 20_000;

/**
 * Merges one slot's buckets into one analysis interval. Counts add up exactly. Latency samples are
 * taken from every bucket at ONE common rate (the lowest any bucket's reservoir had, lowered further
 * to respect `maxLatencySamples`), so the merged sample stays uniform over all answers even when a busy
 * bucket's reservoir kept only a fraction of them; which samples are kept is drawn from `seed`.
 * Numbers that do not add up (more errors than requests, more samples than answers, failed safety
 * checks) mark that metric's collection as failed instead of being judged.
 */
export function intervalData(buckets: readonly SlotBucket[], options: IntervalDataOptions): SlotIntervalData {
  const ordered = [...buckets].sort((a, b) => a.start.localeCompare(b.start));
  const collectionErrors: Partial<Record<CanaryMetricName, string>> = {};
  const total = { requests: 0, errors: 0, latencyCount: 0, sumMs: 0, checked: 0, flagged: 0, failedChecks: 0, up: 0, down: 0 };
  for (const bucket of ordered) {
    total.requests += bucket.requests;
    total.errors += bucket.errors;
    total.latencyCount += bucket.latency.count;
    total.sumMs += bucket.latency.sumMs;
    total.checked += bucket.safety.checked;
    total.flagged += bucket.safety.flagged;
    total.failedChecks += bucket.safety.failed;
    total.up += bucket.feedback.up;
    total.down += bucket.feedback.down;
    if (bucket.errors > bucket.requests) {
      collectionErrors.error_rate = `bucket ${bucket.start}: ${bucket.errors} errors out of ${bucket.requests} requests`;
    }
    if (bucket.latency.samplesMs.length > bucket.latency.count || (bucket.latency.count > 0 && bucket.latency.samplesMs.length === 0)) {
      collectionErrors.latency = `bucket ${bucket.start}: ${bucket.latency.samplesMs.length} latency samples for ${bucket.latency.count} answers`;
    }
    if (bucket.safety.flagged > bucket.safety.checked) {
      collectionErrors.safety_flag_rate = `bucket ${bucket.start}: ${bucket.safety.flagged} flagged out of ${bucket.safety.checked} checked`;
    }
  }
  if (total.failedChecks > 0 && !collectionErrors.safety_flag_rate) {
    collectionErrors.safety_flag_rate = `${total.failedChecks} safety check(s) failed to run in this interval`;
  }
  const samplesMs = collectionErrors.latency ? [] : mergeLatencySamples(ordered, total.latencyCount, options);
  return {
    requests: total.requests,
    errors: total.errors,
    latency: { count: total.latencyCount, sumMs: total.sumMs, samplesMs },
    safety: { checked: total.checked, flagged: total.flagged },
    feedback: { up: total.up, down: total.down },
    ...(Object.keys(collectionErrors).length > 0 ? { collectionErrors } : {}),
  };
}

/** Every metric of a slot marked as not collected (e.g. the gateway could not be read). */
export function collectionFailed(reason: string): SlotIntervalData {
  return {
    requests: 0,
    errors: 0,
    latency: { count: 0, sumMs: 0, samplesMs: [] },
    safety: { checked: 0, flagged: 0 },
    feedback: { up: 0, down: 0 },
    collectionErrors: { latency: reason, error_rate: reason, safety_flag_rate: reason, negative_feedback_rate: reason },
  };
}

function mergeLatencySamples(buckets: readonly SlotBucket[], totalCount: number, options: IntervalDataOptions): number[] {
  if (totalCount === 0) return [];
  const maxSamples = options.maxLatencySamples ?? DEFAULT_MAX_LATENCY_SAMPLES;
  if (!Number.isInteger(maxSamples) || maxSamples < 1) throw new RangeError(`maxLatencySamples must be a positive integer, got ${maxSamples}`);
  let rate = Math.min(1, maxSamples / totalCount);
  for (const { latency } of buckets) {
    if (latency.count > 0) rate = Math.min(rate, latency.samplesMs.length / latency.count);
  }
  const rng = createRng(options.seed);
  const merged: number[] = [];
  for (const { latency } of buckets) {
    const samples = latency.samplesMs;
    const take = Math.min(samples.length, Math.round(latency.count * rate));
    if (take === samples.length) {
      merged.push(...samples);
      continue;
    }
    // A partial Fisher-Yates shuffle over indices: the first `take` are a uniform subset.
    const indices = Array.from({ length: samples.length }, (_, i) => i);
    for (let i = 0; i < take; i++) {
      const j = i + rng.nextBelow(samples.length - i);
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    for (let i = 0; i < take; i++) merged.push(samples[indices[i]!]!);
  }
  return merged;
}
