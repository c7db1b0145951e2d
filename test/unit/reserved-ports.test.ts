/**
 * Ports reserved for listeners that bind later (src/reserved-ports.ts): below the ephemeral range, never
 * handed to two live processes, never one something listens on, and a dead process's claim reclaimed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { portLockDir, reservePort, reservePorts, RESERVED_PORT_RANGE } from '../../src/reserved-ports';

const lockOf = (port: number) => join(portLockDir(), String(port));

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

test('reserved ports are distinct, below the kernel ephemeral range, and each locked under this process id', async () => {
  const ports = await reservePorts(30);
  expect(new Set(ports).size).toBe(30);
  for (const port of ports) {
    expect(port).toBeGreaterThanOrEqual(RESERVED_PORT_RANGE.from);
    expect(port).toBeLessThan(32_768);
    expect(readFileSync(lockOf(port), 'utf8')).toBe(String(process.pid));
  }
});

test('processes reserving at once from a narrow range never get the same port', async () => {
  // A range of 120 ports and 4 × 12 reservations: with the bind probe alone, two processes would share a
  // port in almost every run. Each child holds its ports until every child has printed its own.
  const from = RESERVED_PORT_RANGE.from + Math.floor(Math.random() * (RESERVED_PORT_RANGE.to - RESERVED_PORT_RANGE.from - 200));
  const script = `
    const { reservePorts } = require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'reserved-ports.ts'))});
    reservePorts(12, { from: ${from}, to: ${from + 119} }).then((ports) => {
      process.stdout.write(JSON.stringify(ports) + '\\n');
      process.stdin.resume();
      process.stdin.on('end', () => process.exit(0));
    });`;
  const children = Array.from({ length: 4 }, () => spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const printed = await Promise.all(
    children.map(
      (child) =>
        new Promise<number[]>((resolve, reject) => {
          let out = '';
          child.stdout!.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('\n')) resolve(JSON.parse(out) as number[]);
          });
          child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing its ports`)));
        }),
    ),
  );
  const exited = children.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children) child.stdin!.end();
  await Promise.all(exited);
  const all = printed.flat();
  expect(all).toHaveLength(48);
  expect(new Set(all).size).toBe(48);
  // Released when their processes exit.
  for (const port of all) expect(existsSync(lockOf(port))).toBe(false);
});

test('a port something listens on is not handed out, and its lock is let go', async () => {
  const port = await reservePort();
  const server = await listenOn(port);
  unlinkSync(lockOf(port));
  try {
    await expect(reservePort({ from: port, to: port }, 3)).rejects.toThrow(`no free port found between ${port} and ${port}`);
    expect(existsSync(lockOf(port))).toBe(false);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a port another live process has reserved is not handed out', async () => {
  const port = await reservePort();
  writeFileSync(lockOf(port), String(process.ppid));
  await expect(reservePort({ from: port, to: port }, 3)).rejects.toThrow('no free port found');
  expect(readFileSync(lockOf(port), 'utf8')).toBe(String(process.ppid));
  unlinkSync(lockOf(port));
});

test('a reservation left by a process that died is reclaimed', async () => {
  const port = await reservePort();
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
  writeFileSync(lockOf(port), String(deadPid));
  await expect(reservePort({ from: port, to: port }, 3)).resolves.toBe(port);
  expect(readFileSync(lockOf(port), 'utf8')).toBe(String(process.pid));
});

test('an invalid range is refused before any port is tried', async () => {
  await expect(reservePort({ from: 30_000, to: 20_000 })).rejects.toThrow('invalid port range 30000-20000');
});
