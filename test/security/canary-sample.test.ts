/**
 * DESIGN §6, "Canary steering" (issue 17 item 5): which requests the canary judges, and on which
 * slot, is the gateway's choice (a keyed hash of a request id it assigns), never the client's. A
 * client that picks `x-gatehouse-routing-key` values landing on the canary stays sticky there, but
 * neither its failures, its aborts nor its ratings reach the judged sample. And the judged sample
 * of one candidate is never another's: measurements are kept per candidate digest.
 */
import { request } from 'undici';
import { intervalData, SlotMetricsReport } from '../../src/canary/measurements';
import { GatewayHandle } from '../../src/serving/gateway';
import { adminCall, attestationPredicate, call, chatBody, pipelineKey, startGateway, TempDirs } from '../unit/serving/fixtures';
import { answer, JudgedRequestIds, routingKeys, ScriptedBackend, sleep, sseEvents, startScriptedBackend, TEST_TRAFFIC_SECRET } from '../unit/serving/scripted-backend';

const temp = new TempDirs();
const pipeline = pipelineKey();
const backends: ScriptedBackend[] = [];
let gateway: GatewayHandle;
let url: string;
const MODEL = 'assistant';
const ids = new JudgedRequestIds(50);
const canaryKeys = routingKeys(MODEL, 'canary', 50, 60, 'attacker');

/** The canary fails on request ('boom'), and streams slowly enough to be aborted. */
const canaryScript = (req: Parameters<Parameters<typeof startScriptedBackend>[0]>[0], res: Parameters<Parameters<typeof startScriptedBackend>[0]>[1]) => {
  if (req.prompt === 'boom') return void res.writeHead(500).end('internal error');
  if (!req.stream) return answer(res, req, 'canary answers.');
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write(sseEvents('canary ', { done: false }));
  setTimeout(() => res.end(sseEvents('answers.')), 300).unref();
};

beforeAll(async () => {
  const stable = await startScriptedBackend((req, res) => answer(res, req, 'stable answers.'));
  const canary = await startScriptedBackend(canaryScript);
  backends.push(stable, canary);
  gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem], { slotMetrics: { intervalSeconds: 60, flushSeconds: 1 } }, { requestIds: ids.next, trafficSecret: TEST_TRAFFIC_SECRET });
  url = await gateway.listen();
  for (const [backend, slot, weight, version] of [[stable, 'stable', 100, '1.0.0'], [canary, 'canary', 50, '2.0.0']] as const) {
    const target = { model: MODEL, version, rootDigest: backend.rootDigest, backendUrl: backend.url };
    expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target, { slot, weight })) })).statusCode).toBe(200);
  }
});

afterAll(async () => {
  await gateway.close();
  for (const backend of backends) await backend.close();
  await temp.removeAll();
});

async function report(query = ''): Promise<SlotMetricsReport> {
  return (await adminCall(gateway, 'GET', `/admin/v1/metrics?model=${MODEL}${query}`)).json<SlotMetricsReport>();
}

async function canaryReport(done: (report: SlotMetricsReport) => boolean, query = ''): Promise<SlotMetricsReport> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const r = await report(query);
    if (done(r)) return r;
    await sleep(25);
  }
  throw new Error('the gateway never recorded the requests');
}

const canaryRequests = (r: SlotMetricsReport) => r.slots.canary.reduce((n, b) => n + b.requests, 0);

