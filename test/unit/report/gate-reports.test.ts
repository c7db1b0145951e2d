/**
 * Each gate's stored report is parsed once, with the schema its writer is typed by
 * (src/gates/*-report.ts): what the writers store parses; a blob of another shape is reported
 * unreadable, naming the gate and the field, never guessed around; older blobs with extra fields still parse.
 */
import { parseGateReport, parseGateReports, reportOf } from '../../../src/report/gate-reports';
import { renderHtmlReport } from '../../../src/report/html';
import { biasGate, blockedRun, regressionGate, safetyGate } from './fixtures';

const unreadable = (report: unknown) => (report as { unreadable?: string }).unreadable;

describe('parsing the gates’ stored reports', () => {
  test.each([
    ['safety', () => safetyGate().report],
    ['regression', () => regressionGate().report],
    ['bias', () => biasGate().report],
  ] as const)('the %s report as its writer stores it parses, every field the report reads kept', (gate, blob) => {
    const stored = JSON.parse(JSON.stringify(blob())) as { summary: unknown };
    const report = parseGateReport(gate, stored);
    expect(unreadable(report)).toBeUndefined();
    expect(report).toMatchObject({ gate, summary: expect.any(Object) });
  });

  it('names the gate and the field of a value of the wrong type', () => {
    const safety = JSON.parse(JSON.stringify(safetyGate().report));
    safety.summary.categories.jailbreak.n = 'sixty';
    expect(unreadable(parseGateReport('safety', safety))).toBe('not the report the safety gate writes: summary.categories.jailbreak.n: Invalid input: expected number, received string');

    const regression = JSON.parse(JSON.stringify(regressionGate().report));
    regression.summary.rows[2].verdict = 'maybe';
    expect(unreadable(parseGateReport('regression', regression))).toMatch(/^not the report the regression gate writes: summary\.rows\.2\.verdict: /);

    const bias = JSON.parse(JSON.stringify(biasGate().report));
    delete bias.summary.checks;
    expect(unreadable(parseGateReport('bias', bias))).toMatch(/^not the report the bias gate writes: summary\.checks: /);
    expect(unreadable(parseGateReport('bias', { gate: 'bias', kind: 'regression' }))).toMatch(/^not the report the bias gate writes: kind: /);
    expect(unreadable(parseGateReport('safety', null))).toMatch(/^not the report the safety gate writes: \(root\): /);
  });

  it('keeps reading an older blob with fields the report does not know', () => {
    const blob = JSON.parse(JSON.stringify(regressionGate().report));
    blob.writtenBy = 'gatehouse 0.9';
    blob.summary.rows[0].legacyNote = 'kept for an old dashboard';
    const report = parseGateReport('regression', blob);
    expect(unreadable(report)).toBeUndefined();
    expect(report).not.toHaveProperty('writtenBy');
  });

  it('parses only the gates that store a report the reviewer report reads', () => {
    const { blobs } = blockedRun();
    const reports = parseGateReports({ ...blobs, canary: { anything: true } });
    expect(Object.keys(reports).sort()).toEqual(['bias', 'regression', 'safety']);
    expect(reportOf(reports, 'canary')).toBeUndefined();
    expect(reportOf(reports, 'integrity')).toBeUndefined();
  });

  it('shows a malformed report in the HTML as a warning naming the gate and the field, beside the other gates’ evidence', async () => {
    const { status, blobs } = blockedRun();
    const regression = JSON.parse(JSON.stringify(blobs.regression));
    regression.summary.rows[0].ci = 'wide';
    const page = await renderHtmlReport(status, parseGateReports({ ...blobs, regression }));
    const section = /<section class="gate" id="gate-regression"[\s\S]*?<\/section>/.exec(page)![0];
    expect(section).toContain("The regression gate's stored report could not be read, so its evidence is not shown: not the report the regression gate writes: summary.rows.0.ci: ");
    expect(section).not.toContain('<figure');
    expect(page).toContain('id="chart-safety-categories"');
    expect(page).toContain('id="chart-bias-gaps"');
  });
});
