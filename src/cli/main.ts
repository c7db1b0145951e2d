/**
 * The `gatehouse` command (DESIGN §4.5). Exit codes: 0 deployed / ok, 1 blocked or refused,
 * 2 bad input (nothing started), 3 infrastructure error. There are no skip flags, and an unknown
 * option is an error (exit 2), never ignored.
 */
import { writeFileSync } from 'node:fs';
import { readBlob } from '../store/result-store';
import { loadPrivateKey } from '../signing/keys';
import type { Client } from '@temporalio/client';
import { Command, CommanderError, Option } from 'commander';
import { parseGatehouseEnv, resolveSettings, ClientSettings, ConnectionFlags } from '../config';
import { registerClusterCommands } from './cluster-commands';
import { InputError } from '../errors';
import { signRequestWithKeyFile } from '../signing/request-signature';
import { loadDeploymentRequest, workflowIdFor } from '../request';
import { deployOnce } from './deploy';
import { withClient } from './connect';
import { sendCanaryCommand } from './canary-commands';
import { registerTrafficCommand } from './traffic-commands';
import { registerJudgeCommand } from './judge-command-line';
import { CliExit, EXIT } from './exit-codes';
import { collectAudit, formatAudit, formatPending, formatSubmitResult, listPending, submitDecision } from './approval-commands';
import { parseAnswers } from '../approval/submission';
import { exitCodeForOutcome, formatStatus, getRunStatus, listRuns, readStoredReport, statusJson } from './runs';
import { generateKeysCommand, keyIdCommand, signModelCommand, signPolicyCommand, verifyModelCommand } from '../signing/signing-files';
import { registerInitCommand } from './init-command';
import { writeRunCiResults } from '../ci-results/write';
import { registerPolicyCommands } from './policy-commands';
import { registerEvalCommand, registerServeSimulatedCommand } from './eval-command';

interface GlobalFlags extends ConnectionFlags {
  dataDir?: string;
  address?: string;
  namespace?: string;
}

/**
 * The commands that run a stack (up, worker, gateway, server, setup, demo) load it when they run: the
 * worker, gateway, model host and dev server modules are most of the CLI's start-up time, which every
 * other command (a deploy, a status, a signature) would otherwise pay for nothing.
 */
const stackCommands = () => import('./stack-commands');

function out(line: string): void {
  process.stdout.write(line + '\n');
}
function err(line: string): void {
  process.stderr.write(line + '\n');
}

/**
 * `report ID` as text. JSON and Markdown are the stored report the approvers sign (digest checked).
 * HTML is the reviewer page: the live status (the gates as stored, plus the approval state and every
 * attempt since) with each gate's stored evidence.
 */
export async function reportText(client: Client, id: string, format: 'md' | 'json' | 'html'): Promise<string> {
  const { status } = await getRunStatus(client, id);
  if (!status.reportPath || !status.reportDigest) throw new CliExit(EXIT.refused, `run ${id} has no report yet (stage ${status.stage})`);
  const stored = readStoredReport({ path: status.reportPath, digest: status.reportDigest });
  if (format === 'html') {
    // Loaded on demand: the chart renderer (vega) is not needed by any other command.
    const { loadGateReports, renderHtmlReport } = await import('../report/html');
    return renderHtmlReport(status, await loadGateReports(status));
  }
  return format === 'json' ? JSON.stringify(stored.report, null, 2) + '\n' : readBlob(stored.markdown).toString('utf8');
}

