import { judgeRegression } from '../../../src/gates/regression';
import { parseGateReport, type GateReport, type GateReports } from '../../../src/report/gate-reports';
import { biasForestRows, biasGroupRates, regressionForestRows } from '../../../src/report/summaries';
import { behaviourDiff, safetyView } from '../../../src/report/safety-summary';
import type { BiasReport } from '../../../src/gates/bias-report';
import type { BiasSummaryReport } from '../../../src/gates/bias-report';
import type { RegressionReport } from '../../../src/gates/regression-report';
import type { SafetyReport } from '../../../src/gates/safety-report';
import { biasGate, outcomes, regressionGate, regressionMeasurements, regressionPolicy, safetyGate } from './fixtures';

/** A gate's blob parsed with its writer's schema; the test fails if it does not parse. */
function parsed<G extends keyof GateReports>(gate: G, blob: unknown): Exclude<NonNullable<GateReports[G]>, { unreadable: string }> {
  const report = parseGateReport(gate, blob) as GateReport | { unreadable: string };
  if ('unreadable' in report) throw new Error(report.unreadable);
  return report as Exclude<NonNullable<GateReports[G]>, { unreadable: string }>;
}

/** A safety report holding only these outcomes (the rest as a first judged run would have it). */
function withOutcomes(candidate: SafetyReport['outcomes']['candidate'], baseline: SafetyReport['outcomes']['baseline'], answers?: Record<string, { candidate?: string; baseline?: string }>) {
  const report: SafetyReport = parsed('safety', safetyGate().report);
  return { ...report, outcomes: { candidate, baseline }, ...(answers ? { answers } : {}) };
}

describe('the safety summary', () => {
  it('gives per-category rows and per-mutator rows with Wilson intervals', () => {
    const view = safetyView(parsed('safety', safetyGate().report).summary);
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
});

describe('where baseline and candidate behaved differently', () => {
  it('pairs items by id, counts both directions, shows regressions first and at most the limit', () => {
    const mixed = behaviourDiff(
      withOutcomes(
        [...outcomes('jailbreak', 4, [0, 1, 2, 3]), ...outcomes('jailbreak', 2, [0, 1], { mutator: 'rot13' }), ...outcomes('pii_leakage', 2, [])],
        [...outcomes('jailbreak', 4, []), ...outcomes('jailbreak', 2, [], { mutator: 'rot13' }), ...outcomes('pii_leakage', 2, [1])],
      ),
    )!;
    expect(mixed.shown.map((d) => d.itemId)).toEqual(['jailbreak-000', 'jailbreak-rot13-000', 'jailbreak-001', 'jailbreak-rot13-001', 'jailbreak-002', 'jailbreak-003', 'pii_leakage-001']);

    const candidate = [...outcomes('jailbreak', 6, [0, 1, 2]), ...outcomes('harmful_content', 2, [])];
    const baseline = [...outcomes('jailbreak', 6, [2, 5]), ...outcomes('harmful_content', 2, [0])];
    const diff = behaviourDiff(withOutcomes(candidate, baseline, { 'jailbreak-000': { candidate: 'Sure, here is how', baseline: 'I cannot help' } }), 2)!;
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
    expect(behaviourDiff(withOutcomes(outcomes('jailbreak', 2), null))).toBeNull();
    expect(behaviourDiff(withOutcomes(outcomes('jailbreak', 2), []))).toBeNull();
  });
});

describe('the regression judge’s rows', () => {
  it('plots every row with a relative change and an interval, labelled by scope', () => {
    const report: RegressionReport = parsed('regression', regressionGate().report);
    expect(report.summary.firstDeployment).toBe(false);
    expect(report.summary.statistics.confidence).toBe(0.95);
    const forest = regressionForestRows(report.summary);
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
    const report = parsed('regression', { ...regressionGate().report, summary: judged.summary });
    expect(report.summary.firstDeployment).toBe(true);
    expect(regressionForestRows(report.summary)).toEqual([]);
    expect(report.summary.rows.length).toBeGreaterThan(0);
  });
});

describe('the bias judge’s checks', () => {
  it('reads each check with its candidate and baseline estimate, and the per-group rates of both models', () => {
    const report: BiasReport = parsed('bias', biasGate().report);
    expect(report.kind).toBe('classifier');
    expect(report.summary.checks.map((c) => [c.key, c.direction, c.verdict])).toEqual([
      ['classifier.demographicParity', 'at_most', 'pass'],
      ['classifier.equalOpportunity', 'at_most', 'pass'],
      ['classifier.calibration', 'at_most', 'pass'],
    ]);
    const gaps = biasForestRows(report.summary, 'at_most');
    expect(gaps[1]).toMatchObject({ label: 'classifier.equalOpportunity', threshold: 0.05 });
    expect(gaps[1]!.baseline).toBeCloseTo(0.08, 10);
    expect(biasForestRows(report.summary, 'at_least')).toEqual([]);
    const rates = biasGroupRates(report.measurements);
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
    const summary: BiasSummaryReport = {
      verdict: 'inconclusive',
      kind: 'chat',
      problems: [],
      hasBaseline: false,
      checks: [
        { key: 'bbq.Age.ambiguous', label: 'BBQ bias score', threshold: 0.1, direction: 'at_most', candidate: { value: -0.04, ci: [-0.12, 0.03], n: 80 }, baseline: null, verdict: 'inconclusive', reason: 'r' },
        { key: 'winobias.gap', label: 'WinoBias gap', threshold: 0.05, direction: 'at_most', candidate: { value: 0.02, ci: null, n: 40, note: 'too few pairs' }, baseline: null, verdict: 'inconclusive', reason: 'r' },
        { key: 'bbq.Age.accuracy', label: 'BBQ accuracy', threshold: 0.8, direction: 'at_least', candidate: { value: 0.9, ci: [0.85, 0.94], n: 80 }, baseline: null, verdict: 'pass', reason: 'r' },
        { key: 'stereoset.lms', label: 'not measured', threshold: 0.8, direction: 'at_least', candidate: { value: null, ci: null, n: 0, note: 'no items' }, baseline: null, verdict: 'inconclusive', reason: 'r' },
      ],
    };
    const gaps = biasForestRows(summary, 'at_most');
    expect(gaps.map((g) => [g.label, g.mirrorThreshold ?? false, g.lower, g.upper])).toEqual([
      ['bbq.Age.ambiguous', true, -0.12, 0.03],
      ['winobias.gap', false, 0.02, 0.02],
    ]);
    expect(biasForestRows(summary, 'at_least').map((g) => g.label)).toEqual(['bbq.Age.accuracy']);
  });

  it('reads a chat model’s mean outcome per group and counterfactual suite', () => {
    const suite = (name: string, means: Record<string, number | null>) => ({ suite: name, groups: Object.entries(means).map(([group, mean]) => ({ group, n: 20, mean })) });
    const measurements: BiasReport['measurements'] = { kind: 'chat', chat: { candidate: { counterfactual: [suite('loan', { female: 0.6, male: 0.7, none: null })] }, baseline: null } };
    expect(biasGroupRates(measurements)).toEqual([
      { measure: 'counterfactual loan', group: 'female', rate: 0.6, n: 20, model: 'candidate' },
      { measure: 'counterfactual loan', group: 'male', rate: 0.7, n: 20, model: 'candidate' },
    ]);
    expect(biasGroupRates({ kind: 'chat' })).toEqual([]);
  });
});
