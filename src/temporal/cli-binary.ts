/**
 * Finds or builds the Temporal CLI (which embeds the real Temporal dev server and Web UI).
 * Order: $TEMPORAL_CLI_PATH, `temporal` on PATH, a cached build in the user's cache directory,
 * `go install …@v1.5.1` into that cache (minutes, once per machine), and last `null`, which tells
 * the caller to fall back to the SDK's own download (for users with internet but no Go toolchain).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors';
import { findGo, findOnPath, gatehouseCacheDir, isFile } from './binary-lookup';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export type CliSource = 'TEMPORAL_CLI_PATH' | 'PATH' | 'cache' | 'go-install';
export interface LocatedCli {
  path: string;
  source: CliSource;
}

export function cacheDir(): string {
  return gatehouseCacheDir(`temporal-cli-${TEMPORAL_CLI_VERSION}`);
}

export function cachedCliPath(): string {
  return join(cacheDir(), 'temporal');
}


/** The binary if one is already available, without building anything. */
export function findTemporalCli(): LocatedCli | null {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isFile(fromEnv)) throw new InputError(`TEMPORAL_CLI_PATH=${fromEnv}: no such file (expected the path of a Temporal CLI binary)`);
    return { path: fromEnv, source: 'TEMPORAL_CLI_PATH' };
  }
  const onPath = findOnPath('temporal');
  if (onPath) return { path: onPath, source: 'PATH' };
  if (isFile(cachedCliPath())) return { path: cachedCliPath(), source: 'cache' };
  return null;
}

export interface BuildProgress {
  (line: string): void;
}

/**
 * Builds the CLI with `go install` into the cache. The build goes to a temporary GOBIN first and is
 * renamed into place, so an interrupted build never leaves a half-written binary behind.
 */
export async function buildTemporalCli(progress: BuildProgress): Promise<LocatedCli | null> {
  const go = findGo();
  if (!go) {
    progress('no Go toolchain found: cannot build the Temporal CLI from source');
    return null;
  }
  mkdirSync(cacheDir(), { recursive: true });
  const tmpBin = mkdtempSync(join(cacheDir(), 'build-'));
  progress(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} with \`go install\` into ${cacheDir()}`);
  progress('this happens once per machine and takes several minutes (about 3-6 min and 1.8 GB of memory on 2 cores)');
  const started = Date.now();
  const child = spawn(go, ['install', GO_PACKAGE], {
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: tmpBin },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  const ticker = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    progress(`  … still building (${seconds}s elapsed, ${downloads} modules downloaded)`);
  }, 15_000);
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(ticker);
  const built = join(tmpBin, 'temporal');
  if (code !== 0 || !isFile(built)) {
    rmSync(tmpBin, { recursive: true, force: true });
    progress(`go install failed (exit ${code}): ${lastOutput}`);
    return null;
  }
  renameSync(built, cachedCliPath());
  rmSync(tmpBin, { recursive: true, force: true });
  progress(`built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)}s: ${cachedCliPath()}`);
  return { path: cachedCliPath(), source: 'go-install' };
}

/** Finds the CLI, building it when none is found; null means "use the SDK's download". */
export async function ensureTemporalCli(progress: BuildProgress): Promise<LocatedCli | null> {
  return findTemporalCli() ?? (await buildTemporalCli(progress));
}

export function temporalCliVersion(path: string): string {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return (out.stdout || out.stderr || '').trim();
}
