/**
 * The embedded stack of `gatehouse up` and `gatehouse demo`: the Temporal dev server, the model host,
 * the serving gateway and a worker, in one foreground process. On first use of a data dir it creates
 * local trust roots (a pipeline key and two policy-owner keys, threshold 2) and the configuration
 * files of the worker and the gateway; later runs reuse them, so earlier runs and routes are found.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { InputError, parseWith } from './errors';
import type { Logger } from './logger';
import { createGateway, gatewayConfigSchema } from './serving/gateway';
import { ServiceHandle } from './serving/http';
import { createModelHost } from './serving/model-host';
import { generateKeysCommand } from './signing/signing-files';
import { startDevServer, RunningDevServer } from './temporal/dev-server';
import { loadWorkerConfig, WorkerConfig } from './worker-config';
import { readYamlOrJson } from './yaml-file';
import { stackFilePath, StackFile } from './cli/connect';
import { bundleGatehouseWorkflows, createGatehouseWorker } from '../workers/worker';
import { Client, Connection } from '@temporalio/client';
import { startSlackInteractivity } from './slack/server';
import { ALWAYS_REQUIRED_GATES } from './policy/schema';

export interface StackPorts {
  temporalPort: number;
  gatewayPort: number;
  modelHostPort: number;
  /** The gateway's admin listener (loopback); default: the gateway port + 1. */
  gatewayAdminPort?: number;
}

export interface LocalTrust {
  workerConfigPath: string;
  gatewayConfigPath: string;
  ownerKeyPaths: string[];
  pipelinePublicKeyPath: string;
  /** The bearer token of the gateway's admin API (the worker and operators send it). */
  gatewayAdminTokenPath: string;
  /**
   * The local user's request-signing key (`gatehouse deploy --key`): the demo's policies list its public
   * half under `requesters`. Not a trust root of the stack: a policy decides whether it may request.
   */
  requesterKeyPath: string;
}

const stackPortsSchema = z
  .object({ temporalPort: z.number().int(), gatewayPort: z.number().int(), modelHostPort: z.number().int(), gatewayAdminPort: z.number().int() })
  .strict();

/**
 * Creates (first time) or finds the data dir's trust roots and service configuration. Ports are
 * fixed at creation: the gateway's persisted routes name the model host's address.
 */
