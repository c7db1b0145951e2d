/**
 * A complete, isolated Gatehouse world for one test file: trust roots and configs in a temp dir, the
 * real model host and gateway listening on free ports, a real worker on its own task queue, and a
 * client of the jest run's real Temporal dev server (see global-setup.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { parse, stringify } from 'yaml';
import { createGatehouseWorker, GatehouseWorker } from '../../workers/worker';
import { createGateway } from '../../src/serving/gateway';
import { createModelHost } from '../../src/serving/model-host';
import type { GatewayHandle } from '../../src/serving/gateway';
import { ensureLocalTrust, loadGatewayConfig, LocalTrust } from '../../src/stack';
import { reservePort } from '../../src/reserved-ports';
import { loadWorkerConfig, WorkerConfig } from '../../src/worker-config';
import { deployAndWait } from '../../src/cli/deploy';
import { temporalNamespace } from './namespaces';
import { loadDeploymentRequest } from '../../src/request';
import type { PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { signRequestWithKeyFile } from '../../src/signing/request-signature';

export const silentLogger = pino({ level: 'silent' });

export { temporalNamespace } from './namespaces';

export function temporalAddress(): string {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEST_TEMPORAL_ADDRESS is not set: run through jest (test/helpers/global-setup.ts)');
  return address;
}

/**
 * A pass-through proxy in front of the model host that counts chat completion calls, so a test can
 * tell how much model work a resumed evaluation repeated.
 */
async function countingProxy(listenPort: number, target: string): Promise<{ calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.endsWith('/chat/completions')) calls += 1;
    const upstream = httpRequest(`${target}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return { calls: () => calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface World {
  dir: string;
  trust: LocalTrust;
  workerConfig: WorkerConfig;
  gatewayUrl: string;
  modelHostUrl: string;
  taskQueue: string;
  client: Client;
  gateway: GatewayHandle;
  /** Chat completions the model host received (only with `countModelCalls`). */
  modelCalls(): number;
  startWorker(): Promise<{ worker: GatehouseWorker; running: Promise<void> }>;
  /** The local requester key (LocalTrust.requesterKeyPath): the demo's policies list it for `alice`. */
  requesterKeyPath: string;
  /** The request signed by its requester (the world's requester key unless another is given). */
  signed(request: PipelineRequest, keyPath?: string): PipelineRequest;
  /** Loads, signs (as the requester) and deploys a request file, and waits for the outcome. */
  deploy(requestPath: string): Promise<PipelineStatus>;
  restartGateway(): Promise<void>;
  stopGateway(): Promise<void>;
  close(): Promise<void>;
}

export async function createWorld(options: { countModelCalls?: boolean; workerConfigExtra?: Record<string, unknown> } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-world-'));
  const ports = { temporalPort: 0, gatewayPort: await reservePort(), modelHostPort: await reservePort(), gatewayAdminPort: await reservePort() };
  const { trust } = ensureLocalTrust(dir, ports);
  if (options.workerConfigExtra) {
    const document = parse(readFileSync(trust.workerConfigPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(trust.workerConfigPath, stringify({ ...document, ...options.workerConfigExtra }));
  }
  const workerConfig = loadWorkerConfig(trust.workerConfigPath);
  const modelHost = await createModelHost(
    {
      port: options.countModelCalls ? 0 : ports.modelHostPort,
      host: '127.0.0.1',
      dataDir: join(dir, 'model-host'),
      pipelinePublicKeys: [readFileSync(trust.pipelinePublicKeyPath, 'utf8')],
    },
    { logger: silentLogger },
  );
  const realModelHostUrl = await modelHost.listen();
  const proxy = options.countModelCalls ? await countingProxy(ports.modelHostPort, realModelHostUrl) : null;
  const modelHostUrl = `http://127.0.0.1:${ports.modelHostPort}`;
  const gatewayConfig = loadGatewayConfig(trust.gatewayConfigPath);
  let gateway = await createGateway(gatewayConfig, { logger: silentLogger });
  const gatewayUrl = await gateway.listen();
  const connection = await Connection.connect({ address: temporalAddress() });
  const namespace = temporalNamespace();
  const client = new Client({ connection, namespace });
  const taskQueue = `test-${randomUUID()}-pipeline`;
  const workers: Array<{ worker: GatehouseWorker; running: Promise<void> }> = [];

  const world: World = {
    dir,
    trust,
    workerConfig,
    gatewayUrl,
    modelHostUrl,
    taskQueue,
    client,
    get gateway() {
      return gateway;
    },
    modelCalls: () => proxy?.calls() ?? 0,
    async startWorker() {
      const worker = await createGatehouseWorker({
        config: workerConfig,
        logger: silentLogger,
        address: temporalAddress(),
        namespace,
        taskQueue,
        ...(process.env.TEST_WORKFLOW_BUNDLE ? { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE } } : {}),
      });
      const entry = { worker, running: worker.run() };
      workers.push(entry);
      return entry;
    },
    requesterKeyPath: trust.requesterKeyPath,
    signed: (request, keyPath) => signRequestWithKeyFile(request, keyPath ?? world.requesterKeyPath),
    deploy: (requestPath) => deployAndWait(client, world.signed(loadDeploymentRequest(requestPath)), taskQueue),
    async stopGateway() {
      await gateway.close();
    },
    async restartGateway() {
      gateway = await createGateway(gatewayConfig, { logger: silentLogger });
      await gateway.listen();
    },
    async close() {
      for (const w of workers) {
        w.worker.shutdown();
        await w.running.catch(() => undefined);
        await w.worker.connection.close();
      }
      await connection.close();
      await gateway.close().catch(() => undefined);
      await proxy?.close();
      await modelHost.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Writes a YAML file into the world's directory and returns its path. */
export function writeYaml(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, stringify(value));
  return path;
}
