import { collectionFailed, intervalData, SlotBucket, slotBucketSchema } from '../../../src/canary/measurements';
import { latencies } from './helpers';

function bucket(start: string, overrides: Partial<SlotBucket> = {}): SlotBucket {
  const samplesMs = overrides.latency?.samplesMs ?? [100, 110, 120];
  return {
    start,
    end: new Date(Date.parse(start) + 10_000).toISOString(),
    requests: 4,
    errors: 1,
    errorsByKind: { backend_5xx: 1 },
    latency: { count: samplesMs.length, sumMs: samplesMs.reduce((a, b) => a + b, 0), samplesMs },
    safety: { checked: 3, flagged: 1, failed: 0, skipped: 0 },
    feedback: { up: 2, down: 1 },
    ...overrides,
  };
}

describe('intervalData: gateway buckets → one analysis interval of one slot', () => {
  test('adds the counts of every bucket exactly', () => {
    const data = intervalData([bucket('2026-01-01T00:00:10.000Z'), bucket('2026-01-01T00:00:00.000Z')], { seed: 1 });
    expect(data).toEqual({
      requests: 8,
      errors: 2,
      latency: { count: 6, sumMs: 660, samplesMs: [100, 110, 120, 100, 110, 120] },
      safety: { checked: 6, flagged: 2 },
      feedback: { up: 4, down: 2 },
    });
  });

  test('takes latency samples from every bucket at one common rate, so a busy bucket is not under-represented', () => {
    const quiet = bucket('2026-01-01T00:00:00.000Z', { latency: { count: 100, sumMs: 0, samplesMs: latencies(100, 50) } });
    // 10,000 answers, of which the reservoir kept 2,000 (rate 0.2): the quiet bucket is thinned to 20.
    const busy = bucket('2026-01-01T00:00:10.000Z', { latency: { count: 10_000, sumMs: 0, samplesMs: latencies(2000, 200) } });
    const data = intervalData([quiet, busy], { seed: 'run-1/interval-3' });
    expect(data.latency.samplesMs).toHaveLength(2020);
    expect(data.latency.samplesMs.filter((x) => x < 100)).toHaveLength(20);
    expect(intervalData([quiet, busy], { seed: 'run-1/interval-3' })).toEqual(data);
    expect(intervalData([quiet, busy], { seed: 'run-1/interval-4' }).latency.samplesMs).not.toEqual(data.latency.samplesMs);
  });

  test('caps the merged sample at maxLatencySamples', () => {
    const big = bucket('2026-01-01T00:00:00.000Z', { latency: { count: 2000, sumMs: 0, samplesMs: latencies(2000, 80) } });
    expect(intervalData([big], { seed: 2, maxLatencySamples: 500 }).latency.samplesMs).toHaveLength(500);
  });

  test('numbers that do not add up, and failed safety checks, mark that metric as not collected', () => {
    const data = intervalData(
      [
        bucket('2026-01-01T00:00:00.000Z', { requests: 1, errors: 2 }),
        bucket('2026-01-01T00:00:10.000Z', { safety: { checked: 5, flagged: 0, failed: 2, skipped: 0 } }),
        bucket('2026-01-01T00:00:20.000Z', { latency: { count: 5, sumMs: 1, samplesMs: [] } }),
      ],
      { seed: 3 },
    );
    expect(data.collectionErrors).toEqual({
      error_rate: 'bucket 2026-01-01T00:00:00.000Z: 2 errors out of 1 requests',
      safety_flag_rate: '2 safety check(s) failed to run in this interval',
      latency: 'bucket 2026-01-01T00:00:20.000Z: 0 latency samples for 5 answers',
    });
  });

  test('no buckets at all is an interval without traffic (NoData), not a failure to collect', () => {
    expect(intervalData([], { seed: 4 })).toEqual({
      requests: 0,
      errors: 0,
      latency: { count: 0, sumMs: 0, samplesMs: [] },
      safety: { checked: 0, flagged: 0 },
      feedback: { up: 0, down: 0 },
    });
  });

  test('collectionFailed marks every metric', () => {
    expect(Object.keys(collectionFailed('gateway unreachable').collectionErrors ?? {}).sort()).toEqual([
      'error_rate',
      'latency',
      'negative_feedback_rate',
      'safety_flag_rate',
    ]);
  });

  test('the wire schema is strict: a backend-style field such as usage.latency is not part of a bucket', () => {
    expect(slotBucketSchema.safeParse(bucket('2026-01-01T00:00:00.000Z')).success).toBe(true);
    expect(slotBucketSchema.safeParse({ ...bucket('2026-01-01T00:00:00.000Z'), usage: { latency: 1 } }).success).toBe(false);
  });
});
