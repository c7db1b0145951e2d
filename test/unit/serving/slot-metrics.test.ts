import { SlotMetrics } from '../../../src/serving/slot-metrics';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const STABLE = '1'.repeat(64);
const CANDIDATE = '2'.repeat(64);

function store(overrides: Partial<ConstructorParameters<typeof SlotMetrics>[0]> = {}) {
  return new SlotMetrics({ intervalSeconds: 10, retentionSeconds: 3600, reservoirSize: 2000, seed: 'seed-1', ...overrides });
}

describe('SlotMetrics: per model, slot and interval bucket', () => {
  test('keys buckets by their start, aligned to the interval; a request lands where its answer ended', () => {
    const m = store();
    m.recordSuccess('a', 'stable', STABLE, T0 + 12_345, 80);
    m.recordError('a', 'stable', STABLE, T0 + 19_999, 'backend_5xx');
    m.recordSuccess('a', 'canary', CANDIDATE, T0 + 20_000, 90);
    const report = m.report('a', T0, T0 + 60_000, T0 + 30_000);
    expect(report.slots.stable).toEqual([
      {
        start: '2030-01-01T00:00:10.000Z',
        end: '2030-01-01T00:00:20.000Z',
        requests: 2,
        errors: 1,
        errorsByKind: { backend_5xx: 1 },
        latency: { count: 1, sumMs: 80, samplesMs: [80] },
        safety: { checked: 0, flagged: 0, failed: 0, skipped: 0 },
        feedback: { up: 0, down: 0 },
      },
    ]);
    expect(report.slots.canary.map((b) => b.start)).toEqual(['2030-01-01T00:00:20.000Z']);
    expect(m.report('b', T0, T0 + 60_000, T0 + 30_000).slots).toEqual({ stable: [], canary: [] });
  });

  test('bounded memory: at most reservoirSize latency samples per bucket, with exact count and sum', () => {
    const m = store({ reservoirSize: 2000 });
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      m.recordSuccess('a', 'canary', CANDIDATE, T0 + 1, i);
      sum += i;
    }
    const [bucket] = m.report('a', T0, T0 + 10_000, T0).slots.canary;
    expect(bucket!.latency.count).toBe(10_000);
    expect(bucket!.latency.sumMs).toBe(sum);
    expect(bucket!.latency.samplesMs).toHaveLength(2000);
    // A uniform sample of the 10,000: about half from each half, mean near 5,000.
    const early = bucket!.latency.samplesMs.filter((x) => x < 5000).length;
    expect(early).toBeGreaterThan(900);
    expect(early).toBeLessThan(1100);
    const mean = bucket!.latency.samplesMs.reduce((a, b) => a + b, 0) / 2000;
    expect(Math.abs(mean - 4999.5)).toBeLessThan(250);
  });

  test('the reservoir is seeded: the same seed and arrivals keep the same samples; another seed does not', () => {
    const samples = (seed: string) => {
      const m = store({ reservoirSize: 50, seed });
      for (let i = 0; i < 1000; i++) m.recordSuccess('a', 'stable', STABLE, T0, i);
      return m.report('a', T0, T0 + 10_000, T0).slots.stable[0]!.latency.samplesMs;
    };
    expect(samples('s1')).toEqual(samples('s1'));
    expect(samples('s1')).not.toEqual(samples('s2'));
  });

  test('safety outcomes and ratings: checked counts clean and flagged; failed and skipped apart', () => {
    const m = store();
    for (const outcome of ['clean', 'flagged', 'flagged', 'failed', 'skipped'] as const) m.recordSafety('a', 'canary', CANDIDATE, T0, outcome);
    m.recordFeedback('a', 'canary', CANDIDATE, T0, 'down');
    m.recordFeedback('a', 'canary', CANDIDATE, T0, 'up');
    const [bucket] = m.report('a', T0, T0 + 1, T0).slots.canary;
    expect(bucket!.safety).toEqual({ checked: 3, flagged: 2, failed: 1, skipped: 1 });
    expect(bucket!.feedback).toEqual({ up: 1, down: 1 });
  });

  test('hands out changed buckets once for writing, restores them, and prunes past the retention', () => {
    const m = store();
    m.recordSuccess('a', 'stable', STABLE, T0, 10);
    m.recordSuccess('b', 'canary', CANDIDATE, T0 + 10_000, 20);
    const dirty = m.takeDirty();
    expect(dirty.map((d) => d.startMs)).toEqual([T0, T0 + 10_000]);
    expect(m.takeDirty()).toEqual([]);

    const restored = store();
    for (const { entries } of dirty) for (const entry of entries) restored.restore(entry);
    expect(restored.report('a', T0, T0 + 60_000, T0).slots).toEqual(m.report('a', T0, T0 + 60_000, T0).slots);
    restored.recordSuccess('a', 'stable', STABLE, T0 + 5, 30);
    expect(restored.report('a', T0, T0 + 10_000, T0).slots.stable[0]!.latency).toEqual({ count: 2, sumMs: 40, samplesMs: [10, 30] });

    expect(restored.prune(T0 + 3600_000 + 10_000)).toEqual([T0]);
    expect(restored.starts()).toEqual([T0 + 10_000]);
    expect(restored.report('a', 0, T0 + 1e9, T0 + 3600_000 + 10_000).slots.stable).toEqual([]);
  });

  test('keyed by the artifact too: two canaries of one model in one interval never share a bucket', () => {
    const m = store();
    const next = '3'.repeat(64);
    m.recordError('a', 'canary', CANDIDATE, T0 + 1, 'backend_5xx');
    m.recordError('a', 'canary', CANDIDATE, T0 + 2, 'backend_5xx');
    m.recordSuccess('a', 'canary', next, T0 + 3, 50);
    m.recordSuccess('a', 'stable', STABLE, T0 + 4, 40);
    const forNext = m.report('a', T0, T0 + 10_000, T0, { canary: next }).slots;
    expect(forNext.canary).toHaveLength(1);
    expect(forNext.canary[0]).toMatchObject({ requests: 1, errors: 0 });
    expect(forNext.stable).toHaveLength(1);
    const forFirst = m.report('a', T0, T0 + 10_000, T0, { canary: CANDIDATE }).slots.canary;
    expect(forFirst.map((b) => [b.requests, b.errors])).toEqual([[2, 2]]);
    // The files keep whose bucket it is, so a restart does not merge them either.
    const restored = store();
    for (const { entries } of m.takeDirty()) for (const entry of entries) restored.restore(entry);
    expect(restored.report('a', T0, T0 + 10_000, T0, { canary: next }).slots).toEqual(forNext);
  });
});
