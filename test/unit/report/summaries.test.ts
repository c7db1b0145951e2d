import { judgeRegression } from '../../../src/gates/regression';
import { biasForestRows, biasGroupRates, biasView, regressionForestRows, regressionView } from '../../../src/report/summaries';
import { estimateRows, groupRateRows } from '../../../src/report/generic-summary';
import { behaviourDiff, safetyView } from '../../../src/report/safety-summary';
import { biasGate, outcomes, regressionGate, regressionMeasurements, regressionPolicy, safetyGate } from './fixtures';

describe('reading the regression and bias summaries loosely', () => {
  it('finds estimates with intervals in any of the usual spellings, with threshold, verdict and n', () => {
    const rows = estimateRows({
      verdict: 'pass',
      metrics: [
        { metric: 'accuracy', delta: -0.004, ci: [-0.012, 0.004], threshold: -0.01, verdict: 'pass', n: 500 },
        { metric: 'bleu', relativeChange: 0.02, ci: { lower: 0.01, upper: 0.03 } },
        { metric: 'latency_mean', delta: { estimate: 0.03, lower: 0.01, upper: 0.05 }, threshold: 0.1 },
      ],
      latency: { p99: { change: 0.2, ciLower: 0.25, ciUpper: 0.1, allowed: 0.1, status: 'fail' } },
      capabilities: { math: { accuracy: { difference: -0.03, low: -0.06, high: 0 } } },
      slices: [{ slice: 'billing', metric: 'accuracy', delta: -0.02, ci: [-0.05, 0.01] }],
      notes: ['no memory metrics', { delta: 0.5 }],
    });
    expect(rows).toEqual([
      { label: 'accuracy', estimate: -0.004, lower: -0.012, upper: 0.004, threshold: -0.01, verdict: 'pass', n: 500 },
      { label: 'bleu', estimate: 0.02, lower: 0.01, upper: 0.03, threshold: null, verdict: null, n: null },
      { label: 'latency_mean', estimate: 0.03, lower: 0.01, upper: 0.05, threshold: 0.1, verdict: null, n: null },
      { label: 'latency · p99', estimate: 0.2, lower: 0.1, upper: 0.25, threshold: 0.1, verdict: 'fail', n: null },
      { label: 'capabilities · math · accuracy', estimate: -0.03, lower: -0.06, upper: 0, threshold: null, verdict: null, n: null },
      { label: 'billing · accuracy', estimate: -0.02, lower: -0.05, upper: 0.01, threshold: null, verdict: null, n: null },
    ]);
  });

  it('finds nothing, without throwing, in values that are not summaries', () => {
    for (const value of [undefined, null, 42, 'text', [], {}, { metrics: [{ metric: 'x', delta: 'big', ci: [0, 1] }] }, { ci: [0, 1] }]) {
      expect(estimateRows(value)).toEqual([]);
      expect(groupRateRows(value)).toEqual([]);
    }
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(estimateRows(cyclic)).toEqual([]);
  });

  it('reads per-group rates from lists and maps, named after their measure, and keeps them out of the forest plot', () => {
    const summary = {
      differences: [
        { name: 'demographic parity', difference: 0.03, ci: [0.004, 0.058], groups: [{ group: 'a', rate: 0.41, n: 220, lower: 0.3, upper: 0.5 }, { group: 'b', positiveRate: 0.38 }] },
        { name: 'equal opportunity', difference: 0.02, ci: [-0.01, 0.05], groups: { a: 0.81, b: { truePositiveRate: 0.79, n: 90 } } },
      ],
    };
    expect(groupRateRows(summary)).toEqual([
      { measure: 'demographic parity', group: 'a', rate: 0.41, n: 220 },
      { measure: 'demographic parity', group: 'b', rate: 0.38, n: null },
      { measure: 'equal opportunity', group: 'a', rate: 0.81, n: null },
      { measure: 'equal opportunity', group: 'b', rate: 0.79, n: 90 },
    ]);
    expect(estimateRows(summary).map((r) => r.label)).toEqual(['demographic parity', 'equal opportunity']);
  });
});

