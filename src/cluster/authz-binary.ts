/**
 * The Temporal server the local stack runs: v1.29.1 with Gatehouse's authorizer and claim mapper
 * (deploy/temporal-authz, a copy of the server's own `cmd/server` main plus authz.go). Temporal's
 * default authorizer cannot tell a worker from a deployer (polling is a write), so the stack runs
 * this build instead of the stock binary; the stock SQL tool (server-binary.ts) still applies the schema.
 *
 * Built once with `go build` (no -trimpath: same flags as the stock `go install`, so its compiled
 * packages are reused) against the module cache the stock server's `go install` fills (same
 * module versions, so the compiled packages are shared), into
 * `~/.cache/gatehouse/temporal-server-v1.29.1/authz-<digest of the Go sources>/server`: a changed
 * authorizer is a new folder, never a stale binary.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths';
import { findGo, isFile } from '../temporal/binary-lookup';
import { serverCacheDir } from './server-binary';

export function authzSourceDir(): string {
  return join(projectRoot(), 'deploy', 'temporal-authz');
}

/** sha256 over go.mod, go.sum and the non-test .go files, by name: what the binary is built from. */
export function authzSourceDigest(dir = authzSourceDir()): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir)
    .filter((name) => name === 'go.mod' || name === 'go.sum' || (name.endsWith('.go') && !name.endsWith('_test.go')))
    .sort();
  for (const name of files) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(dir, name)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function authzBinaryPath(dir = authzSourceDir()): string {
  return join(serverCacheDir(), `authz-${authzSourceDigest(dir).slice(0, 16)}`, 'server');
}

export function findAuthzServer(): string | null {
  const path = authzBinaryPath();
  return isFile(path) ? path : null;
}

/** `go build` into a temporary folder, renamed into place, so an interrupted build leaves nothing half-written. */
export async function buildAuthzServer(progress: (line: string) => void): Promise<string | null> {
  const go = findGo();
  if (!go) {
    progress('no Go toolchain found: cannot build the Temporal server with the Gatehouse authorizer (install Go)');
    return null;
  }
  const source = authzSourceDir();
  const target = authzBinaryPath(source);
  const folder = join(target, '..');
  mkdirSync(folder, { recursive: true });
  const tmp = mkdtempSync(join(folder, 'build-'));
  progress(`building the Temporal server with the Gatehouse authorizer (${source}) into ${target}`);
  const started = Date.now();
  const child = spawn(go, ['build', '-o', join(tmp, 'server'), '.'], {
    cwd: source,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const ticker = setInterval(() => progress(`  … still building (${Math.round((Date.now() - started) / 1000)}s elapsed)`), 15_000);
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  clearInterval(ticker);
  if (code !== 0 || !isFile(join(tmp, 'server'))) {
    rmSync(tmp, { recursive: true, force: true });
    progress(`go build failed (exit ${code}): ${output.trim().split('\n').slice(-5).join(' | ')}`);
    return null;
  }
  renameSync(join(tmp, 'server'), target);
  rmSync(tmp, { recursive: true, force: true });
  progress(`built the Temporal server with the Gatehouse authorizer in ${Math.round((Date.now() - started) / 1000)}s: ${target}`);
  return target;
}

export async function ensureAuthzServer(progress: (line: string) => void): Promise<string | null> {
  return findAuthzServer() ?? (await buildAuthzServer(progress));
}
