/**
 * The embedded Temporal server: the Temporal CLI's dev server (SQLite file under the data dir, Web UI
 * on its own port, Gatehouse's search attributes registered at start). When no binary can be found
 * or built, the SDK downloads one (needs internet).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { allSearchAttributes } from './search-attributes';
import { ensureTemporalCli, LocatedCli } from './cli-binary';
import { reservePort } from '../reserved-ports';

export interface DevServerOptions {
  dataDir: string;
  /** gRPC port; 0 picks a free one. */
  port?: number;
  /** Web UI port; defaults to port + 1000; `headless` disables the UI. */
  uiPort?: number;
  headless?: boolean;
  /** Namespaces created at launch besides "default", each with Gatehouse's search attributes (e.g. one per jest worker). */
  namespaces?: readonly string[];
  progress?: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string | null;
  dbFile: string;
  source: string;
  stop(): Promise<void>;
}

/** The server process ended before its health check answered: most often a port another process took first. */
export class ServerExitedEarly extends Error {}

/** Polls the frontend's health check until it answers SERVING, or throws after `timeoutMs`. */
export async function waitForTemporal(address: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new ServerExitedEarly(`the Temporal server process exited before it became healthy${lastError ? ` (${lastError})` : ''}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = (err as Error).message;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`the Temporal server at ${address} did not become healthy within ${timeoutMs / 1000}s: ${lastError}`);
}

function startFromBinary(cli: LocatedCli, options: Required<Pick<DevServerOptions, 'dataDir'>> & DevServerOptions, port: number, uiPort: number): Promise<RunningDevServer> {
  const dbFile = join(options.dataDir, 'temporal.sqlite');
  const args = ['server', 'start-dev', '--db-filename', dbFile, '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn', '--log-format', 'json'];
  if (options.headless) args.push('--headless');
  else args.push('--ui-port', String(uiPort), '--ui-ip', '127.0.0.1');
  for (const key of allSearchAttributes) args.push('--search-attribute', `${key.name}=Keyword`);
  for (const namespace of options.namespaces ?? []) args.push('--namespace', namespace);
  const logFd = openSync(join(options.dataDir, 'temporal-server.log'), 'a');
  // Its own process group, so stopping it never leaves a stray server behind.
  const child: ChildProcess = spawn(cli.path, args, { stdio: ['ignore', logFd, logFd], detached: true });
  closeSync(logFd);
  let alive = true;
  child.on('exit', () => {
    alive = false;
  });
  const address = `127.0.0.1:${port}`;
  const stop = async () => {
    if (!alive) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return waitForTemporal(address, 60_000, () => alive).then(
    () => ({ address, uiUrl: options.headless ? null : `http://127.0.0.1:${uiPort}`, dbFile, source: `${cli.source}: ${cli.path}`, stop }),
    async (err) => {
      await stop();
      const message = `${(err as Error).message}; see ${join(options.dataDir, 'temporal-server.log')}`;
      throw err instanceof ServerExitedEarly ? new ServerExitedEarly(message) : new Error(message);
    },
  );
}

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const progress = options.progress ?? (() => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const cli = await ensureTemporalCli(progress);
  // Ports given are used as given (the UI on port + 1000 by default, as in docker-compose). Ports this
  // function picks are reserved (src/reserved-ports.ts). A server that exits at start is started again
  // (three tries): a given port can be taken by another process before the server binds it, and the
  // ports the server picks for its internal services can collide with another process's; picked ports
  // are picked afresh.
  const picked = !(options.port && options.port > 0);
  const choosePorts = async (): Promise<{ port: number; uiPort: number }> => {
    const port = picked ? await reservePort() : options.port!;
    if (options.uiPort !== undefined || !picked) return { port, uiPort: options.uiPort ?? port + 1000 };
    return { port, uiPort: await reservePort() };
  };
  if (cli) {
    for (let attempt = 1; ; attempt++) {
      const { port, uiPort } = await choosePorts();
      try {
        return await startFromBinary(cli, { ...options, dataDir: options.dataDir }, port, uiPort);
      } catch (err) {
        if (attempt >= 3 || !(err instanceof ServerExitedEarly)) throw err;
        progress(`the Temporal server exited at start on port ${port} (${err.message}); starting it again`);
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }
  const { port, uiPort } = await choosePorts();

  progress('falling back to the Temporal SDK download of the dev server (needs internet)');
  const dbFile = join(options.dataDir, 'temporal.sqlite');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      dbFilename: dbFile,
      ip: '127.0.0.1',
      port,
      ui: !options.headless,
      uiPort: options.headless ? undefined : uiPort,
      searchAttributes: [...allSearchAttributes],
      extraArgs: (options.namespaces ?? []).flatMap((namespace) => ['--namespace', namespace]),
    },
  });
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: options.headless ? null : `http://127.0.0.1:${uiPort}`,
    dbFile,
    source: 'sdk-download',
    stop: () => env.teardown(),
  };
}
