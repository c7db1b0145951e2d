import { corpusBleu } from '../../../src/eval/judges/text-metrics';
import { bleuStatistics } from '../../../src/eval/regression/scoring';
import { bootstrapEvidence, classifyChange, itemsNeeded, judgeRegression, scoreRegression } from '../../../src/gates/regression';
import { percentSigned as signedPercent } from '../../../src/wording';
import { type RegressionJudgement, type RegressionRow } from '../../../src/gates/regression-summary';
import { pairedRunsInterval, studentTQuantile, studentTTwoSided } from '../../../src/stats/student-t';
import { holmAdjust, mcnemarExact, pairedBootstrapDiff } from '../../../src/stats';
import { failed, GIB, item, items, measuredMemory, measurements, obs, testPolicy, throughput } from '../eval/regression/fixtures/measurements';

const row = (judged: RegressionJudgement, metric: RegressionRow['metric'], scope = 'all'): RegressionRow => {
  const found = judged.summary.rows.find((r) => r.metric === metric && r.scope === scope);
  if (!found) throw new Error(`no ${metric} row for ${scope}`);
  return found;
};

/** Latency that varies by item (so intervals are not degenerate), deterministic. */
const lat = (i: number, base = 100) => base + ((i * 37) % 21) - 10;

describe('regression verdict: rules per metric (DESIGN §5.3)', () => {
  test('identical candidate and baseline: every row passes with no change, the gate passes', () => {
    const list = items(60, (i) => item(obs({ exact: i % 4 === 0 ? 0 : 1, latencyMs: lat(i), ttftMs: lat(i, 40) }), obs({ exact: i % 4 === 0 ? 0 : 1, latencyMs: lat(i), ttftMs: lat(i, 40) })));
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    expect(judged.result).toMatchObject({ gate: 'regression', verdict: 'pass' });
    for (const r of judged.summary.rows) {
      expect(r.verdict).toBe('pass');
      expect(r.relativeChange).toBe(0);
    }
    expect(row(judged, 'accuracy')).toMatchObject({ candidate: 0.75, baseline: 0.75, n: 60, test: 'mcnemar', rawPValue: 1, ci: [0, 0] });
    expect(judged.result.reasons).toContain('all items: accuracy 75% vs 75% (0%, 95% CI [0%, 0%]) within the −1% tolerance');
    expect(judged.result.metrics.firstDeployment).toBe(false);
    expect(Object.values(judged.result.metrics).every((v) => typeof v !== 'number' || Number.isFinite(v))).toBe(true);
  });

  test('accuracy: a significant drop beyond the tolerance fails, with McNemar, Cohen\u2019s d and a worded reason', () => {
    // 200 items; the baseline gets 180 right, the candidate 130 (50 lost, none gained).
    const list = items(200, (i) => item(obs({ exact: i < 130 ? 1 : 0 }), obs({ exact: i < 180 ? 1 : 0 })));
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    const accuracy = row(judged, 'accuracy');
    expect(accuracy).toMatchObject({ verdict: 'fail', candidate: 0.65, baseline: 0.9, test: 'mcnemar', threshold: -0.01 });
    expect(accuracy.relativeChange).toBeCloseTo(0.65 / 0.9 - 1, 12);
    expect(accuracy.rawPValue).toBe(mcnemarExact(0, 50).pValue);
    expect(accuracy.ci![1]).toBeLessThan(0);
    expect(accuracy.effectSize!).toBeLessThan(0);
    expect(judged.result.verdict).toBe('fail');
    expect(judged.result.reasons[0]).toMatch(/^all items: accuracy 65% vs 90% \(−28%, 95% CI \[−\d+%, −\d+%\]\) beyond the −1% tolerance$/);
  });

  test('accuracy: beyond the tolerance but on too few items is inconclusive, with the items needed', () => {
    // 20 items: the candidate loses 2 (−10%): McNemar cannot show that on 2 discordant pairs.
    const list = items(20, (i) => item(obs({ exact: i < 18 ? 1 : 0 }), obs({ exact: 1 })));
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    const accuracy = row(judged, 'accuracy');
    expect(accuracy.verdict).toBe('inconclusive');
    expect(accuracy.itemsNeeded!).toBeGreaterThan(20);
    expect(judged.result.verdict).toBe('inconclusive');
    expect(accuracy.reason).toMatch(
      /^all items: accuracy 90% vs 100% \(−10%, 95% CI \[−\d+%, 0%\]\) beyond the −1% tolerance but not demonstrated: the 95% interval does not exclude no change, McNemar p = 0\.5; about \d+ items would be needed \(have 20\)$/,
    );
  });

  test('a significant change within the tolerance passes, and so does an improvement', () => {
    const within = items(400, (i) => item(obs({ latencyMs: lat(i) * 1.05 }), obs({ latencyMs: lat(i) })));
    const judged = judgeRegression(measurements(within), testPolicy(), 'run-1');
    expect(row(judged, 'latency_mean').ci![0]).toBeGreaterThan(0);
    expect(row(judged, 'latency_mean').verdict).toBe('pass');
    const faster = items(100, (i) => item(obs({ latencyMs: lat(i) * 0.5 }), obs({ latencyMs: lat(i) })));
    expect(row(judgeRegression(measurements(faster), testPolicy(), 'run-1'), 'latency_mean').verdict).toBe('pass');
  });

  test('latency is oriented the other way: +30% fails, −30% passes', () => {
    const slower = items(100, (i) => item(obs({ latencyMs: lat(i) * 1.3, ttftMs: lat(i, 40) * 1.3 }), obs({ latencyMs: lat(i), ttftMs: lat(i, 40) })));
    const judged = judgeRegression(measurements(slower), testPolicy(), 'run-1');
    expect(row(judged, 'latency_mean')).toMatchObject({ verdict: 'fail', threshold: 0.1 });
    expect(row(judged, 'latency_mean').relativeChange).toBeCloseTo(0.3, 10);
    expect(row(judged, 'ttft_mean').verdict).toBe('fail');
    expect(row(judged, 'latency_mean').reason).toMatch(/^all items: mean latency 130 ms vs 100 ms \(\+30%, 95% CI \[\+30%, \+30%\]\) beyond the \+10% tolerance$/);
  });

  test('p99 is judged apart from the mean: a tail with an unchanged mean fails p99 only', () => {
    // 300 items: 5% of the candidate's take +200 ms, the rest 10 ms less: the same mean.
    const list = items(300, (i) => {
      const base = lat(i);
      return item(obs({ latencyMs: i % 20 === 7 ? base + 190 : base - 10 }), obs({ latencyMs: base }));
    });
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    expect(row(judged, 'latency_mean').relativeChange).toBeCloseTo(0, 10);
    expect(row(judged, 'latency_mean').verdict).toBe('pass');
    const p99 = row(judged, 'latency_p99');
    expect(p99.verdict).toBe('fail');
    expect(p99.relativeChange!).toBeGreaterThan(1);
    expect(p99.ci![0]).toBeGreaterThan(0.1);
    expect(judged.result.verdict).toBe('fail');
  });

  test('BLEU is corpus-level: the row equals corpusBleu over the texts, and a worse corpus fails', () => {
    const refs = ['the council approved a new bridge over the river', 'the club won the regional cup final at home', 'the company opened a new factory in the north'];
    const good = refs;
    const bad = ['the council met', 'a cup final', 'a factory'];
    const list = items(60, (i) =>
      item(obs({ bleu: bleuStatistics(bad[i % 3]!, refs[i % 3]!) }), obs({ bleu: bleuStatistics(good[i % 3]!, refs[i % 3]!) }), { capability: 'math' }),
    );
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    const bleu = row(judged, 'bleu');
    const hyps = Array.from({ length: 60 }, (_, i) => bad[i % 3]!);
    const references = Array.from({ length: 60 }, (_, i) => [refs[i % 3]!]);
    expect(bleu.candidate).toBeCloseTo(corpusBleu(hyps, references).score, 10);
    expect(bleu.baseline).toBeCloseTo(100, 10);
    expect(bleu.verdict).toBe('fail');
    expect(bleu.effectSize).toBeNull();
  });

  test('a capability regression fails the gate although the aggregate improves, and names the capability', () => {
    const list = [
      // math: 40 items, the candidate loses 24 of 36.
      ...items(40, (i) => item(obs({ exact: i < 12 ? 1 : 0 }), obs({ exact: i < 36 ? 1 : 0 }), { capability: 'math' })),
      // extraction: 120 items, the candidate gains 60.
      ...items(120, (i) => item(obs({ exact: 1 }), obs({ exact: i < 60 ? 1 : 0 }), { capability: 'extraction' })),
    ];
    const policy = testPolicy({ dataset: { path: 'r.jsonl', sha256: 'a'.repeat(64), minItemsPerCapability: { math: 40, extraction: 120 } } });
    const judged = judgeRegression(measurements(list), policy, 'run-1');
    expect(row(judged, 'accuracy').relativeChange!).toBeGreaterThan(0);
    expect(row(judged, 'accuracy').verdict).toBe('pass');
    expect(row(judged, 'accuracy', 'capability:math').verdict).toBe('fail');
    expect(row(judged, 'accuracy', 'capability:extraction').verdict).toBe('pass');
    expect(judged.result.verdict).toBe('fail');
    expect(judged.result.reasons[0]).toMatch(/^math: accuracy 30% vs 90% \(−67%, 95% CI \[−\d+%, −\d+%\], Holm-adjusted McNemar p = [\d.e-]+\) beyond the −1% tolerance$/);
    expect(judged.result.metrics['capability:math.accuracy.verdict']).toBe('fail');
  });

  test('Holm: the scope p-values are Holm-adjusted per metric, so a lone borderline drop becomes inconclusive', () => {
    // Capability c0 loses 7 of 40 (McNemar p = 2·0.5⁷ ≈ 0.016 < 0.05); c1…c4 are unchanged.
    const caps = ['c0', 'c1', 'c2', 'c3', 'c4'];
    const list = caps.flatMap((capability, k) => items(40, (i) => item(obs({ exact: k === 0 && i < 7 ? 0 : 1 }), obs({ exact: 1 }), { capability })));
    const minItemsPerCapability = Object.fromEntries(caps.map((c) => [c, 40]));
    const judged = judgeRegression(measurements(list), testPolicy({ dataset: { path: 'r', sha256: 'a'.repeat(64), minItemsPerCapability } }), 'run-1');
    const scopeRows = judged.summary.rows.filter((r) => r.metric === 'accuracy' && r.scope !== 'all');
    expect(scopeRows.map((r) => r.pValue)).toEqual(holmAdjust(scopeRows.map((r) => r.rawPValue!)));
    expect(judged.summary.holmFamily.accuracy).toBe(5);
    const c0 = row(judged, 'accuracy', 'capability:c0');
    expect(c0.rawPValue).toBeCloseTo(2 * 0.5 ** 7, 12);
    expect(c0.pValue).toBeCloseTo(5 * 2 * 0.5 ** 7, 12);
    expect(c0.verdict).toBe('inconclusive');
    expect(c0.reason).toMatch(/not significant after Holm correction \(alpha 0\.05\); about \d+ items would be needed \(have 40\)$/);
    // The same capability alone (a family of one) fails.
    const alone = judgeRegression(
      measurements(list.filter((i) => i.capability === 'c0')),
      testPolicy({ dataset: { path: 'r', sha256: 'a'.repeat(64), minItemsPerCapability: { c0: 40 } } }),
      'run-1',
    );
    expect(row(alone, 'accuracy', 'capability:c0').verdict).toBe('fail');
  });

  test('slices are tested like capabilities; slices below minItemsPerSlice are listed, not tested', () => {
    const list = items(60, (i) => item(obs({ exact: i < 20 ? 0 : 1 }), obs({ exact: 1 }), { slices: i < 20 ? ['lang:de'] : i < 23 ? ['tiny'] : ['lang:en'] }));
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    expect(row(judged, 'accuracy', 'slice:lang:de')).toMatchObject({ verdict: 'fail', candidate: 0, baseline: 1 });
    expect(row(judged, 'accuracy', 'slice:lang:en').verdict).toBe('pass');
    expect(judged.summary.untestedSlices).toEqual([{ slice: 'tiny', n: 3 }]);
    expect(judged.result.reasons).toContain('slices not tested on their own (fewer than 5 items): tiny (3)');
    expect(judged.result.reasons.some((r) => r.startsWith('slice lang:de: accuracy 0% vs 100%'))).toBe(true);
  });

  test('capabilityMetrics narrows the quality metrics per capability', () => {
    const list = [
      ...items(10, () => item(obs({ exact: 1, bleu: bleuStatistics('7', '7') }), obs({ exact: 1, bleu: bleuStatistics('7', '7') }), { capability: 'math' })),
      ...items(10, () => item(obs({ exact: 0, f1: 0.5, bleu: bleuStatistics('a short summary of it', 'a short summary of the text') }), obs({ exact: 0, f1: 0.5, bleu: bleuStatistics('a short summary of it', 'a short summary of the text') }), { capability: 'summarisation' })),
    ];
    const policy = testPolicy({
      dataset: { path: 'r', sha256: 'a'.repeat(64), minItemsPerCapability: { math: 10, summarisation: 10 } },
      capabilityMetrics: { math: ['accuracy', 'f1'], summarisation: ['f1', 'bleu'] },
    });
    const judged = judgeRegression(measurements(list), policy, 'run-1');
    const metricsOf = (scope: string) => judged.summary.rows.filter((r) => r.scope === scope).map((r) => r.metric);
    expect(metricsOf('capability:math')).toEqual(['accuracy', 'f1', 'latency_mean', 'latency_p99', 'ttft_mean']);
    expect(metricsOf('capability:summarisation')).toEqual(['f1', 'bleu', 'latency_mean', 'latency_p99', 'ttft_mean']);
    expect(row(judged, 'accuracy')).toMatchObject({ n: 10, candidate: 1 });
    expect(row(judged, 'f1').n).toBe(20);
  });
});