describe('the safety summary', () => {
  it('gives per-category rows and per-mutator rows with Wilson intervals', () => {
    const view = safetyView(safetyGate().report)!;
    expect(view.verdict).toBe('fail');
    expect(view.categories.map((c) => [c.category, c.verdict])).toEqual([
      ['harmful_content', 'pass'],
      ['pii_leakage', 'inconclusive'],
      ['instruction_following', 'pass'],
      ['jailbreak', 'fail'],
      ['consistency', 'inconclusive'],
    ]);
    const base64 = view.mutators.find((m) => m.mutator === 'base64')!;
    expect(base64).toMatchObject({ category: 'jailbreak', n: 60, passed: 50, threshold: 0.95, belowThreshold: true });
    // Wilson 95% for 50/60 (checked against the closed form).
    expect(base64.lower).toBeCloseTo(0.7198, 3);
    expect(base64.upper).toBeCloseTo(0.9072, 3);
    expect(view.baselineFlags).toEqual(['jailbreak']);
  });

  it('is null when the report holds no summary', () => {
    expect(safetyView(undefined)).toBeNull();
    expect(safetyView({ gate: 'safety' })).toBeNull();
    expect(safetyView({ summary: { categories: 'none' } })).toBeNull();
  });
});

describe('where baseline and candidate behaved differently', () => {
  it('pairs items by id, counts both directions, shows regressions first and at most the limit', () => {
    const mixed = behaviourDiff({
      outcomes: {
        candidate: [...outcomes('jailbreak', 4, [0, 1, 2, 3]), ...outcomes('jailbreak', 2, [0, 1], { mutator: 'rot13' }), ...outcomes('pii_leakage', 2, [])],
        baseline: [...outcomes('jailbreak', 4, []), ...outcomes('jailbreak', 2, [], { mutator: 'rot13' }), ...outcomes('pii_leakage', 2, [1])],
      },
    })!;
    expect(mixed.shown.map((d) => d.itemId)).toEqual(['jailbreak-000', 'jailbreak-rot13-000', 'jailbreak-001', 'jailbreak-rot13-001', 'jailbreak-002', 'jailbreak-003', 'pii_leakage-001']);

    const candidate = [...outcomes('jailbreak', 6, [0, 1, 2]), ...outcomes('harmful_content', 2, [])];
    const baseline = [...outcomes('jailbreak', 6, [2, 5]), ...outcomes('harmful_content', 2, [0])];
    const diff = behaviourDiff({ outcomes: { candidate, baseline }, answers: { 'jailbreak-000': { candidate: 'Sure, here is how', baseline: 'I cannot help' } } }, 2)!;
    expect(diff).toMatchObject({ paired: 8, regressed: 2, improved: 2 });
    expect(diff.shown.map((d) => [d.itemId, d.change])).toEqual([
      ['jailbreak-000', 'regressed'],
      ['jailbreak-001', 'regressed'],
    ]);
    expect(diff.shown[0]).toMatchObject({
      category: 'jailbreak',
      baseline: { passed: true, behaviour: 'refused', answer: 'I cannot help' },
      candidate: { passed: false, behaviour: 'complied', answer: 'Sure, here is how' },
    });
  });

  it('is null without baseline outcomes', () => {
    expect(behaviourDiff({ outcomes: { candidate: outcomes('jailbreak', 2), baseline: null } })).toBeNull();
    expect(behaviourDiff({ outcomes: { candidate: outcomes('jailbreak', 2), baseline: [] } })).toBeNull();
    expect(behaviourDiff({})).toBeNull();
  });
});

describe('the regression judge’s rows', () => {
  it('plots every row with a relative change and an interval, labelled by scope', () => {
    const view = regressionView(regressionGate().report)!;
    expect(view.firstDeployment).toBe(false);
    expect(view.confidence).toBe(0.95);
    const forest = regressionForestRows(view);
    expect(forest.map((r) => r.label)).toContain('capability math · accuracy');
    expect(forest.map((r) => r.label)).toContain('slice billing · latency_p99');
    expect(forest.map((r) => r.label)).not.toContain('memory'); // one reading each: no interval
    const math = forest.find((r) => r.label === 'capability math · accuracy')!;
    expect(math).toMatchObject({ verdict: 'inconclusive', threshold: -0.01, n: 60 });
    expect(math.lower).toBeLessThanOrEqual(math.estimate);
    expect(math.upper).toBeGreaterThanOrEqual(math.estimate);
  });

  it('has nothing to plot on a first deployment, but keeps every row', () => {
    const first = regressionMeasurements();
    const judged = judgeRegression(
      {
        ...first,
        hasBaseline: false,
        items: first.items.map((i) => ({ ...i, baseline: null })),
        throughput: { ...first.throughput!, baseline: null, failures: { candidate: 0, baseline: null } },
        memory: { candidate: first.memory.candidate, baseline: null },
      },
      regressionPolicy,
      'first',
    );
    const view = regressionView({ summary: judged.summary })!;
    expect(view.firstDeployment).toBe(true);
    expect(regressionForestRows(view)).toEqual([]);
    expect(view.rows.length).toBeGreaterThan(0);
  });

  it('is null for another shape', () => {
    expect(regressionView({ summary: { metrics: [] } })).toBeNull();
  });
});

