/**
 * Finds or builds the Temporal server and its SQL schema tool, the way cli-binary.ts does for the
 * Temporal CLI: `$TEMPORAL_SERVER_PATH` + `$TEMPORAL_SQL_TOOL_PATH`, then `temporal-server` +
 * `temporal-sql-tool` on PATH (the names in Temporal's images), then a cache folder
 * (`~/.cache/gatehouse/temporal-server-v1.29.1/{server,sql}`), and last `CGO_ENABLED=0 go install`
 * of `go.temporal.io/server/cmd/server` and `…/cmd/tools/sql` at the pinned version into that cache.
 *
 * The server reads its schema and its configuration template from the server's Go module
 * (`schema/postgresql/v12/…/versioned`, `config/docker.yaml`): they are copied next to the binaries
 * the first time they are found, so the cache stays usable when the Go module cache is cleaned.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors';
import { findGo, findOnPath, gatehouseCacheDir, isDir, isFile } from '../temporal/binary-lookup';

/** The server version the Temporal CLI v1.5.1 embeds (DESIGN §2), so both topologies run the same server. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const SERVER_MODULE = 'go.temporal.io/server';
const PACKAGES = [`${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`];

export type ServerSource = 'TEMPORAL_SERVER_PATH' | 'PATH' | 'cache' | 'go-install';

export interface LocatedServer {
  server: string;
  sql: string;
  source: ServerSource;
}

export function serverCacheDir(): string {
  return gatehouseCacheDir(`temporal-server-${TEMPORAL_SERVER_VERSION}`);
}


/** `temporal-server --version` prints `temporal version 1.29.1`; the bare number, or null. */
export function serverVersionOf(binary: string): string | null {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  const match = /(\d+\.\d+\.\d+)/.exec(`${out.stdout ?? ''}${out.stderr ?? ''}`);
  return match ? match[1]! : null;
}

/** The binaries when available, without building anything. */
export function findTemporalServer(progress: (line: string) => void = () => undefined): LocatedServer | null {
  const fromEnv = process.env.TEMPORAL_SERVER_PATH;
  if (fromEnv) {
    const sql = process.env.TEMPORAL_SQL_TOOL_PATH;
    if (!isFile(fromEnv)) throw new InputError(`TEMPORAL_SERVER_PATH=${fromEnv}: no such file (expected a Temporal server ${TEMPORAL_SERVER_VERSION} binary)`);
    if (!sql || !isFile(sql)) throw new InputError(`TEMPORAL_SQL_TOOL_PATH=${sql ?? ''}: no such file (expected the temporal-sql-tool of the same release, set together with TEMPORAL_SERVER_PATH)`);
    return { server: fromEnv, sql, source: 'TEMPORAL_SERVER_PATH' };
  }
  const server = findOnPath('temporal-server');
  const sql = findOnPath('temporal-sql-tool');
  if (server && sql) {
    const version = serverVersionOf(server);
    if (version && `v${version}` === TEMPORAL_SERVER_VERSION) return { server, sql, source: 'PATH' };
    progress(`ignoring ${server}: version ${version ?? 'unknown'}, Gatehouse pins ${TEMPORAL_SERVER_VERSION} (its schema and config template)`);
  }
  const cache = serverCacheDir();
  if (isFile(join(cache, 'server')) && isFile(join(cache, 'sql'))) return { server: join(cache, 'server'), sql: join(cache, 'sql'), source: 'cache' };
  return null;
}

/**
 * Builds both binaries with one `go install` into a temporary GOBIN and renames them into the cache,
 * so an interrupted build never leaves a half-written binary behind. Prints progress every 15 s.
 */
