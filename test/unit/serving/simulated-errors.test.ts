/**
 * The simulated chat model's `errors` (a share of requests failing, for the canary's error-rate
 * metric): the schema, the seeded draws, what the model host answers, and that the gateway counts
 * both kinds of failure as errors of the slot that served them.
 */
import { join } from 'node:path';
import type { SlotMetricsReport } from '../../../src/canary/measurements';
import { parseChatAnswer } from '../../../src/serving/answer-checks';
import { ServiceHandle } from '../../../src/serving/http';
import { createModelHost } from '../../../src/serving/model-host';
import { SimulatedChatSpec, simulatedChatSpecSchema, simulatedFailure } from '../../../src/serving/simulated-chat-model';
import { createRng } from '../../../src/stats';
import { adminCall, attestationPredicate, buildArtifact, call, chatBody, chatSpec, deployOnModelHost, pipelineKey, silentLogger, startGateway, TempDirs, modelHostPipeline } from './fixtures';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
afterAll(async () => {
  for (const service of running.reverse()) await service.close().catch(() => undefined);
  await temp.removeAll();
});

const user = (content: string) => ({ role: 'user', content });

function withErrors(errors: SimulatedChatSpec['errors'], name = 'flaky'): SimulatedChatSpec {
  return chatSpec(name, { errors });
}

async function hostWith(spec: SimulatedChatSpec): Promise<{ url: string; base: string }> {
  const service = await createModelHost({ port: 0, host: '127.0.0.1', dataDir: await temp.make(), pipelinePublicKeys: [modelHostPipeline.publicKeyPem] }, { logger: silentLogger });
  running.push(service);
  const url = await service.listen();
  const artifact = await buildArtifact(join(await temp.make(), 'artifact'), spec, 1024);
  return { url, base: await deployOnModelHost(url, artifact) };
}

