/**
 * Ports picked now for a listener that binds later (a child process's, or a server started after other
 * work). A port from `listen(0)` is in the kernel's ephemeral range, where any process's `listen(0)` —
 * the Temporal dev server picks its internal services' ports that way — or outgoing connection can take
 * it between the pick and the bind: a full test run failed on exactly that (`gatehouse up`: listen
 * EADDRINUSE). So ports here come from below the ephemeral range (also below 32768, which the Temporal
 * PostgreSQL schema needs for membership ports: src/cluster/local-stack.ts), and each is claimed by a
 * lock file naming this process, so two processes on the machine never pick the same one. A lock is
 * released when its process exits; a lock left by a process that died is reclaimed.
 */
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PortRange {
  from: number;
  to: number;
}

/** Below Linux's default ephemeral range (32768-60999) and above the common services' ports. */
export const RESERVED_PORT_RANGE: PortRange = { from: 10_000, to: 32_767 };

/** A lock file still empty after this long was left by a process that died between create and write. */
const EMPTY_LOCK_STALE_MS = 60_000;

const heldLocks = new Set<string>();
let releaseOnExitInstalled = false;

export function portLockDir(): string {
  return join(tmpdir(), 'gatehouse-port-locks');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseHeldLocks(): void {
  for (const path of heldLocks) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
  heldLocks.clear();
}

/** Removes the lock if its owner is gone; never removes a live process's lock. */
function reclaimIfStale(path: string): void {
  try {
    const content = readFileSync(path, 'utf8').trim();
    const owner = Number(content);
    const stale = content === '' ? Date.now() - statSync(path).mtimeMs > EMPTY_LOCK_STALE_MS : Number.isInteger(owner) && owner > 0 && !processAlive(owner);
    if (stale) unlinkSync(path);
  } catch {
    // Gone meanwhile, or unreadable: leave it; another port will do.
  }
}

function tryLock(port: number): string | null {
  const path = join(portLockDir(), String(port));
  try {
    const fd = openSync(path, 'wx');
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    heldLocks.add(path);
    if (!releaseOnExitInstalled) {
      process.once('exit', releaseHeldLocks);
      releaseOnExitInstalled = true;
    }
    return path;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    reclaimIfStale(path);
    return null;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port in `range` that nothing listens on and no other live process has reserved; it stays reserved
 * for this process until it exits. Throws when none is found in `attempts` random picks.
 */
export async function reservePort(range: PortRange = RESERVED_PORT_RANGE, attempts = 200): Promise<number> {
  if (!(Number.isInteger(range.from) && Number.isInteger(range.to) && range.from > 0 && range.to <= 65_535 && range.from <= range.to)) {
    throw new Error(`reservePort: invalid port range ${range.from}-${range.to}`);
  }
  mkdirSync(portLockDir(), { recursive: true });
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = range.from + Math.floor(Math.random() * (range.to - range.from + 1));
    const lock = tryLock(port);
    if (lock === null) continue;
    if (await bindable(port)) return port;
    heldLocks.delete(lock);
    unlinkSync(lock);
  }
  throw new Error(`no free port found between ${range.from} and ${range.to} (locks in ${portLockDir()})`);
}

/** Several distinct reserved ports. */
export async function reservePorts(count: number, range: PortRange = RESERVED_PORT_RANGE): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < count; i++) ports.push(await reservePort(range));
  return ports;
}
