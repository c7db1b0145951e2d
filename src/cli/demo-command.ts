/**
 * `gatehouse demo`, the main job: a fresh embedded stack (Temporal dev server, worker, gateway, model
 * host), the example models, and every scenario through the real pipeline, ending in one table.
 *
 * The story it tells, in three phases:
 * 1. baselines (first deployments) for each model name, approved by two approvers;
 * 2. every candidate at once: planted integrity, provenance, policy, safety, regression and bias
 *    defects, each stopped by its gate; good candidates reviewed (a self-approval is refused, then two
 *    approvers sign), baked in a canary on generated traffic and promoted;
 * 3. a candidate that passes every gate but is slower under real traffic: the canary rolls it back.
 *
 * Approvals go through the same code as `gatehouse approve` (signed with each approver's own key).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { ClientSettings } from '../config';
import { createLogger } from '../logger';
import { prepareBiasDemo } from '../demo/bias-scenarios';
import { prepareReplayDemo } from '../demo/replay-scenarios';
import { policySerials } from '../demo/policy-serials';
import { demoApproverKeyPath, DemoApproverId, prepareDemoWorkspace, Scenario, scenarioMet } from '../demo/scenario';
import { loadedDeployments, strandedCandidates } from '../demo/stranded-candidates';
import { startTraffic } from '../demo/traffic';
import type { PipelineStatus } from '../pipeline-types';
import { loadDeploymentRequest } from '../request';
import { loadPrivateKey } from '../signing/keys';
import { startStack } from '../stack';
import { reservePort } from '../reserved-ports';
import { collectAudit, formatAudit, submitDecision } from './approval-commands';
import { minReviewSecondsOf } from '../approval/audit-status';
import { readStoredReport } from './runs';
import { signRequestWithKeyFile } from '../signing/request-signature';
import { startDeployment } from './deploy';
import { EXIT } from './exit-codes';

const say = (line: string) => process.stderr.write(line + '\n');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface DemoRow {
  scenario: Scenario;
  status: PipelineStatus;
  approvalLog: string[];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The gate that ended a run: the blocking gate, or the canary for a rollback. */
function stoppedAt(status: PipelineStatus): string | null {
  if (status.blockedBy) return status.blockedBy;
  return status.outcome === 'rolled_back' || status.outcome === 'aborted' ? 'canary' : null;
}

function verdictAt(status: PipelineStatus): string | undefined {
  const gate = stoppedAt(status);
  return gate ? status.gates.find((g) => g.gate === gate)?.verdict : undefined;
}

function reasonOf(status: PipelineStatus): string {
  const gate = stoppedAt(status);
  if (gate === 'canary' && status.canary) return status.canary.reason;
  const reason = gate ? status.gates.find((g) => g.gate === gate)?.reasons[0] : undefined;
  if (reason) return reason;
  if (status.outcome === 'deployed') return status.canary?.outcome === 'completed' ? 'all gates passed; canary baked and promoted' : 'all required gates passed';
  return status.outcome;
}

/**
 * Plays the approvers for one run: waits until it asks for approval, lets the minimum review time
 * pass, and signs as bob (ml) and carol (safety). With `showSelfApproval`, alice (who requested the
 * deployment) tries first and is refused. Returns what each attempt answered, for the table's log.
 */
async function reviewWhenAsked(client: Client, workspace: string, workflowId: string, showSelfApproval: boolean): Promise<string[]> {
  const log: string[] = [];
  const handle = client.workflow.getHandle(workflowId);
  for (;;) {
    const status = await handle.query<PipelineStatus>('status');
    if (status.outcome !== 'running') return log;
    if (status.stage === 'approval' && status.approval?.state.status === 'pending') {
      const waitMs = status.approval.publishedAtMs + (minReviewSecondsOf(status) ?? 0) * 1000 + 250 - Date.now();
      if (waitMs > 0) await sleep(waitMs);
      break;
    }
    await sleep(250);
  }
  const sign = async (approver: DemoApproverId) => {
    const key = loadPrivateKey(demoApproverKeyPath(workspace, approver));
    const result = await submitDecision(client, { workflowId, decision: 'approve', approver, key, comment: 'reviewed in the demo' });
    const line = `gatehouse approve ${workflowId} --as ${approver} → ${result.accepted ? `accepted (${result.receipt.status})` : `refused: ${result.reason}`}`;
    log.push(line);
    say(`    ${line}`);
    return result;
  };
  if (showSelfApproval) await sign('alice');
  const first = await sign('bob');
  if (first.accepted && first.receipt.status === 'approved') return log;
  await sign('carol');
  return log;
}

