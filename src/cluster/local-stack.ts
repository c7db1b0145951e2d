/**
 * The local production stack (DESIGN §2, "Production topology, run natively here"): the real Temporal
 * server v1.29.1 on an existing PostgreSQL, over mTLS, run as a native process. It is what
 * `gatehouse cluster local up` starts and what the cluster tests run against.
 *
 *  1. finds or builds the server and its SQL tool (server-binary.ts; cached once per machine);
 *  2. creates two databases whose names carry a prefix (`<prefix>_temporal`, `<prefix>_visibility`),
 *     so nothing else on that PostgreSQL is touched, and applies the versioned schema of the module;
 *  3. writes a throwaway CA and certificates, and the server's configuration: the module's own
 *     docker template (`config/docker.yaml`, the one docker-compose.yml's image renders) plus the
 *     environment it reads, saved in `server.env`, and a small dynamic config;
 *  4. starts the server (its own process group, log in `server.log`), waits until the frontend
 *     answers over mTLS, and runs `cluster init` for the namespaces asked for. The server is the
 *     build with Gatehouse's authorizer (authz-binary.ts): one client certificate per role (admin,
 *     worker, deployer, viewer, certs.ts), and each role may make only its own calls;
 *  5. stops and starts it again on the same databases, and tears it all down, databases included.
 *
 * Everything lives in one directory with a `stack.json` that any process can pick up (the jest
 * global setup, a test that restarts the server, the global teardown, `cluster local down`).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, parseWith } from '../errors';
import { connectChecked, TemporalConnectionSettings, TemporalUnreachable } from '../temporal/connection';
import { ensureAuthzServer } from './authz-binary';
import { ClientRole, createStackCertificates } from './certs';
import { initCluster, InitReport } from './init';
import { reservePort } from '../reserved-ports';
import { ensureTemporalServer, findServerModuleFiles, TEMPORAL_SERVER_VERSION } from './server-binary';

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The database the SQL tool connects to while creating and dropping ours. */
  adminDatabase: string;
}

/** `postgres://user[:password]@host[:port][/admin-db]`; errors name `--postgres` and what was expected. */
export function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`--postgres ${url}: expected a URL like postgres://postgres@127.0.0.1:5432`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new InputError(`--postgres ${url}: expected the postgres:// scheme`);
  if (!parsed.hostname) throw new InputError(`--postgres ${url}: expected a host (postgres://USER@HOST:PORT)`);
  if (!parsed.username) throw new InputError(`--postgres ${url}: expected a user (postgres://USER@HOST:PORT)`);
  const port = parsed.port ? Number(parsed.port) : 5432;
  const db = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return { host: parsed.hostname, port, user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password), adminDatabase: db || 'postgres' };
}

export const PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

const portsSchema = z
  .object({
    frontend: z.number().int(),
    frontendHttp: z.number().int(),
    frontendMembership: z.number().int(),
    history: z.number().int(),
    historyMembership: z.number().int(),
    matching: z.number().int(),
    matchingMembership: z.number().int(),
    worker: z.number().int(),
    workerMembership: z.number().int(),
  })
  .strict();

const certificateSchema = z.object({ certFile: z.string(), keyFile: z.string() }).strict();

export const stackStateSchema = z
  .object({
    version: z.literal(2),
    serverVersion: z.string(),
    dir: z.string(),
    prefix: z.string().regex(PREFIX_PATTERN),
    postgres: z.object({ host: z.string(), port: z.number().int(), user: z.string(), password: z.string(), adminDatabase: z.string() }).strict(),
    databases: z.object({ temporal: z.string(), visibility: z.string() }).strict(),
    schemaReady: z.boolean(),
    ports: portsSchema,
    address: z.string(),
    binaries: z.object({ server: z.string(), sql: z.string() }).strict(),
    tls: z
      .object({
        caFile: z.string(),
        serverName: z.string(),
        clients: z.object({ admin: certificateSchema, worker: certificateSchema, deployer: certificateSchema, viewer: certificateSchema }).strict(),
      })
      .strict(),
    pid: z.number().int().nullable(),
  })
  .strict();
export type StackState = z.infer<typeof stackStateSchema>;

export function stateFile(dir: string): string {
  return join(dir, 'stack.json');
}

