/** The long-running commands: `demo`, `up`, and the single components `worker`, `gateway`, `server`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { ClientSettings } from '../config';
import { InputError } from '../errors';
import { createLogger } from '../logger';
import { prepareDemoWorkspace, Scenario } from '../demo/scenario';
import type { PipelineStatus } from '../pipeline-types';
import { loadDeploymentRequest } from '../request';
import { createGateway } from '../serving/gateway';
import { loadGatewayConfig, startStack } from '../stack';
import { ensureTemporalCli } from '../temporal/cli-binary';
import { freePort, startDevServer } from '../temporal/dev-server';
import { loadWorkerConfig } from '../worker-config';
import { createGatehouseWorker, WorkerQueues } from '../../workers/worker';
import { temporalAddressFor } from './connect';
import { deployAndWait } from './deploy';
import { EXIT } from './exit-codes';

const say = (line: string) => process.stderr.write(line + '\n');

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function runSetup(): Promise<number> {
  const cli = await ensureTemporalCli(say);
  if (!cli) {
    say('no Temporal CLI found and none could be built; `gatehouse up` will try the SDK download (needs internet)');
    return EXIT.infrastructure;
  }
  process.stdout.write(`${cli.path}\n`);
  return EXIT.ok;
}

export async function runUp(settings: ClientSettings, ports: { temporalPort: number; gatewayPort: number; modelHostPort: number; headless: boolean }): Promise<number> {
  const logger = createLogger(settings.logLevel);
  const stack = await startStack({ dataDir: settings.dataDir, ports, headless: ports.headless, logger, progress: say, namespace: settings.namespace });
  say(`Gatehouse is up (data dir ${settings.dataDir})`);
  say(`  Temporal:    ${stack.temporal.address}${stack.temporal.uiUrl ? `   Web UI: ${stack.temporal.uiUrl}` : ''}`);
  say(`  gateway:     ${stack.gatewayUrl}   model host: ${stack.modelHostUrl}`);
  say(`  policy owners' keys (sign policies with these): ${stack.trust.ownerKeyPaths.join(', ')}`);
  say(`  pipeline key id: ${stack.workerConfig.pipelineKeyId}`);
  say('Ctrl-C stops everything.');
  const signal = await untilSignal();
  say(`${signal}: stopping …`);
  await stack.stop();
  say('stopped.');
  return EXIT.ok;
}

export async function runWorkerCommand(settings: ClientSettings, queues: WorkerQueues = 'all'): Promise<number> {
  if (!settings.workerConfigPath) throw new InputError('GATEHOUSE_WORKER_CONFIG: expected the path of the worker configuration file', 'environment');
  const logger = createLogger(settings.logLevel);
  const config = loadWorkerConfig(settings.workerConfigPath);
  const worker = await createGatehouseWorker({ config, logger, address: temporalAddressFor(settings), namespace: settings.namespace, queues });
  // The SDK drains in-flight activities by itself on SIGINT / SIGTERM, then run() resolves.
  process.once('SIGTERM', () => logger.info('SIGTERM: draining in-flight activities'));
  process.once('SIGINT', () => logger.info('SIGINT: draining in-flight activities'));
  await worker.run();
  await worker.connection.close();
  return EXIT.ok;
}

export async function runGatewayCommand(settings: ClientSettings): Promise<number> {
  if (!settings.gatewayConfigPath) throw new InputError('GATEHOUSE_GATEWAY_CONFIG: expected the path of the gateway configuration file', 'environment');
  const logger = createLogger(settings.logLevel);
  const gateway = await createGateway(loadGatewayConfig(settings.gatewayConfigPath), { logger });
  const url = await gateway.listen();
  say(`gateway listening on ${url}`);
  await untilSignal();
  await gateway.close();
  return EXIT.ok;
}

export async function runServerCommand(settings: ClientSettings, port: number, headless: boolean): Promise<number> {
  const server = await startDevServer({ dataDir: join(settings.dataDir, 'temporal'), port, headless, progress: say });
  say(`Temporal dev server on ${server.address}${server.uiUrl ? `, Web UI ${server.uiUrl}` : ''} (${server.source})`);
  await untilSignal();
  await server.stop();
  return EXIT.ok;
}

interface DemoRow {
  scenario: Scenario;
  status: PipelineStatus;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export async function runDemo(settings: ClientSettings, options: { weightsBytes?: number } = {}): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-demo-'));
  const logFile = join(dataDir, 'gatehouse.log');
  const logger = createLogger(settings.logLevel, logFile);
  say(`Gatehouse demo: a fresh stack in ${dataDir} (logs: ${logFile})`);
  const ports = { temporalPort: await freePort(), gatewayPort: await freePort(), modelHostPort: await freePort() };
  const stack = await startStack({ dataDir, ports, logger, progress: say });
  let exitCode: number = EXIT.ok;
  try {
    say('preparing keys, example models (simulated), signatures and the signed policy …');
    const scenarios = await prepareDemoWorkspace({ dir: join(dataDir, 'workspace'), trust: stack.trust, weightsBytes: options.weightsBytes });
    const connection = await Connection.connect({ address: stack.temporal.address });
    const client = new Client({ connection, namespace: settings.namespace });
    say(`deploying ${scenarios.length} candidates through the pipeline (watch them in ${stack.temporal.uiUrl ?? 'the Temporal UI'}) …`);
    const deploy = async (scenario: Scenario): Promise<DemoRow> => {
      const status = await deployAndWait(client, loadDeploymentRequest(scenario.requestPath));
      say(`  ${scenario.version} ${scenario.name}: ${status.outcome}${status.blockedBy ? ` (blocked by ${status.blockedBy})` : ''}`);
      return { scenario, status };
    };
    // The baseline first, so every candidate is compared with a stable model; then all at once.
    const rows: DemoRow[] = [];
    for (const scenario of scenarios.filter((s) => s.phase === 'baseline')) rows.push(await deploy(scenario));
    rows.push(...(await Promise.all(scenarios.filter((s) => s.phase === 'candidate').map(deploy))));
    await connection.close();

    const header = ['MODEL', 'VERSION', 'SCENARIO', 'OUTCOME', 'BLOCKED BY', 'REASON'];
    const body = rows.map(({ scenario, status }) => [
      status.model.name,
      status.model.version,
      scenario.name,
      status.outcome,
      status.blockedBy ?? '-',
      (status.gates.find((g) => g.gate === status.blockedBy)?.reasons[0] ?? 'all required gates passed').slice(0, 110),
    ]);
    process.stdout.write('\n' + table([header, ...body]) + '\n\n');

    const unexpected = rows.filter(({ scenario, status }) => (scenario.expectBlockedBy === null ? status.outcome !== 'deployed' : status.blockedBy !== scenario.expectBlockedBy));
    for (const { scenario, status } of unexpected) say(`UNEXPECTED: ${scenario.name} ended ${status.outcome} (blocked by ${status.blockedBy ?? 'nothing'})`);
    if (unexpected.length > 0) exitCode = EXIT.refused;

    const answer = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'support-assistant', messages: [{ role: 'user', content: 'How do I get a refund?' }] }),
    });
    const body2 = (await answer.json()) as { choices?: Array<{ message?: { content?: string } }> };
    process.stdout.write(
      `gateway → support-assistant (stable = ${answer.headers.get('x-gatehouse-model-version') ?? '?'}): "How do I get a refund?" → "${body2.choices?.[0]?.message?.content ?? `HTTP ${answer.status}`}"\n`,
    );
    if (!answer.ok) exitCode = EXIT.refused;
    process.stdout.write(`Temporal Web UI (while the demo runs): ${stack.temporal.uiUrl ?? 'headless'}; reports: ${rows.map((r) => r.status.reportPath).filter(Boolean).length} in ${join(dataDir, 'blobs')}\n`);
  } catch (err) {
    say(`demo failed: ${(err as Error).message}`);
    exitCode = EXIT.infrastructure;
  } finally {
    say('stopping the stack …');
    await stack.stop();
    rmSync(join(dataDir, 'workspace', 'models'), { recursive: true, force: true });
  }
  say(exitCode === EXIT.ok ? `demo finished: every scenario ended as expected (data and logs kept in ${dataDir})` : 'demo finished with unexpected outcomes');
  return exitCode;
}
