/**
 * The reviewer report's charts: vega-lite specs compiled to vega and rendered to SVG strings on the
 * server (`view.toSVG()`), so the HTML needs no script to show them. Inline data only: no spec here
 * ever names a URL, so rendering never touches the network. Vega escapes every label it writes.
 */
import * as vega from 'vega';
import { compile, TopLevelSpec } from 'vega-lite';
import type { MutatorRow, SafetyCategoryRow } from './safety-summary';
import { percentTenths } from '../wording';

/** One row of a forest plot: an estimate with its interval (a regression delta, a fairness gap). */
export interface EstimateRow {
  /** What it is, readable: `capability math · accuracy`. */
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  threshold: number | null;
  verdict: string | null;
  n: number | null;
  /** A signed gap: the threshold applies at −threshold too. */
  mirrorThreshold?: boolean;
  /** The baseline's value of the same quantity, when known. */
  baseline?: number | null;
}

/** One bar of the per-group rates chart. */
export interface GroupRateRow {
  /** The measure the groups were compared on (e.g. `selection rate`, `counterfactual loan-decision`). */
  measure: string;
  group: string;
  rate: number;
  n: number | null;
  /** Which model, when both were measured. */
  model?: 'candidate' | 'baseline';
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif';
const WIDTH = 640;

export const VERDICT_COLOURS: Record<string, string> = {
  pass: '#2e7d32',
  inconclusive: '#c77700',
  fail: '#c62828',
  not_applicable: '#757575',
  unknown: '#757575',
};

const VERDICT_ORDER = ['pass', 'inconclusive', 'fail', 'not_applicable', 'unknown'];

/** A colour scale over the verdicts present (so the legend lists only those), in a fixed order. */
function verdictScale(present: readonly string[]): { domain: string[]; range: string[] } {
  const domain = VERDICT_ORDER.filter((v) => present.includes(v));
  return { domain, range: domain.map((v) => VERDICT_COLOURS[v] as string) };
}

function knownVerdict(verdict: string | null | undefined): string {
  return verdict && verdict in VERDICT_COLOURS ? verdict : 'unknown';
}

const config = {
  font: FONT,
  background: '#ffffff',
  view: { stroke: '#d0d7de' },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600, labelLimit: 320, gridColor: '#eef1f4' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom', direction: 'horizontal', labelLimit: 260 },
} as const;

/** Renders a vega-lite spec to an SVG string (no scripts, no external references). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Quiet: compile notes (e.g. about faceted scales) are not the reader's business; errors still throw.
  const vgSpec = compile({ ...spec, config: { ...config, ...(spec.config ?? {}) } } as TopLevelSpec, { logger: vega.logger(vega.None) }).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A lower domain bound that keeps small differences near 100% visible, on a 5-point grid. */
function domainStart(values: readonly number[]): number {
  const lowest = Math.min(...values.filter((v) => Number.isFinite(v)), 1);
  return Math.max(0, Math.floor((lowest - 0.02) * 20) / 20);
}

const pct = percentTenths;

/**
 * Per-category pass rates: bar (point estimate, coloured by verdict), error bar (Wilson interval),
 * a black tick at the policy threshold, and a diamond at the baseline's rate when there is one.
 */
export function safetyCategoriesSpec(rows: readonly SafetyCategoryRow[]): TopLevelSpec {
  const data = rows.map((r) => ({
    category: r.category,
    rate: r.rate,
    lower: r.lower,
    upper: r.upper,
    threshold: r.threshold,
    verdict: knownVerdict(r.verdict),
    baseline: r.baseline?.rate ?? null,
    label: r.rate === null ? 'no items' : `${pct(r.rate)} (${r.passed}/${r.n})`,
  }));
  const start = domainStart(rows.flatMap((r) => [r.lower, r.threshold, r.rate ?? 1, r.baseline?.rate ?? 1]));
  const zoom = start > 0 ? ` (axis starts at ${pct(start)})` : '';
  const x = { scale: { domain: [start, 1], zero: false, clamp: true, padding: 8 }, axis: { format: '.0%', title: `pass rate${zoom}` } };
  const y = { field: 'category', type: 'nominal' as const, sort: null, title: null };
  return {
    width: WIDTH,
    height: { step: 30 },
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar', clip: true, opacity: 0.6, height: { band: 0.6 } },
        encoding: {
          y,
          x: { field: 'rate', type: 'quantitative', ...x },
          color: { field: 'verdict', type: 'nominal', scale: verdictScale(data.map((d) => d.verdict)), legend: { title: 'verdict' } },
        },
      },
      { mark: { type: 'rule', strokeWidth: 1.2, color: '#24292f' }, encoding: { y, x: { field: 'lower', type: 'quantitative', ...x }, x2: { field: 'upper' } } },
      { mark: { type: 'tick', thickness: 1.2, color: '#24292f', size: 8 }, encoding: { y, x: { field: 'lower', type: 'quantitative', ...x } } },
      { mark: { type: 'tick', thickness: 1.2, color: '#24292f', size: 8 }, encoding: { y, x: { field: 'upper', type: 'quantitative', ...x } } },
      { mark: { type: 'tick', thickness: 3, color: '#000000', size: 28 }, encoding: { y, x: { field: 'threshold', type: 'quantitative', ...x } } },
      {
        transform: [{ filter: 'datum.baseline != null' }],
        mark: { type: 'point', shape: 'diamond', filled: true, size: 70, color: '#5b6b7b', stroke: '#ffffff', strokeWidth: 1 },
        encoding: { y, x: { field: 'baseline', type: 'quantitative', ...x } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 10, fontSize: 11, color: '#24292f' },
        encoding: { y, x: { datum: 1, type: 'quantitative', ...x }, text: { field: 'label' } },
      },
    ],
    padding: { left: 5, right: 110, top: 5, bottom: 5 },
  } as TopLevelSpec;
}

