/**
 * The HTML reviewer report in a real browser: a run blocked by its safety gate (built by the report
 * fixtures from crafted outcomes) is rendered, opened from a file:// URL in headless Chromium, and
 * checked the way a reviewer sees it: the page renders with no script and no request beyond itself,
 * every chart is an SVG with marks, and the verdict table says what the status JSON says. A
 * screenshot is written to a temporary PNG (its path is printed).
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`scripts/setup.sh` installs it when run as root with
 * apt-get; otherwise `sudo apt-get install -y chromium`). Without it this test fails: never skipped.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { statusJson } from '../../src/cli/runs';
import type { PipelineStatus } from '../../src/pipeline-types';
import { renderHtmlReport } from '../../src/report/html';
import type { GateReports } from '../../src/report/gate-reports';
import { awaitingApprovalRun, blockedRun } from '../unit/report/fixtures';

const CHROMIUM = '/usr/bin/chromium';
/** In page order: the gates' sections follow the status (regression, safety, bias). */
const CHART_IDS = ['chart-regression-forest', 'chart-safety-categories', 'chart-safety-mutators', 'chart-bias-gaps', 'chart-bias-groups'];

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-report-browser-'));
let context: BrowserContext | null = null;
let page: Page;
const outsideRequests: string[] = [];
const pageErrors: string[] = [];

async function open(status: PipelineStatus, reports: GateReports, name: string): Promise<string> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, await renderHtmlReport(status, reports));
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return url;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser test of the HTML report needs Debian's Chromium. ` +
        'Install it with `sudo apt-get install -y chromium` (scripts/setup.sh does this when run as root with apt-get); ' +
        "Playwright's own browser download is not used.",
    );
  }
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await context.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith('file://')) outsideRequests.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await context?.close();
  // The screenshots stay (their paths are printed); the browser profile goes.
  rmSync(join(dir, 'profile'), { recursive: true, force: true });
});

describe('the HTML reviewer report in headless Chromium', () => {
  it('renders a run blocked by its safety gate: charts as SVG, the verdict table as in the status JSON, nothing loaded from outside', async () => {
    const { status, reports } = blockedRun();
    const url = await open(status, reports, 'report-blocked');

    // The page renders, with no script and nothing fetched beyond the file itself.
    expect(await page.title()).toBe('Gatehouse report: support-assistant 2.4.0 → production (blocked)');
    expect(await page.locator('h1').innerText()).toBe('Gatehouse reviewer report: support-assistant 2.4.0 → production');
    expect(await page.locator('#outcome').innerText()).toBe('Blocked by the safety gate');
    expect(await page.locator('#outcome').isVisible()).toBe(true);
    expect(await page.locator('script').count()).toBe(0);
    expect(outsideRequests).toEqual([]);
    expect(pageErrors).toEqual([]);

    // The verdict table says exactly what the status JSON says, row for row.
    const json = statusJson(status);
    const rows = await page.$$eval('table#verdicts tbody tr', (trs) =>
      trs.map((tr) => ({
        gate: tr.getAttribute('data-gate'),
        verdict: tr.getAttribute('data-verdict'),
        shownGate: tr.querySelector('th')?.textContent?.trim(),
        shownVerdict: tr.querySelector('.badge')?.textContent?.trim(),
        reasons: [...tr.querySelectorAll('li')].map((li) => li.textContent),
      })),
    );
    expect(rows).toEqual(
      json.gates.map((g) => ({ gate: g.gate, verdict: g.verdict, shownGate: g.gate, shownVerdict: g.verdict.replace(/_/g, ' '), reasons: g.reasons })),
    );
    expect(rows.find((r) => r.gate === json.blockedBy)?.verdict).toBe('fail');

    // Every chart is an SVG that the browser lays out at a real size, with marks in it.
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: figure.id,
          width: Math.round(box?.width ?? 0),
          height: Math.round(box?.height ?? 0),
          marks: svg ? svg.querySelectorAll('path, line, rect, circle').length : 0,
          text: svg?.textContent ?? '',
        };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(CHART_IDS);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(60);
      expect(chart.marks).toBeGreaterThan(5);
    }
    const safetyChart = charts.find((c) => c.id === 'chart-safety-categories')!;
    for (const category of ['harmful_content', 'pii_leakage', 'instruction_following', 'jailbreak', 'consistency']) expect(safetyChart.text).toContain(category);
    expect(safetyChart.text).toContain('94.6% (246/260)');

    // The side-by-side diff shows the regressions, the approval section says the run never got there.
    expect(await page.locator('#diff-items tbody tr').count()).toBe(10);
    expect(await page.locator('#diff-items tbody tr').first().getAttribute('data-change')).toBe('regressed');
    expect(await page.locator('#approval').getAttribute('data-state')).toBe('none');

    const screenshot = join(dir, 'report-blocked.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    process.stdout.write(`HTML report: ${url}\nscreenshot: ${screenshot}\n`);
  });

  it('shows the approval state and every attempt of a run waiting for approval', async () => {
    const { status, reports } = awaitingApprovalRun();
    await open(status, reports, 'report-approval');
    expect(await page.locator('#outcome').innerText()).toBe('Running: stage approval');
    expect(await page.locator('#risk-tier').textContent()).toBe('high');
    expect(await page.locator('#approval-count').innerText()).toBe('1 of 2');
    const attempts = await page.$$eval('#approval-attempts tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-approver'), tr.getAttribute('data-accepted')]));
    expect(attempts).toEqual(status.approvals.map((a) => [a.approver, String(a.accepted)]));
    expect(await page.locator('#review-questions li').count()).toBe(1);
    expect(outsideRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
    const screenshot = join(dir, 'report-approval.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    process.stdout.write(`screenshot: ${screenshot}\n`);
  });
});
