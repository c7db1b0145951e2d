/** Writes a finished pipeline run's CI results: JUnit when asked, the job summary when GitHub asks. */
import { writeFileSync } from 'node:fs';
import type { PipelineStatus } from '../pipeline-types';
import { loadGateReports } from '../report/load';
import { reportOf } from '../report/gate-reports';
import { appendGithubSummary, renderGithubSummary } from './github-summary';
import { renderJunit } from './junit';

export async function writeRunCiResults(status: PipelineStatus, junitPath: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!junitPath && !env.GITHUB_STEP_SUMMARY) return;
  // A report that cannot be read here (another machine's result store) leaves its gate as one case.
  const reports = await loadGateReports(status, { answers: false });
  const evidence = status.gates.map((result) => ({ result, report: reportOf(reports, result.gate) }));
  const title = `gatehouse deploy ${status.model.name} ${status.model.version} → ${status.environment}: ${status.outcome}${status.blockedBy ? ` (blocked by ${status.blockedBy})` : ''}`;
  if (junitPath) writeFileSync(junitPath, renderJunit(title, evidence));
  appendGithubSummary(renderGithubSummary(title, null, evidence), env);
}