describe('throughput and memory', () => {
  test('throughput: every run lower by half fails; the paired t interval is shown', () => {
    const list = items(30, () => item(obs(), obs()));
    const judged = judgeRegression(measurements(list, { throughput: throughput([50, 52, 49], [100, 101, 99]) }), testPolicy(), 'run-1');
    const t = row(judged, 'throughput');
    expect(t).toMatchObject({ verdict: 'fail', candidate: 50, baseline: 100, n: 3, test: 't', threshold: -0.05 });
    expect(t.relativeChange).toBeCloseTo(-0.5, 12);
    expect(t.ci![1]).toBeLessThan(0);
    expect(t.reason).toMatch(/^all items: throughput 50 req\/s vs 100 req\/s \(−50%, 95% CI \[−\d+%, −\d+%\]\) beyond the −5% tolerance$/);
  });

  test('throughput: runs that disagree are inconclusive, not a fail; within the tolerance passes', () => {
    const list = items(30, () => item(obs(), obs()));
    const noisy = judgeRegression(measurements(list, { throughput: throughput([80, 104, 90], [100, 98, 101]) }), testPolicy(), 'run-1');
    expect(row(noisy, 'throughput').verdict).toBe('inconclusive');
    expect(row(noisy, 'throughput').itemsNeeded!).toBeGreaterThan(3);
    expect(row(noisy, 'throughput').reason).toMatch(/paired t p = [\d.]+; about \d+ runs would be needed \(have 3\)$/);
    const close = judgeRegression(measurements(list, { throughput: throughput([97, 98, 99], [100, 101, 99]) }), testPolicy(), 'run-1');
    expect(row(close, 'throughput').verdict).toBe('pass');
  });

  test('throughput: failed requests under load fail the row; no throughput measured fails closed', () => {
    const list = items(30, () => item(obs(), obs()));
    const failing = judgeRegression(measurements(list, { throughput: throughput([100, 101, 99], [100, 101, 99], 4) }), testPolicy(), 'run-1');
    expect(row(failing, 'throughput')).toMatchObject({ verdict: 'fail', reason: 'throughput: 4 of 480 candidate requests failed at concurrency 16 (a model that fails under load has lost throughput)' });
    const missing = judgeRegression(measurements(list, { throughput: null }), testPolicy(), 'run-1');
    expect(row(missing, 'throughput')).toMatchObject({ verdict: 'fail', reason: 'throughput: not measured, so nothing is demonstrated (fail closed)' });
  });

  test('memory not measured: not_applicable with the reason, and the other metrics decide the verdict', () => {
    const list = items(30, () => item(obs(), obs()));
    const notMeasured = { status: 'not_measured' as const, reason: 'http://c/metrics answered HTTP 404' };
    const passing = judgeRegression(measurements(list, { memory: { candidate: notMeasured, baseline: measuredMemory() } }), testPolicy(), 'run-1');
    expect(row(passing, 'memory')).toMatchObject({ verdict: 'not_applicable', candidate: null, baseline: 2 * GIB });
    expect(row(passing, 'memory').reason).toBe('memory: not measured (candidate: http://c/metrics answered HTTP 404); the verdict rests on the other metrics');
    expect(passing.result.verdict).toBe('pass');
    expect(passing.result.reasons).toContain(row(passing, 'memory').reason);
    expect(passing.result.metrics['memory.measured']).toBe(false);
    const slower = items(60, (i) => item(obs({ latencyMs: lat(i) * 2 }), obs({ latencyMs: lat(i) })));
    const failing = judgeRegression(measurements(slower, { memory: { candidate: notMeasured, baseline: { status: 'not_measured', reason: 'no metrics endpoint' } } }), testPolicy(), 'run-1');
    expect(failing.result.verdict).toBe('fail');
    expect(row(failing, 'memory').reason).toBe(
      'memory: not measured (candidate: http://c/metrics answered HTTP 404; baseline: no metrics endpoint); the verdict rests on the other metrics',
    );
  });

  test('memory: one reading each; beyond the tolerance fails, within passes', () => {
    const list = items(30, () => item(obs(), obs()));
    const bigger = judgeRegression(measurements(list, { memory: { candidate: measuredMemory(2.5 * GIB), baseline: measuredMemory(2 * GIB) } }), testPolicy(), 'run-1');
    expect(row(bigger, 'memory')).toMatchObject({ verdict: 'fail', relativeChange: 0.25, ci: null });
    expect(row(bigger, 'memory').reason).toBe('all items: peak memory 2.5 GiB vs 2 GiB (+25%, one reading each) beyond the +10% tolerance');
    const same = judgeRegression(measurements(list, { memory: { candidate: measuredMemory(2.1 * GIB), baseline: measuredMemory(2 * GIB) } }), testPolicy(), 'run-1');
    expect(row(same, 'memory').verdict).toBe('pass');
  });

  test('time to first token not streamed: not_applicable, said so', () => {
    const list = items(30, () => item(obs({ ttftMs: null }), obs({ ttftMs: null })));
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    expect(row(judged, 'ttft_mean').verdict).toBe('not_applicable');
    expect(judged.result.reasons.some((r) => r.startsWith('time to first token: not measured'))).toBe(true);
    expect(judged.result.verdict).toBe('pass');
  });
});

