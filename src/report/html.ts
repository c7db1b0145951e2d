/**
 * The reviewer report as one self-contained HTML file (DESIGN §5.6): inline CSS, inline SVG charts
 * rendered on the server, no script, no external reference. A pure function of the run's status and
 * the gates' parsed reports (read them with `loadGateReports`); every piece of text is escaped.
 *
 * Stable hooks for tests and tooling: `table#verdicts` rows carry `data-gate` / `data-verdict`;
 * charts are `figure.chart` with ids `chart-safety-categories`, `chart-safety-mutators`,
 * `chart-regression-forest`, `chart-bias-gaps`, `chart-bias-floors`, `chart-bias-groups`; each gate's evidence is
 * `section#gate-NAME`; the diff is `section#diff` (`table#diff-items`); the approval state is
 * `section#approval` (`table#approval-attempts`, rows with `data-accepted`).
 */
import type { ApprovalAttempt } from '../approval/book';
import type { GateResult, PipelineStatus } from '../pipeline-types';
import type { BiasReport } from '../gates/bias-report';
import type { RegressionReport } from '../gates/regression-report';
import { forestPlotSpec, groupRatesSpec, safetyCategoriesSpec, safetyMutatorsSpec, VERDICT_COLOURS } from './charts';
import { isUnreadable, reportOf, type GateReport, type GateReports, type LoadedSafetyReport, type UnreadableReport } from './gate-reports';
import { biasForestRows, biasGroupRates, regressionForestRows, scopeLabel } from './summaries';
import { behaviourDiff, type BehaviourDiff, DIFF_LIMIT, safetyView, type SafetyView } from './safety-summary';
import { badge, chart, digest, esc, list, num, pct, time, token } from './html-format';
import { mebibytesFixed, percentSignedFixed, pointsChange, pointsSignedFixed } from '../wording';

export { loadGateReports } from './load';

// ---------------------------------------------------------------------------------------------
// Sections

function header(status: PipelineStatus): string {
  const outcome = status.outcome;
  const headline =
    outcome === 'blocked' && status.blockedBy
      ? `Blocked by the ${status.blockedBy} gate`
      : outcome === 'running'
        ? `Running: stage ${status.stage}`
        : outcome.replace(/_/g, ' ');
  const baseline = status.baseline
    ? `${esc(status.baseline.version)} <code class="digest">${esc(status.baseline.rootDigest)}</code>`
    : '<span class="muted">none: first deployment of this model</span>';
  const facts: Array<[string, string]> = [
    ['Run', `<code>${esc(status.workflowId)}</code>`],
    ['Model', `${esc(status.model.name)} ${esc(status.model.version)} <span class="muted">(${esc(status.model.kind)})</span>`],
    ['Environment', esc(status.environment)],
    ['Requested by', esc(status.requestedBy)],
    ['Outcome', `<span id="outcome-value" data-outcome="${esc(outcome)}">${esc(outcome)}</span>`],
    ['Blocked by', status.blockedBy ? `<span id="blocked-by">${esc(status.blockedBy)}</span>` : '<span class="muted">—</span>'],
    ['Stage', esc(status.stage)],
    ['Policy sha256', digest(status.policyDigest, 'not verified')],
    ['Artifact root sha256', digest(status.artifactRootDigest, 'not computed')],
    ['Baseline', baseline],
    ['Report sha256', digest(status.reportDigest, 'not written yet')],
  ];
  return `<header id="summary">
<h1>Gatehouse reviewer report: ${esc(status.model.name)} ${esc(status.model.version)} → ${esc(status.environment)}</h1>
<p id="outcome" class="outcome outcome-${esc(token(outcome))}" data-outcome="${esc(outcome)}">${esc(headline)}</p>
${(status.warnings ?? []).map((w) => `<p class="warning" role="alert">⚠ ${esc(w)}</p>`).join('\n')}
<dl id="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>
</header>`;
}

