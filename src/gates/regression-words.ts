/** The regression gate's wording: metric names, values in their units, p-values, and each row's reason sentence. */
import { signedTolerance, WORSE_WHEN, type RegressionMetric, type RegressionPolicy } from '../policy/sections/regression';
import { formatBytes, percentPlain, percentSigned } from '../wording';
import type { RegressionRow, RegressionScope, RowVerdict } from './regression-summary';

const isFiniteNumber = Number.isFinite;



export const METRIC_WORDS: Record<RegressionMetric, string> = {
  accuracy: 'accuracy',
  f1: 'token F1',
  bleu: 'BLEU',
  latency_mean: 'mean latency',
  latency_p99: 'p99 latency',
  ttft_mean: 'mean time to first token',
  throughput: 'throughput',
  memory: 'peak memory',
};

export const MINUS = '\u2212';

/** A metric's value in its unit. */
export function formatValue(metric: RegressionMetric, value: number): string {
  switch (metric) {
    case 'accuracy':
      return percentPlain(value);
    case 'f1':
      return value.toFixed(3);
    case 'bleu':
      return value.toFixed(1);
    case 'latency_mean':
    case 'latency_p99':
    case 'ttft_mean':
      return `${Number(value.toFixed(value >= 100 ? 0 : 1))} ms`;
    case 'throughput':
      return `${Number(value.toFixed(value >= 100 ? 0 : 1))} req/s`;
    case 'memory':
      return formatBytes(value);
  }
}

export function formatP(p: number): string {
  return p < 0.001 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

export function scopeLabel(scope: RegressionScope): string {
  if (scope === 'all') return 'all items';
  if (scope.startsWith('capability:')) return scope.slice('capability:'.length);
  return `slice ${scope.slice('slice:'.length)}`;
}

export function unitOf(metric: RegressionMetric): string {
  return metric === 'throughput' ? 'runs' : metric === 'memory' ? 'readings' : 'items';
}

/** A measured row before its verdict: the row's measured fields, plus what decides the verdict. */
export type RawRow = Pick<RegressionRow, 'metric' | 'scope' | 'n' | 'candidate' | 'baseline' | 'relativeChange' | 'ci' | 'rawPValue' | 'test' | 'effectSize'> & {
  /** Throughput: runs that would make the observed change significant (normal approximation). */
  runsNeeded?: number;
  /** Set when the row's verdict is decided without a test (not measured, failures under load). */
  fixed?: { verdict: RowVerdict; reason: string };
};

export function comparisonReason(row: RawRow, verdict: RowVerdict, pValue: number | null, policy: RegressionPolicy, needed: number | null | undefined): string {
  const { metric } = row;
  const level = `${Math.round(policy.bootstrap.confidence * 1000) / 10}%`;
  const tolerance = signedTolerance(metric, policy);
  const toleranceText = `${tolerance === 0 ? '0%' : percentSigned(tolerance)} tolerance`;
  const relativeChange = row.relativeChange!;
  const values = `${METRIC_WORDS[metric]} ${formatValue(metric, row.candidate!)} vs ${formatValue(metric, row.baseline!)}`;
  const interval = row.ci ? `, ${level} CI [${percentSigned(row.ci[0])}, ${percentSigned(row.ci[1])}]` : metric === 'memory' ? ', one reading each' : `, no ${level} interval`;
  const pText =
    pValue === null
      ? ''
      : `, ${row.scope === 'all' ? '' : 'Holm-adjusted '}${row.test === 'mcnemar' ? 'McNemar ' : row.test === 't' ? 'paired t ' : 'bootstrap '}p = ${formatP(pValue)}`;
  const change = isFiniteNumber(relativeChange) ? percentSigned(relativeChange) : 'from 0';
  const head = `${scopeLabel(row.scope)}: ${values} (${change}${interval}${row.scope === 'all' ? '' : pText})`;
  if (verdict === 'pass') return `${head} within the ${toleranceText}`;
  if (verdict === 'fail') return `${head} beyond the ${toleranceText}`;
  const why =
    row.scope === 'all'
      ? row.ci
        ? `the ${level} interval does not exclude no change${pText}`
        : 'no interval exists'
      : `not significant after Holm correction (alpha ${policy.alpha})`;
  const unit = unitOf(metric);
  const howMany =
    needed === undefined ? '' : needed === null ? `; no number of ${unit} would show it` : `; about ${needed} ${unit} would be needed (have ${row.n})`;
  return `${head} beyond the ${toleranceText} but not demonstrated: ${why}${howMany}`;
}

export function boundWords(metric: RegressionMetric, bound: number): string {
  return `${WORSE_WHEN[metric] === 'lower' ? '≥' : '≤'} ${formatValue(metric, bound)}`;
}