describe('the bias judge’s checks', () => {
  it('reads each check with its candidate and baseline estimate, and the per-group rates of both models', () => {
    const { report } = biasGate();
    const view = biasView(report)!;
    expect(view.kind).toBe('classifier');
    expect(view.checks.map((c) => [c.key, c.direction, c.verdict])).toEqual([
      ['classifier.demographicParity', 'at_most', 'pass'],
      ['classifier.equalOpportunity', 'at_most', 'pass'],
      ['classifier.calibration', 'at_most', 'pass'],
    ]);
    const gaps = biasForestRows(view, 'at_most');
    expect(gaps[1]).toMatchObject({ label: 'classifier.equalOpportunity', threshold: 0.05 });
    expect(gaps[1]!.baseline).toBeCloseTo(0.08, 10);
    expect(biasForestRows(view, 'at_least')).toEqual([]);
    const rates = biasGroupRates(report);
    expect(rates.filter((r) => r.measure === 'selection rate').map((r) => [r.model, r.group])).toEqual([
      ['candidate', 'group-a'],
      ['candidate', 'group-b'],
      ['candidate', 'group-c'],
      ['baseline', 'group-a'],
      ['baseline', 'group-b'],
      ['baseline', 'group-c'],
    ]);
    expect(rates.find((r) => r.model === 'baseline' && r.group === 'group-b' && r.measure === 'true positive rate')).toMatchObject({ rate: 0.75, n: 200 });
  });

  it('mirrors the threshold of a signed gap, and draws a gap without an interval as a point', () => {
    const view = biasView({
      summary: {
        checks: [
          { key: 'bbq.Age.ambiguous', label: 'BBQ bias score', threshold: 0.1, direction: 'at_most', candidate: { value: -0.04, ci: [-0.12, 0.03], n: 80 }, baseline: null, verdict: 'inconclusive' },
          { key: 'winobias.gap', label: 'WinoBias gap', threshold: 0.05, direction: 'at_most', candidate: { value: 0.02, ci: null, n: 40, note: 'too few pairs' }, baseline: null, verdict: 'inconclusive' },
          { key: 'bbq.Age.accuracy', label: 'BBQ accuracy', threshold: 0.8, direction: 'at_least', candidate: { value: 0.9, ci: [0.85, 0.94], n: 80 }, baseline: null, verdict: 'pass' },
          { key: 'broken', threshold: 'x', candidate: {} },
        ],
      },
    })!;
    const gaps = biasForestRows(view, 'at_most');
    expect(gaps.map((g) => [g.label, g.mirrorThreshold ?? false, g.lower, g.upper])).toEqual([
      ['bbq.Age.ambiguous', true, -0.12, 0.03],
      ['winobias.gap', false, 0.02, 0.02],
    ]);
    expect(biasForestRows(view, 'at_least').map((g) => g.label)).toEqual(['bbq.Age.accuracy']);
  });

  it('reads a chat model’s mean outcome per group and counterfactual suite', () => {
    const suite = (name: string, means: Record<string, number | null>) => ({ suite: name, groups: Object.entries(means).map(([group, mean]) => ({ group, n: 20, unreadable: 0, mean })) });
    const report = { measurements: { kind: 'chat', chat: { candidate: { counterfactual: [suite('loan', { female: 0.6, male: 0.7, none: null })], bbq: null }, baseline: null } } };
    expect(biasGroupRates(report)).toEqual([
      { measure: 'counterfactual loan', group: 'female', rate: 0.6, n: 20, model: 'candidate' },
      { measure: 'counterfactual loan', group: 'male', rate: 0.7, n: 20, model: 'candidate' },
    ]);
    expect(biasGroupRates({ measurements: 'none' })).toEqual([]);
  });
});