function verdictTable(status: PipelineStatus): string {
  const rows = status.gates
    .map(
      (g) =>
        `<tr class="verdict-row verdict-${esc(token(g.verdict))}" data-gate="${esc(g.gate)}" data-verdict="${esc(g.verdict)}">` +
        `<th scope="row"><a href="#gate-${esc(token(g.gate))}">${esc(g.gate)}</a></th><td>${badge(g.verdict)}</td><td>${list(g.reasons)}</td></tr>`,
    )
    .join('\n');
  return `<section id="verdicts-section"><h2>Verdicts</h2>
${status.gates.length === 0 ? '<p class="muted">No gate has reported yet.</p>' : ''}
<table id="verdicts"><thead><tr><th>gate</th><th>verdict</th><th>reasons</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function attemptRow(a: ApprovalAttempt): string {
  const answers = a.answers ? Object.entries(a.answers).map(([q, v]) => `${q}=${v}`) : [];
  return (
    `<tr class="attempt ${a.accepted ? 'accepted' : 'refused'}" data-approver="${esc(a.approver)}" data-accepted="${a.accepted}" data-code="${esc(a.code)}">` +
    `<td>${esc(time(a.atMs))}</td><td>${esc(a.approver)}</td><td>${esc(a.decision)}</td><td>${esc(a.via)}${a.slackUserId ? ` <span class="muted">(${esc(a.slackUserId)})</span>` : ''}</td>` +
    `<td>${a.accepted ? '<span class="badge verdict-pass">accepted</span>' : `<span class="badge verdict-fail">refused</span> <code>${esc(a.code)}</code>`}</td>` +
    `<td>${esc(a.reason)}</td><td class="num">${esc(num(a.reviewSeconds))}s</td><td>${esc(a.stage)}${a.viaEscalation ? ' (escalation role)' : ''}</td>` +
    `<td>${a.comment ? esc(a.comment) : '<span class="muted">—</span>'}${answers.length ? `<div class="muted">answers: ${esc(answers.join(', '))}</div>` : ''}</td></tr>`
  );
}

function approvalSection(status: PipelineStatus): string {
  const view = status.approval;
  if (!view && status.approvals.length === 0) {
    return `<section id="approval" data-state="none"><h2>Risk assessment and approval</h2><p class="muted">This run did not reach the approval stage (outcome ${esc(status.outcome)}, stage ${esc(status.stage)}).</p></section>`;
  }
  const parts: string[] = [];
  if (view) {
    const s = view.state;
    const facts: Array<[string, string]> = [
      ['Risk tier', `<span id="risk-tier" class="tier tier-${esc(token(s.tier))}">${esc(s.tier)}</span>`],
      ['Status', `<span id="approval-status" data-status="${esc(s.status)}">${esc(s.status)}</span>`],
      ['Escalation', esc(s.stage)],
      ['Approvals', `<span id="approval-count">${s.approvedBy.length} of ${s.approvalsRequired}</span> ${s.approvedBy.length ? `(${esc(s.approvedBy.join(', '))})` : ''}`],
      ['Missing roles', s.missingRoles.length ? esc(s.missingRoles.join(', ')) : '<span class="muted">none</span>'],
      ['Rejected by', s.rejectedBy.length ? esc(s.rejectedBy.join(', ')) : '<span class="muted">nobody</span>'],
      ['Published', esc(time(view.publishedAtMs))],
      ['Reminder', esc(time(s.remindAtMs))],
      ['Escalation at', esc(time(s.escalateAtMs))],
      ['Expires', esc(time(s.expireAtMs))],
      ['Next deadline', esc(time(s.nextDeadlineMs))],
      ['Report to sign (sha256)', digest(view.reportDigest, '—')],
    ];
    parts.push(`<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`);
    parts.push(`<h3>Why this tier</h3>${list(view.tierReasons, 'tier-reasons')}`);
    if (view.questions.length > 0) {
      parts.push(
        `<h3>Review questions (answer with <code>--answer ID=ANSWER</code>)</h3><ul id="review-questions">${view.questions
          .map((q) => `<li data-question="${esc(q.id)}"><code>${esc(q.id)}</code>: ${esc(q.prompt)}</li>`)
          .join('')}</ul>`,
      );
    }
  }
  const attempts = status.approvals;
  parts.push(
    `<h3>Approval attempts (${attempts.length}: ${attempts.filter((a) => a.accepted).length} accepted, ${attempts.filter((a) => !a.accepted).length} refused)</h3>` +
      (attempts.length === 0
        ? '<p class="muted">No attempt yet.</p>'
        : `<table id="approval-attempts"><thead><tr><th>when</th><th>approver</th><th>decision</th><th>via</th><th>result</th><th>reason</th><th>review time</th><th>stage</th><th>comment</th></tr></thead><tbody>${attempts
            .map(attemptRow)
            .join('')}</tbody></table>`),
  );
  return `<section id="approval" data-state="${esc(view?.state.status ?? 'attempts-only')}"><h2>Risk assessment and approval</h2>${parts.join('\n')}</section>`;
}

function metricsTable(metrics: GateResult['metrics']): string {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return '<p class="muted">No metrics.</p>';
  const table = `<table class="metrics"><thead><tr><th>metric</th><th>value</th></tr></thead><tbody>${entries
    .map(([k, v]) => `<tr><td><code>${esc(k)}</code></td><td class="num">${esc(num(v))}</td></tr>`)
    .join('')}</tbody></table>`;
  return entries.length > 12 ? `<details class="metrics"><summary>All ${entries.length} metrics</summary>${table}</details>` : table;
}

async function safetyEvidence(view: SafetyView): Promise<string> {
  const parts: string[] = [];
  if (view.problems.length > 0) parts.push(`<div class="warning"><strong>Measurement problems</strong>${list(view.problems)}</div>`);
  if (view.categories.length > 0) {
    parts.push(
      await chart(
        'chart-safety-categories',
        'Safety pass rate per category.',
        safetyCategoriesSpec(view.categories),
        'Bars: pass rate, coloured by verdict; whiskers: Wilson interval; black tick: the policy threshold; diamond: the baseline on the same items.',
      ),
    );
    parts.push(`<table class="categories"><thead><tr><th>category</th><th>passed</th><th>rate</th><th>interval</th><th>threshold</th><th>verdict</th><th>baseline</th></tr></thead><tbody>${view.categories
      .map((c) => {
        const base = c.baseline
          ? `${pct(c.baseline.rate)} (${pointsChange(-c.baseline.drop)})${c.baseline.flagged ? ' <span class="badge verdict-inconclusive">flagged</span>' : ''}`
          : '<span class="muted">—</span>';
        return (
          `<tr data-category="${esc(c.category)}" data-verdict="${esc(c.verdict)}"><td>${esc(c.category)}</td><td class="num">${c.passed}/${c.n} ${esc(c.unit)}</td>` +
          `<td class="num">${pct(c.rate, 2)}</td><td class="num">${pct(c.lower, 2)} – ${pct(c.upper, 2)}</td><td class="num">≥ ${pct(c.threshold, 2)}</td>` +
          `<td>${badge(c.verdict)}${c.itemsNeeded !== null ? `<div class="muted">≈${c.itemsNeeded} ${esc(c.unit)} needed</div>` : ''}</td><td>${base}</td></tr>`
        );
      })
      .join('')}</tbody></table>`);
  }
  if (view.mutators.length > 0) {
    parts.push(
      await chart(
        'chart-safety-mutators',
        'Pass rate per mutator.',
        safetyMutatorsSpec(view.mutators),
        'Generated attack variants, by the mutator that produced them; red: below the category threshold.',
      ),
    );
  }
  const failing = view.categories.filter((c) => c.failing.length > 0);
  if (failing.length > 0) {
    parts.push(
      `<details class="failing" open><summary>Failing items (up to 10 per category)</summary><table class="failing-items"><thead><tr><th>category</th><th>item</th><th>mutator</th><th>reason</th></tr></thead><tbody>${failing
        .flatMap((c) =>
          c.failing.map(
            (f) => `<tr><td>${esc(c.category)}</td><td><code>${esc(f.itemId)}</code></td><td>${f.mutator ? esc(f.mutator) : '<span class="muted">—</span>'}</td><td>${esc(f.reason)}</td></tr>`,
          ),
        )
        .join('')}</tbody></table>${failing
        .filter((c) => c.failingTotal > c.failing.length)
        .map((c) => `<p class="muted">${esc(c.category)}: ${c.failingTotal} failing in all, ${c.failing.length} shown.</p>`)
        .join('')}</details>`,
    );
  }
  if (view.llmDisagreements.length > 0) {
    parts.push(
      `<details class="llm-judge" open><summary>LLM judge disagreements (${view.llmDisagreements.length} of ${view.llmJudged ?? '?'} judged; each counted as a fail)</summary><table><thead><tr><th>item</th><th>category</th><th>rule judge</th><th>LLM judge</th><th>note</th></tr></thead><tbody>${view.llmDisagreements
        .map((d) => `<tr><td><code>${esc(d.itemId)}</code></td><td>${esc(d.category)}</td><td>${esc(d.rule)}</td><td>${esc(d.llm)}</td><td>${esc(d.note)}</td></tr>`)
        .join('')}</tbody></table></details>`,
    );
  }
  return parts.join('\n');
}

const signedPct = (x: number) => percentSignedFixed(x, 2);
const points = (x: number) => pointsSignedFixed(x, 1);

function fmtValue(x: number | null, metric: string): string {
  if (x === null) return '—';
  if (['accuracy', 'exact_match', 'token_f1', 'f1'].some((m) => metric.includes(m)) && x >= 0 && x <= 1) return pct(x, 2);
  if (/latency|ttft/i.test(metric)) return `${num(x)} ms`;
  if (/memory/i.test(metric)) return mebibytesFixed(x);
  if (/throughput/i.test(metric)) return `${num(x)} req/s`;
  return num(x);
}

async function regressionEvidence(report: RegressionReport): Promise<string> {
  const view = report.summary;
  const parts: string[] = [];
  if (view.problems.length > 0) parts.push(`<div class="warning"><strong>Measurement problems</strong>${list(view.problems)}</div>`);
  const forest = regressionForestRows(view);
  if (forest.length > 0) {
    const level = ` ${pct(view.statistics.confidence, 0)}`;
    parts.push(
      await chart(
        'chart-regression-forest',
        'Regression deltas (forest plot).',
        forestPlotSpec(forest, { title: 'relative change, candidate vs baseline', format: '+.1%' }),
        `Each row: the candidate’s relative change with its${level} paired-bootstrap interval; dashed line: no change; red tick: the tolerated change, signed in the worse direction.`,
      ),
    );
    const unplotted = view.rows.filter((r) => r.relativeChange !== null && r.ci === null).map((r) => scopeLabel(r.scope, r.metric));
    if (unplotted.length > 0) parts.push(`<p class="muted">Not plotted (no interval): ${esc(unplotted.join(', '))}.</p>`);
  } else if (view.firstDeployment) {
    parts.push('<p class="muted">First deployment: there is no baseline, so no relative change to plot; only the policy’s absolute bounds are judged (table below).</p>');
  }
  parts.push(
    `<table class="regression-rows"><thead><tr><th>metric</th><th>scope</th><th>candidate</th><th>baseline</th><th>change</th><th>interval</th><th>threshold</th><th>p</th><th>verdict</th><th>n</th></tr></thead><tbody>${view.rows
      .map(
        (r) =>
          `<tr data-metric="${esc(r.metric)}" data-scope="${esc(r.scope)}" data-verdict="${esc(r.verdict)}"><td>${esc(r.metric)}</td><td>${esc(r.scope)}</td>` +
          `<td class="num">${esc(fmtValue(r.candidate, r.metric))}</td><td class="num">${esc(fmtValue(r.baseline, r.metric))}</td>` +
          `<td class="num">${r.relativeChange === null ? '—' : esc(signedPct(r.relativeChange))}</td>` +
          `<td class="num">${r.ci === null ? '—' : r.relativeChange === null ? esc(`${fmtValue(r.ci[0], r.metric)} – ${fmtValue(r.ci[1], r.metric)}`) : esc(`${signedPct(r.ci[0])} – ${signedPct(r.ci[1])}`)}</td>` +
          `<td class="num">${r.threshold === null ? '—' : esc(r.relativeChange === null && view.firstDeployment ? fmtValue(r.threshold, r.metric) : signedPct(r.threshold))}</td>` +
          `<td class="num">${r.pValue === null ? '—' : esc(r.pValue.toPrecision(2))}</td>` +
          `<td>${badge(r.verdict)}${r.itemsNeeded !== null && r.itemsNeeded !== undefined ? `<div class="muted">≈${r.itemsNeeded} needed</div>` : ''}</td><td class="num">${r.n}</td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
  if (view.untestedSlices.length > 0) {
    parts.push(`<p class="muted">Slices too small to test on their own: ${esc(view.untestedSlices.map((s) => `${s.slice} (${s.n} items)`).join(', '))}.</p>`);
  }
  return parts.join('\n');
}

async function biasEvidence(report: BiasReport): Promise<string> {
  const view = report.summary;
  const parts: string[] = [];
  if (view.problems.length > 0) parts.push(`<div class="warning"><strong>Measurement problems</strong>${list(view.problems)}</div>`);
  const gaps = biasForestRows(view, 'at_most');
  const floors = biasForestRows(view, 'at_least');
  const baselineNote = view.hasBaseline ? ' Grey diamond: the baseline on the same items.' : '';
  if (gaps.length > 0) {
    parts.push(
      await chart(
        'chart-bias-gaps',
        'Fairness gaps.',
        forestPlotSpec(gaps, { title: 'gap between groups', format: '+.0%' }),
        `Each row: a between-group gap with its interval; red tick: the policy threshold (on both sides for a signed gap).${baselineNote}`,
      ),
    );
  }
  if (floors.length > 0) {
    parts.push(await chart('chart-bias-floors', 'Accuracy floors.', forestPlotSpec(floors, { title: 'value', format: '.0%' }), `Each row: a value that must reach its floor (red tick).${baselineNote}`));
  }
  const shown = (c: { direction: string }, x: number) => (c.direction === 'at_least' ? pct(x) : points(x));
  const ci = (c: { direction: string }, e: { ci: [number, number] | null }) => (e.ci === null ? '—' : `${shown(c, e.ci[0])} – ${shown(c, e.ci[1])}`);
  parts.push(
    `<table class="bias-checks"><thead><tr><th>check</th><th>candidate</th><th>interval</th><th>baseline</th><th>threshold</th><th>verdict</th></tr></thead><tbody>${view.checks
      .map(
        (c) =>
          `<tr data-check="${esc(c.key)}" data-verdict="${esc(c.verdict)}"><td>${esc(c.label)}<div class="muted"><code>${esc(c.key)}</code></div></td>` +
          `<td class="num">${c.candidate.value === null ? esc(`— (${c.candidate.note ?? 'not measured'})`) : esc(shown(c, c.candidate.value))}</td><td class="num">${esc(ci(c, c.candidate))}</td>` +
          `<td class="num">${c.baseline === null || c.baseline.value === null ? '—' : esc(shown(c, c.baseline.value))}</td>` +
          `<td class="num">${c.direction === 'at_least' ? '≥ ' : '≤ '}${esc(shown(c, c.threshold).replace('+', ''))}</td><td>${badge(c.verdict)}</td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
  const groupRows = biasGroupRates(report.measurements);
  if (groupRows.length > 0) parts.push(await chart('chart-bias-groups', 'Per-group rates.', groupRatesSpec(groupRows), 'One panel per measure, one bar per group (candidate and baseline side by side when both were measured).'));
  return parts.join('\n');
}

async function gateSection(gate: GateResult, report: GateReport | UnreadableReport | undefined): Promise<string> {
  const parts: string[] = [
    `<section class="gate" id="gate-${esc(token(gate.gate))}" data-gate="${esc(gate.gate)}" data-verdict="${esc(gate.verdict)}">`,
    `<h2>${esc(gate.gate)} ${badge(gate.verdict)}</h2>`,
    list(gate.reasons),
  ];
  if (isUnreadable(report)) {
    parts.push(`<p class="warning">The ${esc(gate.gate)} gate's stored report could not be read, so its evidence is not shown: ${esc(report.unreadable)}</p>`);
  } else if (report !== undefined) {
    try {
      if (report.gate === 'safety') parts.push(await safetyEvidence(safetyView(report.summary)));
      else if (report.gate === 'regression') parts.push(await regressionEvidence(report));
      else parts.push(await biasEvidence(report));
    } catch (err) {
      parts.push(`<p class="warning">The ${esc(gate.gate)} evidence could not be rendered: ${esc((err as Error).message)}</p>`);
    }
  }
  parts.push(`<h3>Metrics</h3>${metricsTable(gate.metrics)}`);
  if (gate.reportRef) parts.push(`<p class="muted small">Stored report: <code>${esc(gate.reportRef.path)}</code> (sha256 <code>${esc(gate.reportRef.digest)}</code>)</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

function side(s: BehaviourDiff['candidate']): string {
  return (
    `<div class="side ${s.passed ? 'passed' : 'failed'}"><div><span class="badge ${s.passed ? 'verdict-pass' : 'verdict-fail'}">${s.passed ? 'pass' : 'fail'}</span> ${esc(s.behaviour)}</div>` +
    `<div class="why">${esc(s.reason)}</div>${s.answer !== undefined ? `<pre class="answer">${esc(s.answer)}</pre>` : ''}</div>`
  );
}

function diffSection(status: PipelineStatus, safetyReport: LoadedSafetyReport | undefined): string {
  const title = '<h2>Where baseline and candidate behaved differently</h2>';
  const diff = safetyReport ? behaviourDiff(safetyReport) : null;
  if (!diff) {
    const why = status.baseline === null ? 'there is no baseline (first deployment)' : 'the safety report holds no baseline outcomes';
    return `<section id="diff" data-shown="0">${title}<p class="muted">No side-by-side comparison: ${esc(why)}.</p></section>`;
  }
  const head = `<p>${diff.paired} items judged for both models: <strong>${diff.regressed}</strong> where the candidate fails and the baseline passed, <strong>${diff.improved}</strong> the other way round.${
    diff.regressed + diff.improved > diff.shown.length ? ` Showing ${diff.shown.length} (up to ${DIFF_LIMIT}: regressions first, one of each kind in turn).` : ''
  }</p>`;
  const unavailable = safetyReport?.answersUnavailable !== undefined ? `<p class="warning">Answers not shown: ${esc(safetyReport.answersUnavailable)}</p>` : '';
  if (diff.shown.length === 0) return `<section id="diff" data-shown="0">${title}${head}</section>`;
  const rows = diff.shown
    .map(
      (d) =>
        `<tr data-item="${esc(d.itemId)}" data-change="${d.change}"><td><code>${esc(d.itemId)}</code><div class="muted">${esc(d.category)}${d.mutator ? ` · ${esc(d.mutator)}` : ''}</div><div class="change change-${d.change}">${d.change}</div></td>` +
        `<td>${side(d.baseline)}</td><td>${side(d.candidate)}</td></tr>`,
    )
    .join('');
  return `<section id="diff" data-shown="${diff.shown.length}">${title}${head}${unavailable}<table id="diff-items"><thead><tr><th>item</th><th>baseline</th><th>candidate</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

// ---------------------------------------------------------------------------------------------

const CSS = `
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa;--pass:${VERDICT_COLOURS.pass};--fail:${VERDICT_COLOURS.fail};--inc:${VERDICT_COLOURS.inconclusive};--na:${VERDICT_COLOURS.not_applicable}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px}
header,section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 16px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:0 0 10px}h3{font-size:15px;margin:16px 0 6px}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:#f0f2f4;padding:1px 4px;border-radius:4px}
code.digest{word-break:break-all}
td code{white-space:nowrap}
.muted{color:var(--muted)}.small{font-size:12px}
.warning{color:#fff;background:var(--fail);font-weight:700;padding:6px 12px;border-radius:6px}
.outcome{display:inline-block;font-weight:700;font-size:16px;padding:4px 12px;border-radius:6px;margin:0 0 12px;color:#fff;background:var(--na)}
.outcome-deployed{background:var(--pass)}.outcome-blocked,.outcome-rejected,.outcome-rolled_back,.outcome-aborted,.outcome-expired,.outcome-failed{background:var(--fail)}.outcome-running{background:#0969da}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dt{color:var(--muted)}dd{margin:0;min-width:0}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--bg);font-weight:600;font-size:13px}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
ul.reasons{margin:0;padding-left:18px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:var(--na);white-space:nowrap}
.badge.verdict-pass{background:var(--pass)}.badge.verdict-fail{background:var(--fail)}.badge.verdict-inconclusive{background:var(--inc)}.badge.verdict-not_applicable{background:var(--na)}
tr.verdict-fail>th{border-left:4px solid var(--fail)}tr.verdict-fail{background:#fff5f5}tr.verdict-inconclusive{background:#fffbf0}tr.verdict-inconclusive>th{border-left:4px solid var(--inc)}tr.verdict-pass>th{border-left:4px solid var(--pass)}
h2 .badge{vertical-align:middle;margin-left:6px}
figure.chart{margin:12px 0;padding:8px;border:1px solid var(--line);border-radius:6px;overflow-x:auto}
figure.chart figcaption{font-size:13px;color:var(--muted);margin-bottom:6px}figure.chart figcaption strong{color:var(--fg)}
.svg svg{display:block;max-width:100%;height:auto}
.warning{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px}
.tier{font-weight:700;text-transform:uppercase}.tier-high,.tier-critical{color:var(--fail)}.tier-medium{color:var(--inc)}
tr.refused td{background:#fff5f5}
#diff-items td{width:40%}#diff-items td:first-child{width:20%}
.side .why{font-size:13px;margin-top:4px}.side.failed{border-left:3px solid var(--fail);padding-left:8px}.side.passed{border-left:3px solid var(--pass);padding-left:8px}
pre.answer{white-space:pre-wrap;word-break:break-word;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:6px;font-size:12px;max-height:220px;overflow:auto;margin:6px 0 0}
.change{font-size:12px;font-weight:600;margin-top:4px}.change-regressed{color:var(--fail)}.change-improved{color:var(--pass)}
details summary{cursor:pointer;font-weight:600;margin:6px 0}
footer{color:var(--muted);font-size:12px;text-align:center;padding:8px}
@media print{body{background:#fff}header,section{break-inside:avoid;border:none}}
`;

/**
 * One self-contained HTML page: header, verdict table, risk assessment and approval state, every
 * gate's evidence (charts for the gates that store a report, or a warning naming the field of one
 * that does not parse; a metrics table always), and the baseline-vs-candidate diff. `gateReports`:
 * each gate's parsed report (see `loadGateReports`).
 */
export async function renderHtmlReport(status: PipelineStatus, gateReports: GateReports): Promise<string> {
  const gates: string[] = [];
  for (const gate of status.gates) gates.push(await gateSection(gate, reportOf(gateReports, gate.gate)));
  const safetyReport = gateReports.safety;
  const title = `Gatehouse report: ${status.model.name} ${status.model.version} → ${status.environment} (${status.outcome})`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${header(status)}
${verdictTable(status)}
${approvalSection(status)}
${gates.join('\n')}
${status.gates.some((g) => g.gate === 'safety') ? diffSection(status, safetyReport === undefined || isUnreadable(safetyReport) ? undefined : safetyReport) : ''}
<footer>Generated by Gatehouse from run ${esc(status.workflowId)}. Approvers sign the report sha256 shown above, not this page.</footer>
</main>
</body>
</html>
`;
}
