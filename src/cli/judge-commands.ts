/**
 * `gatehouse judge FILE.jsonl [--judge rules|llm] [--policy P] [--json]` and
 * `gatehouse judge validate FILE.jsonl --labels FIELD [--judge …] [--policy P] [--json]` (DESIGN §4.5):
 * how a team checks a judge on its own data before trusting a gate.
 *
 * Input lines: `{"id", "prompt", "response", "category"?}` (other fields are kept for `--labels`).
 * `judge` writes one line per input, in input order: `{"id", "verdict": "refusal"|"compliance"|"partial",
 * "harmful": true|false|null, "reason"}`; without `--json`, a table and a summary. `harmful` answers
 * the gate's question for a request the model should refuse: did the response give what was asked
 * (compliance or partial), or leak personal data or a canary? A line whose `category` is `benign`
 * (a request the model should answer) is harmful only through a leak. `null`: the judge could not tell
 * (an LLM judge whose answer could not be read).
 *
 * `validate` measures the judge against the labels in FIELD: agreement, precision and recall per class
 * with Wilson intervals (src/stats), the confusion matrix and the worst disagreements. Labels are
 * either verdicts (`refusal`, `compliance`, `partial`; also `full_refusal`, `full_compliance`,
 * `partial_refusal`, `refused`, `complied`) or harmfulness (`true`/`false`, `harmful`/`safe`,
 * `unsafe`), the kind read from the first line. When no label is `partial`, the judge's `partial`
 * counts as `compliance` (it gave content), and the summary says so.
 *
 * `--judge llm` asks the LLM judge of the policy's safety section (`--policy`, `gates.safety.llmJudge`);
 * the policy also gives the canary secrets and allowed contact details of the PII check.
 * Exit codes: 0 done; 2 bad input (a malformed line names its line number and field; nothing is judged).
 */
import { z } from 'zod';
import { InputError, parseWith } from '../errors';
import { createOpenAiChatAdapter } from '../eval/adapters/openai-chat';
import { parseJsonl } from '../eval/datasets/jsonl';
import type { SafetyItem } from '../eval/datasets/items';
import { judgedLineSchema, judgeLineWithRules, labelSchema, validateVerdicts, type JudgedLine, type LineVerdict, type RuleJudgeSettings, type ValidationResult } from '../eval/judges/labelled';
import { createLlmJudge, type LlmJudge } from '../eval/safety/llm-judge';
import { safetyPolicySchema, type SafetyPolicy } from '../policy/sections/safety';
import { readFile } from 'node:fs/promises';
import { readYamlOrJson } from '../yaml-file';

export interface JudgeSettings extends RuleJudgeSettings {
  kind: 'rules' | 'llm';
  llm: LlmJudge | null;
}

async function judgeLine(line: JudgedLine, settings: JudgeSettings): Promise<LineVerdict> {
  const rules = judgeLineWithRules(line, settings);
  if (settings.kind === 'rules' || settings.llm === null) return rules;
  const item: SafetyItem = { id: line.id, input: line.prompt, category: 'harmful_content', expected: line.category === 'benign' ? 'comply' : 'refuse' };
  const llm = await settings.llm.judge(item, line.response);
  if (llm.verdict === 'unparseable') return { ...rules, harmful: null, reason: `LLM judge unreadable (${llm.error}); rules: ${rules.reason}` };
  // The LLM judge rates the response against the rubric: "unsafe" is harmful; the verdict wording stays the rules'.
  return { ...rules, harmful: llm.verdict === 'unsafe', reason: `LLM judge: ${llm.verdict} (${llm.reason}); rules: ${rules.reason}` };
}

export async function judgeLines(lines: readonly JudgedLine[], settings: JudgeSettings): Promise<LineVerdict[]> {
  const out: LineVerdict[] = [];
  for (const line of lines) out.push(await judgeLine(line, settings));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const f3 = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));
const interval = (w: { estimate: number | null; lower: number; upper: number }) => `${f3(w.estimate)} [${f3(w.lower)}, ${f3(w.upper)}]`;

export function formatVerdictTable(verdicts: readonly LineVerdict[]): string {
  const idWidth = Math.min(30, Math.max(2, ...verdicts.map((v) => v.id.length)));
  const rows = verdicts.map((v) => `${v.id.slice(0, 30).padEnd(idWidth)}  ${v.verdict.padEnd(10)}  ${String(v.harmful).padEnd(7)}  ${v.reason}`);
  const count = (pred: (v: LineVerdict) => boolean) => verdicts.filter(pred).length;
  const summary =
    `${verdicts.length} responses: ${count((v) => v.verdict === 'refusal')} refusal, ${count((v) => v.verdict === 'compliance')} compliance, ` +
    `${count((v) => v.verdict === 'partial')} partial; harmful ${count((v) => v.harmful === true)}, not harmful ${count((v) => v.harmful === false)}` +
    `${count((v) => v.harmful === null) > 0 ? `, undecided ${count((v) => v.harmful === null)}` : ''}`;
  return [`${'id'.padEnd(idWidth)}  ${'verdict'.padEnd(10)}  harmful  reason`, ...rows, '', summary].join('\n');
}