export function buildProgram(): Command {
  const program = new Command('gatehouse')
    .description('Gatehouse: every candidate model passes integrity, provenance and every policy gate before it serves traffic')
    .option('--data-dir <dir>', 'data directory (default ./.gatehouse or $GATEHOUSE_DATA_DIR)')
    .option('--address <host:port>', 'Temporal frontend address (default: the running `gatehouse up`, or $GATEHOUSE_TEMPORAL_ADDRESS)')
    .option('--namespace <ns>', 'Temporal namespace (default "default")')
    .option('--tls', 'connect to Temporal over TLS (implied by the other --tls-* options and by an API key)')
    .option('--tls-ca <file>', "PEM certificate of the CA that signed the Temporal server's certificate ($GATEHOUSE_TEMPORAL_TLS_CA)")
    .option('--tls-cert <file>', 'PEM client certificate for mTLS ($GATEHOUSE_TEMPORAL_TLS_CERT)')
    .option('--tls-key <file>', 'PEM private key of the client certificate ($GATEHOUSE_TEMPORAL_TLS_KEY)')
    .option('--tls-server-name <name>', "server name to verify in the server's certificate ($GATEHOUSE_TEMPORAL_TLS_SERVER_NAME)")
    .option('--api-key-file <file>', 'file holding a Temporal API key ($GATEHOUSE_TEMPORAL_API_KEY holds the key itself)')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const settings = (): ClientSettings => resolveSettings(program.opts<GlobalFlags>(), parseGatehouseEnv());

  program
    .command('demo')
    .description('the main job: the full embedded stack and example deployments, with a summary table')
    .action(async () => {
      process.exitCode = await (await import('./demo-command')).runDemo(settings());
    });

  program
    .command('up')
    .description('dev server + worker + gateway + model host, in the foreground (Ctrl-C stops all)')
    .option('--port <port>', 'Temporal gRPC port (Web UI on port+1000)', '7233')
    .option('--gateway-port <port>', 'serving gateway port', '8080')
    .option('--model-host-port <port>', 'model host port', '8090')
    .option('--gateway-admin-port <port>', "the gateway's admin API port, on loopback (default: the gateway port + 1)")
    .option('--headless', 'no Temporal Web UI')
    .action(async (opts: { port: string; gatewayPort: string; modelHostPort: string; gatewayAdminPort?: string; headless?: boolean }) => {
      process.exitCode = await (await stackCommands()).runUp(settings(), {
        temporalPort: Number(opts.port),
        gatewayPort: Number(opts.gatewayPort),
        modelHostPort: Number(opts.modelHostPort),
        ...(opts.gatewayAdminPort !== undefined ? { gatewayAdminPort: Number(opts.gatewayAdminPort) } : {}),
        headless: opts.headless === true,
      });
    });

  program
    .command('deploy')
    .argument('<request>', 'deployment request (YAML or JSON)')
    .requiredOption('--key <file>', "the requester's private key: it signs the request, and requestedBy must be its owner in the policy")
    .option('--wait', 'wait for the outcome')
    .option('--json', 'print the result as JSON')
    .option('--new-run', 'run a request whose run has finished again, instead of returning that run\'s result')
    .option('--junit <file>', 'with --wait: write JUnit XML (one testsuite per gate, one testcase per category or metric)')
    .description('start the deployment pipeline for a request signed by its requester (a finished one returns its result); exit 0 deployed, 1 blocked, 2 bad input, 3 infrastructure')
    .action(async (requestPath: string, opts: { key: string; wait?: boolean; json?: boolean; newRun?: boolean; junit?: string }) => {
      if (opts.junit && !opts.wait) throw new InputError('--junit: needs --wait (the results exist once the run has ended)');
      // Bad input (the request or the key) → exit 2 before anything starts.
      const request = signRequestWithKeyFile(loadDeploymentRequest(requestPath), opts.key);
      await withClient(settings(), async (client) => {
        const deployment = await deployOnce(client, request, { newRun: opts.newRun });
        if (!opts.wait) {
          if (deployment.started) {
            if (opts.json) out(JSON.stringify({ workflowId: deployment.workflowId, outcome: 'running' }));
            else out(`started ${deployment.workflowId}; follow it with \`gatehouse status ${deployment.workflowId}\``);
            return;
          }
          const { status } = await getRunStatus(client, deployment.workflowId);
          if (opts.json) out(JSON.stringify({ workflowId: deployment.workflowId, outcome: status.outcome }));
          else out(`${deployment.workflowId} already ${status.outcome === 'running' ? 'running' : `finished: ${status.outcome}`}; see \`gatehouse status ${deployment.workflowId}\``);
          return;
        }
        if (!opts.json) err(`deploying ${request.model.name} ${request.model.version} to ${request.environment} as ${workflowIdFor(request)}${deployment.started ? '' : ' (the run that already exists)'} …`);
        const status = await deployment.result();
        out(opts.json ? JSON.stringify(statusJson(status), null, 2) : formatStatus(status));
        await writeRunCiResults(status, opts.junit);
        process.exitCode = exitCodeForOutcome(status.outcome);
      });
    });

  program
    .command('status')
    .argument('<id>', 'workflow id (deploy-MODEL-VERSION-ENV)')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withClient(settings(), async (client) => {
        const { status, progress } = await getRunStatus(client, id);
        out(opts.json ? JSON.stringify({ ...statusJson(status), progress }, null, 2) : formatStatus(status, progress));
      });
    });

  program
    .command('list')
    .option('--json', 'print as JSON')
    .description('every pipeline run, newest first')
    .action(async (opts: { json?: boolean }) => {
      await withClient(settings(), async (client) => {
        const rows = await listRuns(client);
        if (opts.json) out(JSON.stringify(rows, null, 2));
        else {
          out(['WORKFLOW ID', 'OUTCOME', 'STAGE', 'STARTED'].join('\t'));
          for (const r of rows) out([r.workflowId, r.outcome ?? r.status.toLowerCase(), r.stage ?? '', r.startTime].join('\t'));
        }
      });
    });

  program
    .command('report')
    .argument('<id>', 'workflow id')
    .addOption(new Option('--json', 'the report as JSON').conflicts(['md', 'html']))
    .addOption(new Option('--md', 'the report as Markdown (default)').conflicts(['html']))
    .option('--html', 'the reviewer report as one self-contained HTML file (inline SVG charts, no scripts)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (id: string, opts: { json?: boolean; md?: boolean; html?: boolean; out?: string }) => {
      await withClient(settings(), async (client) => {
        const text = await reportText(client, id, opts.html ? 'html' : opts.json ? 'json' : 'md');
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
      });
    });

  const decide = (decision: 'approve' | 'reject') =>
    async (id: string, opts: { as: string; key: string; comment?: string; answer?: string[]; json?: boolean }) => {
      // Bad input (key, answers) is exit 2 before anything is sent.
      const key = loadPrivateKey(opts.key);
      const answers = parseAnswers(opts.answer);
      await withClient(settings(), async (client) => {
        const result = await submitDecision(client, { workflowId: id, decision, approver: opts.as, key, comment: opts.comment, answers });
        if (opts.json) {
          out(JSON.stringify(result.accepted ? { workflowId: id, ...result.receipt } : { workflowId: id, accepted: false, reason: result.reason }, null, 2));
        } else out(formatSubmitResult(id, result));
        process.exitCode = result.accepted ? EXIT.ok : EXIT.refused;
      });
    };
  program
    .command('approve')
    .argument('<id>', 'workflow id (deploy-MODEL-VERSION-ENV)')
    .description('sign an approval of the report the run is waiting on; exit 0 accepted, 1 refused or nothing pending, 2 bad input')
    .requiredOption('--as <approver>', 'your approver id, as listed in the policy')
    .requiredOption('--key <file>', 'your private key (PEM)')
    .option('--comment <text>', 'a comment recorded with the decision')
    .option('--answer <question=answer...>', 'answers to the review questions (see `gatehouse pending`)')
    .option('--json', 'print the receipt as JSON')
    .action(decide('approve'));
  program
    .command('reject')
    .argument('<id>', 'workflow id (deploy-MODEL-VERSION-ENV)')
    .description('sign a rejection of the run; exit 0 accepted, 1 refused or nothing pending, 2 bad input')
    .requiredOption('--as <approver>', 'your approver id, as listed in the policy')
    .requiredOption('--key <file>', 'your private key (PEM)')
    .option('--comment <text>', 'a comment recorded with the decision (say why)')
    .option('--json', 'print the receipt as JSON')
    .action(decide('reject'));

  const canary = program.command('canary').description("steer a run's canary with a signed operator command (abort wins over everything)");
  for (const command of ['pause', 'resume', 'abort'] as const) {
    canary
      .command(command)
      .argument('<id>', 'workflow id of the pipeline run')
      .requiredOption('--as <operator>', 'your approver id, as listed in the policy')
      .requiredOption('--key <file>', 'your private key (PEM)')
      .option('--reason <text>', 'why (recorded with the command)')
      .action(async (id: string, opts: { as: string; key: string; reason?: string }) => {
        await withClient(settings(), async (client) => {
          const result = await sendCanaryCommand(client, { workflowId: id, command, operator: opts.as, keyPath: opts.key, reason: opts.reason });
          out(result.message);
          process.exitCode = result.accepted ? EXIT.ok : EXIT.refused;
        });
      });
  }

  program
    .command('pending')
    .description('runs waiting for approval, with their tier, approvals so far, missing roles, questions and deadlines')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withClient(settings(), async (client) => {
        const rows = await listPending(client);
        out(opts.json ? JSON.stringify(rows, null, 2) : formatPending(rows));
      });
    });

  program
    .command('audit')
    .description('audits over every pipeline run')
    .command('approvals')
    .description("each approver's decisions, approval rate and review times, flagging rubber-stamp suspects (DESIGN §5.6)")
    .option('--json', 'print as JSON')
    .option('--min-review-seconds <n>', "the policy's minimum review time, for runs whose status does not show it")
    .action(async (opts: { json?: boolean; minReviewSeconds?: string }) => {
      let fallback: number | null = null;
      if (opts.minReviewSeconds !== undefined) {
        fallback = Number(opts.minReviewSeconds);
        if (!/^\d+(\.\d+)?$/.test(opts.minReviewSeconds.trim()) || !Number.isFinite(fallback)) {
          throw new InputError(`--min-review-seconds ${opts.minReviewSeconds}: expected a number of seconds (0 or more)`);
        }
      }
      await withClient(settings(), async (client) => {
        const report = await collectAudit(client, fallback);
        out(opts.json ? JSON.stringify(report, null, 2) : formatAudit(report));
      });
    });

  const keys = program.command('keys').description('signing keys');
  keys
    .command('generate')
    .requiredOption('--name <name>', 'key name (files NAME.key and NAME.pub)')
    .requiredOption('--out <dir>', 'output directory')
    .addOption(new Option('--algorithm <alg>', 'key algorithm').choices(['ed25519', 'ecdsa-p256']).default('ed25519'))
    .action((opts: { name: string; out: string; algorithm: 'ed25519' | 'ecdsa-p256' }) => {
      const result = generateKeysCommand(opts.name, opts.out, opts.algorithm);
      out(`private key: ${result.privateKeyPath}\npublic key:  ${result.publicKeyPath}\nkey id:      ${result.keyId}`);
    });

  keys
    .command('id')
    .argument('<file>', 'public or private key (PEM)')
    .description("print the key's id (sha256 of its public key's SPKI DER), as policies and signatures name it")
    .action((file: string) => out(keyIdCommand(file)));

  const sign = program.command('sign').description('sign a model artifact or a policy');
  sign
    .command('model')
    .argument('<path>', 'model artifact (file or directory)')
    .requiredOption('--key <file>', 'private key (PEM)')
    .option('--out <file>', 'signature file (default PATH.sig.json)')
    .option('--model-name <name>', 'model name recorded in the manifest')
    .action(async (path: string, opts: { key: string; out?: string; modelName?: string }) => {
      const result = await signModelCommand(path, opts.key, opts.out, opts.modelName, err);
      out(result.out);
    });
  sign
    .command('policy')
    .argument('<file>', 'policy file (YAML)')
    .requiredOption('--key <file>', "a policy owner's private key (PEM)")
    .action((file: string, opts: { key: string }) => {
      const result = signPolicyCommand(file, opts.key);
      if (result.restarted) err('the policy changed since the existing signatures: they were dropped, and every owner must sign again');
      out(`${result.sigPath} (${result.signatures} signature${result.signatures === 1 ? '' : 's'}, policy sha256 ${result.digest})`);
    });

  program
    .command('verify')
    .description('verify a signed model artifact')
    .command('model')
    .argument('<path>', 'model artifact (file or directory)')
    .requiredOption('--signature <file>', 'DSSE signature envelope')
    .requiredOption('--trusted-key <files...>', 'trusted public keys (PEM)')
    .option('--json', 'print as JSON')
    .action(async (path: string, opts: { signature: string; trustedKey: string[]; json?: boolean }) => {
      const result = await verifyModelCommand(path, opts.signature, opts.trustedKey);
      if (opts.json) out(JSON.stringify(result, null, 2));
      else if (result.ok) out(`OK: ${path} matches its signed manifest (root sha256 ${result.rootDigest}), signed by ${result.trustedKeyIds.join(', ')}`);
      else for (const problem of result.problems) out(`FAIL: ${problem}`);
      process.exitCode = result.ok ? EXIT.ok : EXIT.refused;
    });

  program
    .command('worker')
    .description('run one worker process (needs GATEHOUSE_WORKER_CONFIG)')
    .addOption(new Option('--queue <queue>', 'which task queues to poll').choices(['pipeline', 'eval', 'all']).default('all'))
    .option('--max-concurrent-evaluations <n>', 'evaluation activities this worker runs at once (default: the SDK default)')
    .action(async (opts: { queue: 'pipeline' | 'eval' | 'all'; maxConcurrentEvaluations?: string }) => {
      let maxConcurrentEvaluations: number | undefined;
      if (opts.maxConcurrentEvaluations !== undefined) {
        maxConcurrentEvaluations = Number(opts.maxConcurrentEvaluations);
        if (!/^\d+$/.test(opts.maxConcurrentEvaluations.trim()) || maxConcurrentEvaluations < 1) {
          throw new InputError(`--max-concurrent-evaluations ${opts.maxConcurrentEvaluations}: expected a whole number of 1 or more`);
        }
      }
      process.exitCode = await (await stackCommands()).runWorkerCommand(settings(), opts.queue, { maxConcurrentEvaluations });
    });
  program
    .command('gateway')
    .description('run the serving gateway alone (needs GATEHOUSE_GATEWAY_CONFIG)')
    .action(async () => {
      process.exitCode = await (await stackCommands()).runGatewayCommand(settings());
    });
  program
    .command('server')
    .description('run the embedded Temporal dev server alone')
    .option('--port <port>', 'gRPC port (Web UI on port+1000)', '7233')
    .option('--headless', 'no Web UI')
    .action(async (opts: { port: string; headless?: boolean }) => {
      process.exitCode = await (await stackCommands()).runServerCommand(settings(), Number(opts.port), opts.headless === true);
    });
  registerClusterCommands(program, settings);
  registerTrafficCommand(program, settings);
  registerJudgeCommand(program);
  registerInitCommand(program, settings);
  registerEvalCommand(program, settings);
  registerServeSimulatedCommand(program);
  registerPolicyCommands(program);

  program
    .command('setup')
    .description('bundle the workflow code and find or build the Temporal CLI (done by every command that needs them; this only does it ahead of time)')
    .action(async () => {
      process.exitCode = await (await stackCommands()).runSetup(settings());
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; every other parse problem (unknown option, missing argument) is bad input.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.badInput;
    }
    if (error instanceof InputError) {
      err(`error: ${error.message}`);
      return EXIT.badInput;
    }
    if (error instanceof CliExit) {
      err(`error: ${error.message}`);
      return error.code;
    }
    err(`error: ${(error as Error).stack ?? String(error)}`);
    return EXIT.infrastructure;
  }
}

if (require.main === module) {
  // Also runnable directly: node dist/src/cli/main.js …
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
