/**
 * DESIGN §5.7 and §6 (issue 17 item 5): every canary weight is on a lease signed with it. A canary
 * whose workflow was terminated or lost (nobody renews, nobody rolls back: no pipeline, no worker
 * here at all) is back at weight 0 within one lease, by the gateway alone: users are on stable, the
 * state file says so, and a log line and a metric record it. Nobody without the pipeline key can
 * extend a lease, and a canary weight without one is refused.
 */
import pino from 'pino';
import { GatewayHandle } from '../../src/serving/gateway';
import { adminCall, attestationPredicate, call, chatBody, pipelineKey, startGateway, TempDirs } from '../unit/serving/fixtures';
import { answer, JudgedRequestIds, ScriptedBackend, sleep, startScriptedBackend, TEST_TRAFFIC_SECRET } from '../unit/serving/scripted-backend';

const temp = new TempDirs();
const pipeline = pipelineKey();
const backends: ScriptedBackend[] = [];
const gateways: GatewayHandle[] = [];
const MODEL = 'assistant';
const LEASE_MS = 60_000;

afterAll(async () => {
  for (const gateway of gateways) await gateway.close().catch(() => undefined);
  for (const backend of backends) await backend.close();
  await temp.removeAll();
});

interface Route {
  slot: string;
  version: string;
  weight: number;
  leaseExpiresAt?: string;
  leaseExpiredAt?: string;
}

/** The gateway's clock: real time shifted by `offsetMs` (the tests move it past a lease). */
interface Clock {
  offsetMs: number;
}

async function startWorld(dataDir?: string, clock: Clock = { offsetMs: 0 }, existing?: { stable: ScriptedBackend; canary: ScriptedBackend }) {
  const stable = existing?.stable ?? (await startScriptedBackend((req, res) => answer(res, req, 'stable answers.')));
  const canary = existing?.canary ?? (await startScriptedBackend((req, res) => answer(res, req, 'canary answers.')));
  if (!existing) backends.push(stable, canary);
  const ids = new JudgedRequestIds(50);
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const dir = dataDir ?? (await temp.make());
  const gateway = await startGateway(dir, [pipeline.publicKeyPem], { leaseCheckMs: 50 }, { logger, now: () => new Date(Date.now() + clock.offsetMs), requestIds: ids.next, trafficSecret: TEST_TRAFFIC_SECRET });
  gateways.push(gateway);
  const url = await gateway.listen();
  const routes = async () => (await adminCall(gateway, 'GET', '/admin/v1/routes')).json<{ routes: Route[] }>().routes;
  const slotOfNext = async (slot: 'stable' | 'canary') => {
    ids.plan(slot);
    const response = await call(url, 'POST', '/v1/chat/completions', chatBody(MODEL, 'hi'));
    expect(response.statusCode).toBe(200);
    return response.headers['x-gatehouse-slot'];
  };
  return { gateway, url, dir, clock, stable, canary, routes, slotOfNext, lines };
}

function targetOf(backend: ScriptedBackend, version: string) {
  return { model: MODEL, version, rootDigest: backend.rootDigest, backendUrl: backend.url };
}

async function admit(gateway: GatewayHandle, predicate: ReturnType<typeof attestationPredicate>) {
  return adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(predicate) });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(25);
  }
  throw new Error('the gateway never got there');
}

test('a canary nobody renews (its workflow terminated) is back at weight 0 within one lease: users on stable, state, log line and metric', async () => {
  const world = await startWorld();
  const leaseEnd = new Date(Date.now() + LEASE_MS).toISOString();
  expect((await admit(world.gateway, attestationPredicate(targetOf(world.stable, '1.0.0'), { slot: 'stable', weight: 100 }))).statusCode).toBe(200);
  const canaryAttestation = attestationPredicate(targetOf(world.canary, '2.0.0'), { slot: 'canary', weight: 50, leaseExpiresAt: leaseEnd });
  expect((await admit(world.gateway, canaryAttestation)).statusCode).toBe(200);
  expect(await world.slotOfNext('canary')).toBe('canary');
  expect((await world.routes()).find((r) => r.slot === 'canary')).toMatchObject({ weight: 50, leaseExpiresAt: leaseEnd });

  // The canary workflow is gone: no renewal comes. Time passes beyond the lease.
  world.clock.offsetMs = LEASE_MS + 1000;
  // Every request is on stable at once, even one whose hash would have gone to the canary.
  expect(await world.slotOfNext('canary')).toBe('stable');
  const canary = await until(world.routes, (routes) => routes.find((r) => r.slot === 'canary')?.weight === 0);
  expect(canary.find((r) => r.slot === 'canary')).toMatchObject({ version: '2.0.0', weight: 0, leaseExpiresAt: leaseEnd });
  expect(canary.find((r) => r.slot === 'canary')?.leaseExpiredAt).toBeDefined();
  const lapsedLine = world.lines.find((line) => line.msg === 'canary lease lapsed unrenewed: weight back to 0, every request of the model goes to stable');
  expect(lapsedLine).toMatchObject({ model: MODEL, workflowId: canaryAttestation.workflowId, weight: 50 });
  const metrics = await call(world.url, 'GET', '/metrics');
  expect(metrics.payload).toMatch(/gatehouse_gateway_canary_leases_lapsed_total\{model="assistant"\} 1/);
  for (let i = 0; i < 10; i++) expect(await world.slotOfNext('canary')).toBe('stable');

  // The stale attestation cannot bring the canary back, and a lease already past is refused.
  const replayed = await admit(world.gateway, { ...canaryAttestation });
  expect(replayed.json<{ route: Route }>().route.weight).toBe(0);
  const stale = await admit(world.gateway, attestationPredicate(targetOf(world.canary, '2.0.0'), { slot: 'canary', weight: 50, leaseExpiresAt: leaseEnd }));
  expect(stale.statusCode).toBe(403);
  expect(stale.error()).toMatchObject({ type: 'attestation_refused', reason: 'missing_lease' });
});