export async function buildTemporalServer(progress: (line: string) => void): Promise<LocatedServer | null> {
  const go = findGo();
  if (!go) {
    progress('no Go toolchain found: cannot build the Temporal server from source (install Go, or set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH)');
    return null;
  }
  const cache = serverCacheDir();
  mkdirSync(cache, { recursive: true });
  const tmpBin = mkdtempSync(join(cache, 'build-'));
  progress(`building the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool with \`go install\` into ${cache}`);
  progress('this happens once per machine and takes several minutes (about 3-5 min on 2 cores once the Temporal CLI is built)');
  const started = Date.now();
  const child = spawn(go, ['install', ...PACKAGES], { env: { ...process.env, CGO_ENABLED: '0', GOBIN: tmpBin }, stdio: ['ignore', 'pipe', 'pipe'] });
  let downloads = 0;
  let lastOutput = '';
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.startsWith('go: downloading')) downloads += 1;
      else if (line.trim()) lastOutput = line;
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const ticker = setInterval(() => progress(`  … still building (${Math.round((Date.now() - started) / 1000)}s elapsed, ${downloads} modules downloaded)`), 15_000);
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(ticker);
  if (code !== 0 || !isFile(join(tmpBin, 'server')) || !isFile(join(tmpBin, 'sql'))) {
    rmSync(tmpBin, { recursive: true, force: true });
    progress(`go install failed (exit ${code}): ${lastOutput}`);
    return null;
  }
  renameSync(join(tmpBin, 'server'), join(cache, 'server'));
  renameSync(join(tmpBin, 'sql'), join(cache, 'sql'));
  rmSync(tmpBin, { recursive: true, force: true });
  progress(`built the Temporal server in ${Math.round((Date.now() - started) / 1000)}s: ${cache}`);
  return { server: join(cache, 'server'), sql: join(cache, 'sql'), source: 'go-install' };
}

export async function ensureTemporalServer(progress: (line: string) => void): Promise<LocatedServer | null> {
  return findTemporalServer(progress) ?? (await buildTemporalServer(progress));
}

/** What the stack needs from the server's Go module. */
export interface ServerModuleFiles {
  /** `…/schema/postgresql/v12` (holds `temporal/versioned` and `visibility/versioned`). */
  postgresSchemaDir: string;
  /** The server's own docker configuration template (`config/docker.yaml`, `# enable-template`). */
  configTemplate: string;
  source: string;
}

function moduleFilesIn(dir: string): ServerModuleFiles | null {
  const postgresSchemaDir = join(dir, 'schema', 'postgresql', 'v12');
  const configTemplate = join(dir, 'config', 'docker.yaml');
  if (isDir(join(postgresSchemaDir, 'temporal', 'versioned')) && isDir(join(postgresSchemaDir, 'visibility', 'versioned')) && isFile(configTemplate)) {
    return { postgresSchemaDir, configTemplate, source: dir };
  }
  return null;
}

function goModuleDir(go: string | null, download: boolean): string | null {
  if (!go) return null;
  const modCache = spawnSync(go, ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout?.trim();
  const inCache = modCache ? join(modCache, `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`) : null;
  if (inCache && isDir(inCache)) return inCache;
  if (!download) return null;
  const out = spawnSync(go, ['mod', 'download', '-json', `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
  try {
    const dir = (JSON.parse(out.stdout) as { Dir?: string }).Dir;
    return dir && isDir(dir) ? dir : null;
  } catch {
    return null;
  }
}

/**
 * The schema and the config template of the pinned server: the cache's copy, else the Go module cache
 * (downloaded when missing), copied into the cache for next time. Null when neither can be had.
 */
export function findServerModuleFiles(progress: (line: string) => void = () => undefined): ServerModuleFiles | null {
  const cached = join(serverCacheDir(), 'module');
  const fromCache = moduleFilesIn(cached);
  if (fromCache) return fromCache;
  const dir = goModuleDir(findGo(), true);
  const fromModule = dir ? moduleFilesIn(dir) : null;
  if (!fromModule || !dir) return null;
  try {
    const staging = `${cached}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(join(dir, 'schema', 'postgresql', 'v12'), join(staging, 'schema', 'postgresql', 'v12'), { recursive: true });
    cpSync(join(dir, 'config', 'docker.yaml'), join(staging, 'config', 'docker.yaml'));
    cpSync(join(dir, 'config', 'dynamicconfig'), join(staging, 'config', 'dynamicconfig'), { recursive: true });
    if (!existsSync(cached)) renameSync(staging, cached);
    else rmSync(staging, { recursive: true, force: true });
    progress(`copied the server's schema and config template from ${dir} into ${cached}`);
    return moduleFilesIn(cached) ?? fromModule;
  } catch {
    return fromModule;
  }
}
