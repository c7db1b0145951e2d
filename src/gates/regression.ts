/**
 * The performance regression verdict (DESIGN §5.3): a pure function of per-item measurements (the
 * candidate and the deployed baseline on the same items), throughput runs, memory readings, the signed
 * policy's regression section and a seed (the run id). Kayenta's shape (STYLE §3):
 *
 * 1. **measure**: per item and model, the quality values (exact match, token F1 averaged over the k
 *    runs; BLEU sufficient statistics summed), the latency and time to first token of the answered
 *    calls. Scopes: all items, each capability, each slice with at least `minItemsPerSlice` items.
 *    A failed candidate call is a wrong answer (and has no latency); an item the baseline failed is
 *    left out of the quality comparison (nothing to compare with), and more than 10% of them is a
 *    problem (fail closed).
 * 2. **classify**: every metric in every scope, on the same items (paired):
 *    - relative change δ = (candidate − baseline) / |baseline|, oriented by the metric's direction
 *      (worse is lower for accuracy, F1, BLEU and throughput; higher for latency, TTFT and memory);
 *    - a percentile bootstrap interval of δ: B resamples of the scope's item indices, drawn once per
 *      scope and shared by every metric (so all intervals of a scope come from the same resampled
 *      items); mean metrics resample the ratio of means, BLEU recomputes corpus BLEU from the
 *      resampled sufficient statistics, p99 latency takes the p99 of the resampled items' latencies;
 *    - a p-value: McNemar's exact test for accuracy with k = 1 (binary outcomes), else the two-sided
 *      bootstrap p-value 2·min(P*(δ ≤ 0), P*(δ ≥ 0)) with the +1 correction; Cohen's d_z on the
 *      per-item differences for the mean metrics;
 *    - the verdict: `pass` when the degradation is within the tolerance; else `fail` when it is
 *      significant, `inconclusive` (with the items that would be needed) when it is not. Significant
 *      means, for all items, that the interval excludes no change on the worse side (and the row's test
 *      agrees at the same level: McNemar for accuracy); for capabilities and slices, that the
 *      Holm-adjusted p-value (per metric, across every capability and slice) is below `alpha` (slice
 *      grouping, bootstrap evidence and Holm: src/stats/slices.ts, shared with the bias gate). So a
 *      regression in one capability fails the gate even when the aggregate improves. Fewer than two
 *      items give no interval, hence never a fail.
 *    Throughput: the median requests/s over the runs; candidate run r is paired with baseline run r,
 *    and the interval and p-value are the paired t test on the runs' log ratios (with 3 runs the
 *    bootstrap would be overconfident: noise between runs must read as inconclusive, not as a fail);
 *    a candidate request that fails under load fails the row.
 *    Memory: one peak reading per model (not a sample, so no interval): beyond the tolerance fails; a
 *    model that does not report it is `not_applicable` with "memory: not measured", never a pass.
 * 3. **score**: fail if any row fails or there is a problem, else inconclusive if any row is, else pass.
 *
 * First deployment (no baseline): nothing relative exists. Only the policy's `absolute` bounds are
 * judged on all items (fail when the interval lies beyond the bound, inconclusive when only the point
 * estimate does), every other row is `not_applicable`, `firstDeployment: true` is in the metrics and the
 * first reason says so.
 *
 * Pure: no I/O, clocks or unseeded randomness, no Node built-ins (workflow code may import it). Never
 * NaN in the result: a value that does not exist is null (summary) or left out (metrics).
 */
