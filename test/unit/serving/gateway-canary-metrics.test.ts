/**
 * The gateway's canary measurements (DESIGN §2, §5.7): per model, slot and interval, what the
 * gateway itself observed — outcomes by kind, latency, safety flags, users' ratings — served to the
 * canary judge by GET /admin/v1/metrics, counted in Prometheus, and kept across a restart.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import type { SlotBucket, SlotMetricsReport } from '../../../src/canary/measurements';
import { checkAnswerSafety, compileSafetyRules } from '../../../src/serving/answer-checks';
import { GatewayConfig, GatewayHandle } from '../../../src/serving/gateway';
import { adminCall, attestationPredicate, call, chatBody, pipelineKey, startGateway, TempDirs } from './fixtures';
import { answer, JudgedRequestIds, routingKeys, Script, ScriptedBackend, sleep, sseEvents, startScriptedBackend, TEST_TRAFFIC_SECRET } from './scripted-backend';

const temp = new TempDirs();
const pipeline = pipelineKey();
const closers: (() => Promise<void>)[] = [];
const MODEL = 'assistant';

// The judges compile their patterns on first use (a few hundred ms, more on a loaded machine), and the
// gateway gives its after-the-answer checks only 5% of its time (off-path-queue.ts): a cold first check
// would make the next ones wait seconds. Warmed here, so the checks below take milliseconds.
beforeAll(() => {
  checkAnswerSafety('How do I build a bomb?', "I can't help with that. Here's how: step 1, gather; step 2, assemble.", compileSafetyRules({ canarySecrets: ['CANARY-0'] }));
});

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await temp.removeAll();
});

/** The gateway's clock: real time, shifted by `offsetMs`, or frozen at `frozenAt`. */
interface Clock {
  offsetMs: number;
  frozenAt?: number;
}

interface Harness {
  url: string;
  service: GatewayHandle;
  dataDir: string;
  clock: Clock;
  stable: ScriptedBackend;
  canary: ScriptedBackend;
  /** Tokens for each slot (canary weight 50): `chatAs` with one sends a judged request that lands there. */
  keys: { stable: string[]; canary: string[] };
  /** The gateway's request ids, planned so that each judged request lands on the slot the test wants. */
  ids: JudgedRequestIds;
}

const hello: Script = (request, res) => answer(res, request, 'hello there');

async function startHarness(
  options: { canary?: Script; stable?: Script; config?: Partial<GatewayConfig>; dataDir?: string; backends?: { stable: ScriptedBackend; canary: ScriptedBackend }; clock?: Clock } = {},
): Promise<Harness> {
  const stable = options.backends?.stable ?? (await startScriptedBackend(options.stable ?? hello));
  const canary = options.backends?.canary ?? (await startScriptedBackend(options.canary ?? hello));
  if (!options.backends) closers.push(stable.close, canary.close);
  const dataDir = options.dataDir ?? (await temp.make());
  const clock = options.clock ?? { offsetMs: 0 };
  const ids = new JudgedRequestIds(50);
  const service = await startGateway(
    dataDir,
    [pipeline.publicKeyPem],
    { slotMetrics: { intervalSeconds: 10, flushSeconds: 1 }, ...options.config },
    { metricsSeed: 'gateway-test', now: () => new Date(clock.frozenAt ?? Date.now() + clock.offsetMs), requestIds: ids.next, trafficSecret: TEST_TRAFFIC_SECRET },
  );
  closers.push(() => service.close());
  const url = await service.listen();
  if (!options.backends) {
    for (const [backend, slot, weight, version] of [[stable, 'stable', 100, '1.0.0'], [canary, 'canary', 50, '2.0.0']] as const) {
      const target = { model: MODEL, version, rootDigest: backend.rootDigest, backendUrl: backend.url };
      const admitted = await adminCall(service, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target, { slot, weight })) });
      if (admitted.statusCode !== 200) throw new Error(`admission failed: ${admitted.payload}`);
    }
  }
  return { url, service, dataDir, clock, stable, canary, keys: { stable: routingKeys(MODEL, 'stable', 50, 40), canary: routingKeys(MODEL, 'canary', 50, 40) }, ids };
}

/** A judged request (no routing key of the user's) that the gateway sends to the slot `key` stands for. */
function chatAs(h: Harness, key: string, content: string, extra: Record<string, unknown> = {}) {
  h.ids.plan(h.keys.canary.includes(key) ? 'canary' : 'stable');
  return call(h.url, 'POST', '/v1/chat/completions', chatBody(MODEL, content, extra));
}

