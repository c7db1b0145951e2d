/**
 * `gatehouse up` binds the gateway's and the model host's ports before it starts the Temporal dev
 * server, whose internal services take ports of their own choosing (a full test run once failed when one
 * of them took the gateway's port first). A port another process holds stops `up` at once, before any
 * Temporal server starts, naming the service, the port and the file that fixes the data dir's ports.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reservePorts } from '../../src/reserved-ports';
import { runCli } from '../helpers/cli';

function holdPort(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const upArgs = (dataDir: string, [temporalPort, gatewayPort, modelHostPort, gatewayAdminPort]: number[]) => [
  '--data-dir', dataDir, 'up', '--headless',
  '--port', String(temporalPort), '--gateway-port', String(gatewayPort), '--model-host-port', String(modelHostPort), '--gateway-admin-port', String(gatewayAdminPort),
];

test.each([
  ['gateway', 1, "the gateway's ports"],
  ['model host', 2, "the model host's port"],
  ['gateway admin', 3, "the gateway's ports"],
])('a %s port held by another process stops `up` before the Temporal server starts, naming the port', async (_which, index, named) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-up-ports-'));
  const ports = await reservePorts(4);
  const holder = await holdPort(ports[index]!);
  try {
    const result = await runCli(upArgs(dataDir, ports), { timeoutMs: 60_000 });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(named);
    expect(result.stderr).toContain(String(ports[index]));
    expect(result.stderr).toContain(join(dataDir, 'config', 'ports.json'));
    expect(result.stderr).not.toContain('starting the Temporal dev server');
    expect(result.stderr).not.toContain('Gatehouse is up');
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});