import type { GateResult } from '../pipeline-types';
import { bootstrapIndices, cohensDPaired, mcnemarExact, normalQuantile } from '../stats';
import { bootstrapEvidence, holmAcrossSlices, sliceScopes, type SliceEvidence } from '../stats/slices';
import { regressionMetrics, signedTolerance, WORSE_WHEN, type RegressionMetric, type RegressionPolicy } from '../policy/sections/regression';
import { scoreChecks, type GateScore } from './score';
import { pairedRunsInterval } from '../stats/student-t';
import type { RegressionMeasurements } from '../eval/regression/measurements';
import type { RegressionJudgement, RegressionRow, RegressionScope, RegressionSummary, RowVerdict, RunSpread } from './regression-summary';
import { checkMeasurements, EPSILON, ITEM_METRICS, M, MAX_BASELINE_FAILURE_SHARE, median, prepare, relative, ScopeColumns, type ItemMetric, type PreparedItem } from './regression-measure';
import { boundWords, comparisonReason, formatValue, METRIC_WORDS, scopeLabel, type RawRow } from './regression-words';


// Bound once: module constants keep the resampling loops fast inside vm contexts (jest, workflows).
const { abs, ceil, max } = Math;
const isFiniteNumber = Number.isFinite;

// ---------------------------------------------------------------------------------------------
// 2. Classify

/** The evidence of a statistic (shared with the bias gate's slice analysis: src/stats/slices.ts). */
type Evidence = SliceEvidence;

export { bootstrapEvidence };

/**
 * Items (runs) needed for the observed relative change to be significant: the interval's standard
 * error scales with 1/√n, so n' = n·(z·se/|δ|)², with z for the interval's level (all items) or for
 * α/m (a Bonferroni bound on Holm, for m scope tests). Null when no number would do.
 */
export function itemsNeeded(n: number, estimate: number, ci: [number, number] | null, confidence: number, zRequired: number): number | null {
  if (ci === null || estimate === 0 || !isFiniteNumber(estimate)) return null;
  const se = (ci[1] - ci[0]) / (2 * normalQuantile(1 - (1 - confidence) / 2));
  if (!(se > 0)) return null;
  return max(n + 1, ceil(n * ((zRequired * se) / abs(estimate)) ** 2));
}

/** How much worse than the baseline, as a positive fraction (negative: better). */
function degradation(metric: RegressionMetric, relativeChange: number): number {
  return WORSE_WHEN[metric] === 'lower' ? -relativeChange : relativeChange;
}

/** The interval excludes no change on the worse side. */
function excludesNoChangeOnWorseSide(metric: RegressionMetric, ci: [number, number] | null): boolean {
  if (ci === null) return false;
  return WORSE_WHEN[metric] === 'lower' ? ci[1] < 0 : ci[0] > 0;
}

/** pass within the tolerance; beyond it, fail when significant and inconclusive when not. */
export function classifyChange(metric: RegressionMetric, relativeChange: number, tolerance: number, significant: boolean): RowVerdict {
  if (!(degradation(metric, relativeChange) > tolerance + EPSILON)) return 'pass';
  return significant ? 'fail' : 'inconclusive';
}

/** Absolute bound of a metric on a first deployment, signed: positive = minimum, as `threshold`. */
function absoluteBound(metric: RegressionMetric, policy: RegressionPolicy): number | null {
  const a = policy.absolute;
  switch (metric) {
    case 'accuracy':
      return a.accuracy?.min ?? null;
    case 'f1':
      return a.f1?.min ?? null;
    case 'bleu':
      return a.bleu?.min ?? null;
    case 'latency_mean':
      return a.latency_mean?.maxMs ?? null;
    case 'latency_p99':
      return a.latency_p99?.maxMs ?? null;
    case 'ttft_mean':
      return a.ttft_mean?.maxMs ?? null;
    case 'throughput':
      return a.throughput?.minRps ?? null;
    case 'memory':
      return a.memory?.maxBytes ?? null;
  }
}


