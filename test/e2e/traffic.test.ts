/**
 * `gatehouse traffic` exactly as an operator runs it (the built CLI), against a real gateway started
 * here: a stable canary-healthy and, at weight 50, a canary-error-rate that fails a share of requests
 * under real traffic. The summary per slot shows what happened, and matches what the gateway itself
 * measured; bad flags are refused with exit 2 before anything is sent, an unreachable gateway is 3.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlotMetricsReport } from '../../src/canary/measurements';
import { EXAMPLES_DIR } from '../../src/demo/scenario';
import type { TrafficSummary } from '../../src/demo/traffic';
import type { ServiceHandle } from '../../src/serving/http';
import { simulatedChatSpecSchema } from '../../src/serving/simulated-chat-model';
import { reservePort } from '../../src/reserved-ports';
import { runCli } from '../helpers/cli';
import { adminCall, attestationPredicate, buildArtifact, deployOnModelHost, pipelineKey, startGateway, startModelHost, TempDirs } from '../unit/serving/fixtures';

const MODEL = 'support-assistant';
const temp = new TempDirs();
const services: ServiceHandle[] = [];
let gatewayUrl: string;
let gatewayAdmin: { adminUrl: string };
let gatewayStartedAt: number;

beforeAll(async () => {
  const host = await startModelHost(await temp.make());
  services.push(host.service);
  const pipeline = pipelineKey();
  gatewayStartedAt = Date.now();
  const gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem], { slotMetrics: { intervalSeconds: 1, flushSeconds: 1 } });
  services.push(gateway);
  gatewayUrl = await gateway.listen();
  gatewayAdmin = { adminUrl: gateway.adminUrl };
  for (const [example, slot, weight, version] of [['canary-healthy', 'stable', 100, '1.0.0'], ['canary-error-rate', 'canary', 50, '1.1.0']] as const) {
    const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'models', example, 'model.json'), 'utf8')));
    const artifact = await buildArtifact(join(await temp.make(), example), spec, 4096);
    const backendUrl = await deployOnModelHost(host.url, artifact);
    const target = { model: MODEL, version, rootDigest: artifact.rootDigest, backendUrl };
    const admitted = await adminCall(gatewayAdmin, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target, { slot, weight })) });
    if (admitted.statusCode !== 200) throw new Error(`admission failed: ${admitted.payload}`);
  }
});

afterAll(async () => {
  for (const service of services.reverse()) await service.close().catch(() => undefined);
  await temp.removeAll();
});

test('sends load for a model and summarises it per slot; the summary matches what the gateway measured', async () => {
  // Every bucket since the gateway started: this is the first traffic it sees (a `since` of now would
  // drop the requests of the bucket already open when the CLI starts).
  const since = new Date(gatewayStartedAt - 1000).toISOString();
  // No routing keys: every request is in the gateway's judged sample, which is what /admin/v1/metrics counts
  // (requests with a user's routing key are served, sticky, but never judged).
  const run = await runCli(['traffic', '--gateway', gatewayUrl, '--model', MODEL, '--rate', '60', '--duration', '3s', '--concurrency', '6', '--feedback-share', '0.5', '--stream-share', '0.3', '--routing-keys', '0', '--json']);
  expect(run.stderr).toMatch(/sending 60 requests\/s for support-assistant/);
  expect(run.code).toBe(0);
  const summary = JSON.parse(run.stdout) as TrafficSummary;
  // At most the schedule (60/s for 3 s); at least a third of it, which a loaded machine still sends
  // (the open loop slips when the gateway is slow): the rate achieved is not what this test checks.
  expect(summary.sent).toBeGreaterThanOrEqual(60);
  expect(summary.sent).toBeLessThanOrEqual(181);
  expect(summary.ok + summary.failed).toBe(summary.sent);
  const [stable, canary] = summary.slots;
  expect(stable).toMatchObject({ slot: 'stable', failed: 0, versions: { '1.0.0': stable!.requests } });
  expect(canary).toMatchObject({ slot: 'canary', versions: { '1.1.0': canary!.requests } });
  expect(stable!.requests + canary!.requests).toBe(summary.sent);
  expect(canary!.share).toBeGreaterThan(0.3);
  expect(canary!.share).toBeLessThan(0.7);
  // canary-error-rate fails about a quarter of this traffic: HTTP 500 (502 from the gateway) or a cut-off body.
  expect(canary!.errorRate).toBeGreaterThan(0.1);
  expect(canary!.errorRate).toBeLessThan(0.45);
  expect(Object.keys(canary!.failures).sort()).toEqual(['502', 'malformed']);
  expect(stable!.latencyMs.p50).toBeGreaterThan(0);
  expect(stable!.latencyMs.p99).toBeGreaterThanOrEqual(stable!.latencyMs.p50!);
  expect(summary.feedback.up).toBeGreaterThan(0);
  expect(summary.feedback.down).toBeGreaterThan(0);
  expect(summary.feedback.failed).toBe(0);

  // The gateway saw the same: every request, and the canary's failures as its errors. It counts a
  // request once it has finished with it, which on a loaded machine can be a moment after the client
  // has its answer: read until the counts reach the client's (a 60 s ceiling against a hang), then compare.
  const read = async () => (await adminCall(gatewayAdmin, 'GET', `/admin/v1/metrics?model=${MODEL}&since=${since}`)).json<SlotMetricsReport>();
  const requestsIn = (r: SlotMetricsReport) => [...r.slots.stable, ...r.slots.canary].reduce((n, b) => n + b.requests, 0);
  let report = await read();
  for (const deadline = Date.now() + 60_000; requestsIn(report) < summary.sent && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 200));
    report = await read();
  }
  const total = (slot: 'stable' | 'canary', field: 'requests' | 'errors') => report.slots[slot].reduce((n, b) => n + b[field], 0);
  expect(total('stable', 'requests')).toBe(stable!.requests);
  expect(total('canary', 'requests')).toBe(canary!.requests);
  expect(total('canary', 'errors')).toBe(canary!.failed);
  expect(report.slots.canary.reduce((n, b) => n + b.feedback.down, 0)).toBeGreaterThan(0);
});

test('prints the summary as a table by default, one row per slot', async () => {
  const run = await runCli(['traffic', '--gateway', gatewayUrl, '--model', MODEL, '--rate', '30', '--duration', '1s', '--routing-keys', '0', '--quiet']);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  const lines = run.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^\d+ requests in \d+\.\d s \(\d+\.\d\/s achieved\), \d+ ok, \d+ failed; feedback \d+ up, \d+ down/);
  expect(lines[1]).toMatch(/^SLOT\s+VERSIONS\s+REQUESTS\s+SHARE\s+OK\s+FAILED\s+ERROR RATE\s+P50\s+P90\s+P99\s+FAILURES$/);
  expect(lines[2]).toMatch(/^stable\s+1\.0\.0\s+\d+/);
  expect(lines[3]).toMatch(/^canary\s+1\.1\.0\s+\d+/);
});

test('bad flags are refused with exit 2, naming each flag, before anything is sent', async () => {
  const run = await runCli(['traffic', '--gateway', gatewayUrl, '--model', MODEL, '--rate', '0', '--duration', 'soon', '--concurrency', '2.5', '--feedback-share', '1.5']);
  expect(run.code).toBe(2);
  for (const flag of ['--rate', '--duration', '--concurrency', '--feedback-share']) expect(run.stderr).toContain(`${flag}: expected`);
  expect(run.stdout).toBe('');
  const unknown = await runCli(['traffic', '--gateway', gatewayUrl, '--model', MODEL, '--skip-canary']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown option '--skip-canary'/);
});

test('a model the gateway does not serve is exit 2; a gateway that cannot be reached is exit 3', async () => {
  const wrong = await runCli(['traffic', '--gateway', gatewayUrl, '--model', 'no-such-model', '--duration', '1s']);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toMatch(/--model no-such-model: the gateway at .* does not serve it \(it serves: support-assistant\)/);
  const down = await runCli(['traffic', '--gateway', `http://127.0.0.1:${await reservePort()}`, '--model', MODEL, '--duration', '1s']);
  expect(down.code).toBe(3);
  expect(down.stderr).toMatch(/cannot reach the gateway/);
});
