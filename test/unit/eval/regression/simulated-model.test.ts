/**
 * The simulated model's performance behaviours (for the regression gate): per-rule latency, a latency
 * tail drawn from a hash of the conversation, a capacity limit queued by the model host, and peak
 * memory reported as Prometheus text at the deployment's metrics URL.
 */
import { join } from 'node:path';
import { request } from 'undici';
import {
  ConcurrencyLimiter,
  conversationUniforms,
  respondChat,
  simulatedChatSpecSchema,
  simulatedLatencyMs,
  simulatedModelMetrics,
  type SimulatedChatSpec,
} from '../../../../src/serving/simulated-chat-model';
import { memoryFromPrometheus } from '../../../../src/eval/regression';
import { buildArtifact, chatSpec, deployOnModelHost, RunningService, startModelHost, TempDirs } from '../../serving/fixtures';

const user = (content: string) => [{ role: 'user', content }];
const spec = (overrides: Partial<SimulatedChatSpec> = {}): SimulatedChatSpec => simulatedChatSpecSchema.parse(chatSpec('perf-sim', overrides));

describe('simulated latency', () => {
  test('the same conversation always gets the same time; another seed another draw; the range is mean ± jitter', () => {
    const s = spec({ latencyMs: { mean: 100, jitter: 20 } });
    const times = Array.from({ length: 200 }, (_, i) => simulatedLatencyMs(s, undefined, user(`question ${i}`)));
    expect(Array.from({ length: 200 }, (_, i) => simulatedLatencyMs(s, undefined, user(`question ${i}`)))).toEqual(times);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(80);
    expect(Math.max(...times)).toBeLessThanOrEqual(120);
    expect(new Set(times).size).toBeGreaterThan(190);
    const reseeded = spec({ latencyMs: { mean: 100, jitter: 20, seed: 'other' } });
    expect(simulatedLatencyMs(reseeded, undefined, user('question 1'))).not.toBe(times[1]);
    expect(conversationUniforms('a', user('x'))).toEqual(conversationUniforms('a', user('x')));
  });

  test('a tail adds extraMs to about `probability` of the prompts, chosen by the hash', () => {
    const s = spec({ latencyMs: { mean: 50, tail: { probability: 0.1, extraMs: 500 } } });
    const times = Array.from({ length: 2000 }, (_, i) => simulatedLatencyMs(s, undefined, user(`prompt ${i}`)));
    const slow = times.filter((t) => t === 550).length;
    expect(times.every((t) => t === 50 || t === 550)).toBe(true);
    expect(slow).toBeGreaterThan(150);
    expect(slow).toBeLessThan(250);
    // A fixed random source (tests) overrides the hash: jitter draw, then tail draw.
    expect(simulatedLatencyMs(s, () => 0)).toBe(550);
    expect(simulatedLatencyMs(s, () => 0.5)).toBe(50);
  });

  test('a rule may carry its own latency, used when it answers', () => {
    const s = spec({
      rules: [{ match: '^summarise', response: 'A summary.', latencyMs: { mean: 300 } }],
      latencyMs: { mean: 10 },
    });
    expect(respondChat(s, user('Summarise this text'))).toEqual({ text: 'A summary.', latencyMs: 300 });
    expect(respondChat(s, user('hello'))).toEqual({ text: 'perf-sim: how can I help?', latencyMs: 10 });
    expect(simulatedLatencyMs(s, undefined, user('summarise it'))).toBe(300);
  });

  test('the schema is strict about the new fields', () => {
    const bad = (overrides: object) => simulatedChatSpecSchema.safeParse({ ...chatSpec('x'), ...overrides }).success;
    expect(bad({ latencyMs: { mean: 5, tail: { probability: 1.5, extraMs: 1 } } })).toBe(false);
    expect(bad({ latencyMs: { mean: 5, tail: { probability: 0.1 } } })).toBe(false);
    expect(bad({ maxConcurrency: 0 })).toBe(false);
    expect(bad({ memoryBytes: -1 })).toBe(false);
    expect(bad({ rules: [{ match: 'x', response: 'y', latencyMs: { mean: 1, typo: 2 } }] })).toBe(false);
    expect(bad({ maxConcurrency: 4, memoryBytes: 1024, latencyMs: { mean: 5, jitter: 1, tail: { probability: 0.1, extraMs: 9 }, seed: 's' } })).toBe(true);
  });
});