function classifyAbsolute(row: RawRow, policy: RegressionPolicy): { verdict: RowVerdict; reason: string } {
  const { metric } = row;
  const bound = row.scope === 'all' ? absoluteBound(metric, policy) : null;
  const level = `${Math.round(policy.bootstrap.confidence * 1000) / 10}%`;
  const value = `${scopeLabel(row.scope)}: ${METRIC_WORDS[metric]} ${formatValue(metric, row.candidate!)}`;
  const interval = row.ci ? ` (${level} CI [${formatValue(metric, row.ci[0])}, ${formatValue(metric, row.ci[1])}])` : '';
  if (bound === null) return { verdict: 'not_applicable', reason: `${value}${interval}: no baseline to compare with${row.scope === 'all' ? ' and no absolute bound in the policy' : ''}, reported only` };
  const lowerIsWorse = WORSE_WHEN[metric] === 'lower';
  const beyond = lowerIsWorse ? row.candidate! < bound : row.candidate! > bound;
  if (!beyond) return { verdict: 'pass', reason: `${value}${interval} meets the policy's absolute bound ${boundWords(metric, bound)}` };
  const demonstrated = row.ci !== null && (lowerIsWorse ? row.ci[1] < bound : row.ci[0] > bound);
  if (demonstrated || metric === 'memory') {
    return { verdict: 'fail', reason: `${value}${interval} does not meet the policy's absolute bound ${boundWords(metric, bound)}` };
  }
  return {
    verdict: 'inconclusive',
    reason: `${value}${interval} misses the policy's absolute bound ${boundWords(metric, bound)} on the point estimate, but the interval reaches it: not demonstrated`,
  };
}

// ---------------------------------------------------------------------------------------------
// The rows of every scope

interface ScopeDefinition {
  scope: RegressionScope;
  members: number[];
}

function scopesOf(prepared: readonly PreparedItem[], policy: RegressionPolicy): { scopes: ScopeDefinition[]; untested: Array<{ slice: string; n: number }> } {
  const capabilities = new Map<string, number[]>();
  prepared.forEach((item, i) => {
    (capabilities.get(item.capability) ?? capabilities.set(item.capability, []).get(item.capability)!).push(i);
  });
  const byName = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const scopes: ScopeDefinition[] = [{ scope: 'all', members: prepared.map((_, i) => i) }];
  for (const [name, members] of [...capabilities].sort(byName)) scopes.push({ scope: `capability:${name}`, members });
  // Slices: tested and untested as the bias gate's slice analysis sees them (src/stats/slices.ts).
  const { tested, untested } = sliceScopes(
    prepared.map((item) => item.slices),
    policy.dataset.minItemsPerSlice,
  );
  for (const { slice, members } of tested) scopes.push({ scope: `slice:${slice}`, members });
  return { scopes, untested };
}

const MEAN_METRICS = new Set<number>([0, 1, 3, 5]);

function itemRows(
  scope: ScopeDefinition,
  prepared: readonly PreparedItem[],
  policy: RegressionPolicy,
  seed: string,
  firstDeployment: boolean,
): RawRow[] {
  const columns = new ScopeColumns(scope.members.map((i) => prepared[i]!));
  const n = columns.n;
  const identity = new Uint32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const pointC = new Float64Array(M);
  const pointB = new Float64Array(M);
  columns.aggregate(identity, pointC, pointB);

  const B = policy.bootstrap.resamples;
  const statistics = ITEM_METRICS.map(() => new Float64Array(B));
  const sampleC = new Float64Array(M);
  const sampleB = new Float64Array(M);
  let r = 0;
  bootstrapIndices(n, B, `${seed}\u0000${scope.scope}`, (indices) => {
    columns.aggregate(indices, sampleC, sampleB);
    for (let m = 0; m < M; m++) statistics[m]![r] = firstDeployment ? sampleC[m]! : relative(sampleC[m]!, sampleB[m]!);
    r++;
    return 0;
  });

  const rows: RawRow[] = [];
  ITEM_METRICS.forEach((metric: ItemMetric, m) => {
    const c = pointC[m]!;
    if (c !== c) return; // the scope has no item with this metric
    const b = firstDeployment ? null : pointB[m]!;
    // One item resampled is always itself: no interval, no evidence.
    const evidence: Evidence = columns.counts[m]! < 2 ? { ci: null, pValue: null } : bootstrapEvidence(statistics[m]!, policy.bootstrap.confidence);
    let rawPValue = firstDeployment ? null : evidence.pValue;
    let test: RawRow['test'] = firstDeployment ? null : 'bootstrap';
    let effectSize: number | null = null;
    if (!firstDeployment && MEAN_METRICS.has(m)) {
      const pairs = columns.pairs(m);
      const d = cohensDPaired(pairs.c.map((x, i) => x - pairs.b[i]!));
      effectSize = d.status === 'ok' ? d.d : null;
      if (metric === 'accuracy' && policy.runs === 1) {
        let candidateOnly = 0;
        let baselineOnly = 0;
        pairs.c.forEach((x, i) => {
          if (x === 1 && pairs.b[i] === 0) candidateOnly++;
          if (x === 0 && pairs.b[i] === 1) baselineOnly++;
        });
        rawPValue = mcnemarExact(candidateOnly, baselineOnly).pValue;
        test = 'mcnemar';
      }
    }
    rows.push({
      metric,
      scope: scope.scope,
      n: columns.counts[m]!,
      candidate: c,
      baseline: b,
      relativeChange: b === null ? null : relative(c, b),
      ci: evidence.ci,
      rawPValue,
      test,
      effectSize,
    });
  });
  return rows;
}