export async function runDemo(settings: ClientSettings, options: { weightsBytes?: number } = {}): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-demo-'));
  const logFile = join(dataDir, 'gatehouse.log');
  const logger = createLogger(settings.logLevel, logFile);
  say(`Gatehouse demo: a fresh stack in ${dataDir} (logs: ${logFile})`);
  const ports = { temporalPort: await reservePort(), gatewayPort: await reservePort(), modelHostPort: await reservePort(), gatewayAdminPort: await reservePort() };
  const stack = await startStack({ dataDir, ports, logger, progress: say });
  const workspace = join(dataDir, 'workspace');
  const traffic: Array<ReturnType<typeof startTraffic>> = [];
  let exitCode: number = EXIT.ok;
  try {
    say('preparing keys, example models (simulated), signatures and the signed policies …');
    const scenarios = await prepareDemoWorkspace({
      dir: workspace,
      trust: stack.trust,
      weightsBytes: options.weightsBytes,
      modelLatencyMs: 2,
      regressionScenarios: true,
      approvalAndCanary: true,
    });
    const canaryScenarios = scenarios.slice(); // their policies have a canary: users' traffic goes to these models
    scenarios.push(
      ...(await prepareBiasDemo({ dir: join(workspace, 'bias'), trust: stack.trust, weightsBytes: options.weightsBytes, chatModel: 'chat-assistant', assistantBaseline: true })),
    );
    // Two chat models answering with recorded real responses (JailbreakBench): one resists, one falls.
    scenarios.push(...(await prepareReplayDemo({ dir: join(workspace, 'replay'), trust: stack.trust, weightsBytes: options.weightsBytes })));
    const connection = await Connection.connect({ address: stack.temporal.address });
    const client = new Client({ connection, namespace: settings.namespace });
    say(`deploying ${scenarios.length} candidates through the pipeline (watch them in ${stack.temporal.uiUrl ?? 'the Temporal UI'}) …`);
    /** Starts a run: `policyJudged` settles once its policy gate has a verdict (or the run ended), `row` when it ends. */
    const start = async (scenario: Scenario): Promise<{ policyJudged: Promise<void>; row: Promise<DemoRow> }> => {
      const handle = await startDeployment(client, signRequestWithKeyFile(loadDeploymentRequest(scenario.requestPath), scenario.requesterKeyPath));
      const policyJudged = (async () => {
        for (;;) {
          const status = await handle.query<PipelineStatus>('status');
          if (status.outcome !== 'running' || status.gates.some((g) => g.gate === 'policy')) return;
          await sleep(100);
        }
      })();
      const row = (async (): Promise<DemoRow> => {
        const approvalLog = await reviewWhenAsked(client, workspace, handle.workflowId, scenario.name === 'safe candidate');
        const status = (await handle.result()) as PipelineStatus;
        say(`  ${scenario.model} ${scenario.version} ${scenario.name}: ${status.outcome}${stoppedAt(status) ? ` (at ${stoppedAt(status)})` : ''}`);
        return { scenario, status, approvalLog };
      })();
      row.catch(() => undefined); // awaited with the batch's other rows: handled there
      return { policyJudged, row };
    };
    // The demo's policies are versions of one policy name, and the worker takes no older serial than
    // one it has seen, nor other content under one (DESIGN §6, policy shopping; src/demo/policy-serials.ts).
    // So a batch starts policy by policy: each signed at the next serial, its runs started once the
    // runs under the one before have passed the policy gate. The edited policy, which its scenario
    // expects refused at that gate, is left as it is. Resolves once every run has started and been judged there.
    const serials = policySerials(stack.trust.ownerKeyPaths);
    const startAll = async (batch: Scenario[]): Promise<{ finished: Promise<DemoRow[]> }> => {
      const byPolicy = new Map<string, Scenario[]>();
      for (const scenario of batch) {
        const policyPath = loadDeploymentRequest(scenario.requestPath).policyPath;
        byPolicy.set(policyPath, [...(byPolicy.get(policyPath) ?? []), scenario]);
      }
      const rows = new Map<Scenario, Promise<DemoRow>>();
      for (const [policyPath, group] of byPolicy) {
        if (group.every((s) => s.expectBlockedBy !== 'policy')) serials.signAtNextSerial(policyPath);
        const started = await Promise.all(group.map(start));
        started.forEach((run, i) => rows.set(group[i]!, run.row));
        await Promise.all(started.map((run) => run.policyJudged));
      }
      const finished = Promise.all(batch.map((s) => rows.get(s)!));
      finished.catch(() => undefined); // awaited by the caller, perhaps after other runs: handled there
      return { finished };
    };
    const deployAll = async (batch: Scenario[]): Promise<DemoRow[]> => (await startAll(batch)).finished;

    const rows: DemoRow[] = [];
    say('phase 1: the deployed baselines (first deployments: approved, no canary) …');
    // A baseline whose timings the later candidates are compared with is measured first, on its own:
    // the other baselines' evaluations would otherwise load the machine its latency tail is read on.
    const baselines = scenarios.filter((s) => s.phase === 'baseline');
    for (const scenario of baselines.filter((s) => s.measuredAlone)) rows.push(...(await deployAll([scenario])));
    rows.push(...(await deployAll(baselines.filter((s) => !s.measuredAlone))));
    // Users' traffic from here on: the canaries compare the candidate's slot with the stable one on it.
    for (const model of new Set(canaryScenarios.map((s) => s.model))) {
      traffic.push(startTraffic({ gatewayUrl: stack.gatewayUrl, model, requestsPerSecond: 40, concurrency: 4 }));
    }
    say('phase 2: every candidate at once (users\' traffic is running) …');
    rows.push(...(await deployAll(scenarios.filter((s) => s.phase === 'candidate'))));
    say('phase 3: a candidate that passes every gate, then meets real traffic; a throughput comparison on a quiet machine …');
    const after = scenarios.filter((s) => s.phase === 'after');
    // The others first, past the policy gate before the measured ones' policy is signed at a higher serial.
    const others = await startAll(after.filter((s) => !s.measuredAlone));
    const oneByOne: DemoRow[] = [];
    for (const scenario of after.filter((s) => s.measuredAlone)) oneByOne.push(...(await deployAll([scenario])));
    rows.push(...oneByOne, ...(await others.finished));
    const sent = await Promise.all(traffic.splice(0).map((t) => t.stop()));

    const htmlReportOf = (status: PipelineStatus): string =>
      status.reportPath && status.reportDigest ? (readStoredReport({ path: status.reportPath, digest: status.reportDigest }).html?.path ?? '-') : '-';
    const header = ['MODEL', 'VERSION', 'SCENARIO', 'OUTCOME', 'STOPPED AT', 'APPROVALS', 'REASON', 'REPORT (HTML)'];
    const body = rows.map(({ scenario, status }) => [
      status.model.name,
      status.model.version,
      scenario.name,
      status.outcome,
      stoppedAt(status) === null ? '-' : `${stoppedAt(status)}${verdictAt(status) === 'inconclusive' ? ' (inconclusive)' : ''}`,
      status.approval ? `${status.approval.state.approvedBy.join('+') || '-'} (${status.approval.state.tier})` : '-',
      reasonOf(status).slice(0, 90),
      htmlReportOf(status),
    ]);
    process.stdout.write('\n' + table([header, ...body]) + '\n\n');

    const refusals = rows.flatMap((r) => r.approvalLog.filter((line) => line.includes('refused')));
    if (refusals.length > 0) process.stdout.write(`refused approvals (recorded in the run's history):\n${refusals.map((l) => `  ${l}`).join('\n')}\n\n`);

    const unexpected = rows.filter(({ scenario, status }) =>
      !scenarioMet(scenario, status.outcome, stoppedAt(status), (gate) => status.gates.find((g) => g.gate === gate)?.verdict),
    );
    for (const { scenario, status } of unexpected) say(`UNEXPECTED: ${scenario.model} ${scenario.version} ${scenario.name} ended ${status.outcome} (at ${stoppedAt(status) ?? 'nothing'})`);
    if (unexpected.length > 0) exitCode = EXIT.refused;
    // Every run that did not deploy undid its staging: none of its candidates is left on the model host.
    for (const status of strandedCandidates(loadedDeployments(dataDir), rows.map((r) => r.status))) {
      say(`UNEXPECTED: ${status.model.name} ${status.model.version} ended ${status.outcome} but is still loaded on the model host`);
      exitCode = EXIT.refused;
    }
    if (!refusals.some((line) => line.includes('--as alice'))) {
      say('UNEXPECTED: the requester approving their own deployment was not refused');
      exitCode = EXIT.refused;
    }

    process.stdout.write(`\n${formatAudit(await collectAudit(client))}\n`);
    await connection.close();

    const answer = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'support-assistant', messages: [{ role: 'user', content: 'How do I get a refund?' }] }),
    });
    const reply = (await answer.json()) as { choices?: Array<{ message?: { content?: string } }> };
    process.stdout.write(
      `gateway → support-assistant (stable = ${answer.headers.get('x-gatehouse-model-version') ?? '?'}): "How do I get a refund?" → "${reply.choices?.[0]?.message?.content ?? `HTTP ${answer.status}`}"\n`,
    );
    process.stdout.write(`users' requests sent through the gateway during the demo: ${sent.reduce((n, s) => n + s.sent, 0)} (${sent.reduce((n, s) => n + s.failed, 0)} failed)\n`);
    if (!answer.ok) exitCode = EXIT.refused;
    process.stdout.write(`Temporal Web UI (while the demo runs): ${stack.temporal.uiUrl ?? 'headless'}; reports in ${join(dataDir, 'blobs')}\n`);
  } catch (err) {
    say(`demo failed: ${(err as Error).message}`);
    exitCode = EXIT.infrastructure;
  } finally {
    await Promise.all(traffic.map((t) => t.stop()));
    say('stopping the stack …');
    await stack.stop();
    rmSync(join(workspace, 'models'), { recursive: true, force: true });
  }
  say(exitCode === EXIT.ok ? `demo finished: every scenario ended as expected (data and logs kept in ${dataDir})` : 'demo finished with unexpected outcomes');
  return exitCode;
}
