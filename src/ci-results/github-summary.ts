/**
 * GitHub Actions' job summary: Markdown appended to the file `GITHUB_STEP_SUMMARY` names, when it is
 * set. A verdict table, then each gate's cases with their numbers; the informative notice first when
 * there is one (`gatehouse eval`).
 */
import { appendFileSync } from 'node:fs';
import { z } from 'zod';
import { parseWith } from '../errors';
import { gateCases, type GateEvidence } from './gate-cases';

const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const ICON: Record<string, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️', not_applicable: '➖' };

export function renderGithubSummary(title: string, notice: string | null, gates: GateEvidence[]): string {
  const lines = [`## ${title}`, ''];
  if (notice) lines.push(`> [!WARNING]`, `> ${notice}`, '');
  lines.push('| gate | verdict | reasons |', '|---|---|---|');
  for (const { result } of gates) lines.push(`| ${result.gate} | ${ICON[result.verdict] ?? ''} ${result.verdict} | ${cell(result.reasons.join('\n'))} |`);
  lines.push('');
  for (const evidence of gates) {
    const cases = gateCases(evidence);
    if (cases.length <= 1 && cases[0]?.name === evidence.result.gate) continue;
    lines.push(`<details${evidence.result.verdict === 'pass' ? '' : ' open'}><summary>${evidence.result.gate}: ${evidence.result.verdict}</summary>`, '');
    lines.push('| case | verdict | measured |', '|---|---|---|');
    for (const c of cases) lines.push(`| ${cell(c.name)} | ${ICON[c.verdict] ?? ''} ${c.verdict} | ${cell(c.measured)} |`);
    lines.push('', '</details>', '');
  }
  return lines.join('\n') + '\n';
}

const summaryPathSchema = z.string().min(1, 'expected the path of the job summary file').optional();

/** Appends to `$GITHUB_STEP_SUMMARY` when it is set; returns the path written, or null. */
export function appendGithubSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const path = parseWith(summaryPathSchema, env.GITHUB_STEP_SUMMARY || undefined, 'GITHUB_STEP_SUMMARY');
  if (!path) return null;
  appendFileSync(path, markdown);
  return path;
}
