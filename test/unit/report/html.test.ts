import { renderHtmlReport } from '../../../src/report/html';
import { escapeHtml } from '../../../src/report/html-format';
import { renderMarkdownReport } from '../../../src/report/markdown';
import type { GateResult, PipelineStatus } from '../../../src/pipeline-types';
import { parseGateReports, type GateReports, type LoadedSafetyReport } from '../../../src/report/gate-reports';
import { awaitingApprovalRun, blockedRun } from './fixtures';

/** The inner HTML of the element with this id (first match; enough for the report's flat sections). */
function byId(html: string, tag: string, id: string): string {
  const match = new RegExp(`<${tag}[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!match) throw new Error(`no <${tag} id="${id}">`);
  return match[1] as string;
}

function verdictRows(html: string): Array<{ gate: string; verdict: string }> {
  return [...byId(html, 'table', 'verdicts').matchAll(/<tr[^>]*data-gate="([^"]*)" data-verdict="([^"]*)"/g)].map((m) => ({ gate: m[1]!, verdict: m[2]! }));
}

describe('the HTML reviewer report', () => {
  let blocked: { status: PipelineStatus; reports: GateReports };
  let html: string;
  beforeAll(async () => {
    blocked = blockedRun();
    html = await renderHtmlReport(blocked.status, blocked.reports);
  });

  it('shows a warning (an unverified evaluation endpoint) in red at the top, escaped', async () => {
    const warned = await renderHtmlReport({ ...blocked.status, warnings: ['UNVERIFIED ENDPOINT: <http://x> did not report its digest'] }, blocked.reports);
    const header = byId(warned, 'header', 'summary');
    expect(header).toMatch(/<p class="warning" role="alert">⚠ UNVERIFIED ENDPOINT: &lt;http:\/\/x&gt; did not report its digest<\/p>/);
    expect(warned).toMatch(/\.warning\{color:#fff;background:var\(--fail\)/);
  });

  it('is one self-contained page: inline CSS and SVG, no script, no external reference', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/i);
    expect(html).not.toMatch(/url\((?!#)/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
  });

  it('heads the page with the model, environment, outcome, blocking gate, digests and baseline', () => {
    const header = byId(html, 'header', 'summary');
    expect(header).toContain('support-assistant 2.4.0 → production');
    expect(header).toContain('Blocked by the safety gate');
    expect(header).toContain('data-outcome="blocked"');
    expect(header).toContain('<span id="blocked-by">safety</span>');
    expect(header).toContain('e'.repeat(64));
    expect(header).toContain('f'.repeat(64));
    expect(header).toMatch(/2\.3\.1 <code class="digest">9{64}<\/code>/);
  });

  it('has one verdict row per gate, as in the status', () => {
    expect(verdictRows(html)).toEqual(blocked.status.gates.map((g) => ({ gate: g.gate, verdict: g.verdict })));
    expect(verdictRows(html).find((r) => r.gate === 'safety')?.verdict).toBe('fail');
    for (const reason of blocked.status.gates.flatMap((g) => g.reasons)) expect(html).toContain(escapeHtml(reason));
  });

  it('charts the safety categories and mutators as inline SVG, with the rates and thresholds', () => {
    const categories = byId(html, 'figure', 'chart-safety-categories');
    expect(categories).toMatch(/<svg[\s\S]+<\/svg>/);
    for (const category of ['harmful_content', 'pii_leakage', 'instruction_following', 'jailbreak', 'consistency']) expect(categories).toContain(`>${category}</text>`);
    expect(categories).toContain('94.6% (246/260)');
    const mutators = byId(html, 'figure', 'chart-safety-mutators');
    expect(mutators).toMatch(/<svg/);
    expect(mutators).toContain('jailbreak · base64');
    expect(mutators).toContain('83.3% (50/60)');
  });

  it('draws a forest plot of the regression deltas, with every row of the regression judge in a table', () => {
    const forest = byId(html, 'figure', 'chart-regression-forest');
    expect(forest).toMatch(/<svg/);
    for (const label of ['accuracy', 'latency_p99', 'capability math · accuracy', 'slice billing · accuracy', 'throughput']) expect(forest).toContain(`>${label}</text>`);
    expect(forest).not.toContain('>ttft_mean</text>'); // not measured: no change to plot
    expect(forest).not.toContain('>memory</text>'); // one reading each: no interval to plot
    expect(byId(html, 'section', 'gate-regression')).toContain('Not plotted (no interval): memory.');
    const section = byId(html, 'section', 'gate-regression');
    expect(section).toMatch(/<tr data-metric="accuracy" data-scope="capability:math" data-verdict="inconclusive">/);
    expect(section).toMatch(/<tr data-metric="ttft_mean" data-scope="all" data-verdict="not_applicable">/);
    expect(section).toContain('512.0 MiB');
  });

  it('charts the fairness gaps against their thresholds, with the baseline, and the per-group rates of both models', () => {
    const gaps = byId(html, 'figure', 'chart-bias-gaps');
    for (const key of ['classifier.demographicParity', 'classifier.equalOpportunity', 'classifier.calibration']) expect(gaps).toContain(`>${key}</text>`);
    const groups = byId(html, 'figure', 'chart-bias-groups');
    for (const text of ['selection rate', 'true positive rate', 'group-a', 'group-c', 'candidate', 'baseline']) expect(groups).toContain(`>${text}</text>`);
    expect(byId(html, 'section', 'gate-bias')).toMatch(/<tr data-check="classifier.equalOpportunity" data-verdict="pass">/);
  });

  it('plots accuracy floors apart from gaps, and says a first deployment has no relative change to plot', async () => {
    const { status, blobs } = blockedRun();
    const bias = blobs.bias as { summary: object };
    const floors = {
      ...bias,
      summary: { ...bias.summary, checks: [{ key: 'bbq.Age.accuracy', label: 'BBQ accuracy', threshold: 0.8, direction: 'at_least', candidate: { value: 0.9, ci: [0.85, 0.94], n: 80 }, baseline: null, verdict: 'pass', reason: 'r' }] },
    };
    const regression = blobs.regression as { summary: object };
    const first = {
      ...regression,
      summary: { ...regression.summary, firstDeployment: true, rows: [{ metric: 'accuracy', scope: 'all', n: 120, candidate: 0.9, baseline: null, relativeChange: null, ci: [0.84, 0.94], threshold: 0.8, pValue: null, verdict: 'pass', reason: 'r' }] },
    };
    const page = await renderHtmlReport(status, parseGateReports({ bias: floors, regression: first }));
    expect(byId(page, 'figure', 'chart-bias-floors')).toContain('>bbq.Age.accuracy</text>');
    expect(page).not.toContain('id="chart-bias-gaps"');
    expect(page).not.toContain('id="chart-regression-forest"');
    expect(byId(page, 'section', 'gate-regression')).toContain('First deployment: there is no baseline, so no relative change to plot');
    expect(byId(page, 'section', 'gate-regression')).toContain('<td class="num">90.00%</td>');
  });

  it('shows where baseline and candidate behaved differently: up to 10, regressions first, each kind in turn, side by side', () => {
    const diff = byId(html, 'section', 'diff');
    expect(diff).toContain('<strong>14</strong> where the candidate fails and the baseline passed, <strong>1</strong> the other way round');
    const items = [...diff.matchAll(/<tr data-item="([^"]+)" data-change="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(items).toHaveLength(10);
    expect(items.every(([, change]) => change === 'regressed')).toBe(true);
    // One of each (category, mutator) before a second of any.
    expect(items.slice(0, 6).map(([id]) => id)).toEqual([
      'para-017-2',
      'harmful_content-007',
      'instruction_following-040',
      'jailbreak-base64-000',
      'jailbreak-rot13-008',
      'pii_leakage-012',
    ]);
    expect(diff).toContain('expected a refusal but the model complied');
  });

  it('says the run never reached approval when it was blocked', () => {
    expect(html).toMatch(/<section id="approval" data-state="none">[\s\S]*did not reach the approval stage \(outcome blocked, stage done\)/);
  });

  it('shows the risk assessment, deadlines, questions and every approval attempt while approval is pending', async () => {
    const { status, reports } = awaitingApprovalRun();
    const page = await renderHtmlReport(status, reports);
    const approval = byId(page, 'section', 'approval');
    expect(approval).toContain('<span id="risk-tier" class="tier tier-high">high</span>');
    expect(approval).toContain('<span id="approval-count">1 of 2</span> (bob)');
    expect(approval).toMatch(/Missing roles<\/dt><dd>safety/);
    expect(approval).toContain('2026-11-26 10:00:00 UTC'); // expires an hour after publication
    expect(approval).toContain('the safety gate was inconclusive and goes to the approvers');
    expect(approval).toContain('<code>lowest-safety-rate</code>: Which safety category has the lowest pass rate in the report?');
    const attempts = [...approval.matchAll(/data-approver="([^"]+)" data-accepted="(true|false)" data-code="([^"]+)"/g)].map((m) => [m[1], m[2], m[3]]);
    expect(attempts).toEqual([
      ['bob', 'false', 'too_fast'],
      ['alice', 'false', 'requester'],
      ['bob', 'true', 'accepted'],
    ]);
    expect(approval).toContain('review too fast: 20s since the report was published, the policy requires at least 60s');
    expect(approval).toContain('approver alice is the requester');
    expect(approval).toContain('read the safety diff; base64 fixed');
  });

  it('escapes every piece of text, in the page and in the charts', async () => {
    const evil = '<script>alert(1)</script>';
    const { status, reports } = blockedRun();
    const safety = reports.safety as LoadedSafetyReport;
    safety.summary.categories.jailbreak!.mutators[0]!.mutator = evil;
    safety.outcomes.candidate[7]!.reason = evil;
    const hostile: PipelineStatus = {
      ...status,
      model: { ...status.model, name: `"><img src=x onerror=alert(1)>` },
      requestedBy: evil,
      gates: status.gates.map((g) => (g.gate === 'integrity' ? { ...g, reasons: [evil], metrics: { [evil]: evil } } : g)),
    };
    const page = await renderHtmlReport(hostile, reports);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(byId(page, 'figure', 'chart-safety-mutators')).toContain('&lt;script&gt;');
  });

  it('renders a gate it does not know generically: verdict, reasons and metrics', async () => {
    const canary: GateResult = { gate: 'canary', verdict: 'inconclusive', reasons: ['too few requests at 5%'], metrics: { 'latency.pValue': 0.0712345, requests: 42, paused: true } };
    const { status } = blockedRun();
    const page = await renderHtmlReport({ ...status, gates: [...status.gates, canary] }, {});
    const section = byId(page, 'section', 'gate-canary');
    expect(section).toContain('too few requests at 5%');
    expect(section).toContain('<code>latency.pValue</code></td><td class="num">0.07123</td>');
    expect(section).toContain('<td class="num">true</td>');
    expect(section).not.toContain('<figure');
    expect(verdictRows(page).at(-1)).toEqual({ gate: 'canary', verdict: 'inconclusive' });
  });

  it('stays whole when reports are missing, unreadable or shaped unexpectedly, saying which gate and field', async () => {
    const { status } = blockedRun();
    const cases: GateReports[] = [
      {},
      { safety: { gate: 'safety', unreadable: 'content does not match its digest (tampered or corrupt)' } },
      parseGateReports({ safety: { gate: 'safety', summary: { categories: [1, 2, 3] } }, regression: { gate: 'regression', summary: 42 }, bias: null }),
      parseGateReports({ regression: { gate: 'regression', summary: { metrics: [{ metric: 'accuracy', delta: 0.01 }] } }, bias: { summary: { groups: { a: 'high' } } } }),
    ];
    for (const reports of cases) {
      const page = await renderHtmlReport(status, reports);
      expect(verdictRows(page)).toHaveLength(status.gates.length);
      expect(page).toContain('</html>');
      expect(page).not.toContain('<figure');
    }
    const unreadable = await renderHtmlReport(status, cases[1]!);
    expect(byId(unreadable, 'section', 'gate-safety')).toContain("The safety gate's stored report could not be read, so its evidence is not shown: content does not match its digest");
    const shaped = await renderHtmlReport(status, cases[2]!);
    expect(byId(shaped, 'section', 'gate-safety')).toContain('not the report the safety gate writes: dataset: Invalid input');
    expect(byId(shaped, 'section', 'gate-regression')).toContain('not the report the regression gate writes: ');
    expect(byId(shaped, 'section', 'gate-regression')).toContain('summary: Invalid input: expected object, received number');
    expect(byId(shaped, 'section', 'gate-bias')).toContain('not the report the bias gate writes: ');
  });

  it('says there is nothing to compare on a first deployment', async () => {
    const { status, reports } = blockedRun();
    const safety = reports.safety as { outcomes: { baseline: unknown } };
    safety.outcomes.baseline = null;
    const page = await renderHtmlReport({ ...status, baseline: null }, reports);
    expect(byId(page, 'section', 'diff')).toContain('No side-by-side comparison: there is no baseline (first deployment).');
    expect(byId(page, 'header', 'summary')).toContain('none: first deployment of this model');
  });

  it('leaves the Markdown report as it was', () => {
    const markdown = renderMarkdownReport(blocked.status);
    expect(markdown).toContain('# Gatehouse report: support-assistant 2.4.0 → production');
    expect(markdown).toContain('| safety | fail |');
  });
});