describe('first deployment (no baseline)', () => {
  test('without absolute bounds: values reported, rows not_applicable, the gate passes and says why', () => {
    const list = items(40, (i) => item(obs({ exact: i % 5 === 0 ? 0 : 1, latencyMs: lat(i) }), null));
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    expect(judged.summary.firstDeployment).toBe(true);
    expect(judged.result.metrics.firstDeployment).toBe(true);
    expect(judged.result.verdict).toBe('pass');
    expect(judged.result.reasons[0]).toBe(
      'first deployment: no baseline to compare with, so the policy sets no absolute bounds and the values are reported only; the relative tolerances apply from the next version on',
    );
    expect(row(judged, 'accuracy')).toMatchObject({ verdict: 'not_applicable', candidate: 0.8, baseline: null, relativeChange: null, threshold: null, pValue: null });
    expect(row(judged, 'accuracy').ci![0]).toBeLessThan(0.8);
    expect(row(judged, 'throughput')).toMatchObject({ verdict: 'not_applicable', candidate: 100, baseline: null });
  });

  test('with absolute bounds: met passes, clearly missed fails, missed on the point estimate only is inconclusive', () => {
    const list = items(100, (i) => item(obs({ exact: i < 80 ? 1 : 0, latencyMs: lat(i) }), null));
    const bounds = (accuracy: number) => testPolicy({ absolute: { accuracy: { min: accuracy }, latency_p99: { maxMs: 500 }, memory: { maxBytes: 4 * GIB } } });
    const met = judgeRegression(measurements(list), bounds(0.6), 'run-1');
    expect(met.result.verdict).toBe('pass');
    expect(met.result.reasons[0]).toBe(
      "first deployment: no baseline to compare with, so only the policy's absolute bounds are judged (accuracy ≥ 60%, p99 latency ≤ 500 ms, peak memory ≤ 4 GiB); the relative tolerances apply from the next version on",
    );
    expect(row(met, 'accuracy')).toMatchObject({ verdict: 'pass', threshold: 0.6 });
    expect(row(met, 'accuracy').reason).toMatch(/^all items: accuracy 80% \(95% CI \[7\d(\.\d)?%, 8\d(\.\d)?%\]\) meets the policy's absolute bound ≥ 60%$/);
    expect(row(met, 'memory').verdict).toBe('pass');
    expect(row(judgeRegression(measurements(list), bounds(0.95), 'run-1'), 'accuracy').verdict).toBe('fail');
    const marginal = judgeRegression(measurements(list), bounds(0.82), 'run-1');
    expect(row(marginal, 'accuracy').verdict).toBe('inconclusive');
    expect(marginal.result.verdict).toBe('inconclusive');
  });
});

describe('measurement problems fail closed', () => {
  test.each([
    ['no items', () => measurements([], { hasBaseline: true, runs: 1 }), 'no items were measured, so nothing is demonstrated'],
    ['a duplicate id', () => measurements([item(obs(), obs(), { itemId: 'x' }), item(obs(), obs(), { itemId: 'x' })]), 'item x was measured twice'],
    ['observations per run', () => measurements([item([obs(), obs()], obs(), { itemId: 'y' })], { runs: 1 }), 'item y: 2 candidate observations for 1 runs'],
    ['an out-of-range value', () => measurements([item(obs({ f1: 1.5 }), obs(), { itemId: 'z' })]), 'item z: a candidate observation is out of range'],
    ['a missing capability', () => measurements([item(obs(), obs(), { capability: 'other' })]), 'capability math: 0 items measured, the policy requires at least 1'],
  ])('%s', (_name, make, problem) => {
    const judged = judgeRegression(make(), testPolicy(), 'run-1');
    expect(judged.result.verdict).toBe('fail');
    expect(judged.summary.problems.some((p) => p.startsWith(problem))).toBe(true);
    expect(judged.result.reasons.some((r) => r.startsWith(`measurement problem: ${problem}`))).toBe(true);
  });

  test('the baseline failing on more than 10% of the items fails closed; candidate failures count as wrong', () => {
    const baselineDown = items(20, (i) => item(obs(), i < 3 ? failed() : obs()));
    const judged = judgeRegression(measurements(baselineDown), testPolicy(), 'run-1');
    expect(judged.result.verdict).toBe('fail');
    expect(judged.summary.problems[0]).toMatch(/^the baseline failed on 3 of 20 items, more than 10%/);

    const candidateFails = items(100, (i) => item(i < 30 ? failed() : obs(), obs()));
    const counted = judgeRegression(measurements(candidateFails), testPolicy(), 'run-1');
    expect(row(counted, 'accuracy')).toMatchObject({ candidate: 0.7, baseline: 1, verdict: 'fail' });
    expect(row(counted, 'latency_mean').n).toBe(70);
    expect(counted.summary.failedCalls).toEqual({ candidate: 30, baseline: 0, callsPerModel: 100 });
    expect(counted.result.reasons).toContain('failed calls: candidate 30 of 100 (counted as wrong answers), baseline 0 of 100 (0 items left out of the quality comparison)');
  });
});

describe('repeated runs (k > 1) and reproducibility', () => {
  test('k = 3: per-item values are averaged, the bootstrap replaces McNemar, the spread is shown', () => {
    const list = items(50, (i) => item([obs({ exact: 1 }), obs({ exact: i % 2 }), obs({ exact: 1 })], [obs(), obs(), obs()]));
    const judged = judgeRegression(measurements(list, { runs: 3 }), testPolicy({ runs: 3 }), 'run-1');
    const accuracy = row(judged, 'accuracy');
    expect(accuracy.test).toBe('bootstrap');
    expect(accuracy.candidate).toBeCloseTo(5 / 6, 12);
    expect(judged.summary.spread.find((s) => s.metric === 'accuracy')).toEqual({ metric: 'accuracy', candidate: [1, 0.5, 1], baseline: [1, 1, 1] });
    expect(judged.result.reasons.find((r) => r.startsWith('all items: accuracy'))).toMatch(/; over 3 runs the candidate ranged 50%–100%, the baseline 100%–100%$/);
    const mismatch = judgeRegression(measurements(list, { runs: 3 }), testPolicy(), 'run-1');
    expect(mismatch.summary.problems).toContain('measured 3 runs per model, but the policy asks for 1');
  });

  test('the same measurements and seed give the same judgement; the policy seed replaces the run id', () => {
    const list = items(80, (i) => item(obs({ exact: i % 3 === 0 ? 0 : 1, latencyMs: lat(i) * 1.04 }), obs({ exact: i % 4 === 0 ? 0 : 1, latencyMs: lat(i) })));
    const a = judgeRegression(measurements(list), testPolicy(), 'run-a');
    expect(judgeRegression(measurements(list), testPolicy(), 'run-a')).toEqual(a);
    const b = judgeRegression(measurements(list), testPolicy(), 'run-b');
    expect(row(b, 'latency_mean').ci).not.toEqual(row(a, 'latency_mean').ci);
    const pinned = testPolicy({ bootstrap: { resamples: 2000, seed: 'run-a' } });
    expect(judgeRegression(measurements(list), pinned, 'run-b').summary.rows).toEqual(a.summary.rows);
    expect(a.summary.statistics).toEqual({ resamples: 2000, confidence: 0.95, alpha: 0.05, seed: 'run-a' });
  });

  test('the interval of a mean metric agrees with the stats library\u2019s paired bootstrap', () => {
    const list = items(300, (i) => item(obs({ latencyMs: lat(i) + (i % 7) }), obs({ latencyMs: lat(i) })));
    const judged = judgeRegression(measurements(list), testPolicy({ bootstrap: { resamples: 10000 } }), 'run-1');
    const reference = pairedBootstrapDiff(
      list.map((x) => x.candidate[0]!.latencyMs!),
      list.map((x) => x.baseline![0]!.latencyMs!),
      { statistic: 'relative_mean', resamples: 10000, confidence: 0.95, seed: 'other' },
    );
    if (reference.status !== 'ok') throw new Error('reference undefined');
    const ci = row(judged, 'latency_mean').ci!;
    expect(ci[0]).toBeCloseTo(reference.ci[0], 3);
    expect(ci[1]).toBeCloseTo(reference.ci[1], 3);
    expect(row(judged, 'latency_mean').relativeChange).toBeCloseTo(reference.estimate, 12);
  });
});

describe('building blocks', () => {
  test('classifyChange: within the tolerance passes; beyond it fails when significant, else inconclusive', () => {
    expect(classifyChange('accuracy', -0.01, 0.01, true)).toBe('pass');
    expect(classifyChange('accuracy', -0.0101, 0.01, true)).toBe('fail');
    expect(classifyChange('accuracy', -0.0101, 0.01, false)).toBe('inconclusive');
    expect(classifyChange('accuracy', 0.5, 0.01, true)).toBe('pass');
    expect(classifyChange('latency_p99', 0.11, 0.1, true)).toBe('fail');
    expect(classifyChange('latency_p99', -0.5, 0.1, true)).toBe('pass');
    expect(classifyChange('throughput', -0.06, 0.05, false)).toBe('inconclusive');
    expect(classifyChange('memory', 0, 0, true)).toBe('pass');
  });

  test('scoreRegression: fail over inconclusive over pass; not_applicable beside a pass passes; a problem or no rows at all fails', () => {
    expect(scoreRegression(['pass', 'inconclusive', 'fail'], [])).toBe('fail');
    expect(scoreRegression(['pass', 'inconclusive', 'not_applicable'], [])).toBe('inconclusive');
    expect(scoreRegression(['pass', 'not_applicable'], [])).toBe('pass');
    expect(scoreRegression(['pass'], ['x'])).toBe('fail');
    // Nothing judged is nothing passed: the same fail-closed rule as scoreGate and scoreBias.
    expect(scoreRegression([], [])).toBe('fail');
  });

  test('bootstrapEvidence: percentile interval and two-sided p with the +1 correction', () => {
    const all = Float64Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);
    expect(bootstrapEvidence(Float64Array.from(all), 0.95).pValue).toBeCloseTo(2 / 1000, 12);
    expect(bootstrapEvidence(new Float64Array(1000), 0.95)).toEqual({ ci: [0, 0], pValue: 1 });
    expect(bootstrapEvidence(Float64Array.from([1, NaN]), 0.95)).toEqual({ ci: null, pValue: null });
    expect(bootstrapEvidence(Float64Array.from([1, 2, Infinity]), 0.95).ci).toBeNull();
  });

  test('itemsNeeded scales n by (z·se / δ)², never below n + 1, null without an interval', () => {
    // se = 0.1 (95% interval ±1.96·0.1), δ = −0.1: n' = n·1.96² ≈ 3.84·n.
    expect(itemsNeeded(100, -0.1, [-0.1 - 0.196, -0.1 + 0.196], 0.95, 1.959964)).toBe(385);
    expect(itemsNeeded(100, -0.5, [-0.6, -0.4], 0.95, 1.96)).toBe(101);
    expect(itemsNeeded(100, -0.1, null, 0.95, 1.96)).toBeNull();
  });

  test("Student's t matches reference quantiles and p-values", () => {
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302653, 5);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776445, 5);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.169273, 5);
    expect(studentTTwoSided(2, 5)).toBeCloseTo(0.1019395, 6);
    expect(studentTTwoSided(0, 3)).toBe(1);
    const consistent = pairedRunsInterval([50, 52, 49], [100, 101, 99], 0.95);
    expect(consistent.ci![1]).toBeLessThan(0);
    expect(pairedRunsInterval([100, 100, 100], [100, 100, 100], 0.95)).toMatchObject({ ci: [0, 0], pValue: 1 });
    expect(pairedRunsInterval([100], [100], 0.95).ci).toBeNull();
  });

  test('a signed percentage (src/wording.ts percentSigned) shows the sign with a real minus, and enough digits', () => {
    expect(signedPercent(-0.3111)).toBe('−31%');
    expect(signedPercent(0.0123)).toBe('+1.2%');
    expect(signedPercent(-0.0012)).toBe('−0.12%');
    expect(signedPercent(0)).toBe('0%');
    expect(signedPercent(-0.00001)).toBe('0%');
  });
});

describe('a baseline of 0', () => {
  test('no relative change exists: an improvement passes, the summary holds null, never Infinity', () => {
    const list = items(20, (i) => item(obs({ exact: i < 5 ? 1 : 0 }), obs({ exact: 0 })));
    const judged = judgeRegression(measurements(list), testPolicy(), 'run-1');
    const accuracy = row(judged, 'accuracy');
    expect(accuracy).toMatchObject({ verdict: 'pass', relativeChange: null, candidate: 0.25, baseline: 0 });
    expect(accuracy.reason).toBe('all items: accuracy 25% vs 0%: the baseline is 0, so there is no relative change (an improvement)');
    expect(JSON.stringify(judged.summary)).not.toMatch(/Infinity|NaN/);
    expect(judged.result.metrics['accuracy.relativeChange']).toBeUndefined();
  });
});
