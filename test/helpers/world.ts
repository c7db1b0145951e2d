/**
 * A complete, isolated Gatehouse world for one test file: trust roots and configs in a temp dir, the
 * real model host and gateway listening on free ports, a real worker on its own task queue, and a
 * client of the jest run's real Temporal dev server (see global-setup.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Worker, NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { stringify } from 'yaml';
import { createGatehouseWorker } from '../../workers/worker';
import { createGateway } from '../../src/serving/gateway';
import { createModelHost } from '../../src/serving/model-host';
import type { ServiceHandle } from '../../src/serving/http';
import { ensureLocalTrust, loadGatewayConfig, LocalTrust } from '../../src/stack';
import { freePort } from '../../src/temporal/dev-server';
import { loadWorkerConfig, WorkerConfig } from '../../src/worker-config';
import { deployAndWait } from '../../src/cli/deploy';
import { loadDeploymentRequest } from '../../src/request';
import type { PipelineStatus } from '../../src/pipeline-types';

export const silentLogger = pino({ level: 'silent' });

export function temporalAddress(): string {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEST_TEMPORAL_ADDRESS is not set: run through jest (test/helpers/global-setup.ts)');
  return address;
}

export interface World {
  dir: string;
  trust: LocalTrust;
  workerConfig: WorkerConfig;
  gatewayUrl: string;
  modelHostUrl: string;
  taskQueue: string;
  client: Client;
  gateway: ServiceHandle;
  startWorker(): Promise<{ worker: Worker; connection: NativeConnection; running: Promise<void> }>;
  deploy(requestPath: string): Promise<PipelineStatus>;
  restartGateway(): Promise<void>;
  stopGateway(): Promise<void>;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-world-'));
  const ports = { temporalPort: 0, gatewayPort: await freePort(), modelHostPort: await freePort() };
  const { trust } = ensureLocalTrust(dir, ports);
  const workerConfig = loadWorkerConfig(trust.workerConfigPath);
  const modelHost = await createModelHost({ port: ports.modelHostPort, host: '127.0.0.1', dataDir: join(dir, 'model-host') }, { logger: silentLogger });
  const modelHostUrl = await modelHost.listen();
  const gatewayConfig = loadGatewayConfig(trust.gatewayConfigPath);
  let gateway = await createGateway(gatewayConfig, { logger: silentLogger });
  const gatewayUrl = await gateway.listen();
  const connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection });
  const taskQueue = `test-${randomUUID()}`;
  const workers: Array<{ worker: Worker; connection: NativeConnection; running: Promise<void> }> = [];

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
    async startWorker() {
      const created = await createGatehouseWorker({
        config: workerConfig,
        logger: silentLogger,
        address: temporalAddress(),
        taskQueue,
        workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE,
      });
      const entry = { ...created, running: created.worker.run() };
      workers.push(entry);
      return entry;
    },
    deploy: (requestPath) => deployAndWait(client, loadDeploymentRequest(requestPath), taskQueue),
    async stopGateway() {
      await gateway.close();
    },
    async restartGateway() {
      gateway = await createGateway(gatewayConfig, { logger: silentLogger });
      await gateway.listen();
    },
    async close() {
      for (const w of workers) {
        if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
        await w.running.catch(() => undefined);
        await w.connection.close();
      }
      await connection.close();
      await gateway.close().catch(() => undefined);
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