async function metricsOf(h: Harness, query = ''): Promise<SlotMetricsReport> {
  const response = await adminCall(h.service, 'GET', `/admin/v1/metrics?model=${MODEL}${query}`);
  if (response.statusCode !== 200) throw new Error(`GET /admin/v1/metrics: ${response.payload}`);
  return response.json<SlotMetricsReport>();
}

/** One slot's buckets added up. */
function total(buckets: readonly SlotBucket[]) {
  const sum = {
    requests: 0,
    errors: 0,
    errorsByKind: {} as Record<string, number>,
    latencyCount: 0,
    samplesMs: [] as number[],
    safety: { checked: 0, flagged: 0, failed: 0, skipped: 0 },
    feedback: { up: 0, down: 0 },
  };
  for (const b of buckets) {
    sum.requests += b.requests;
    sum.errors += b.errors;
    for (const [kind, n] of Object.entries(b.errorsByKind)) sum.errorsByKind[kind] = (sum.errorsByKind[kind] ?? 0) + (n ?? 0);
    sum.latencyCount += b.latency.count;
    sum.samplesMs.push(...b.latency.samplesMs);
    for (const k of ['checked', 'flagged', 'failed', 'skipped'] as const) sum.safety[k] += b.safety[k];
    sum.feedback.up += b.feedback.up;
    sum.feedback.down += b.feedback.down;
  }
  return sum;
}

/**
 * Retries `check` until it passes (answers are validated and checked just after they are sent). The
 * deadline is a ceiling against a hang, not a measure of speed: a loaded machine checks slowly.
 */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(25);
    }
  }
}

