/**
 * `startDevServer` starts the server again when it exits at start: a port taken between the pick and the
 * bind (by another process on a busy machine) made `gatehouse up` fail in a full test run. Here the gRPC
 * port is held by another listener, which lets go of it when the first retry is announced.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerExitedEarly, startDevServer } from '../../src/temporal/dev-server';
import { reservePort } from '../../src/reserved-ports';

interface HeldPort {
  server: Server;
  sockets: Set<Socket>;
}

function holdPort(port: number): Promise<HeldPort> {
  return new Promise((resolve, reject) => {
    // The health checks connect to whatever listens on the port: their sockets are closed on release.
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, sockets }));
  });
}

function release(held: HeldPort): Promise<void> {
  const closed = new Promise<void>((resolve) => held.server.close(() => resolve()));
  for (const socket of held.sockets) socket.destroy();
  return closed;
}

test('a server that exits at start because its port is taken is started again, and comes up once the port is free', async () => {
  const port = await reservePort();
  const holder = await holdPort(port);
  const lines: string[] = [];
  let released: Promise<void> | null = null;
  const server = await startDevServer({
    dataDir: mkdtempSync(join(tmpdir(), 'gatehouse-dev-server-')),
    port,
    headless: true,
    progress: (line) => {
      lines.push(line);
      if (line.includes('starting it again')) released ??= release(holder);
    },
  });
  try {
    expect(server.address).toBe(`127.0.0.1:${port}`);
    expect(lines.filter((l) => l.includes('starting it again'))).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`exited at start on port ${port}`));
  } finally {
    await server.stop();
    await released;
  }
});

test('a port held for good fails after three tries, saying the server exited and where its log is', async () => {
  const port = await reservePort();
  const holder = await holdPort(port);
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-dev-server-'));
  const lines: string[] = [];
  try {
    const started = startDevServer({ dataDir, port, headless: true, progress: (line) => lines.push(line) });
    await expect(started).rejects.toThrow(ServerExitedEarly);
    await expect(started).rejects.toThrow(join(dataDir, 'temporal-server.log'));
    expect(lines.filter((l) => l.includes('starting it again'))).toHaveLength(2);
  } finally {
    await release(holder);
  }
});