test('a client choosing routing keys reaches the canary, sticky, but cannot put its failures, aborts or ratings into the judged sample', async () => {
  // Its keys all land on the canary, and stay there.
  for (const key of canaryKeys.slice(0, 3)) {
    for (let again = 0; again < 2; again++) {
      const response = await call(url, 'POST', '/v1/chat/completions', chatBody(MODEL, 'hi'), { 'x-gatehouse-routing-key': key });
      expect(response.headers['x-gatehouse-slot']).toBe('canary');
    }
  }
  // 20 requests it makes fail, 20 it aborts, and 10 answers it rates down.
  await Promise.all(canaryKeys.slice(0, 20).map((key) => call(url, 'POST', '/v1/chat/completions', chatBody(MODEL, 'boom'), { 'x-gatehouse-routing-key': key })));
  for (const key of canaryKeys.slice(20, 40)) {
    const abort = new AbortController();
    const response = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gatehouse-routing-key': key },
      body: JSON.stringify(chatBody(MODEL, 'a long story please', { stream: true })),
      signal: abort.signal,
    });
    for await (const _chunk of response.body) {
      abort.abort();
      break;
    }
  }
  for (const key of canaryKeys.slice(40, 50)) {
    const answered = await call(url, 'POST', '/v1/chat/completions', chatBody(MODEL, 'hi'), { 'x-gatehouse-routing-key': key });
    const feedback = { responseId: answered.headers['x-gatehouse-response-id'], token: answered.headers['x-gatehouse-feedback-token'], rating: 'down' };
    expect((await call(url, 'POST', '/v1/feedback', feedback)).statusCode).toBe(200);
  }

  // The gateway's own sample meanwhile: 10 judged requests on the canary, all answered well.
  await Promise.all(
    Array.from({ length: 10 }, () => {
      ids.plan('canary');
      return call(url, 'POST', '/v1/chat/completions', chatBody(MODEL, 'hi'));
    }),
  );
  // Counted, and their answers' after-send checks done or counted as skipped (they run off the request path).
  const judged = await canaryReport((r) => canaryRequests(r) >= 10 && r.slots.canary.reduce((n, b) => n + b.safety.checked + b.safety.skipped, 0) >= 10);
  // Let any keyed request still being settled land (it would show up as more than 10).
  await sleep(200);
  const after = await report();
  expect(after.slots.canary).toEqual(judged.slots.canary);
  const canary = intervalData(after.slots.canary, { seed: 'sample' });
  expect(canary.requests).toBe(10);
  expect(canary.errors).toBe(0);
  expect(after.slots.canary.reduce((n, b) => n + (b.errorsByKind.client_aborted ?? 0) + b.feedback.down + b.feedback.up, 0)).toBe(0);
  // Prometheus still sees every request: the keyed ones are served and counted, just not judged.
  const metrics = await call(url, 'GET', '/metrics');
  expect(metrics.payload).toMatch(/gatehouse_gateway_answer_errors_total\{[^}]*slot="canary"[^}]*kind="backend_5xx"[^}]*\} 20/);
});

test('two canaries of one model in succession never share measurements: each reads its own candidate\'s buckets', async () => {
  const routes = async () => (await adminCall(gateway, 'GET', '/admin/v1/routes')).json<{ routes: Array<{ slot: string; workflowId: string; runId: string; rootDigest: string }> }>().routes;
  const first = (await routes()).find((r) => r.slot === 'canary')!;
  // The first canary's judged sample now holds failures.
  await Promise.all(
    Array.from({ length: 5 }, () => {
      ids.plan('canary');
      return call(url, 'POST', '/v1/chat/completions', chatBody(MODEL, 'boom'));
    }),
  );
  await canaryReport((r) => r.slots.canary.reduce((n, b) => n + b.errors, 0) >= 5, `&canaryDigest=${first.rootDigest}`);

  // It rolls back; a second candidate's canary starts within the same metrics interval.
  const firstTarget = { model: MODEL, version: '2.0.0', rootDigest: first.rootDigest, backendUrl: backends[1]!.url };
  expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(firstTarget, { slot: 'canary', weight: 0, workflowId: first.workflowId, runId: first.runId })) })).statusCode).toBe(200);
  const second = await startScriptedBackend((req, res) => answer(res, req, 'second canary answers.'));
  backends.push(second);
  const secondTarget = { model: MODEL, version: '3.0.0', rootDigest: second.rootDigest, backendUrl: second.url };
  expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(secondTarget, { slot: 'canary', weight: 50 })) })).statusCode).toBe(200);
  await Promise.all(
    Array.from({ length: 4 }, () => {
      ids.plan('canary');
      return call(url, 'POST', '/v1/chat/completions', chatBody(MODEL, 'hi'));
    }),
  );
  const secondOnly = await canaryReport((r) => canaryRequests(r) >= 4, `&canaryDigest=${second.rootDigest}`);
  const measured = intervalData(secondOnly.slots.canary, { seed: 'second' });
  expect(measured.requests).toBe(4);
  expect(measured.errors).toBe(0);
  // Without the digest, the slot holds both candidates' buckets: what the canary no longer reads.
  expect(canaryRequests(await report())).toBeGreaterThan(4);
});
