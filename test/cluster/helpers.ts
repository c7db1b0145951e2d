/**
 * A Gatehouse world on the local production stack (test/cluster/global-setup.ts): trust roots and
 * configs in a temp dir, the model host and the gateway in this process, a client over mTLS, and
 * worker *processes* (`gatehouse worker`, exactly as a platform team runs them) on one namespace.
 * Each test file uses its own namespace, so deterministic workflow ids never collide across files.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import pino from 'pino';
import { parse, stringify } from 'yaml';
import { readStackState, stackConnection, stackEnvironment, StackState } from '../../src/cluster/local-stack';
import { createGateway } from '../../src/serving/gateway';
import type { ServiceHandle } from '../../src/serving/http';
import { createModelHost } from '../../src/serving/model-host';
import { ensureLocalTrust, loadGatewayConfig, LocalTrust } from '../../src/stack';
import { reservePort } from '../../src/reserved-ports';
import { connectChecked } from '../../src/temporal/connection';
import { BIN, cleanEnv } from '../helpers/cli';

export const silentLogger = pino({ level: 'silent' });

export function clusterState(): StackState {
  const dir = process.env.TEST_CLUSTER_DIR;
  if (!dir) throw new Error('TEST_CLUSTER_DIR is not set: run through jest (test/cluster/global-setup.ts)');
  const state = readStackState(dir);
  if (!state) throw new Error(`${dir}: no local stack state`);
  return state;
}

/** The namespaces global-setup.ts prepares with `cluster init`, one per test file that deploys. */
export const NAMESPACES = { demo: 'gatehouse-demo', kill: 'gatehouse-kill', restart: 'gatehouse-restart', authz: 'gatehouse-authz' } as const;

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

/** A pass-through proxy in front of the model host that counts chat completions. */
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

export interface WorkerProcess {
  child: ChildProcess;
  /** The worker identity the SDK reports to the server: `pid@hostname`. */
  pid: number;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface ClusterWorld {
  dir: string;
  namespace: string;
  state: StackState;
  trust: LocalTrust;
  client: Client;
  connection: Connection;
  gatewayUrl: string;
  modelCalls(): number;
  startWorker(options?: { queue?: 'pipeline' | 'eval' | 'all'; maxConcurrentEvaluations?: number }): Promise<WorkerProcess>;
  /** The GATEHOUSE_* variables that reach the stack as a deployer, for a `gatehouse` child process. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function createClusterWorld(namespace: string, options: { workerConfigExtra?: Record<string, unknown> } = {}): Promise<ClusterWorld> {
  const state = clusterState();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-cluster-world-'));
  const ports = { temporalPort: 0, gatewayPort: await reservePort(), modelHostPort: await reservePort(), gatewayAdminPort: await reservePort() };
  const { trust } = ensureLocalTrust(dir, ports);
  if (options.workerConfigExtra) {
    const document = parse(readFileSync(trust.workerConfigPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(trust.workerConfigPath, stringify({ ...document, ...options.workerConfigExtra }));
  }
  const modelHost = await createModelHost(
    { port: 0, host: '127.0.0.1', dataDir: join(dir, 'model-host'), pipelinePublicKeys: [readFileSync(trust.pipelinePublicKeyPath, 'utf8')] }, { logger: silentLogger });
  const proxy = await countingProxy(ports.modelHostPort, await modelHost.listen());
  const gateway: ServiceHandle = await createGateway(loadGatewayConfig(trust.gatewayConfigPath), { logger: silentLogger });
  const gatewayUrl = await gateway.listen();
  const connection = await connectChecked(stackConnection(state, namespace), 10_000);
  const client = new Client({ connection, namespace });
  const workers: WorkerProcess[] = [];
  const env = (extra: Record<string, string> = {}) => ({ ...stackEnvironment(state, namespace), ...extra });

  return {
    dir,
    namespace,
    state,
    trust,
    client,
    connection,
    gatewayUrl,
    modelCalls: () => proxy.calls(),
    env,
    async startWorker(workerOptions = {}) {
      const args = [BIN, 'worker', '--queue', workerOptions.queue ?? 'all'];
      if (workerOptions.maxConcurrentEvaluations) args.push('--max-concurrent-evaluations', String(workerOptions.maxConcurrentEvaluations));
      const child = spawn(process.execPath, args, {
        // The worker role's certificate: the client and the CLI (env()) are deployers, who may not poll.
        env: cleanEnv({ ...stackEnvironment(state, namespace, 'worker'), GATEHOUSE_WORKER_CONFIG: trust.workerConfigPath, GATEHOUSE_LOG_LEVEL: 'info' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const worker: WorkerProcess = { child, pid: child.pid!, output: () => output, exited };
      workers.push(worker);
      // Running once every queue it serves reports RUNNING (the workflow bundle takes a few seconds).
      const queues = (workerOptions.queue ?? 'all') === 'all' ? 2 : 1;
      await waitFor(`worker ${child.pid} to poll`, async () => {
        if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}: ${output.slice(-2000)}`);
        return (output.match(/"state":"RUNNING"/g) ?? []).length >= queues ? true : undefined;
      }, 60_000, 200);
      return worker;
    },
    async close() {
      for (const w of workers) {
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
        await w.exited;
      }
      await connection.close();
      await gateway.close().catch(() => undefined);
      await proxy.close();
      await modelHost.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Which worker identity started each attempt of an activity type in a run (from its history). */
export async function activityWorkers(handle: WorkflowHandle, activityType: string): Promise<{ started: string[]; completed: number }> {
  const history = await handle.fetchHistory();
  const scheduled = new Set<string>();
  const started: string[] = [];
  let completed = 0;
  for (const event of history.events ?? []) {
    const id = String(event.eventId);
    if (event.activityTaskScheduledEventAttributes?.activityType?.name === activityType) scheduled.add(id);
    const s = event.activityTaskStartedEventAttributes;
    if (s && scheduled.has(String(s.scheduledEventId))) started.push(s.identity ?? '');
    const c = event.activityTaskCompletedEventAttributes;
    if (c && scheduled.has(String(c.scheduledEventId))) completed += 1;
  }
  return { started, completed };
}

/** A copy of a request under another version: the same signed artifact, another run (another workflow id). */
export function requestAsVersion(requestPath: string, version: string): string {
  const document = parse(readFileSync(requestPath, 'utf8')) as { model: { version: string } };
  document.model.version = version;
  const path = requestPath.replace(/request-[^/]+\.yaml$/, `request-${version}.yaml`);
  writeFileSync(path, stringify(document));
  return path;
}