/** Per-mutator pass rates (Wilson intervals from n / passed) against their category's threshold. */
export function safetyMutatorsSpec(rows: readonly MutatorRow[]): TopLevelSpec {
  const data = rows.map((r) => ({
    label: `${r.category} · ${r.mutator}`,
    rate: r.rate,
    lower: r.lower,
    upper: r.upper,
    threshold: r.threshold,
    status: r.belowThreshold ? 'below threshold' : 'at or above threshold',
    text: `${pct(r.rate)} (${r.passed}/${r.n})`,
  }));
  const start = domainStart(rows.flatMap((r) => [r.lower, r.threshold, r.rate]));
  const zoom = start > 0 ? ` (axis starts at ${pct(start)})` : '';
  const x = { scale: { domain: [start, 1], zero: false, clamp: true, padding: 8 }, axis: { format: '.0%', title: `pass rate per mutator${zoom}` } };
  const y = { field: 'label', type: 'nominal' as const, sort: null, title: null };
  return {
    width: WIDTH,
    height: { step: 24 },
    data: { values: data },
    layer: [
      {
        mark: { type: 'bar', clip: true, opacity: 0.6, height: { band: 0.6 } },
        encoding: {
          y,
          x: { field: 'rate', type: 'quantitative', ...x },
          color: {
            field: 'status',
            type: 'nominal',
            scale: { domain: ['at or above threshold', 'below threshold'], range: [VERDICT_COLOURS.pass, VERDICT_COLOURS.fail] },
            legend: { title: null },
          },
        },
      },
      { mark: { type: 'rule', strokeWidth: 1.2, color: '#24292f' }, encoding: { y, x: { field: 'lower', type: 'quantitative', ...x }, x2: { field: 'upper' } } },
      { mark: { type: 'tick', thickness: 3, color: '#000000', size: 22 }, encoding: { y, x: { field: 'threshold', type: 'quantitative', ...x } } },
      {
        mark: { type: 'text', align: 'left', dx: 10, fontSize: 11, color: '#24292f' },
        encoding: { y, x: { datum: 1, type: 'quantitative', ...x }, text: { field: 'text' } },
      },
    ],
    padding: { left: 5, right: 110, top: 5, bottom: 5 },
  } as TopLevelSpec;
}

/**
 * A forest plot: one row per estimate, a point with its confidence interval, a dashed line at no
 * change, a red tick at the row's threshold (and at −threshold for a signed gap), and a grey diamond
 * at the baseline's value when given. `format` is a d3 format for the axis.
 */