test('a gateway restarted after the lease ended serves no canary traffic from its saved state', async () => {
  const first = await startWorld();
  expect((await admit(first.gateway, attestationPredicate(targetOf(first.stable, '1.0.0'), { slot: 'stable', weight: 100 }))).statusCode).toBe(200);
  const leaseEnd = new Date(Date.now() + LEASE_MS).toISOString();
  expect((await admit(first.gateway, attestationPredicate(targetOf(first.canary, '2.0.0'), { slot: 'canary', weight: 50, leaseExpiresAt: leaseEnd }))).statusCode).toBe(200);
  await first.gateway.close();

  const restarted = await startWorld(first.dir, { offsetMs: LEASE_MS + 1000 }, { stable: first.stable, canary: first.canary });
  for (let i = 0; i < 10; i++) expect(await restarted.slotOfNext('canary')).toBe('stable');
  await until(restarted.routes, (routes) => routes.find((r) => r.slot === 'canary')?.weight === 0);
});

test('a canary weight without a lease is refused; a renewal is a newer signed attestation, never an edit', async () => {
  const world = await startWorld();
  expect((await admit(world.gateway, attestationPredicate(targetOf(world.stable, '1.0.0'), { slot: 'stable', weight: 100 }))).statusCode).toBe(200);
  const unleased = await admit(world.gateway, attestationPredicate(targetOf(world.canary, '2.0.0'), { slot: 'canary', weight: 50, leaseExpiresAt: undefined }));
  expect(unleased.statusCode).toBe(403);
  expect(unleased.error()).toMatchObject({ type: 'attestation_refused', reason: 'missing_lease' });
  expect((await world.routes()).some((r) => r.slot === 'canary')).toBe(false);

  const run = { workflowId: 'deploy-assistant-2.0.0-production', runId: 'run-lease' };
  const firstLease = new Date(Date.now() + LEASE_MS).toISOString();
  expect((await admit(world.gateway, attestationPredicate(targetOf(world.canary, '2.0.0'), { ...run, slot: 'canary', weight: 50, leaseExpiresAt: firstLease }))).statusCode).toBe(200);
  // A lease edited in the signed payload breaks the signature.
  const envelope = pipeline.sign(attestationPredicate(targetOf(world.canary, '2.0.0'), { ...run, slot: 'canary', weight: 50, leaseExpiresAt: firstLease }));
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicate: { leaseExpiresAt: string } };
  statement.predicate.leaseExpiresAt = new Date(Date.now() + 100 * LEASE_MS).toISOString();
  const edited = await adminCall(world.gateway, 'POST', '/admin/v1/routes', { attestation: { ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') } });
  expect(edited.statusCode).toBe(403);
  expect(edited.error().reason).toBe('untrusted_signature');

  // The renewal: the same weight, signed again with a later lease; the canary holds past the first lease.
  const renewed = new Date(Date.now() + 3 * LEASE_MS).toISOString();
  expect((await admit(world.gateway, attestationPredicate(targetOf(world.canary, '2.0.0'), { ...run, slot: 'canary', weight: 50, leaseExpiresAt: renewed }))).statusCode).toBe(200);
  world.clock.offsetMs = LEASE_MS + 1000;
  expect(await world.slotOfNext('canary')).toBe('canary');
  expect((await world.routes()).find((r) => r.slot === 'canary')).toMatchObject({ weight: 50, leaseExpiresAt: renewed });
});
