/**
 * What `gatehouse eval` shows: the pipeline's own reviewer report (HTML) and CI results, over a
 * status that says it is an evaluation, with the informative notice at the top of every output.
 */
import { userInfo } from 'node:os';
import { gateCases, type GateEvidence } from '../ci-results/gate-cases';
import type { PipelineStatus } from '../pipeline-types';
import { renderHtmlReport } from '../report/html';
import { loadGateReports } from '../report/load';
import { reportOf } from '../report/gate-reports';
import { INFORMATIVE_NOTICE, type StandaloneEvalResult } from './run-gates';

/** The run as the report renderers take it: never `deployed`; blocked by the first gate that did not pass. */
export function evaluationStatus(result: StandaloneEvalResult): PipelineStatus {
  const blocking = result.gates.find((g) => g.verdict !== 'pass' && g.verdict !== 'not_applicable');
  return {
    workflowId: result.evalId,
    model: { name: result.endpoint, version: 'eval', kind: result.modelKind },
    environment: `informative evaluation against ${result.policyName}`,
    requestedBy: userInfo().username,
    outcome: blocking ? 'blocked' : 'running',
    stage: 'evaluation',
    blockedBy: blocking?.gate ?? null,
    gates: result.gates,
    approvals: [],
    approval: null,
    canary: null,
    policyDigest: null,
    artifactRootDigest: null,
    baseline: null,
    reportPath: null,
    reportDigest: null,
    warnings: [INFORMATIVE_NOTICE, ...(result.baselineEndpoint ? [`Baseline: ${result.baselineEndpoint}`] : ['No baseline endpoint: judged as a first deployment (absolute bounds only).'])],
  };
}

export async function evaluationEvidence(status: PipelineStatus): Promise<GateEvidence[]> {
  const reports = await loadGateReports(status, { answers: false });
  return status.gates.map((result) => ({ result, report: reportOf(reports, result.gate) }));
}

export async function renderEvaluationHtml(status: PipelineStatus, passed: boolean): Promise<string> {
  const page = await renderHtmlReport(status, await loadGateReports(status));
  // The headline of an evaluation that passed says so, not "running".
  return passed ? page.replace(/(<p id="outcome"[^>]*>)[^<]*(<\/p>)/, '$1Informative evaluation: every gate passed (nothing was deployed)$2') : page;
}

/** The `--json` document: every gate's verdict and per-case numbers, flagged informative. */
export function evaluationJson(result: StandaloneEvalResult, evidence: GateEvidence[], outputs: { html: string | null; junit: string | null }) {
  return {
    informativeOnly: true,
    notice: INFORMATIVE_NOTICE,
    evalId: result.evalId,
    policy: result.policyPath,
    endpoint: result.endpoint,
    baselineEndpoint: result.baselineEndpoint,
    modelKind: result.modelKind,
    passed: result.passed,
    gates: evidence.map(({ result: gate, report }) => ({ ...gate, cases: gateCases({ result: gate, report }) })),
    workDir: result.workDir,
    ...outputs,
  };
}