describe('simulated failures: the spec', () => {
  test('parses errors with a rate in [0, 1], a known kind and a valid pattern, and refuses anything else', () => {
    const parse = (errors: unknown) => simulatedChatSpecSchema.safeParse({ ...chatSpec('m'), errors });
    expect(parse({ rate: 0.25 }).success).toBe(true);
    expect(parse({ rate: 1, kind: 'mixed', match: 'my order', seed: 's' }).success).toBe(true);
    expect(parse({ rate: 1.5 }).success).toBe(false);
    expect(parse({ rate: -0.1 }).success).toBe(false);
    expect(parse({ rate: 0.1, kind: 'http_503' }).success).toBe(false);
    expect(parse({ rate: 0.1, match: '(' }).success).toBe(false);
    expect(parse({ rate: 0.1, sometimes: true }).success).toBe(false);
  });

  test('a spec without errors, or with rate 0, never fails and never draws', () => {
    const draw = jest.fn(() => 0);
    expect(simulatedFailure(chatSpec('m'), [user('hi')], draw)).toBeNull();
    expect(simulatedFailure(withErrors({ rate: 0 }), [user('hi')], draw)).toBeNull();
    expect(draw).not.toHaveBeenCalled();
  });

  test('only requests whose last user message matches can fail; the others draw nothing', () => {
    const spec = withErrors({ rate: 1, match: '\\bmy order\\b' });
    const draw = jest.fn(() => 0.3);
    expect(simulatedFailure(spec, [user('Where is MY ORDER?')], draw)).toBe('http_500');
    expect(simulatedFailure(spec, [user('my order'), { role: 'assistant', content: 'ok' }, user('thanks')], draw)).toBeNull();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  test('one draw decides whether a request fails; with kind mixed a second picks 500 or malformed, half each', () => {
    const fails = (kind: 'http_500' | 'malformed' | 'mixed', draws: number[]) => simulatedFailure(withErrors({ rate: 0.2, kind }), [user('hi')], () => draws.shift()!);
    expect(fails('http_500', [0.19])).toBe('http_500');
    expect(fails('http_500', [0.2])).toBeNull();
    expect(fails('malformed', [0.0])).toBe('malformed');
    expect(fails('mixed', [0.1, 0.49])).toBe('http_500');
    expect(fails('mixed', [0.1, 0.5])).toBe('malformed');
  });

  test('over many requests with a seeded generator, the share that fails is close to the rate', () => {
    const rng = createRng('share');
    const spec = withErrors({ rate: 0.3, kind: 'mixed' });
    const outcomes = Array.from({ length: 10_000 }, () => simulatedFailure(spec, [user('same prompt every time')], () => rng.nextFloat()));
    const failed = outcomes.filter((o) => o !== null).length;
    expect(failed / outcomes.length).toBeGreaterThan(0.28);
    expect(failed / outcomes.length).toBeLessThan(0.32);
    expect(outcomes.filter((o) => o === 'malformed').length / failed).toBeCloseTo(0.5, 1);
  });
});

describe('simulated failures: the model host', () => {
  test('http_500: the request fails with HTTP 500 and an error body', async () => {
    const { base } = await hostWith(withErrors({ rate: 1 }));
    const answer = await call(base, 'POST', '/v1/chat/completions', chatBody('flaky', 'hello'));
    expect(answer.statusCode).toBe(500);
    expect(answer.json()).toEqual({ error: { type: 'simulated_failure', message: expect.stringContaining('SIMULATED') } });
  });

  test('malformed: a 200 whose body is not a chat completion, plain or streamed', async () => {
    const { base } = await hostWith(withErrors({ rate: 1, kind: 'malformed' }));
    const plain = await call(base, 'POST', '/v1/chat/completions', chatBody('flaky', 'hello'));
    expect(plain.statusCode).toBe(200);
    expect(() => JSON.parse(plain.payload)).toThrow();
    expect(parseChatAnswer(Buffer.from(plain.payload), String(plain.headers['content-type']))).toMatchObject({ ok: false });
    const streamed = await call(base, 'POST', '/v1/chat/completions', chatBody('flaky', 'hello', { stream: true }));
    expect(streamed.statusCode).toBe(200);
    expect(String(streamed.headers['content-type'])).toContain('text/event-stream');
    expect(streamed.payload).not.toContain('[DONE]');
    expect(parseChatAnswer(Buffer.from(streamed.payload), String(streamed.headers['content-type']))).toMatchObject({ ok: false });
  });

  test('which requests fail is the same on every run of a deployment (seeded), and near the rate', async () => {
    const spec = withErrors({ rate: 0.3, kind: 'mixed', seed: 'fixed' });
    const statuses = async () => {
      const { base } = await hostWith(spec);
      const out: string[] = [];
      for (let i = 0; i < 120; i++) {
        const answer = await call(base, 'POST', '/v1/chat/completions', chatBody('flaky', 'hello'));
        out.push(answer.statusCode === 500 ? '500' : parseChatAnswer(Buffer.from(answer.payload), String(answer.headers['content-type'])).ok ? 'ok' : 'malformed');
      }
      return out;
    };
    const first = await statuses();
    expect(await statuses()).toEqual(first);
    const failed = first.filter((s) => s !== 'ok').length;
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(55);
    expect(first).toContain('500');
    expect(first).toContain('malformed');
  });

  test('the gateway counts both kinds as errors of the slot that served them (backend_5xx, malformed)', async () => {
    const pipeline = pipelineKey();
    const healthy = await hostWith(chatSpec('flaky'));
    const flaky = await hostWith(withErrors({ rate: 0.5, kind: 'mixed' }));
    const gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem], { slotMetrics: { intervalSeconds: 10, flushSeconds: 1 } }, { metricsSeed: 'errors-test' });
    running.push(gateway);
    const url = await gateway.listen();
    for (const [backendUrl, slot, weight, version] of [[healthy.base, 'stable', 100, '1.0.0'], [flaky.base, 'canary', 50, '2.0.0']] as const) {
      const served = await call(backendUrl, 'GET', '/v1/models');
      const rootDigest = served.json<{ data: { gatehouse_root_digest: string }[] }>().data[0]!.gatehouse_root_digest;
      const admitted = await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate({ model: 'assistant', version, rootDigest, backendUrl }, { slot, weight })) });
      expect(admitted.statusCode).toBe(200);
    }
    const seen = { stable: 0, canary: 0 };
    for (let i = 0; i < 200; i++) {
      // No routing key: the gateway's own judged sample, split by its keyed hash.
      const answer = await call(url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hello'));
      seen[answer.headers['x-gatehouse-slot'] as 'stable' | 'canary'] += 1;
    }
    let report: SlotMetricsReport | undefined;
    const deadline = Date.now() + 60_000; // a ceiling against a hang; a loaded machine records slowly
    for (;;) {
      report = (await adminCall(gateway, 'GET', '/admin/v1/metrics?model=assistant')).json<SlotMetricsReport>();
      const requests = (slot: 'stable' | 'canary') => report!.slots[slot].reduce((n, b) => n + b.requests, 0);
      if ((requests('stable') === seen.stable && requests('canary') === seen.canary) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const sum = (slot: 'stable' | 'canary', kind: 'backend_5xx' | 'malformed') => report!.slots[slot].reduce((n, b) => n + (b.errorsByKind[kind] ?? 0), 0);
    expect(report!.slots.stable.reduce((n, b) => n + b.errors, 0)).toBe(0);
    expect(sum('canary', 'backend_5xx')).toBeGreaterThan(0);
    expect(sum('canary', 'malformed')).toBeGreaterThan(0);
    const canaryErrors = report!.slots.canary.reduce((n, b) => n + b.errors, 0);
    expect(canaryErrors).toBe(sum('canary', 'backend_5xx') + sum('canary', 'malformed'));
    expect(canaryErrors / seen.canary).toBeGreaterThan(0.3);
    expect(canaryErrors / seen.canary).toBeLessThan(0.7);
  });
});
