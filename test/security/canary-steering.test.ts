/**
 * DESIGN §6, "Canary steering": users cannot move a canary's verdict. Client aborts are counted apart
 * from the slot's errors, and a rating counts only with the feedback token the gateway issued with
 * that very answer. The judged requests here are the gateway's own sample (no routing key of the
 * user's: JudgedRequestIds plans the gateway-assigned ids); keyed requests are canary-sample.test.ts.
 */
import { request } from 'undici';
import { intervalData, SlotMetricsReport } from '../../src/canary/measurements';
import { GatewayHandle } from '../../src/serving/gateway';
import { ServiceHandle } from '../../src/serving/http';
import { adminCall, attestationPredicate, call, chatBody, pipelineKey, startGateway, TempDirs } from '../unit/serving/fixtures';
import { answer, JudgedRequestIds, ScriptedBackend, sleep, sseEvents, startScriptedBackend, TEST_TRAFFIC_SECRET } from '../unit/serving/scripted-backend';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
const backends: ScriptedBackend[] = [];
const pipeline = pipelineKey();
let gateway: GatewayHandle;
let url: string;
const ids = new JudgedRequestIds(50);
/** A judged request the gateway sends to the canary. */
function toCanary(): Record<string, string> {
  ids.plan('canary');
  return {};
}

beforeAll(async () => {
  const stable = await startScriptedBackend((req, res) => answer(res, req, 'stable answers.'));
  // The canary answers well, but slowly enough that a user can leave mid-answer.
  const canary = await startScriptedBackend((req, res) => {
    res.writeHead(200, { 'content-type': req.stream ? 'text/event-stream' : 'application/json' });
    if (!req.stream) return void setTimeout(() => res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: 'canary answers.' }, finish_reason: 'stop' }] })), 5);
    res.write(sseEvents('canary ', { done: false }));
    setTimeout(() => res.end(sseEvents('answers.')), 300).unref();
  });
  backends.push(stable, canary);
  gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem], { slotMetrics: { intervalSeconds: 60, flushSeconds: 1 } }, { requestIds: ids.next, trafficSecret: TEST_TRAFFIC_SECRET });
  running.push(gateway);
  url = await gateway.listen();
  for (const [backend, slot, weight, version] of [[stable, 'stable', 100, '1.0.0'], [canary, 'canary', 50, '2.0.0']] as const) {
    const target = { model: 'assistant', version, rootDigest: backend.rootDigest, backendUrl: backend.url };
    expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target, { slot, weight })) })).statusCode).toBe(200);
  }
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.close()));
  await Promise.all(backends.map((backend) => backend.close()));
  await temp.removeAll();
});

async function canaryReport(until: (report: SlotMetricsReport) => boolean): Promise<SlotMetricsReport> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const report = (await adminCall(gateway, 'GET', '/admin/v1/metrics?model=assistant')).json<SlotMetricsReport>();
    if (until(report)) return report;
    await sleep(25);
  }
  throw new Error('the gateway never recorded the requests');
}

test('users aborting their requests to the canary do not move its error rate', async () => {
  for (let i = 0; i < 20; i++) {
    const abort = new AbortController();
    const response = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...toCanary() },
      body: JSON.stringify(chatBody('assistant', 'a long story please', { stream: true })),
      signal: abort.signal,
    });
    for await (const _chunk of response.body) {
      abort.abort();
      break;
    }
  }
  await Promise.all(Array.from({ length: 10 }, () => call(url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'), toCanary())));
  const report = await canaryReport((r) => {
    const sum = (k: 'requests') => r.slots.canary.reduce((n, b) => n + b[k], 0);
    const aborted = r.slots.canary.reduce((n, b) => n + (b.errorsByKind.client_aborted ?? 0), 0);
    return sum('requests') === 10 && aborted === 20;
  });
  const canary = intervalData(report.slots.canary, { seed: 'steering' });
  expect(canary.requests).toBe(10);
  expect(canary.errors).toBe(0);
});

test('forged feedback is refused: no token, a made-up token, or another answer\'s token', async () => {
  const answers = await Promise.all(
    [0, 1].map(async () => {
      const response = await call(url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'), toCanary());
      return { id: response.headers['x-gatehouse-response-id'] as string, token: response.headers['x-gatehouse-feedback-token'] as string };
    }),
  );
  const [mine, other] = answers as [{ id: string; token: string }, { id: string; token: string }];
  const rate = (body: Record<string, unknown>) => call(url, 'POST', '/v1/feedback', body);
  expect((await rate({ responseId: mine.id, rating: 'down' })).statusCode).toBe(400);
  const madeUp = await rate({ responseId: mine.id, token: 'A'.repeat(43), rating: 'down' });
  expect(madeUp.statusCode).toBe(403);
  expect(madeUp.error()).toMatchObject({ type: 'feedback_refused', reason: 'bad_feedback_token' });
  expect((await rate({ responseId: mine.id, token: other.token, rating: 'down' })).statusCode).toBe(403);
  expect((await rate({ responseId: mine.id, token: mine.token, rating: 'down' })).statusCode).toBe(200);
  const report = await canaryReport((r) => r.slots.canary.reduce((n, b) => n + b.feedback.down, 0) >= 1);
  expect(report.slots.canary.reduce((n, b) => n + b.feedback.down + b.feedback.up, 0)).toBe(1);
});

test('one active canary per model: a second candidate\'s canary is refused while the first has traffic, and allowed once it is at 0', async () => {
  const second = await startScriptedBackend((req, res) => answer(res, req, 'second canary answers.'));
  backends.push(second);
  const target = { model: 'assistant', version: '3.0.0', rootDigest: second.rootDigest, backendUrl: second.url };
  const refused = await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target, { slot: 'canary', weight: 10 })) });
  expect(refused.statusCode).toBe(403);
  expect(refused.error()).toMatchObject({ type: 'attestation_refused', reason: 'canary_in_progress' });
  const routes = () => adminCall(gateway, 'GET', '/admin/v1/routes').then((r) => r.json<{ routes: Array<{ slot: string; version: string; weight: number }> }>().routes);
  expect((await routes()).find((r) => r.slot === 'canary')).toMatchObject({ version: '2.0.0', weight: 50 });

  // The first canary rolled back (weight 0, by its own run): now the second may start.
  const first = backends[1]!;
  const rollback = { model: 'assistant', version: '2.0.0', rootDigest: first.rootDigest, backendUrl: first.url };
  const firstRun = (await routes()).find((r) => r.slot === 'canary') as unknown as { workflowId: string; runId: string };
  expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(rollback, { slot: 'canary', weight: 0, workflowId: firstRun.workflowId, runId: firstRun.runId })) })).statusCode).toBe(200);
  expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target, { slot: 'canary', weight: 10 })) })).statusCode).toBe(200);
});