export function formatValidation(result: ValidationResult, judge: string, maxDisagreements = 10): string {
  const { report } = result;
  const classWidth = Math.max(...report.classes.map((c) => c.label.length), 'label'.length);
  const lines = [
    `judge ${judge} against labels "${result.labels}" (${result.kind === 'verdict' ? 'verdicts' : 'harmfulness'}): ${report.n} lines`,
    `agreement ${interval(report.agreement)} (${report.agreement.successes}/${report.n}, Wilson ${Math.round(report.agreement.confidence * 100)}%)`,
    ...(result.foldedPartial ? ['(no label is "partial": the judge\'s partial verdicts count as compliance)'] : []),
    ...(result.unjudged.length > 0 ? [`${result.unjudged.length} line(s) the judge could not decide, left out: ${result.unjudged.slice(0, 5).join(', ')}`] : []),
    '',
    `${'class'.padEnd(classWidth)}  support  precision               recall`,
    ...report.classes.map((c) => `${c.label.padEnd(classWidth)}  ${String(c.support).padStart(7)}  ${interval(c.precision).padEnd(22)}  ${interval(c.recall)}`),
    '',
    `confusion (rows: label, columns: judge)`,
    `${''.padEnd(classWidth)}  ${report.classes.map((c) => c.label.padStart(classWidth)).join('  ')}`,
    ...report.classes.map((row) => `${row.label.padEnd(classWidth)}  ${report.classes.map((col) => String(report.confusion[row.label]![col.label]).padStart(classWidth)).join('  ')}`),
  ];
  if (report.disagreements.length > 0) {
    lines.push('', `worst disagreements (${Math.min(maxDisagreements, report.disagreements.length)} of ${report.disagreements.length}):`);
    for (const d of report.disagreements.slice(0, maxDisagreements)) lines.push(`  ${d.id}: labelled ${d.label}, judged ${d.judged}: ${d.reason}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The command

function loadSafetySection(policyPath: string): SafetyPolicy {
  const policy = readYamlOrJson(policyPath, 'policy');
  const section = parseWith(z.looseObject({ gates: z.looseObject({ safety: z.unknown() }) }), policy, policyPath).gates.safety;
  if (section === undefined) throw new InputError('gates.safety: expected a safety section (the judge settings are read from it)', policyPath);
  return parseWith(safetyPolicySchema, section, `${policyPath} (gates.safety)`);
}

export interface JudgeCommandOptions {
  judge?: string;
  policy?: string;
  labels?: string;
  json?: boolean;
}

/** Runs `judge` or `judge validate`; returns stdout text; InputError on bad input. */
export async function runJudgeCommand(args: readonly string[], options: JudgeCommandOptions): Promise<string> {
  const validate = args[0] === 'validate';
  const files = validate ? args.slice(1) : args;
  if (files.length !== 1) throw new InputError(`expected exactly one FILE.jsonl${validate ? ' after "validate"' : ''}, got ${files.length}`);
  const file = files[0]!;
  if (validate && (options.labels === undefined || options.labels.trim() === '')) throw new InputError('--labels: expected the name of the field holding the human labels');
  if (!validate && options.labels !== undefined) throw new InputError('--labels: only for "gatehouse judge validate FILE.jsonl --labels FIELD"');
  const kind = options.judge ?? 'rules';
  if (kind !== 'rules' && kind !== 'llm') throw new InputError(`--judge: expected rules or llm, got ${JSON.stringify(kind)}`);
  const safety = options.policy !== undefined ? loadSafetySection(options.policy) : null;
  if (kind === 'llm' && !safety?.llmJudge) throw new InputError('--judge llm: expected --policy P whose gates.safety.llmJudge names the judge endpoint');

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, file);
  }
  const schema = validate ? judgedLineSchema.and(labelSchema(options.labels!)) : judgedLineSchema;
  const lines = parseJsonl(text, schema, file).items as JudgedLine[];

  const adapter = kind === 'llm' && safety?.llmJudge ? createOpenAiChatAdapter({ baseUrl: safety.llmJudge.baseUrl, model: safety.llmJudge.model, timeoutMs: safety.llmJudge.timeoutSeconds * 1000 }) : null;
  try {
    const settings: JudgeSettings = {
      kind,
      canarySecrets: safety?.canarySecrets ?? [],
      allowedPii: safety?.allowedPii ?? [],
      llm: adapter ? createLlmJudge({ chat: (messages) => adapter.chat({ messages }), format: safety!.llmJudge!.format }) : null,
    };
    const verdicts = await judgeLines(lines, settings);
    if (!validate) return options.json ? verdicts.map((v) => JSON.stringify(v)).join('\n') : formatVerdictTable(verdicts);
    const result = validateVerdicts(lines, verdicts, options.labels!, file);
    return options.json ? JSON.stringify({ judge: kind, ...result }, null, 2) : formatValidation(result, kind);
  } finally {
    await adapter?.close();
  }
}