export function readStackState(dir: string): StackState | null {
  const path = stateFile(resolve(dir));
  if (!existsSync(path)) return null;
  return parseWith(stackStateSchema, JSON.parse(readFileSync(path, 'utf8')), path);
}

function writeStackState(state: StackState): void {
  const path = stateFile(state.dir);
  writeFileSync(`${path}.tmp`, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  cpSync(`${path}.tmp`, path);
  rmSync(`${path}.tmp`, { force: true });
}

/**
 * How a Gatehouse client or worker reaches this stack: its address, over mTLS with the client
 * certificate of its role (a CLI user is a deployer; `gatehouse worker` needs the worker's).
 */
export function stackConnection(state: StackState, namespace = 'default', role: ClientRole = 'deployer'): TemporalConnectionSettings {
  const client = state.tls.clients[role];
  return {
    address: state.address,
    namespace,
    tls: { enabled: true, serverCaFile: state.tls.caFile, clientCertFile: client.certFile, clientKeyFile: client.keyFile, serverName: state.tls.serverName },
  };
}

/** The same, as the `GATEHOUSE_*` variables a user exports (or a test hands a `gatehouse` child process). */
export function stackEnvironment(state: StackState, namespace = 'default', role: ClientRole = 'deployer'): Record<string, string> {
  const client = state.tls.clients[role];
  return {
    GATEHOUSE_TEMPORAL_ADDRESS: state.address,
    GATEHOUSE_NAMESPACE: namespace,
    GATEHOUSE_TEMPORAL_TLS_CA: state.tls.caFile,
    GATEHOUSE_TEMPORAL_TLS_CERT: client.certFile,
    GATEHOUSE_TEMPORAL_TLS_KEY: client.keyFile,
    GATEHOUSE_TEMPORAL_TLS_SERVER_NAME: state.tls.serverName,
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL, through the server's own schema tool

function sqlTool(state: StackState, database: string, args: string[]): { ok: boolean; output: string } {
  const pg = state.postgres;
  const out = spawnSync(state.binaries.sql, ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--db', database, ...args], {
    encoding: 'utf8',
    // The password goes through the environment, not the command line (`ps` shows that).
    env: { ...process.env, SQL_PASSWORD: pg.password },
    timeout: 120_000,
  });
  return { ok: out.status === 0, output: `${out.stdout ?? ''}${out.stderr ?? ''}${out.error ? out.error.message : ''}`.trim() };
}

function lastLines(text: string, n = 3): string {
  return text.split('\n').filter(Boolean).slice(-n).join(' | ');
}

/** The server's last error or fatal log lines (JSON), as `msg: error`, without stack traces. */
function serverErrors(dir: string, n = 2): string {
  const path = join(dir, 'server.log');
  if (!existsSync(path)) return '(no log)';
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const found: string[] = [];
  for (const line of lines.reverse()) {
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
      if (entry.level === 'error' || entry.level === 'fatal') found.push(`${entry.msg ?? ''}${entry.error ? `: ${entry.error}` : ''}`);
    } catch {
      if (found.length === 0 && /error|unable|fail/i.test(line)) found.push(line.slice(0, 300));
    }
    if (found.length >= n) break;
  }
  return found.length ? found.reverse().join(' | ') : lastLines(lines.reverse().join('\n'), n);
}

/**
 * The schema steps, per database, in order: `create-database`, `setup-schema -v 0.0`, then
 * `update-schema -d <schema dir>/<versioned>` (docker-compose.yml's temporal-schema job runs the same).
 */
export const SCHEMA_STEPS = [
  { database: 'temporal', versioned: 'temporal/versioned' },
  { database: 'visibility', versioned: 'visibility/versioned' },
] as const;

/** Creates both databases and brings their schemas to the server's version (idempotent). */
export function prepareDatabases(state: StackState, schemaDir: string, progress: (line: string) => void): void {
  for (const step of SCHEMA_STEPS) {
    const db = state.databases[step.database];
    const versioned = join(schemaDir, step.versioned);
    if (!state.schemaReady) {
      const created = sqlTool(state, db, ['create-database', '--defaultdb', state.postgres.adminDatabase]);
      if (!created.ok && !/already exists/.test(created.output)) {
        throw new Error(`cannot create database ${db} on ${state.postgres.host}:${state.postgres.port} as ${state.postgres.user}: ${lastLines(created.output)}`);
      }
      const setup = sqlTool(state, db, ['setup-schema', '-v', '0.0']);
      if (!setup.ok && !/already exists/.test(setup.output)) throw new Error(`setup-schema of ${db} failed: ${lastLines(setup.output)}`);
    }
    const update = sqlTool(state, db, ['update-schema', '-d', versioned]);
    if (!update.ok) throw new Error(`update-schema of ${db} from ${versioned} failed: ${lastLines(update.output)}`);
    progress(`  database ${db}: schema up to date`);
  }
  state.schemaReady = true;
  writeStackState(state);
}

export function dropDatabases(state: StackState): string[] {
  const problems: string[] = [];
  for (const db of [state.databases.temporal, state.databases.visibility]) {
    const dropped = sqlTool(state, db, ['drop-database', '--force', '--defaultdb', state.postgres.adminDatabase]);
    if (!dropped.ok && !/does not exist/.test(dropped.output)) problems.push(`${db}: ${lastLines(dropped.output)}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The server process

/** The environment the server's docker template is rendered with (exported for test/unit/docker-compose.test.ts). */
export function serverEnvironment(state: StackState): Record<string, string> {
  const pg = state.postgres;
  const p = state.ports;
  const tlsDir = join(state.dir, 'tls');
  return {
    // Every name below is read by the module's config/docker.yaml (`env "NAME"`); docker-compose.yml
    // sets the same ones on the `temporal` service (test/unit/docker-compose.test.ts compares them).
    LOG_LEVEL: 'warn',
    NUM_HISTORY_SHARDS: '4',
    DB: 'postgres12',
    POSTGRES_SEEDS: pg.host,
    DB_PORT: String(pg.port),
    // The template takes the visibility store's port from VISIBILITY_DB_PORT or POSTGRES_PORT, not DB_PORT.
    VISIBILITY_DB_PORT: String(pg.port),
    POSTGRES_USER: pg.user,
    POSTGRES_PWD: pg.password,
    DBNAME: state.databases.temporal,
    VISIBILITY_DBNAME: state.databases.visibility,
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(p.frontend),
    FRONTEND_HTTP_PORT: String(p.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(p.frontendMembership),
    HISTORY_GRPC_PORT: String(p.history),
    HISTORY_MEMBERSHIP_PORT: String(p.historyMembership),
    MATCHING_GRPC_PORT: String(p.matching),
    MATCHING_MEMBERSHIP_PORT: String(p.matchingMembership),
    WORKER_GRPC_PORT: String(p.worker),
    WORKER_MEMBERSHIP_PORT: String(p.workerMembership),
    DYNAMIC_CONFIG_FILE_PATH: join(state.dir, 'config', 'dynamicconfig', 'gatehouse.yaml'),
    // mTLS: the frontend requires a client certificate signed by the stack's CA; the nodes and the
    // system worker present the server certificate (signed for server and client use).
    TEMPORAL_TLS_REQUIRE_CLIENT_AUTH: 'true',
    TEMPORAL_TLS_SERVER_CA_CERT: join(tlsDir, 'ca.pem'),
    TEMPORAL_TLS_SERVER_CERT: join(tlsDir, 'server.pem'),
    TEMPORAL_TLS_SERVER_KEY: join(tlsDir, 'server.key'),
    TEMPORAL_TLS_INTERNODE_SERVER_NAME: state.tls.serverName,
    TEMPORAL_TLS_FRONTEND_CERT: join(tlsDir, 'server.pem'),
    TEMPORAL_TLS_FRONTEND_KEY: join(tlsDir, 'server.key'),
    TEMPORAL_TLS_CLIENT1_CA_CERT: join(tlsDir, 'ca.pem'),
    TEMPORAL_TLS_CLIENT2_CA_CERT: join(tlsDir, 'ca.pem'),
    TEMPORAL_TLS_FRONTEND_SERVER_NAME: state.tls.serverName,
  };
}

/** Dynamic config for a small local cluster: new namespaces and attributes usable within a second. */
const DYNAMIC_CONFIG = `# Gatehouse local production stack (src/cluster/local-stack.ts).
# A new namespace is usable after the namespace cache refreshes (10 s by default): 1 s here.
system.namespaceCacheRefreshInterval:
  - value: 1s
# New search attributes are seen by the next read instead of after a cache refresh.
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
limit.maxIDLength:
  - value: 255
# A cluster with a handful of workers: one partition per task queue. With the default four, a task
# waiting in one partition's backlog reached a free poller parked on another only after 1-2 s
# (bench/scale.ts showed the gap between one evaluation and the next on a worker).
matching.numTaskqueueReadPartitions:
  - value: 1
matching.numTaskqueueWritePartitions:
  - value: 1
`;

function isAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function serverRunning(state: StackState): boolean {
  return isAlive(state.pid);
}

async function waitHealthy(state: StackState, child: ChildProcess | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child?.once('exit', () => (exited = true));
  let last = '';
  while (Date.now() < deadline) {
    if (exited || !isAlive(state.pid)) {
      throw new Error(`the Temporal server exited before it became healthy: ${serverErrors(state.dir)} (log: ${join(state.dir, 'server.log')})`);
    }
    try {
      const connection = await connectChecked(stackConnection(state, 'default', 'viewer'), 2000);
      await connection.close();
      return;
    } catch (err) {
      if (!(err instanceof TemporalUnreachable)) throw err;
      last = err.message;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`the Temporal server did not become healthy within ${timeoutMs / 1000}s: ${last} (log: ${join(state.dir, 'server.log')})`);
}

/** Starts the server on the stack's databases (first start or a restart) and waits until it is healthy. */
export async function startServer(state: StackState, timeoutMs = 90_000): Promise<void> {
  if (serverRunning(state)) return;
  const logFd = openSync(join(state.dir, 'server.log'), 'a');
  const child = spawn(state.binaries.server, ['--root', state.dir, '--config', 'config', '--env', 'docker', 'start'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...serverEnvironment(state) },
    stdio: ['ignore', logFd, logFd],
    // Its own process group, and not tied to this process: `cluster local up` returns, the server stays.
    detached: true,
  });
  closeSync(logFd);
  child.unref();
  state.pid = child.pid ?? null;
  writeStackState(state);
  try {
    await waitHealthy(state, child, timeoutMs);
  } catch (err) {
    await stopServer(state);
    throw err;
  }
}

/** Stops the server gracefully (SIGTERM, SIGKILL after `graceMs`); the databases keep everything. */
export async function stopServer(state: StackState, graceMs = 20_000): Promise<void> {
  const pid = state.pid;
  if (pid && isAlive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
  state.pid = null;
  writeStackState(state);
}

// ---------------------------------------------------------------------------------------------
// The whole stack

export interface LocalStackOptions {
  dir: string;
  postgresUrl: string;
  prefix: string;
  /** Frontend gRPC port; 0 or absent picks a free one. */
  port?: number;
  /** Namespaces to prepare with `cluster init` once the server is up. */
  namespaces?: string[];
  retentionDays?: number;
  progress?: (line: string) => void;
}

export interface LocalStack {
  state: StackState;
  init: InitReport[];
  resumed: boolean;
}

async function newState(options: LocalStackOptions, dir: string): Promise<StackState> {
  const progress = options.progress ?? (() => undefined);
  if (!PREFIX_PATTERN.test(options.prefix)) {
    throw new InputError(`--prefix ${options.prefix}: expected lower-case letters, digits and _ (starting with a letter, at most 40), e.g. gatehouse_local`);
  }
  const postgres = parsePostgresUrl(options.postgresUrl);
  const binaries = await ensureTemporalServer(progress);
  if (!binaries) throw new Error(`no Temporal server ${TEMPORAL_SERVER_VERSION} binary could be found or built (see above)`);
  const server = await ensureAuthzServer(progress);
  if (!server) throw new Error(`the Temporal server ${TEMPORAL_SERVER_VERSION} with the Gatehouse authorizer could not be built (see above)`);
  // Every port below 32768: the PostgreSQL schema stores membership ports as smallint, and a server whose
  // membership port is 32768 or above dies at start ("value … is out of range for type smallint").
  const reserveOtherThanGiven = async (): Promise<number> => {
    for (;;) {
      const port = await reservePort();
      if (port !== options.port) return port;
    }
  };
  const ports = {
    frontend: options.port && options.port > 0 ? options.port : await reserveOtherThanGiven(),
    frontendHttp: await reserveOtherThanGiven(),
    frontendMembership: await reserveOtherThanGiven(),
    history: await reserveOtherThanGiven(),
    historyMembership: await reserveOtherThanGiven(),
    matching: await reserveOtherThanGiven(),
    matchingMembership: await reserveOtherThanGiven(),
    worker: await reserveOtherThanGiven(),
    workerMembership: await reserveOtherThanGiven(),
  };
  mkdirSync(dir, { recursive: true });
  const certs = createStackCertificates(join(dir, 'tls'));
  return {
    version: 2,
    serverVersion: TEMPORAL_SERVER_VERSION,
    dir,
    prefix: options.prefix,
    postgres,
    databases: { temporal: `${options.prefix}_temporal`, visibility: `${options.prefix}_visibility` },
    schemaReady: false,
    ports,
    address: `127.0.0.1:${ports.frontend}`,
    binaries: { server, sql: binaries.sql },
    tls: { caFile: certs.ca.certFile, serverName: certs.serverName, clients: certs.clients },
    pid: null,
  };
}

/**
 * Brings the stack up: creates it the first time (databases, schema, certificates, configuration) or
 * resumes the one in `dir`, starts the server, and prepares the namespaces. Returns once it is healthy.
 */
export async function upLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const progress = options.progress ?? (() => undefined);
  const dir = resolve(options.dir);
  const existing = readStackState(dir);
  const state = existing ?? (await newState(options, dir));
  if (!existing) writeStackState(state);
  const module = findServerModuleFiles(progress);
  if (!module) throw new Error(`the schema and configuration template of go.temporal.io/server@${TEMPORAL_SERVER_VERSION} were not found (Go module cache or ${dir}); is Go installed?`);

  // The server's configuration: the module's docker template, rendered by the server itself from server.env.
  mkdirSync(join(dir, 'config', 'dynamicconfig'), { recursive: true });
  cpSync(module.configTemplate, join(dir, 'config', 'docker.yaml'));
  writeFileSync(join(dir, 'config', 'dynamicconfig', 'gatehouse.yaml'), DYNAMIC_CONFIG);
  const env = serverEnvironment(state);
  writeFileSync(
    join(dir, 'server.env'),
    Object.entries(env)
      .map(([k, v]) => `${k}=${k === 'POSTGRES_PWD' && v ? '<from stack.json>' : v}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );

  progress(`PostgreSQL ${state.postgres.host}:${state.postgres.port}: databases ${state.databases.temporal} and ${state.databases.visibility}`);
  prepareDatabases(state, module.postgresSchemaDir, progress);
  const resumed = serverRunning(state);
  if (!resumed) {
    progress(`starting the Temporal server ${TEMPORAL_SERVER_VERSION} on ${state.address} (mTLS; log ${join(dir, 'server.log')}) …`);
    await startServer(state);
  }
  const init: InitReport[] = [];
  const namespaces = options.namespaces ?? ['default'];
  if (namespaces.length > 0) {
    const connection = await connectChecked(stackConnection(state, 'default', 'admin'), 10_000);
    try {
      init.push(...(await Promise.all(namespaces.map((namespace) => initCluster(connection, { namespace, retentionDays: options.retentionDays ?? 3 })))));
    } finally {
      await connection.close();
    }
  }
  return { state, init, resumed };
}

/** Stops the server, drops both databases and removes the directory. Safe to call on a half-made stack. */
export async function downLocalStack(dir: string): Promise<{ dropped: string[]; problems: string[] }> {
  const state = readStackState(dir);
  if (!state) {
    rmSync(resolve(dir), { recursive: true, force: true });
    return { dropped: [], problems: [] };
  }
  await stopServer(state);
  const problems = dropDatabases(state);
  if (problems.length === 0) rmSync(state.dir, { recursive: true, force: true });
  return { dropped: problems.length === 0 ? [state.databases.temporal, state.databases.visibility] : [], problems };
}