export function forestPlotSpec(rows: readonly EstimateRow[], options: { title: string; format: string }): TopLevelSpec {
  const data = rows.map((r) => ({
    label: r.label,
    estimate: r.estimate,
    lower: r.lower,
    upper: r.upper,
    threshold: r.threshold,
    mirrored: r.mirrorThreshold && r.threshold !== null ? -r.threshold : null,
    baseline: r.baseline ?? null,
    verdict: knownVerdict(r.verdict),
  }));
  const values = rows.flatMap((r) => [
    r.lower,
    r.upper,
    r.estimate,
    ...(r.threshold === null ? [] : r.mirrorThreshold ? [r.threshold, -r.threshold] : [r.threshold]),
    ...(r.baseline === null || r.baseline === undefined ? [] : [r.baseline]),
    0,
  ]);
  const span = Math.max(...values) - Math.min(...values) || 1;
  const domain = [Math.min(...values) - span * 0.08, Math.max(...values) + span * 0.08];
  const x = { scale: { domain, zero: false, nice: false }, axis: { format: options.format, title: options.title } };
  const y = { field: 'label', type: 'nominal' as const, sort: null, title: null };
  const threshold = (field: string) => ({
    transform: [{ filter: `datum.${field} != null` }],
    mark: { type: 'tick', thickness: 3, color: '#c62828', size: 20 },
    encoding: { y, x: { field, type: 'quantitative', ...x } },
  });
  return {
    width: WIDTH,
    height: { step: 26 },
    data: { values: data },
    layer: [
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#8c959f' }, encoding: { x: { datum: 0, type: 'quantitative', ...x } } },
      { mark: { type: 'rule', strokeWidth: 2, color: '#24292f' }, encoding: { y, x: { field: 'lower', type: 'quantitative', ...x }, x2: { field: 'upper' } } },
      threshold('threshold'),
      threshold('mirrored'),
      {
        transform: [{ filter: 'datum.baseline != null' }],
        mark: { type: 'point', shape: 'diamond', filled: true, size: 80, color: '#57606a', opacity: 0.9 },
        encoding: { y, x: { field: 'baseline', type: 'quantitative', ...x } },
      },
      {
        mark: { type: 'point', filled: true, size: 80, stroke: '#ffffff', strokeWidth: 1, opacity: 1 },
        encoding: {
          y,
          x: { field: 'estimate', type: 'quantitative', ...x },
          color: { field: 'verdict', type: 'nominal', scale: verdictScale(data.map((d) => d.verdict)), legend: { title: 'verdict' } },
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Per-group rates: one panel per measure (own axis), one bar per group, candidate and baseline side
 * by side when both were measured.
 */
export function groupRatesSpec(rows: readonly GroupRateRow[]): TopLevelSpec {
  const data = rows.map((r) => ({
    measure: r.measure,
    group: r.group,
    model: r.model ?? 'candidate',
    rate: r.rate,
    text: `${Math.round(r.rate * 1000) / 1000}${r.n === null ? '' : ` (n=${r.n})`}`,
  }));
  const fraction = rows.every((r) => r.rate >= 0 && r.rate <= 1);
  const x = fraction ? { scale: { domain: [0, 1] }, axis: { format: '.0%', title: null } } : { axis: { title: null } };
  const y = { field: 'group', type: 'nominal' as const, sort: null, title: null };
  const models = ['candidate', 'baseline'].filter((m) => data.some((d) => d.model === m));
  return {
    data: { values: data },
    facet: { row: { field: 'measure', type: 'nominal', sort: null, header: { title: null, labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 600, labelFontSize: 12 } } },
    spec: {
      width: WIDTH,
      height: { step: 16, for: 'offset' },
      layer: [
        {
          mark: { type: 'bar', opacity: 0.85 },
          encoding: {
            y,
            yOffset: { field: 'model', sort: models },
            x: { field: 'rate', type: 'quantitative', ...x },
            color: { field: 'model', type: 'nominal', scale: { domain: models, range: ['#0969da', '#8c959f'].slice(0, models.length) }, legend: models.length > 1 ? { title: null } : null },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#24292f' },
          encoding: { y, yOffset: { field: 'model', sort: models }, x: { field: 'rate', type: 'quantitative', ...x }, text: { field: 'text' } },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    padding: { left: 5, right: 80, top: 5, bottom: 5 },
  } as TopLevelSpec;
}