describe('capacity and memory', () => {
  test('ConcurrencyLimiter: at most `limit` at once, first come first served; no limit when undefined', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const job = (i: number) =>
      limiter.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return i;
      });
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map(job))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'still usable')).toBe('still usable');
    const open = new ConcurrencyLimiter(undefined);
    active = 0;
    peak = 0;
    await Promise.all(
      [0, 1, 2, 3].map(() =>
        open.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
        }),
      ),
    );
    expect(peak).toBe(4);
  });

  test('simulatedModelMetrics: the peak memory gauge when declared, nothing about memory otherwise', () => {
    const withMemory = simulatedModelMetrics(spec({ memoryBytes: 123456789 }));
    expect(memoryFromPrometheus(withMemory, 'gatehouse_model_memory_peak_bytes')).toEqual({ bytes: 123456789 });
    expect(withMemory).toContain('# TYPE gatehouse_model_memory_peak_bytes gauge');
    expect(memoryFromPrometheus(simulatedModelMetrics(spec()), 'gatehouse_model_memory_peak_bytes')).toEqual({
      problem: 'the metrics do not include gatehouse_model_memory_peak_bytes',
    });
  });
});

describe('the model host serves the performance behaviours over HTTP', () => {
  const temp = new TempDirs();
  let host: RunningService;
  afterAll(async () => {
    await host?.service.close();
    await temp.removeAll();
  });

  async function deploy(id: string, s: SimulatedChatSpec): Promise<string> {
    if (!host) host = await startModelHost(await temp.make());
    return deployOnModelHost(host.url, await buildArtifact(join(await temp.make(), 'artifact'), s, 1024));
  }

  const chat = async (base: string, content: string, stream = false) => {
    const started = performance.now();
    const response = await request(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content }], stream }),
    });
    await response.body.text();
    return { status: response.statusCode, ms: performance.now() - started };
  };

  test('GET /v1/deployments/:id/metrics: Prometheus text with the declared peak memory', async () => {
    const base = await deploy('with-memory', spec({ memoryBytes: 3 * 1024 ** 3 }));
    const response = await request(`${base}/metrics`);
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(memoryFromPrometheus(await response.body.text(), 'gatehouse_model_memory_peak_bytes')).toEqual({ bytes: 3 * 1024 ** 3 });
    const missing = await request(`${host.url}/v1/deployments/nope/metrics`);
    expect(missing.statusCode).toBe(404);
    await missing.body.text();
  });

  test('maxConcurrency queues the excess: 8 requests of 100 ms through 2 slots take at least 400 ms', async () => {
    // A lower bound only (a loaded machine adds time, never removes it); how many run at once is
    // counted directly on the limiter below, not inferred from the wall clock.
    const base = await deploy('two-slots', spec({ maxConcurrency: 2, latencyMs: { mean: 100 } }));
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => chat(base, `q${i}`, i % 2 === 0)));
    const elapsed = performance.now() - started;
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(390);
  });

  test('the limiter runs at most maxConcurrency tasks at once, first come first served; without a limit all at once', async () => {
    const observe = async (limit: number | undefined) => {
      const limiter = new ConcurrencyLimiter(limit);
      const release: Array<() => void> = [];
      const started: number[] = [];
      let running = 0;
      let most = 0;
      const tasks = Array.from({ length: 8 }, (_, i) =>
        limiter.run(async () => {
          started.push(i);
          most = Math.max(most, ++running);
          await new Promise<void>((resolve) => release.push(resolve));
          running--;
        }),
      );
      // Release one task at a time once the limiter has handed out every slot it will.
      for (let done = 0; done < 8; done++) {
        await new Promise((r) => setImmediate(r));
        release.shift()!();
      }
      await Promise.all(tasks);
      return { most, started };
    };
    expect(await observe(2)).toEqual({ most: 2, started: [0, 1, 2, 3, 4, 5, 6, 7] });
    expect((await observe(undefined)).most).toBe(8);
  });

  test('the service time is the hash draw: a tail prompt is slow every time, on both protocols', async () => {
    const s = spec({ latencyMs: { mean: 5, tail: { probability: 0.5, extraMs: 200 } } });
    const base = await deploy('tail', s);
    const prompts = Array.from({ length: 40 }, (_, i) => `prompt ${i}`);
    const slowPrompt = prompts.find((p) => simulatedLatencyMs(s, undefined, user(p)) > 100)!;
    const fastPrompt = prompts.find((p) => simulatedLatencyMs(s, undefined, user(p)) < 100)!;
    for (const stream of [false, true]) {
      // The slow draw takes its 200 ms every time (a lower bound); the fast one is compared with it,
      // not with a fixed number of milliseconds this machine must beat.
      const slow = await chat(base, slowPrompt, stream);
      const fast = await chat(base, fastPrompt, stream);
      expect(slow.ms).toBeGreaterThanOrEqual(200);
      expect(fast.ms).toBeLessThan(slow.ms);
    }
  });
});