function throughputRow(measurements: RegressionMeasurements, policy: RegressionPolicy, firstDeployment: boolean): RawRow {
  const base: RawRow = { metric: 'throughput', scope: 'all', n: 0, candidate: null, baseline: null, relativeChange: null, ci: null, rawPValue: null, test: null, effectSize: null };
  const t = measurements.throughput;
  if (t === null || t.candidate.length === 0) {
    return { ...base, fixed: { verdict: 'fail', reason: 'throughput: not measured, so nothing is demonstrated (fail closed)' } };
  }
  const runs = t.candidate.length;
  const candidate = median(t.candidate);
  const baselineRates = firstDeployment ? null : t.baseline;
  const row: RawRow = { ...base, n: runs, candidate, baseline: baselineRates ? median(baselineRates) : null };
  const interval = pairedRunsInterval(t.candidate, baselineRates, policy.bootstrap.confidence);
  row.ci = interval.ci;
  if (baselineRates && row.baseline !== null) {
    row.relativeChange = relative(candidate, row.baseline);
    row.rawPValue = interval.pValue;
    row.test = 't';
    const d = cohensDPaired(t.candidate.map((x, i) => x - baselineRates[i]!));
    row.effectSize = d.status === 'ok' ? d.d : null;
    if (interval.meanLog !== null && interval.sdLog !== null && interval.sdLog > 0 && interval.meanLog !== 0) {
      row.runsNeeded = max(runs + 1, ceil(runs * ((normalQuantile(1 - (1 - policy.bootstrap.confidence) / 2) * interval.sdLog) / abs(interval.meanLog)) ** 2));
    }
  }
  if (t.failures.candidate > 0) {
    row.fixed = {
      verdict: 'fail',
      reason: `throughput: ${t.failures.candidate} of ${t.requests * runs} candidate requests failed at concurrency ${t.concurrency} (a model that fails under load has lost throughput)`,
    };
  }
  return row;
}

function memoryRow(measurements: RegressionMeasurements, firstDeployment: boolean): RawRow {
  const { candidate, baseline } = measurements.memory;
  const row: RawRow = { metric: 'memory', scope: 'all', n: 1, candidate: null, baseline: null, relativeChange: null, ci: null, rawPValue: null, test: null, effectSize: null };
  const missing: string[] = [];
  if (candidate.status === 'not_measured') missing.push(`candidate: ${candidate.reason}`);
  else row.candidate = candidate.bytes;
  if (!firstDeployment) {
    if (baseline === null || baseline.status === 'not_measured') missing.push(`baseline: ${baseline?.reason ?? 'no reading'}`);
    else row.baseline = baseline.bytes;
  }
  if (missing.length > 0) {
    return { ...row, fixed: { verdict: 'not_applicable', reason: `memory: not measured (${missing.join('; ')}); the verdict rests on the other metrics` } };
  }
  if (row.baseline !== null) row.relativeChange = relative(row.candidate!, row.baseline);
  return row;
}

