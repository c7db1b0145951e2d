import { join, resolve } from 'node:path';
import { parseWith } from '../../../src/errors';
import { DEFAULT_TOLERANCES, metricsForCapability, regressionPolicySchema, WORSE_WHEN } from '../../../src/policy/sections/regression';
import { readYamlOrJson } from '../../../src/yaml-file';

const minimal = { dataset: { path: 'regression.jsonl', sha256: 'a'.repeat(64), minItemsPerCapability: { math: 50 } } };
const problems = (value: unknown): string => {
  const parsed = regressionPolicySchema.safeParse(value);
  return parsed.success ? '' : JSON.stringify(parsed.error.issues);
};

describe('gates.regression policy section', () => {
  test('defaults follow DESIGN §5.3: accuracy −1%, latency +10%, throughput −5%, memory +10%, B = 10,000', () => {
    const policy = regressionPolicySchema.parse(minimal);
    expect(policy.metrics).toEqual({ accuracy: 0.01, f1: 0.01, bleu: 0.02, latency_mean: 0.1, latency_p99: 0.1, ttft_mean: 0.1, throughput: 0.05, memory: 0.1 });
    expect(policy.metrics).toEqual(DEFAULT_TOLERANCES);
    expect(policy.bootstrap).toEqual({ resamples: 10000, confidence: 0.95 });
    expect(policy).toMatchObject({ alpha: 0.05, runs: 1, onInconclusive: 'block', memoryMetric: 'gatehouse_model_memory_peak_bytes', absolute: {}, capabilityMetrics: {} });
    expect(policy.throughput).toEqual({ concurrency: 16, requests: 256, runs: 3 });
    expect(policy.dataset.minItemsPerSlice).toBe(20);
    expect(regressionPolicySchema.parse({ ...minimal, metrics: { accuracy: 0 } }).metrics).toMatchObject({ accuracy: 0, latency_p99: 0.1 });
  });

  test('directions: lower is worse for quality and throughput, higher for latency and memory', () => {
    expect(Object.entries(WORSE_WHEN).filter(([, w]) => w === 'lower').map(([m]) => m)).toEqual(['accuracy', 'f1', 'bleu', 'throughput']);
  });

  test('strict: an unknown or misspelt key is an error, never a silent default', () => {
    expect(problems({ ...minimal, metrics: { acuracy: 0.01 } })).toMatch(/unrecognized|acuracy/i);
    expect(problems({ ...minimal, throughput: { concurency: 8 } })).toMatch(/concurency/);
    expect(problems({ ...minimal, absolute: { accuracy: { max: 0.5 } } })).toMatch(/max/);
    expect(problems({ ...minimal, llmJudge: {} })).toMatch(/llmJudge/);
  });

  test('refuses values that would make the gate meaningless', () => {
    expect(problems({ ...minimal, metrics: { latency_p99: 10.5 } })).toContain('not a percentage');
    expect(problems({ ...minimal, metrics: { accuracy: -0.01 } })).toContain('at least 0');
    expect(problems({ ...minimal, throughput: { runs: 2 } })).toContain('at least 3 runs');
    expect(problems({ ...minimal, throughput: { concurrency: 32, requests: 100 } })).toContain('requests ≥ 4 × concurrency');
    expect(problems({ ...minimal, bootstrap: { resamples: 100 } })).not.toBe('');
    expect(problems({ ...minimal, dataset: { ...minimal.dataset, sha256: 'ABC' } })).toContain('sha256');
    expect(problems({ ...minimal, dataset: { ...minimal.dataset, minItemsPerCapability: {} } })).toContain('at least one capability');
    expect(problems({ ...minimal, capabilityMetrics: { poetry: ['bleu'] } })).toContain('is not in dataset.minItemsPerCapability');
    expect(problems({ ...minimal, capabilityMetrics: { math: ['f1', 'f1'] } })).toContain('at most once');
    expect(problems({ ...minimal, memoryMetric: 'peak memory' })).toContain('Prometheus metric name');
  });

  test('metricsForCapability: the listed metrics, else all three', () => {
    const policy = regressionPolicySchema.parse({ ...minimal, capabilityMetrics: { math: ['accuracy'] } });
    expect(metricsForCapability(policy, 'math')).toEqual(['accuracy']);
    expect(metricsForCapability(policy, 'other')).toEqual(['accuracy', 'f1', 'bleu']);
  });

  test('the example section parses and pins the example suite', () => {
    const file = resolve(__dirname, '../../../examples/datasets/regression-policy.yaml');
    const policy = parseWith(regressionPolicySchema, readYamlOrJson(file, 'regression policy'), file);
    expect(policy.dataset.path).toBe('regression.jsonl');
    expect(policy.dataset.minItemsPerCapability).toEqual({ math: 80, extraction: 120, summarisation: 100 });
    expect(policy.throughput).toEqual({ concurrency: 32, requests: 192, runs: 3 });
    expect(policy.absolute).toEqual({ accuracy: { min: 0.6 }, latency_p99: { maxMs: 1000 } });
    expect(join('x', policy.dataset.path)).toBe(join('x', 'regression.jsonl'));
  });
});
