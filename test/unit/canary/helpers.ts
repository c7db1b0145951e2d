/**
 * Small builders for canary judge tests: a plan, one slot's interval data, latency samples drawn
 * from a seeded generator (so every run sees the same numbers), and interval scores.
 */
import type { IntervalScore } from '../../../src/canary/judge';
import type { SlotIntervalData } from '../../../src/canary/measurements';
import type { CanaryMetricConfig, CanaryPlan } from '../../../src/canary/plan';
import { createRng } from '../../../src/stats';

export function metric(name: CanaryMetricConfig['name'], overrides: Partial<CanaryMetricConfig> = {}): CanaryMetricConfig {
  const tolerance = name === 'latency' ? 0.1 : 1;
  return { name, direction: 'increase_is_bad', tolerance, weight: 1, critical: false, mustHaveData: true, ...overrides };
}

/** A production-like plan: 5 → 25 → 50, two analysis intervals of 10 s per step. */
export function plan(overrides: Partial<CanaryPlan> = {}): CanaryPlan {
  return {
    steps: [
      { weight: 5, bakeSeconds: 20 },
      { weight: 25, bakeSeconds: 20 },
      { weight: 50, bakeSeconds: 20 },
    ],
    analysisIntervalSeconds: 10,
    minSamplesPerInterval: 50,
    metrics: [
      metric('latency'),
      metric('error_rate', { critical: true }),
      metric('safety_flag_rate', { tolerance: 0.5, critical: true }),
      metric('negative_feedback_rate', { tolerance: 5, mustHaveData: false }),
    ],
    scoreThresholds: { marginal: 50, pass: 75 },
    failureLimit: 0,
    consecutiveErrorLimit: 2,
    alpha: 0.05,
    ...overrides,
  };
}

/** `n` latencies uniform in [centre − spread, centre + spread] ms, from a fixed seed. */
export function latencies(n: number, centre: number, spread = centre * 0.2, seed = `latency-${centre}-${n}`): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => centre - spread + 2 * spread * rng.nextFloat());
}

export interface SlotShape {
  latency?: number[];
  requests?: number;
  errors?: number;
  checked?: number;
  flagged?: number;
  up?: number;
  down?: number;
  collectionErrors?: SlotIntervalData['collectionErrors'];
}

/** One slot's interval: by default 1,000 healthy requests around 100 ms, 500 checked answers, 100 ratings. */
export function slot(shape: SlotShape = {}): SlotIntervalData {
  const samples = shape.latency ?? latencies(1000, 100);
  return {
    requests: shape.requests ?? samples.length,
    errors: shape.errors ?? 2,
    latency: { count: samples.length, sumMs: samples.reduce((a, b) => a + b, 0), samplesMs: samples },
    safety: { checked: shape.checked ?? 500, flagged: shape.flagged ?? 1 },
    feedback: { up: shape.up ?? 90, down: shape.down ?? 10 },
    ...(shape.collectionErrors ? { collectionErrors: shape.collectionErrors } : {}),
  };
}

/** A slot that received no traffic at all in the interval. */
export function noTraffic(): SlotIntervalData {
  return slot({ latency: [], requests: 0, errors: 0, checked: 0, flagged: 0, up: 0, down: 0 });
}

/** An interval score as scoreInterval would give it, for decideInterval tests. */
export function scored(score: number, extra: Partial<IntervalScore> = {}): IntervalScore {
  return {
    score,
    criticalFailure: false,
    collectionError: false,
    metrics: [
      { metric: 'latency', class: score >= 75 ? 'Pass' : 'High', critical: false },
      { metric: 'error_rate', class: 'Pass', critical: true },
    ],
    reasons: [`score ${score}`],
    ...extra,
  };
}
