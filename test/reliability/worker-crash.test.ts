/**
 * DESIGN §1.5 and §7: a worker killed (SIGKILL) in the middle of a run loses nothing. The run is held
 * at promotion (the gateway is down, so the promote activity keeps retrying), the worker is killed,
 * the gateway comes back, another worker process starts, and the run completes with one promotion.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import { startDeployment } from '../../src/cli/deploy';
import { loadDeploymentRequest } from '../../src/request';
import type { PipelineStatus } from '../../src/pipeline-types';
import { BIN, cleanEnv } from '../helpers/cli';
import { createWorld, temporalAddress, World } from '../helpers/world';

let world: World;
const children: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, [BIN, '--address', temporalAddress(), 'worker'], {
    env: cleanEnv({ GATEHOUSE_WORKER_CONFIG: world.trust.workerConfigPath, GATEHOUSE_LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  world = await createWorld();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await world?.close();
});

test('a worker killed mid-run is replaced and the run completes with one promotion, not two', async () => {
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 1 << 20 });
  const request = loadDeploymentRequest(scenarios.find((s) => s.expectBlockedBy === null)!.requestPath);
  await world.stopGateway();

  const first = startWorkerProcess();
  const handle = await startDeployment(world.client, request);
  await waitFor('the run to reach promotion', async () => {
    const status = await handle.query<PipelineStatus>('status');
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    return status.stage === 'promote' && pending.some((a) => a.activityType?.name === 'promote' && (a.attempt ?? 0) >= 2) ? true : undefined;
  });
  const firstExit = new Promise((resolve) => first.once('exit', resolve));
  first.kill('SIGKILL');
  await firstExit;

  await world.restartGateway();
  const second = startWorkerProcess();
  const status = (await handle.result()) as PipelineStatus;
  expect(status.outcome).toBe('deployed');
  expect(status.gates.map((g) => g.verdict)).toEqual(['pass', 'pass', 'pass']);

  const promotions = (await (await fetch(`${world.gatewayUrl}/admin/v1/promotions`)).json()) as { promotions: Array<{ model: string }> };
  expect(promotions.promotions.filter((p) => JSON.stringify(p).includes('support-assistant'))).toHaveLength(1);

  // SIGTERM drains and exits cleanly.
  const secondExit = new Promise<number | null>((resolve) => second.once('exit', (code) => resolve(code)));
  second.kill('SIGTERM');
  expect(await secondExit).toBe(0);
});
