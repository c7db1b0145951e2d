/** The long-running commands: `up`, and the single components `worker`, `gateway`, `server`. */
import { join } from 'node:path';
import type { ClientSettings } from '../config';
import { InputError } from '../errors';
import { createLogger } from '../logger';
import { createGateway } from '../serving/gateway';
import { loadGatewayConfig, startStack } from '../stack';
import { ensureTemporalCli } from '../temporal/cli-binary';
import { startDevServer } from '../temporal/dev-server';
import { loadWorkerConfig } from '../worker-config';
import { bundleGatehouseWorkflows, createGatehouseWorker, WorkerQueues } from '../../workers/worker';
import { checkNamespace, connectChecked, connectionSettingsFor } from './connect';
import { connectionSecurity } from '../temporal/connection';
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

export async function runSetup(settings: ClientSettings): Promise<number> {
  // The workflow bundle first: it needs no Temporal CLI, and every later worker start reads it.
  await bundleGatehouseWorkflows(createLogger(settings.logLevel));
  const cli = await ensureTemporalCli(say);
  if (!cli) {
    say('no Temporal CLI found and none could be built; `gatehouse up` will try the SDK download (needs internet)');
    return EXIT.infrastructure;
  }
  process.stdout.write(`${cli.path}\n`);
  return EXIT.ok;
}

export async function runUp(
  settings: ClientSettings,
  ports: { temporalPort: number; gatewayPort: number; modelHostPort: number; gatewayAdminPort?: number; headless: boolean },
): Promise<number> {
  const logger = createLogger(settings.logLevel);
  const stack = await startStack({ dataDir: settings.dataDir, ports, headless: ports.headless, logger, progress: say, namespace: settings.namespace });
  say(`Gatehouse is up (data dir ${settings.dataDir})`);
  say(`  Temporal:    ${stack.temporal.address}${stack.temporal.uiUrl ? `   Web UI: ${stack.temporal.uiUrl}` : ''}`);
  say(`  gateway:     ${stack.gatewayUrl}   model host: ${stack.modelHostUrl}`);
  say(`  gateway admin API: ${stack.gatewayAdminUrl} (bearer token in ${stack.trust.gatewayAdminTokenPath})`);
  say(`  policy owners' keys (sign policies with these): ${stack.trust.ownerKeyPaths.join(', ')}`);
  say(`  pipeline key id: ${stack.workerConfig.pipelineKeyId}`);
  say('Ctrl-C stops everything.');
  const signal = await untilSignal();
  say(`${signal}: stopping …`);
  await stack.stop();
  say('stopped.');
  return EXIT.ok;
}

export async function runWorkerCommand(settings: ClientSettings, queues: WorkerQueues = 'all', options: { maxConcurrentEvaluations?: number } = {}): Promise<number> {
  if (!settings.workerConfigPath) throw new InputError('GATEHOUSE_WORKER_CONFIG: expected the path of the worker configuration file', 'environment');
  const logger = createLogger(settings.logLevel);
  const config = loadWorkerConfig(settings.workerConfigPath);
  // Checked first with a deadline, so an unreachable or refusing cluster is exit 3 within seconds.
  const target = connectionSettingsFor(settings);
  const probe = await connectChecked(settings);
  await checkNamespace(probe.connection, settings, probe.address);
  await probe.connection.close();
  const worker = await createGatehouseWorker({
    config,
    logger,
    address: target.address,
    namespace: settings.namespace,
    queues,
    connection: connectionSecurity(target),
    maxConcurrentEvaluations: options.maxConcurrentEvaluations,
  });
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

