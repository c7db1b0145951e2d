import { describeZodError } from '../../../src/errors';
import { canaryPlanSchema, leaseSecondsOf, minEffectOf } from '../../../src/canary/plan';
import { plan } from './helpers';

function problems(value: unknown): string {
  const result = canaryPlanSchema.safeParse(value);
  if (result.success) throw new Error('expected the plan to be refused');
  return describeZodError(result.error);
}

describe('canary plan (the policy\'s canary section)', () => {
  test('accepts a production-like plan as is', () => {
    expect(canaryPlanSchema.parse(plan())).toEqual(plan());
  });

  test('is strict: an unknown key is an error, not ignored', () => {
    expect(problems({ ...plan(), skipAnalysis: true })).toMatch(/skipAnalysis/);
    const metrics = plan().metrics.map((m, i) => (i === 0 ? { ...m, treshold: 3 } : m));
    expect(problems({ ...plan(), metrics })).toMatch(/metrics\.0.*treshold/);
  });

  test('refuses weights outside 1..100, and steps whose weight does not increase', () => {
    expect(problems({ ...plan(), steps: [{ weight: 0, bakeSeconds: 10 }] })).toMatch(/steps\.0\.weight/);
    expect(problems({ ...plan(), steps: [{ weight: 101, bakeSeconds: 10 }] })).toMatch(/steps\.0\.weight/);
    expect(problems({ ...plan(), steps: [{ weight: 25, bakeSeconds: 10 }, { weight: 5, bakeSeconds: 10 }] })).toMatch(
      /steps\.1\.weight: expected weights to increase step by step \(25 then 5\)/,
    );
  });

  test('refuses a metric listed twice, an unknown metric or direction, and a non-positive weight', () => {
    const p = plan();
    expect(problems({ ...p, metrics: [...p.metrics, p.metrics[0]] })).toMatch(/metrics\.4\.name: metric latency is listed twice/);
    expect(problems({ ...p, metrics: [{ ...p.metrics[0]!, name: 'throughput' }] })).toMatch(/metrics\.0\.name/);
    expect(problems({ ...p, metrics: [{ ...p.metrics[0]!, direction: 'up' }] })).toMatch(/metrics\.0\.direction/);
    expect(problems({ ...p, metrics: [{ ...p.metrics[0]!, weight: 0 }] })).toMatch(/metrics\.0\.weight/);
  });

  test('says which unit a tolerance is in when it is out of range', () => {
    const p = plan();
    expect(problems({ ...p, metrics: [{ ...p.metrics[0]!, tolerance: 10 }] })).toMatch(/relative tolerance in \[0, 1\] for latency \(0\.10 = 10%\)/);
    expect(problems({ ...p, metrics: [{ ...p.metrics[1]!, tolerance: 150 }] })).toMatch(/absolute percentage points in \[0, 100\] for error_rate/);
  });

  test('refuses thresholds with marginal ≥ pass, a bad alpha, negative limits, zero samples', () => {
    expect(problems({ ...plan(), scoreThresholds: { marginal: 80, pass: 75 } })).toMatch(/scoreThresholds: expected marginal < pass/);
    expect(problems({ ...plan(), alpha: 0 })).toMatch(/alpha/);
    expect(problems({ ...plan(), failureLimit: -1 })).toMatch(/failureLimit/);
    expect(problems({ ...plan(), consecutiveErrorLimit: 1.5 })).toMatch(/consecutiveErrorLimit/);
    expect(problems({ ...plan(), minSamplesPerInterval: 0 })).toMatch(/minSamplesPerInterval/);
  });

  test('minEffect: an absolute floor in the metric\'s unit, "5ms" or "0.005s" for latency, "0.5pp" for rates; 5 ms by default for latency', () => {
    const p = plan();
    const parse = (metric: Record<string, unknown>) => canaryPlanSchema.parse({ ...p, metrics: [metric] }).metrics[0]!;
    expect(minEffectOf(parse(p.metrics[0]!))).toBe(5);
    expect(minEffectOf(parse(p.metrics[1]!))).toBe(0);
    expect(parse({ ...p.metrics[0]!, minEffect: '12ms' }).minEffect).toBe(12);
    expect(parse({ ...p.metrics[0]!, minEffect: '0.005s' }).minEffect).toBe(5);
    expect(parse({ ...p.metrics[0]!, minEffect: 20 }).minEffect).toBe(20);
    expect(parse({ ...p.metrics[1]!, minEffect: '0.5pp' }).minEffect).toBe(0.5);
    expect(problems({ ...p, metrics: [{ ...p.metrics[0]!, minEffect: '5pp' }] })).toMatch(/metrics\.0\.minEffect: expected a duration for latency/);
    expect(problems({ ...p, metrics: [{ ...p.metrics[1]!, minEffect: '5ms' }] })).toMatch(/metrics\.0\.minEffect: expected percentage points for error_rate/);
    expect(problems({ ...p, metrics: [{ ...p.metrics[0]!, minEffect: -1 }] })).toMatch(/metrics\.0\.minEffect/);
    expect(problems({ ...p, metrics: [{ ...p.metrics[0]!, minEffect: 'fast' }] })).toMatch(/metrics\.0\.minEffect/);
    // A plan handed to the canary workflow without the schema (its input) may still hold the text form.
    expect(minEffectOf({ name: 'latency', minEffect: '15ms' })).toBe(15);
    expect(() => minEffectOf({ name: 'latency', minEffect: 'fast' })).toThrow(/minEffect of latency/);
  });

  test('leaseSeconds: how long a signed canary weight holds unrenewed; 3 analysis intervals by default, and longer than one', () => {
    const parsed = canaryPlanSchema.parse(plan());
    expect(leaseSecondsOf(parsed)).toBe(3 * parsed.analysisIntervalSeconds);
    expect(leaseSecondsOf(canaryPlanSchema.parse({ ...plan(), leaseSeconds: 900 }))).toBe(900);
    expect(canaryPlanSchema.safeParse({ ...plan(), leaseSeconds: parsed.analysisIntervalSeconds }).success).toBe(false);
  });
});
