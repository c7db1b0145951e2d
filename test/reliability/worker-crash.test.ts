/**
 * DESIGN §1.5 and §7: a worker killed (SIGKILL) in the middle of a run loses nothing.
 * The worker process is killed while the safety evaluation is halfway; another worker resumes the
 * evaluation from its last checkpoint (the model calls show at most one checkpoint interval was
 * repeated) and reaches the same verdict. The run is then held at promotion (gateway down), the
 * gateway comes back, and the model is promoted exactly once.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import { startDeployment } from '../../src/cli/deploy';
import { loadDeploymentRequest } from '../../src/request';
import type { PipelineStatus } from '../../src/pipeline-types';
import { BIN, cleanEnv } from '../helpers/cli';
import { writeFlowPolicy } from '../helpers/flow-policy';
import { createWorld, temporalAddress, temporalNamespace, World } from '../helpers/world';
import { fetchGatewayAdmin } from '../../src/serving/admin-client';

let world: World;
const children: ChildProcess[] = [];
const CHECKPOINT_EVERY = 20;

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, [BIN, '--address', temporalAddress(), '--namespace', temporalNamespace(), 'worker'], {
    env: cleanEnv({ GATEHOUSE_WORKER_CONFIG: world.trust.workerConfigPath, GATEHOUSE_LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

beforeAll(async () => {
  world = await createWorld({ countModelCalls: true });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await world?.close();
});

test('a worker killed mid-evaluation is replaced: the evaluation resumes from its checkpoint and the model is promoted once', async () => {
  const scenarios = await prepareDemoWorkspace({
    dir: join(world.dir, 'workspace'),
    trust: world.trust,
    weightsBytes: 1 << 20,
    safetyScenarios: false,
    heartbeatTimeoutSeconds: 3,
    evaluation: { concurrency: 1, checkpointEvery: CHECKPOINT_EVERY, requestTimeoutSeconds: 10 },
    // 30 ms a call: the ~300 calls last about 9 s, so a heartbeat past item 100 reaches the server well before the
    // evaluation ends (heartbeats are throttled to about 2.4 s at a 3 s timeout). At 3 ms, on a fast machine (or with
    // faster judges) the rest of the evaluation could end between two heartbeats, and the kill never lands mid-run.
    modelLatencyMs: 30,
  });
  const requestPath = scenarios.find((s) => s.expectBlockedBy === null)!.requestPath;
  // A flow safety section (helpers/flow-policy.ts): this suite is about a crash mid-evaluation, not
  // about safety; its one call at a time walked ~1,100 items where ~300 (50 a category) still leave
  // the kill, after 100 items, mid-suite.
  const { policyPath } = loadDeploymentRequest(requestPath);
  writeFlowPolicy(policyPath, policyPath, world.trust.ownerKeyPaths, { safetyItemsPerCategory: 50 });
  const request = loadDeploymentRequest(requestPath);

  const first = startWorkerProcess();
  const handle = await startDeployment(world.client, world.signed(request));
  const progressOf = async () => {
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    const safety = pending.find((a) => a.activityType?.name === 'runSafetyGate');
    const payload = safety?.heartbeatDetails?.payloads?.[0]?.data;
    return payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as { done: number; total: number }) : undefined;
  };
  const halfway = await waitFor('the safety evaluation to be under way', async () => {
    const progress = await progressOf();
    return progress && progress.done >= 100 ? progress : undefined;
  });
  await world.stopGateway();
  expect(await kill(first, 'SIGKILL')).toBeNull();
  const callsBeforeCrash = world.modelCalls();
  // What the run kept of the killed attempt: its last heartbeat that reached the server, which carries
  // the checkpoint pins (a retry resumes only the prefix they vouch for: activities/checkpoint-heartbeat.ts).
  // Heartbeats are throttled, so that can be behind the last checkpoint the killed worker wrote.
  const lastBeat = (await progressOf())!;
  expect(lastBeat.done).toBeGreaterThanOrEqual(halfway.done);

  const second = startWorkerProcess();
  await waitFor('the run to reach promotion with the gateway down', async () => {
    const status = await handle.query<PipelineStatus>('status');
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    return status.stage === 'promote' && pending.some((a) => a.activityType?.name === 'promote' && (a.attempt ?? 0) >= 2) ? true : undefined;
  });
  await world.restartGateway();
  const status = (await handle.result()) as PipelineStatus;

  expect(status.outcome).toBe('deployed');
  expect(status.gates.map((g) => [g.gate, g.verdict])).toEqual([
    ['policy', 'pass'],
    ['integrity', 'pass'],
    ['provenance', 'pass'],
    ['safety', 'pass'],
  ]);
  // Every suite item was asked once, plus at most what the killed worker asked after the last pinned
  // checkpoint the server holds (and one checkpoint interval): a resume from nothing would ask again
  // everything it had done (at least 100 items).
  expect(callsBeforeCrash).toBeGreaterThanOrEqual(lastBeat.done);
  expect(world.modelCalls()).toBeGreaterThanOrEqual(halfway.total);
  expect(world.modelCalls()).toBeLessThanOrEqual(halfway.total + (callsBeforeCrash - lastBeat.done) + CHECKPOINT_EVERY + 1);

  const promotions = (await (await fetchGatewayAdmin(world.workerConfig, '/admin/v1/promotions')).json()) as { promotions: unknown[] };
  expect(promotions.promotions.filter((p) => JSON.stringify(p).includes('support-assistant'))).toHaveLength(1);

  // SIGTERM drains and exits cleanly.
  expect(await kill(second, 'SIGTERM')).toBe(0);
});
