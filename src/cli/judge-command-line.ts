/**
 * The `judge` command's line (its arguments and options), registered by main.ts at start-up; what it
 * runs (judge-commands.ts: the judges, the OpenAI adapter, the LLM judge) is loaded when it runs, so
 * every other command starts without it.
 */
import type { Command } from 'commander';
import { EXIT } from './exit-codes';
import type { JudgeCommandOptions } from './judge-commands';

export function registerJudgeCommand(program: Command): void {
  program
    .command('judge')
    .description('judge responses in a JSONL file ({id, prompt, response, category?} per line); "judge validate FILE --labels FIELD" measures the judge against labels')
    .argument('<file-or-validate>', 'FILE.jsonl, or "validate"')
    .argument('[file]', 'FILE.jsonl (after "validate")')
    .option('--judge <kind>', 'rules or llm (the policy\'s gates.safety.llmJudge)', 'rules')
    .option('--policy <file>', 'policy whose gates.safety section gives canary secrets, allowed contact details and the LLM judge')
    .option('--labels <field>', 'with "validate": the field holding the human labels')
    .option('--json', 'machine-readable output: one line per input, or the validation report')
    .action(async (first: string, second: string | undefined, opts: JudgeCommandOptions) => {
      const { runJudgeCommand } = await import('./judge-commands');
      const output = await runJudgeCommand(second === undefined ? [first] : [first, second], opts);
      process.stdout.write(output + '\n');
      process.exitCode = EXIT.ok;
    });
}