// ---------------------------------------------------------------------------------------------
// 3. Score, and the judgement

/** The gate's verdict: fail on any problem or failed row, else inconclusive if any row is, else pass. */
export function scoreRegression(verdicts: readonly RowVerdict[], problems: readonly string[]): GateScore {
  return scoreChecks(verdicts, problems);
}

/**
 * The regression verdict. `seed` is the run id (the policy's `bootstrap.seed` replaces it when set):
 * the same measurements, policy and seed always give the same report.
 */
export function judgeRegression(measurements: RegressionMeasurements, policy: RegressionPolicy, seed: string): RegressionJudgement {
  const problems = checkMeasurements(measurements, policy);
  const firstDeployment = !measurements.hasBaseline;
  const effectiveSeed = policy.bootstrap.seed ?? seed;
  const confidence = policy.bootstrap.confidence;
  const prepared = problems.length === 0 ? prepare(measurements, policy, null) : [];

  const callsPerModel = measurements.items.length * measurements.runs;
  const failedCalls = {
    candidate: measurements.items.reduce((sum, item) => sum + item.candidate.filter((o) => !o.ok).length, 0),
    baseline: firstDeployment ? null : measurements.items.reduce((sum, item) => sum + (item.baseline ?? []).filter((o) => !o.ok).length, 0),
    callsPerModel,
  };
  const excludedFromQuality = prepared.filter((item) => !item.quality).length;
  if (prepared.length > 0 && excludedFromQuality > MAX_BASELINE_FAILURE_SHARE * prepared.length) {
    problems.push(
      `the baseline failed on ${excludedFromQuality} of ${prepared.length} items, more than ${MAX_BASELINE_FAILURE_SHARE * 100}%: the comparison would rest on too few items (fail closed)`,
    );
  }
  if (prepared.length > 0 && failedCalls.candidate === callsPerModel) problems.push(`the candidate answered none of its ${callsPerModel} calls`);

  const { scopes, untested } = problems.length === 0 ? scopesOf(prepared, policy) : { scopes: [], untested: [] };
  const raw: RawRow[] = [];
  if (problems.length === 0) {
    for (const scope of scopes) raw.push(...itemRows(scope, prepared, policy, effectiveSeed, firstDeployment));
    if (!raw.some((row) => row.metric === 'ttft_mean' && row.scope === 'all')) {
      raw.push({
        metric: 'ttft_mean', scope: 'all', n: 0, candidate: null, baseline: null, relativeChange: null, ci: null, rawPValue: null, test: null, effectSize: null,
        fixed: { verdict: 'not_applicable', reason: 'time to first token: not measured (no answer was streamed by both models); the verdict rests on the other metrics' },
      });
    }
    raw.push(throughputRow(measurements, policy, firstDeployment));
    raw.push(memoryRow(measurements, firstDeployment));
  }

  // Holm, per metric, across the capability and slice rows that have a test (src/stats/slices.ts).
  const { adjusted, familySizes } = holmAcrossSlices(
    raw,
    (row) => (row.scope === 'all' ? null : row.metric),
    (row) => row.rawPValue,
  );
  const holmFamily: Partial<Record<RegressionMetric, number>> = {};
  for (const metric of regressionMetrics) {
    const size = familySizes.get(metric);
    if (size !== undefined) holmFamily[metric] = size;
  }

  const zLevel = normalQuantile(1 - (1 - confidence) / 2);
  const rows: RegressionRow[] = raw.map((row) => {
    const pValue = row.scope === 'all' ? row.rawPValue : (adjusted.get(row) ?? null);
    const common = {
      ...row,
      // ±∞ (a baseline of 0) is not a relative change: null in the summary, explained in the reason.
      relativeChange: row.relativeChange !== null && isFiniteNumber(row.relativeChange) ? row.relativeChange : null,
      threshold: firstDeployment ? absoluteBound(row.metric, policy) : signedTolerance(row.metric, policy),
      pValue,
    };
    delete (common as Partial<RawRow>).fixed;
    delete (common as Partial<RawRow>).runsNeeded;
    if (row.fixed) return { ...common, verdict: row.fixed.verdict, reason: row.fixed.reason };
    if (firstDeployment) return { ...common, ...classifyAbsolute(row, policy) };
    const change = row.relativeChange!;
    if (!isFiniteNumber(change)) {
      // The baseline is 0: better when the candidate moved the good way, else no relative change exists.
      const better = degradation(row.metric, change) < 0;
      const verdict: RowVerdict = better ? 'pass' : 'inconclusive';
      return { ...common, verdict, reason: `${scopeLabel(row.scope)}: ${METRIC_WORDS[row.metric]} ${formatValue(row.metric, row.candidate!)} vs ${formatValue(row.metric, row.baseline!)}: the baseline is 0, so there is no relative change${better ? ' (an improvement)' : ' to judge'}` };
    }
    const significant =
      row.metric === 'memory'
        ? true
        : row.scope === 'all'
          ? excludesNoChangeOnWorseSide(row.metric, row.ci) && (pValue === null || pValue < 1 - confidence)
          : pValue !== null && pValue < policy.alpha;
    const verdict = classifyChange(row.metric, change, policy.metrics[row.metric], significant);
    let needed: number | null | undefined;
    if (verdict === 'inconclusive' && row.metric === 'throughput') needed = row.runsNeeded ?? null;
    else if (verdict === 'inconclusive') {
      const m = holmFamily[row.metric] ?? 1;
      const zRequired = row.scope === 'all' ? zLevel : normalQuantile(1 - policy.alpha / (2 * m));
      needed = itemsNeeded(row.n, change, row.ci, confidence, zRequired);
    }
    return {
      ...common,
      verdict,
      ...(verdict === 'inconclusive' ? { itemsNeeded: needed ?? null } : {}),
      reason: comparisonReason(row, verdict, pValue, policy, needed),
    };
  });

  // Spread between runs (k > 1): each run's all-items value.
  const spread: RunSpread[] = [];
  if (problems.length === 0 && measurements.runs > 1) {
    const perRun = Array.from({ length: measurements.runs }, (_, run) => {
      const columns = new ScopeColumns(prepare(measurements, policy, run));
      const identity = Uint32Array.from({ length: columns.n }, (_, i) => i);
      const c = new Float64Array(M);
      const b = new Float64Array(M);
      columns.aggregate(identity, c, b);
      return { c, b };
    });
    ITEM_METRICS.forEach((metric, m) => {
      if (perRun.some((run) => run.c[m] !== run.c[m])) return;
      spread.push({ metric, candidate: perRun.map((run) => run.c[m]!), baseline: firstDeployment ? null : perRun.map((run) => run.b[m]!) });
    });
  }

  const verdict = scoreRegression(rows.map((row) => row.verdict), problems);
  const summary: RegressionSummary = {
    verdict,
    firstDeployment,
    rows,
    problems,
    runs: measurements.runs,
    items: { total: measurements.items.length, excludedFromQuality },
    failedCalls,
    untestedSlices: untested,
    holmFamily,
    spread,
    throughput: measurements.throughput,
    memory: measurements.memory,
    statistics: { resamples: policy.bootstrap.resamples, confidence, alpha: policy.alpha, seed: effectiveSeed },
  };
  return { result: { gate: 'regression', verdict, reasons: reasonsOf(summary, policy), metrics: metricsOf(summary) }, summary };
}