export function ensureLocalTrust(dataDir: string, ports: StackPorts): { trust: LocalTrust; ports: StackPorts } {
  const configDir = join(dataDir, 'config');
  const keysDir = join(dataDir, 'keys');
  const trust: LocalTrust = {
    workerConfigPath: join(configDir, 'worker.yaml'),
    gatewayConfigPath: join(configDir, 'gateway.yaml'),
    ownerKeyPaths: [join(keysDir, 'policy-owner-1.key'), join(keysDir, 'policy-owner-2.key')],
    pipelinePublicKeyPath: join(keysDir, 'pipeline.pub'),
    gatewayAdminTokenPath: join(keysDir, 'gateway-admin.token'),
    requesterKeyPath: join(keysDir, 'requester.key'),
  };
  // Created on first use, also in data dirs made before requests were signed.
  if (!existsSync(trust.requesterKeyPath)) generateKeysCommand('requester', keysDir, 'ed25519');
  const portsPath = join(configDir, 'ports.json');
  if (existsSync(trust.workerConfigPath)) {
    const saved = parseWith(stackPortsSchema, JSON.parse(readFileSync(portsPath, 'utf8')), portsPath);
    return { trust, ports: saved };
  }
  mkdirSync(configDir, { recursive: true });
  for (const name of ['pipeline', 'policy-owner-1', 'policy-owner-2']) {
    if (!existsSync(join(keysDir, `${name}.key`))) generateKeysCommand(name, keysDir, 'ed25519');
  }
  const gatewayAdminPort = ports.gatewayAdminPort ?? ports.gatewayPort + 1;
  writeFileSync(trust.gatewayAdminTokenPath, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  writeFileSync(
    portsPath,
    JSON.stringify({ temporalPort: ports.temporalPort, gatewayPort: ports.gatewayPort, modelHostPort: ports.modelHostPort, gatewayAdminPort }) + '\n',
  );
  writeFileSync(
    trust.workerConfigPath,
    stringify({
      apiVersion: 'gatehouse/v1',
      kind: 'WorkerConfig',
      policyOwners: { threshold: 2, publicKeyFiles: ['../keys/policy-owner-1.pub', '../keys/policy-owner-2.pub'] },
      pipelineKey: { privateKeyFile: '../keys/pipeline.key' },
      // Created on first start: authenticates the workers' stored evidence (src/evidence).
      evidenceKey: { keyFile: '../keys/evidence.key' },
      dataDir: '..',
      gatewayAdminUrl: `http://127.0.0.1:${gatewayAdminPort}`,
      gatewayAdminTokenFile: '../keys/gateway-admin.token',
      // The demo's policies (`gatehouse demo`, src/demo): the worker, not a request, says which governs.
      policies: { production: 'production-demo', staging: 'staging-demo' },
      modelHostUrl: `http://127.0.0.1:${ports.modelHostPort}`,
    }),
  );
  writeFileSync(
    trust.gatewayConfigPath,
    stringify({
      port: ports.gatewayPort,
      host: '127.0.0.1',
      environment: 'production',
      // The admin API (routing changes, routing table, canary metrics) on its own loopback listener.
      admin: { port: gatewayAdminPort, host: '127.0.0.1', tokenFile: trust.gatewayAdminTokenPath },
      dataDir: join(dataDir, 'gateway'),
      pipelinePublicKeys: [readFileSync(trust.pipelinePublicKeyPath, 'utf8')],
      // Per kind of model: a chat model needs the safety gate passed; a classifier (to which the safety
      // prompt suite does not apply) the bias gate. The attestation states the kind, from the verified artifact.
      requiredGates: { chat: [...ALWAYS_REQUIRED_GATES, 'safety'], classifier: [...ALWAYS_REQUIRED_GATES, 'bias'] },
      // One-second buckets, so a canary's analysis interval can be as short as a demo needs.
      slotMetrics: { intervalSeconds: 1 },
    }),
  );
  return { trust, ports: { ...ports, gatewayAdminPort } };
}

export function loadGatewayConfig(path: string) {
  return parseWith(gatewayConfigSchema, readYamlOrJson(path, 'gateway configuration'), path);
}

export interface RunningStack {
  dataDir: string;
  temporal: RunningDevServer;
  gatewayUrl: string;
  gatewayAdminUrl: string;
  modelHostUrl: string;
  workerConfig: WorkerConfig;
  trust: LocalTrust;
  stop(): Promise<void>;
}

export interface StackOptions {
  dataDir: string;
  ports: StackPorts;
  headless?: boolean;
  logger: Logger;
  progress: (line: string) => void;
  namespace?: string;
}

/** A listener whose port another process holds: says which service and where this data dir fixes its ports. */
async function explainPortInUse<T>(listen: () => Promise<T>, which: string, portsPath: string): Promise<T> {
  try {
    return await listen();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new InputError(`${which} on 127.0.0.1: ${(err as Error).message}; another process holds it. This data dir's ports are fixed in ${portsPath}: stop that process, or use another --data-dir.`);
  }
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { dataDir, logger, progress } = options;
  mkdirSync(dataDir, { recursive: true });
  const { trust, ports } = ensureLocalTrust(dataDir, options.ports);
  const workerConfig = loadWorkerConfig(trust.workerConfigPath);
  const gatewayConfig = loadGatewayConfig(trust.gatewayConfigPath);
  const started: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of started.reverse()) await stop().catch((err: Error) => logger.warn({ err }, 'error while stopping'));
    started.length = 0;
  };
  try {
    // The model host and the gateway bind their fixed ports before the Temporal dev server starts: the
    // dev server binds its internal services to ports of its own choosing, which could be these.
    const portsPath = join(dataDir, 'config', 'ports.json');
    const modelHost: ServiceHandle = await createModelHost(
      { port: ports.modelHostPort, host: '127.0.0.1', dataDir: join(dataDir, 'model-host'), pipelinePublicKeys: [readFileSync(trust.pipelinePublicKeyPath, 'utf8')] }, { logger: logger.child({ component: 'model-host' }) });
    // Closed on a failed start too: a listener that did bind is let go.
    started.push(() => modelHost.close());
    const modelHostUrl = await explainPortInUse(() => modelHost.listen(), `the model host's port ${ports.modelHostPort}`, portsPath);

    const gateway = await createGateway(gatewayConfig, { logger: logger.child({ component: 'gateway' }) });
    started.push(() => gateway.close());
    const gatewayUrl = await explainPortInUse(() => gateway.listen(), `the gateway's ports ${ports.gatewayPort} (users) and ${ports.gatewayAdminPort} (admin)`, portsPath);

    progress('starting the Temporal dev server …');
    // The workflow code is bundled while the dev server starts (webpack here, the server in its own
    // process): `up` comes up sooner. Awaited below; caught here so a dev server that fails first
    // leaves no unhandled rejection behind.
    const bundling = bundleGatehouseWorkflows(logger);
    bundling.catch(() => undefined);
    const temporal = await startDevServer({ dataDir: join(dataDir, 'temporal'), port: ports.temporalPort, headless: options.headless, progress });
    started.push(() => temporal.stop());

    progress('starting the worker (bundling workflow code) …');
    const worker = await createGatehouseWorker({ config: workerConfig, logger, address: temporal.address, namespace: options.namespace, workflowBundle: await bundling });
    const running = worker.run();
    started.push(async () => {
      worker.shutdown();
      await running;
      await worker.connection.close();
    });

    if (workerConfig.slack) {
      // Approvers click in Slack: the endpoint verifies Slack's signature and signals the run.
      const slackConnection = await Connection.connect({ address: temporal.address });
      const slackApp = await startSlackInteractivity({ slack: workerConfig.slack, client: new Client({ connection: slackConnection, namespace: options.namespace }) });
      progress(`Slack interactivity endpoint: ${slackApp.url}/slack/interactivity`);
      started.push(async () => {
        await slackApp.app.close();
        await slackConnection.close();
      });
    }

    const stack: StackFile = {
      temporalAddress: temporal.address,
      namespace: options.namespace ?? 'default',
      uiUrl: temporal.uiUrl,
      gatewayUrl,
      modelHostUrl,
      pid: process.pid,
    };
    writeFileSync(stackFilePath(dataDir), JSON.stringify(stack, null, 2) + '\n');
    started.push(async () => rmSync(stackFilePath(dataDir), { force: true }));
    return { dataDir, temporal, gatewayUrl, gatewayAdminUrl: gateway.adminUrl, modelHostUrl, workerConfig, trust, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