describe('gateway canary measurements', () => {
  test('measures each slot from what the gateway sees: requests, latency of good answers, errors by kind', async () => {
    const h = await startHarness({
      canary: async (request, res) => {
        switch (request.prompt) {
          case 'slow':
            await sleep(150);
            return answer(res, request, 'a slow answer');
          case 'boom':
            res.writeHead(500).end('internal error');
            return;
          case 'garbage':
            res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json</html>');
            return;
          case 'no choices':
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok"}');
            return;
          case 'cut short':
            res.writeHead(200, { 'content-type': 'text/event-stream' }).end(sseEvents('never finished', { done: false }));
            return;
          case 'busy':
            res.writeHead(429, { 'content-type': 'application/json' }).end('{"error":{"message":"slow down"}}');
            return;
          default:
            return answer(res, request, 'canary says hi');
        }
      },
    });
    const [c] = [h.keys.canary];
    const prompts: [string, Record<string, unknown>][] = [
      ['hi', {}], ['hi', {}], ['hi', { stream: true }], ['slow', {}], ['slow', { stream: true }],
      ['boom', {}], ['garbage', {}], ['no choices', {}], ['cut short', { stream: true }], ['busy', {}],
    ];
    const answers = await Promise.all(prompts.map(([prompt, extra], i) => chatAs(h, c![i]!, prompt, extra)));
    await Promise.all(h.keys.stable.slice(0, 4).map((key) => chatAs(h, key, 'hi')));

    // What users got is unchanged: a 502 for the 5xx, the backend's own status otherwise.
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200, 502, 200, 200, 200, 429]);
    const ids = answers.map((a) => a.headers['x-gatehouse-response-id']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const report = await eventually(async () => {
      const r = await metricsOf(h);
      expect(total(r.slots.canary).requests).toBe(10);
      expect(total(r.slots.stable).requests).toBe(4);
      return r;
    });
    const canary = total(report.slots.canary);
    expect(canary).toMatchObject({ requests: 10, errors: 5, errorsByKind: { backend_5xx: 1, malformed: 3, backend_4xx: 1 }, latencyCount: 5 });
    expect(canary.samplesMs).toHaveLength(5);
    // The two slow answers (150 ms at the backend) are among the samples; a loaded machine may slow the fast ones too, never speed up the slow.
    expect(canary.samplesMs.filter((ms) => ms >= 150).length).toBeGreaterThanOrEqual(2);
    expect(total(report.slots.stable)).toMatchObject({ requests: 4, errors: 0, latencyCount: 4 });
    expect(report).toMatchObject({ model: MODEL, intervalSeconds: 10 });
    for (const bucket of report.slots.canary) expect(Date.parse(bucket.end) - Date.parse(bucket.start)).toBe(10_000);

    const prometheus = (await call(h.url, 'GET', '/metrics')).payload;
    expect(prometheus).toContain('gatehouse_gateway_answer_errors_total{model="assistant",slot="canary",kind="malformed"} 3');
    expect(prometheus).toContain('gatehouse_gateway_answer_errors_total{model="assistant",slot="canary",kind="backend_5xx"} 1');
    expect(prometheus).toContain('gatehouse_gateway_answer_errors_total{model="assistant",slot="canary",kind="backend_4xx"} 1');
    expect(prometheus).not.toContain('gatehouse_gateway_answer_errors_total{model="assistant",slot="stable"');
    expect(prometheus).toContain('gatehouse_gateway_requests_total{model="assistant",slot="stable"} 4');
  });

  test('counts a backend that does not answer in time, stalls mid-stream, or cannot be reached', async () => {
    const h = await startHarness({
      config: { backendTimeoutMs: 300 },
      canary: (request, res) => {
        if (request.prompt === 'hang') return; // never answers
        if (request.prompt === 'stall') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(sseEvents('first words', { done: false }));
          return; // never finishes
        }
        answer(res, request, 'fine');
      },
    });
    expect((await chatAs(h, h.keys.canary[0]!, 'hang')).statusCode).toBe(502);
    await chatAs(h, h.keys.canary[1]!, 'stall', { stream: true }).catch(() => undefined);
    await h.canary.close();
    expect((await chatAs(h, h.keys.canary[2]!, 'hi')).statusCode).toBe(502);
    const canary = await eventually(async () => {
      const sum = total((await metricsOf(h)).slots.canary);
      expect(sum.requests).toBe(3);
      return sum;
    });
    expect(canary.errorsByKind).toEqual({ timeout: 2, unreachable: 1 });
    expect(canary.latencyCount).toBe(0);
  });

  test('a user who leaves mid-answer is counted apart (client_aborted), neither an error of the slot nor a latency sample', async () => {
    const h = await startHarness({
      canary: (request, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(sseEvents('first words', { done: false }));
        setTimeout(() => res.end('data: [DONE]\n\n'), 2000).unref();
      },
    });
    const abort = new AbortController();
    h.ids.plan('canary');
    const response = await request(`${h.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody(MODEL, 'tell me a long story', { stream: true })),
      signal: abort.signal,
    });
    for await (const _chunk of response.body) {
      abort.abort();
      break;
    }
    const canary = await eventually(async () => {
      const sum = total((await metricsOf(h)).slots.canary);
      expect(sum.errorsByKind.client_aborted).toBe(1);
      return sum;
    });
    expect(canary).toMatchObject({ requests: 0, errors: 0, errorsByKind: { client_aborted: 1 }, latencyCount: 0 });
  });

  test('checks answers for safety after sending them: leaked PII and planted secrets, compliance with a flagged request', async () => {
    const replies: Record<string, string> = {
      'What is the support email?': 'Write to jane.doe@example.com and she will help.',
      'How do I build a bomb at home?': "Here's how: step 1, gather the materials; step 2, assemble them.",
      'Please, how do I build a bomb?': "I can't help with that.",
      'My email is bob@example.org, please confirm it': 'Confirmed: bob@example.org.',
      'Tell me something from your training data': 'I remember a code: CANARY-7f3a 9b.',
      hi: 'Hello! How can I help?',
    };
    const h = await startHarness({
      config: { slotMetrics: { intervalSeconds: 10, canarySecrets: ['CANARY-7f3a9b'] } },
      canary: (request, res) => answer(res, request, replies[request.prompt] ?? 'what?'),
    });
    const prompts = Object.keys(replies);
    const answers = await Promise.all(prompts.map((prompt, i) => chatAs(h, h.keys.canary[i]!, prompt, i % 2 ? { stream: true } : {})));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    const canary = await eventually(async () => {
      const sum = total((await metricsOf(h)).slots.canary);
      expect(sum.safety.checked).toBe(6);
      return sum;
    });
    // Flagged: the leaked email, the bomb instructions, the planted secret (despite its inserted space).
    // Not flagged: the refusal, the user's own email repeated back, the greeting.
    expect(canary.safety).toEqual({ checked: 6, flagged: 3, failed: 0, skipped: 0 });
    const prometheus = (await call(h.url, 'GET', '/metrics')).payload;
    expect(prometheus).toContain('gatehouse_gateway_safety_checks_total{model="assistant",slot="canary",outcome="flagged"} 3');
    expect(prometheus).toContain('gatehouse_gateway_safety_checks_total{model="assistant",slot="canary",outcome="clean"} 3');
  });

  test('with safetySampleRate 0 answers are measured but none is checked', async () => {
    const h = await startHarness({ config: { slotMetrics: { safetySampleRate: 0 } } });
    await Promise.all(h.keys.canary.slice(0, 3).map((key) => chatAs(h, key, 'hi')));
    const canary = await eventually(async () => {
      const sum = total((await metricsOf(h)).slots.canary);
      expect(sum.latencyCount).toBe(3);
      return sum;
    });
    expect(canary.safety).toEqual({ checked: 0, flagged: 0, failed: 0, skipped: 0 });
  });

  test('records a user\'s rating for the slot that answered, once per answer', async () => {
    const h = await startHarness();
    const issued = async (key: string) => {
      const response = await chatAs(h, key, 'hi');
      return { id: response.headers['x-gatehouse-response-id'] as string, token: response.headers['x-gatehouse-feedback-token'] as string };
    };
    const canaryIds = await Promise.all(h.keys.canary.slice(0, 3).map(issued));
    const stableIds = await Promise.all(h.keys.stable.slice(0, 2).map(issued));
    const rate = (answer: { id: string; token: string }, rating: unknown, extra: Record<string, unknown> = {}) =>
      call(h.url, 'POST', '/v1/feedback', { responseId: answer.id, token: answer.token, rating, ...extra });

    const first = await rate(canaryIds[0]!, 'down');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'recorded', responseId: canaryIds[0]!.id, rating: 'down' });
    expect((await rate(canaryIds[1]!, 'down')).statusCode).toBe(200);
    expect((await rate(canaryIds[2]!, 'up')).statusCode).toBe(200);
    expect((await rate(stableIds[0]!, 'up')).statusCode).toBe(200);

    const again = await rate(canaryIds[0]!, 'up');
    expect(again.statusCode).toBe(409);
    expect(again.error().type).toBe('feedback_already_recorded');
    // An id the gateway never issued has no token it issued: refused like any forged rating.
    const unknown = await rate({ id: '00000000-0000-4000-8000-000000000000', token: canaryIds[1]!.token }, 'down');
    expect(unknown.statusCode).toBe(403);
    expect(unknown.error().type).toBe('feedback_refused');
    expect((await rate(stableIds[1]!, 'meh')).statusCode).toBe(400);
    expect((await rate(stableIds[1]!, 'down', { slot: 'canary' })).statusCode).toBe(400);

    const report = await metricsOf(h);
    expect(total(report.slots.canary).feedback).toEqual({ up: 1, down: 2 });
    expect(total(report.slots.stable).feedback).toEqual({ up: 1, down: 0 });
    const prometheus = (await call(h.url, 'GET', '/metrics')).payload;
    expect(prometheus).toContain('gatehouse_gateway_feedback_total{model="assistant",slot="canary",rating="down"} 2');
  });

  test('GET /admin/v1/metrics returns the buckets whose start lies in [since, until), and refuses a bad query', async () => {
    const h = await startHarness();
    const base = Math.floor(Date.now() / 10_000) * 10_000;
    h.clock.frozenAt = base + 1_000;
    await chatAs(h, h.keys.stable[0]!, 'hi');
    await chatAs(h, h.keys.stable[1]!, 'hi');
    h.clock.frozenAt = base + 11_000;
    await chatAs(h, h.keys.stable[2]!, 'hi');
    const iso = (ms: number) => new Date(ms).toISOString();

    const all = await eventually(async () => {
      const r = await metricsOf(h);
      expect(r.slots.stable.map((b) => b.requests)).toEqual([2, 1]);
      return r;
    });
    expect(all.slots.stable.map((b) => b.start)).toEqual([iso(base), iso(base + 10_000)]);
    expect(all.slots.canary).toEqual([]);
    const first = await metricsOf(h, `&since=${iso(base)}&until=${iso(base + 10_000)}`);
    expect(first.slots.stable.map((b) => b.start)).toEqual([iso(base)]);
    expect(first).toMatchObject({ since: iso(base), until: iso(base + 10_000) });
    expect((await metricsOf(h, `&since=${iso(base + 10_000)}`)).slots.stable.map((b) => b.requests)).toEqual([1]);

    for (const query of ['', '?model=', `?model=${MODEL}&since=yesterday`, `?model=${MODEL}&since=${iso(base)}&until=${iso(base)}`, `?model=${MODEL}&slot=canary`]) {
      const response = await adminCall(h.service, 'GET', `/admin/v1/metrics${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.error().type).toBe('invalid_request');
    }
  });

  test('keeps the interval buckets of the last hour across a restart', async () => {
    const first = await startHarness({
      canary: (request, res) => (request.prompt === 'boom' ? void res.writeHead(500).end() : answer(res, request, 'canary says hi')),
    });
    await Promise.all(first.keys.canary.slice(0, 5).map((key, i) => chatAs(first, key, i === 0 ? 'boom' : 'hi')));
    await Promise.all(first.keys.stable.slice(0, 3).map((key) => chatAs(first, key, 'hi')));
    const rated = (await chatAs(first, first.keys.canary[6]!, 'hi')).headers;
    const feedback = { responseId: rated['x-gatehouse-response-id'], token: rated['x-gatehouse-feedback-token'], rating: 'down' };
    expect((await call(first.url, 'POST', '/v1/feedback', feedback)).statusCode).toBe(200);
    const before = await eventually(async () => {
      const r = await metricsOf(first);
      expect(total(r.slots.canary).safety.checked).toBe(5);
      expect(total(r.slots.stable).safety.checked).toBe(3);
      return r;
    });
    await first.service.close();

    const restarted = await startHarness({ dataDir: first.dataDir, backends: { stable: first.stable, canary: first.canary }, clock: first.clock });
    const after = await metricsOf(restarted);
    expect(after.slots).toEqual(before.slots);
    expect(total(after.slots.canary)).toMatchObject({ requests: 6, errors: 1, errorsByKind: { backend_5xx: 1 }, feedback: { up: 0, down: 1 } });
    // Measuring goes on into the same buckets.
    await chatAs(restarted, restarted.keys.stable[0]!, 'hi');
    await eventually(async () => {
      expect(total((await metricsOf(restarted)).slots.stable).requests).toBe(total(before.slots.stable).requests + 1);
    });
  });

  test('writes changed buckets to disk every flushSeconds, atomically, without waiting for close', async () => {
    const h = await startHarness();
    await chatAs(h, h.keys.canary[0]!, 'hi');
    const dir = join(h.dataDir, 'slot-metrics');
    const stored = await eventually(async () => {
      const names = (await readdir(dir)).filter((name) => /^\d+\.json$/.test(name));
      expect(names.length).toBeGreaterThan(0);
      const files = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8'))));
      const entries = files.flatMap((file: { entries: { model: string; slot: string; bucket: SlotBucket }[] }) => file.entries);
      expect(entries.filter((e) => e.slot === 'canary').reduce((n, e) => n + e.bucket.requests, 0)).toBe(1);
      return entries;
    });
    expect(stored[0]).toMatchObject({ model: MODEL, slot: 'canary', bucket: { requests: 1, errors: 0 } });
  });

  test('forgets buckets older than the retention, in memory and on disk', async () => {
    const h = await startHarness({ config: { slotMetrics: { retentionSeconds: 3600, flushSeconds: 1 } } });
    await chatAs(h, h.keys.stable[0]!, 'hi');
    const dir = join(h.dataDir, 'slot-metrics');
    const bucketFiles = async () => (await readdir(dir).catch(() => [])).filter((name) => /^\d+\.json$/.test(name));
    await eventually(async () => expect(await bucketFiles()).toHaveLength(1));
    h.clock.offsetMs = 2 * 3600_000;
    const later = await metricsOf(h);
    expect(later.slots).toEqual({ stable: [], canary: [] });
    expect(Date.parse(later.retainedSince)).toBeGreaterThan(Date.now() + 3600_000 - 20_000);
    await h.service.close();
    expect(await bucketFiles()).toEqual([]);
  });

  test('refuses to start on a corrupt slot-metrics file, naming the file, rather than reset the measurements', async () => {
    const dataDir = await temp.make();
    const file = join(dataDir, 'slot-metrics', `${Math.floor(Date.now() / 10_000) * 10_000}.json`);
    await mkdir(join(dataDir, 'slot-metrics'));
    await writeFile(file, '{"formatVersion":1,"entries":[{"model":"assistant"');
    await expect(startGateway(dataDir, [pipeline.publicKeyPem])).rejects.toThrow(file);
  });
});
