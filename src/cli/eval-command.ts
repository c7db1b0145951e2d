/**
 * `gatehouse eval --policy P --endpoint URL …`: the policy's evaluation gates against any
 * OpenAI-compatible or KServe endpoint, with no Temporal, gateway or signatures (src/standalone-eval/).
 * Exit 0 every gate passed, 1 a gate failed or was inconclusive, 2 bad input, 3 infrastructure.
 * Informative only: the report, JSON, JUnit and job summary all say so first.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { ClientSettings } from '../config';
import { gateCases } from '../ci-results/gate-cases';
import { appendGithubSummary, renderGithubSummary } from '../ci-results/github-summary';
import { renderJunit } from '../ci-results/junit';
import { InputError } from '../errors';
import { progressReporter } from '../standalone-eval/progress';
import { EVALUATION_GATES, INFORMATIVE_NOTICE, type EvaluationGate } from '../standalone-eval/gates';
import { loadExampleSpec, serveSimulatedModel } from '../standalone-eval/simulated-endpoint';
import { CliExit, EXIT } from './exit-codes';

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

interface EvalFlags {
  policy: string;
  endpoint: string;
  baselineEndpoint?: string;
  endpointModel?: string;
  baselineModel?: string;
  gates?: string;
  json?: boolean;
  junit?: string;
  html?: string;
}

export function parseGateList(value: string | undefined): EvaluationGate[] | null {
  if (value === undefined) return null;
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(EVALUATION_GATES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) throw new InputError(`--gates ${value}: expected a comma-separated list of ${EVALUATION_GATES.join(', ')}`);
  return names as EvaluationGate[];
}

export function registerEvalCommand(program: Command, settings: () => ClientSettings): void {
  program
    .command('eval')
    .description("run the policy's evaluation gates against an endpoint, without deploying (informative only); exit 0 pass, 1 fail, 2 bad input, 3 infrastructure")
    .requiredOption('--policy <file>', 'policy file (YAML); its signatures are not needed')
    .requiredOption('--endpoint <url>', 'the model: an OpenAI-compatible base URL (chat) or a KServe V1 base URL (classifier)')
    .option('--baseline-endpoint <url>', 'the model to compare with (the one in production)')
    .option('--endpoint-model <name>', 'the `model` field to send the endpoint (servers such as Ollama or vLLM serve models by name)')
    .option('--baseline-model <name>', 'the `model` field to send the baseline endpoint')
    .option('--gates <list>', `which gates, comma-separated (default: every one the policy has): ${EVALUATION_GATES.join(',')}`)
    .option('--json', 'print the result as JSON')
    .option('--junit <file>', 'write JUnit XML: one testsuite per gate, one testcase per category or metric')
    .option('--html <file>', 'write the reviewer report (one self-contained HTML file)')
    .action(async (flags: EvalFlags) => {
      const { logLevel } = settings(); // also refuses an unknown GATEHOUSE_* variable
      const gates = parseGateList(flags.gates);
      // Loaded here, not at start-up: the gates' activities and the report renderer are half of what
      // every other command would load for nothing.
      const { runStandaloneEvaluation } = await import('../standalone-eval/run-gates');
      const { evaluationEvidence, evaluationJson, evaluationStatus, renderEvaluationHtml } = await import('../standalone-eval/report');
      const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-eval-'));
      const progress = progressReporter(process.stderr);
      if (!flags.json) err(INFORMATIVE_NOTICE);
      // Ctrl-C cancels the gates' activities (their evaluations stop between items), then exits.
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      let result;
      try {
        result = await runStandaloneEvaluation({
          signal: stop.signal,
          // Only asked-for logs: at the default level the activities' info lines would bury the progress.
          logLevel: process.env.GATEHOUSE_LOG_LEVEL !== undefined ? logLevel : 'silent',
          policyPath: flags.policy,
          endpoint: flags.endpoint,
          baselineEndpoint: flags.baselineEndpoint ?? null,
          candidateModel: flags.endpointModel ?? null,
          baselineModel: flags.baselineModel ?? null,
          gates,
          workDir,
          onProgress: (p) => progress.update(p),
        });
      } catch (error) {
        if (stop.signal.aborted) throw new CliExit(EXIT.infrastructure, 'cancelled (Ctrl-C): no verdict');
        throw error;
      } finally {
        process.off('SIGINT', onSignal);
        progress.finish();
      }
      const status = evaluationStatus(result);
      const evidence = await evaluationEvidence(status);
      const outputs = { html: flags.html ? resolve(flags.html) : null, junit: flags.junit ? resolve(flags.junit) : null };
      if (outputs.html) writeFileSync(outputs.html, await renderEvaluationHtml(status, result.passed));
      if (outputs.junit) writeFileSync(outputs.junit, renderJunit(`gatehouse eval ${result.policyName}`, evidence));
      appendGithubSummary(renderGithubSummary(`gatehouse eval: ${result.passed ? 'every gate passed' : 'a gate did not pass'} (${result.endpoint})`, INFORMATIVE_NOTICE, evidence));

      if (flags.json) out(JSON.stringify(evaluationJson(result, evidence, outputs), null, 2));
      else {
        for (const { result: gate, report } of evidence) {
          out(`${gate.gate}: ${gate.verdict}`);
          // What did not pass, one line each (every case's numbers: --json, --junit, --html).
          for (const c of gateCases({ result: gate, report }).filter((c) => c.reason !== null)) out(`  ${c.name}: ${c.verdict}: ${c.reason}`);
        }
        out(`${result.passed ? 'PASS' : 'FAIL'} (informative only; raw answers in ${result.workDir})`);
        if (outputs.html) out(`report: ${outputs.html}`);
        if (outputs.junit) out(`junit:  ${outputs.junit}`);
      }
      process.exitCode = result.passed ? EXIT.ok : EXIT.refused;
    });
}

/** `gatehouse serve-simulated MODEL`: a bundled simulated model on its own port, to try `eval` against. */
export function registerServeSimulatedCommand(program: Command): void {
  program
    .command('serve-simulated')
    .argument('<model>', 'an example model folder (examples/models/NAME) or its model.json')
    .option('--port <port>', 'port to listen on (127.0.0.1)', '8099')
    .description('serve a bundled SIMULATED example model (OpenAI chat, or KServe V1 for a classifier) to try `gatehouse eval` against; Ctrl-C stops it')
    .action(async (model: string, opts: { port: string }) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) throw new InputError(`--port ${opts.port}: expected a port number`);
      const endpoint = await serveSimulatedModel(loadExampleSpec(model), { port });
      err(`serving the SIMULATED model ${endpoint.model} at ${endpoint.url} (Ctrl-C stops it)`);
      await new Promise<void>((resolveStop) => {
        process.once('SIGINT', () => resolveStop());
        process.once('SIGTERM', () => resolveStop());
      });
      await endpoint.close();
    });
}
