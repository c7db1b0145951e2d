/**
 * The regression examples are what their generator says, the suite is pinned and covered, every
 * regression model also passes the example safety suite (so a demo policy requiring both gates can
 * deploy them), and — without a network, on the models' own answers and simulated service times —
 * each example gets its verdict. The same over real HTTP is end-to-end.test.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseWith } from '../../../../src/errors';
import { regressionItemSchema, safetyCategories, safetyItemSchema, type RegressionItem } from '../../../../src/eval/datasets/items';
import { loadJsonlDataset } from '../../../../src/eval/datasets/jsonl';
import { checkRegressionCoverage, regressionItemMessages, scoreAnswer } from '../../../../src/eval/regression';
import { buildSafetySuite, judgeSafetyResponse, safetyItemMessages, toPerItemOutcome } from '../../../../src/eval/safety/outcomes';
import { judgeRegression } from '../../../../src/gates/regression';
import { type RegressionMeasurements } from '../../../../src/eval/regression/measurements';
import { regressionPolicySchema, type RegressionPolicy } from '../../../../src/policy/sections/regression';
import { judgeSafety } from '../../../../src/gates/safety';
import { safetyPolicySchema } from '../../../../src/policy/sections/safety';
import { answerChat, simulatedChatSpecSchema, simulatedLatencyMs, type SimulatedChatSpec } from '../../../../src/serving/simulated-chat-model';
import { readYamlOrJson } from '../../../../src/yaml-file';
import { answerPlan, EXAMPLES_DIR, generateItems, REGRESSION_MODELS, regressionExampleFiles } from './fixtures/regression-examples';

const POLICY_FILE = join(EXAMPLES_DIR, 'datasets', 'regression-policy.yaml');
let policy: RegressionPolicy;
let items: RegressionItem[];

beforeAll(async () => {
  policy = parseWith(regressionPolicySchema, readYamlOrJson(POLICY_FILE, 'regression policy section'), POLICY_FILE);
  const dataset = await loadJsonlDataset(resolve(dirname(POLICY_FILE), policy.dataset.path), regressionItemSchema);
  expect(dataset.sha256).toBe(policy.dataset.sha256);
  items = dataset.items;
});

function loadModel(name: string): SimulatedChatSpec {
  const file = join(EXAMPLES_DIR, 'models', name, 'model.json');
  return parseWith(simulatedChatSpecSchema, JSON.parse(readFileSync(file, 'utf8')), file);
}

describe('the regression example files', () => {
  test('are exactly what the generator produces (re-run it after editing it)', () => {
    for (const [path, content] of Object.entries(regressionExampleFiles())) {
      expect({ path, content: readFileSync(join(EXAMPLES_DIR, path), 'utf8') }).toEqual({ path, content });
    }
  });

  test('the suite: three capabilities, four slices, every minimum met, invented requests only', () => {
    expect(checkRegressionCoverage(items, policy)).toEqual([]);
    const count = (f: (i: RegressionItem) => boolean) => items.filter(f).length;
    expect({ math: count((i) => i.capability === 'math'), extraction: count((i) => i.capability === 'extraction'), summarisation: count((i) => i.capability === 'summarisation') }).toEqual({
      math: 80,
      extraction: 120,
      summarisation: 100,
    });
    const slices = (tag: string) => count((i) => (i.slices ?? []).includes(tag));
    expect({ en: slices('lang:en'), de: slices('lang:de'), long: slices('long'), multi: slices('multi-step') }).toEqual({ en: 270, de: 30, long: 44, multi: 30 });
    for (const item of items.filter((i) => i.capability === 'math')) expect(item.reference).toMatch(/^-?\d+$/);
  });

  test('each model answers every item with its own rule, as the plan says', () => {
    const generated = generateItems();
    const plan = answerPlan(generated);
    for (const name of REGRESSION_MODELS) {
      const spec = loadModel(name);
      expect(spec.simulated).toBe(true);
      generated.forEach((g, i) => {
        const answer = answerChat(spec, regressionItemMessages(g.item));
        const expected = plan[name][i] === 'correct' ? g.item.reference : plan[name][i] === 'partial' ? g.partial : g.wrong;
        expect({ name, id: g.item.id, answer }).toEqual({ name, id: g.item.id, answer: expected });
      });
    }
  });

  test('every regression model also passes the example safety suite', async () => {
    const safetyFile = join(EXAMPLES_DIR, 'datasets', 'safety-policy.yaml');
    const safety = parseWith(safetyPolicySchema, readYamlOrJson(safetyFile, 'safety policy section'), safetyFile);
    const dataset = await loadJsonlDataset(resolve(dirname(safetyFile), safety.dataset.path), safetyItemSchema);
    const suite = buildSafetySuite(dataset.items, safety);
    for (const name of REGRESSION_MODELS) {
      const spec = loadModel(name);
      const outcomes = suite.map((item) => toPerItemOutcome(item, judgeSafetyResponse(item, answerChat(spec, safetyItemMessages(item)), safety)));
      const judged = judgeSafety({ candidate: outcomes, baseline: null }, safety);
      expect({ name, failing: safetyCategories.filter((c) => judged.summary.categories[c].verdict !== 'pass') }).toEqual({ name, failing: [] });
    }
  });
});

describe('the regression examples judged offline (simulated answers and service times, no network)', () => {
  /** Throughput a closed loop at `concurrency` would see: the slots it gets over the mean service time. */
  const simulatedRps = (spec: SimulatedChatSpec, meanMs: number, concurrency: number) => (1000 * Math.min(concurrency, spec.maxConcurrency ?? Infinity)) / meanMs;

  function measure(candidate: SimulatedChatSpec, baseline: SimulatedChatSpec): RegressionMeasurements {
    const observe = (spec: SimulatedChatSpec, item: RegressionItem) => {
      const messages = regressionItemMessages(item);
      const serviceMs = simulatedLatencyMs(spec, undefined, messages);
      return scoreAnswer(item, { ok: true, text: answerChat(spec, messages), latencyMs: serviceMs + 1, ttftMs: serviceMs + 0.5, status: 200 });
    };
    const measured = items.map((item) => ({ itemId: item.id, capability: item.capability, slices: item.slices ?? [], candidate: [observe(candidate, item)], baseline: [observe(baseline, item)] }));
    const meanOf = (side: 'candidate' | 'baseline') => measured.reduce((s, m) => s + m[side][0]!.latencyMs!, 0) / measured.length;
    const rps = (spec: SimulatedChatSpec, side: 'candidate' | 'baseline') => [0.99, 1, 1.01].map((f) => f * simulatedRps(spec, meanOf(side), policy.throughput.concurrency));
    return {
      items: measured,
      hasBaseline: true,
      runs: 1,
      throughput: { concurrency: policy.throughput.concurrency, requests: policy.throughput.requests, candidate: rps(candidate, 'candidate'), baseline: rps(baseline, 'baseline'), failures: { candidate: 0, baseline: 0 } },
      memory: {
        candidate: { status: 'measured', bytes: candidate.memoryBytes!, source: 'model.json' },
        baseline: { status: 'measured', bytes: baseline.memoryBytes!, source: 'model.json' },
      },
    };
  }

  const judge = (name: string) => judgeRegression(measure(loadModel(name), loadModel('regression-baseline')), policy, `offline-${name}`);
  const failingRows = (judged: ReturnType<typeof judge>) => judged.summary.rows.filter((r) => r.verdict === 'fail').map((r) => `${r.scope} ${r.metric}`);

  test('regression-baseline against itself passes with no change anywhere', () => {
    const judged = judge('regression-baseline');
    expect(judged.result.verdict).toBe('pass');
    expect(judged.summary.rows.every((r) => r.relativeChange === 0)).toBe(true);
  });

  test('regression-capability-drop: better overall, blocked on math', () => {
    const judged = judge('regression-capability-drop');
    expect(judged.result.verdict).toBe('fail');
    const all = judged.summary.rows.filter((r) => r.scope === 'all' && ['accuracy', 'f1', 'bleu'].includes(r.metric));
    expect(all.every((r) => r.relativeChange! > 0 && r.verdict === 'pass')).toBe(true);
    expect(failingRows(judged)).toEqual(['capability:math accuracy', 'capability:math f1', 'slice:multi-step accuracy', 'slice:multi-step f1']);
    expect(judged.result.reasons[0]).toMatch(/^math: accuracy 55% vs 90% \(−39%/);
  });

  test('regression-p99: the p99 fails, the mean stays within 1%', () => {
    const judged = judge('regression-p99');
    expect(judged.result.verdict).toBe('fail');
    expect(failingRows(judged)).toContain('all latency_p99');
    expect(failingRows(judged).every((f) => f.endsWith('latency_p99'))).toBe(true);
    const mean = judged.summary.rows.find((r) => r.scope === 'all' && r.metric === 'latency_mean')!;
    expect(Math.abs(mean.relativeChange!)).toBeLessThan(0.01);
  });

  test('regression-noise passes', () => {
    const judged = judge('regression-noise');
    expect(failingRows(judged)).toEqual([]);
    expect(judged.result.verdict).toBe('pass');
  });

  test('regression-slow: throughput halves and fails, nothing else changes', () => {
    const judged = judge('regression-slow');
    expect(failingRows(judged)).toEqual(['all throughput']);
    expect(judged.summary.rows.find((r) => r.metric === 'throughput')!.relativeChange).toBeCloseTo(-0.5, 6);
  });
});
