/** The reviewer report as Markdown: a pure function of the run's status. */
import type { PipelineStatus } from '../pipeline-types';

export function renderMarkdownReport(status: PipelineStatus): string {
  const lines = [
    `# Gatehouse report: ${status.model.name} ${status.model.version} → ${status.environment}`,
    '',
    `- Run: \`${status.workflowId}\``,
    `- Requested by: ${status.requestedBy}`,
    `- Outcome: **${status.outcome}**${status.blockedBy ? ` (blocked by ${status.blockedBy})` : ''}`,
    `- Policy sha256: ${status.policyDigest ?? 'not verified'}`,
    `- Artifact root sha256: ${status.artifactRootDigest ?? 'not computed'}`,
    ...status.warnings.map((w) => `- **⚠ ${w}**`),
    '',
    '| gate | verdict | reasons |',
    '|---|---|---|',
    ...status.gates.map((g) => `| ${g.gate} | ${g.verdict} | ${g.reasons.join('<br>').replace(/\|/g, '\\|')} |`),
    '',
  ];
  return lines.join('\n');
}