function spreadText(spread: readonly RunSpread[], metric: RegressionMetric): string {
  const entry = spread.find((s) => s.metric === metric);
  if (!entry) return '';
  const range = (values: readonly number[]) => `${formatValue(metric, Math.min(...values))}–${formatValue(metric, Math.max(...values))}`;
  return `; over ${entry.candidate.length} runs the candidate ranged ${range(entry.candidate)}${entry.baseline ? `, the baseline ${range(entry.baseline)}` : ''}`;
}

function reasonsOf(summary: RegressionSummary, policy: RegressionPolicy): string[] {
  const reasons: string[] = [];
  if (summary.firstDeployment) {
    const bounds = regressionMetrics.flatMap((metric) => {
      const bound = absoluteBound(metric, policy);
      return bound === null ? [] : [`${METRIC_WORDS[metric]} ${boundWords(metric, bound)}`];
    });
    reasons.push(
      `first deployment: no baseline to compare with, so ${
        bounds.length > 0 ? `only the policy's absolute bounds are judged (${bounds.join(', ')})` : 'the policy sets no absolute bounds and the values are reported only'
      }; the relative tolerances apply from the next version on`,
    );
  }
  reasons.push(...summary.problems.map((p) => `measurement problem: ${p}`));
  const order: RowVerdict[] = ['fail', 'inconclusive', 'not_applicable'];
  for (const verdict of order) {
    for (const row of summary.rows) {
      if (row.verdict !== verdict) continue;
      if (verdict === 'not_applicable' && row.scope !== 'all') continue;
      reasons.push(row.scope === 'all' ? `${row.reason}${spreadText(summary.spread, row.metric)}` : row.reason);
    }
  }
  for (const row of summary.rows) {
    if (row.verdict === 'pass' && row.scope === 'all') reasons.push(`${row.reason}${spreadText(summary.spread, row.metric)}`);
  }
  const scopeRows = summary.rows.filter((row) => row.scope !== 'all' && row.verdict !== 'not_applicable');
  if (scopeRows.length > 0) {
    const bad = scopeRows.filter((row) => row.verdict !== 'pass').length;
    const scopes = new Set(scopeRows.map((row) => row.scope)).size;
    reasons.push(
      `per capability and slice: ${scopeRows.length} tests over ${scopes} scopes (Holm-corrected per metric, alpha ${policy.alpha}), ${bad === 0 ? 'none regressed' : `${bad} not passed (above)`}`,
    );
  }
  if (summary.untestedSlices.length > 0) {
    reasons.push(
      `slices not tested on their own (fewer than ${policy.dataset.minItemsPerSlice} items): ${summary.untestedSlices.map((s) => `${s.slice} (${s.n})`).join(', ')}`,
    );
  }
  if (summary.failedCalls.candidate > 0 || (summary.failedCalls.baseline ?? 0) > 0) {
    reasons.push(
      `failed calls: candidate ${summary.failedCalls.candidate} of ${summary.failedCalls.callsPerModel} (counted as wrong answers)` +
        (summary.failedCalls.baseline !== null
          ? `, baseline ${summary.failedCalls.baseline} of ${summary.failedCalls.callsPerModel} (${summary.items.excludedFromQuality} items left out of the quality comparison)`
          : ''),
    );
  }
  return reasons;
}

function metricsOf(summary: RegressionSummary): GateResult['metrics'] {
  const metrics: GateResult['metrics'] = {
    firstDeployment: summary.firstDeployment,
    items: summary.items.total,
    runs: summary.runs,
    'failedCalls.candidate': summary.failedCalls.candidate,
    'memory.measured': summary.rows.some((row) => row.metric === 'memory' && row.verdict !== 'not_applicable'),
  };
  if (summary.failedCalls.baseline !== null) metrics['failedCalls.baseline'] = summary.failedCalls.baseline;
  for (const row of summary.rows) {
    const key = row.scope === 'all' ? row.metric : `${row.scope}.${row.metric}`;
    metrics[`${key}.verdict`] = row.verdict;
    if (row.candidate !== null && isFiniteNumber(row.candidate)) metrics[`${key}.candidate`] = row.candidate;
    if (row.baseline !== null && isFiniteNumber(row.baseline)) metrics[`${key}.baseline`] = row.baseline;
    if (row.relativeChange !== null && isFiniteNumber(row.relativeChange)) metrics[`${key}.relativeChange`] = row.relativeChange;
    if (row.pValue !== null) metrics[`${key}.pValue`] = row.pValue;
  }
  return metrics;
}
