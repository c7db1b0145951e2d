import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RegressionItem } from '../../../../src/eval/datasets/items';
import { corpusBleu } from '../../../../src/eval/judges/text-metrics';
import {
  bleuStatistics,
  checkRegressionCoverage,
  measureThroughput,
  memoryFromPrometheus,
  metricsUrlOf,
  parsePrometheusText,
  regressionItemMessages,
  scoreAnswer,
  scrapeMemory,
  throughputRun,
} from '../../../../src/eval/regression';
import { testPolicy } from './fixtures/measurements';

const item = (reference: string, input: RegressionItem['input'] = 'What is 6 × 7? Answer with the number only.'): RegressionItem => ({
  id: 'i1',
  input,
  reference,
  capability: 'math',
});

describe('scoring an answer', () => {
  test('exact match after SQuAD normalisation, token F1, BLEU statistics, latency and TTFT', () => {
    const scored = scoreAnswer(item('42'), { ok: true, text: ' 42. ', latencyMs: 31, ttftMs: 12, status: 200 });
    expect(scored).toMatchObject({ ok: true, exact: 1, f1: 1, latencyMs: 31, ttftMs: 12 });
    expect(scoreAnswer(item('The Hague'), { ok: true, text: 'hague', latencyMs: 1, ttftMs: null, status: 200 }).exact).toBe(1);
    expect(scoreAnswer(item('42'), { ok: true, text: '42 apples', latencyMs: 1, ttftMs: null, status: 200 })).toMatchObject({ exact: 0, f1: 2 / 3 });
  });

  test('a failed call is an empty answer: wrong, no n-grams, its reference length kept, no latency', () => {
    const scored = scoreAnswer(item('the council approved a bridge'), { ok: false, error: 'HTTP 503', errorKind: 'http', latencyMs: 5, status: 503 });
    expect(scored).toMatchObject({ ok: false, exact: 0, f1: 0, latencyMs: null, ttftMs: null });
    expect(scored.bleu).toEqual({ counts: [0, 0, 0, 0], totals: [0, 0, 0, 0], sysLen: 0, refLen: 5 });
  });

  test('per-item BLEU statistics add up to corpus BLEU', () => {
    const pairs = [
      ['the council approved a new bridge', 'the council approved a new bridge over the river'],
      ['a club won the cup', 'the club won the regional cup final'],
    ] as const;
    const stats = pairs.map(([h, r]) => bleuStatistics(h, r)!);
    const sum = (k: 'counts' | 'totals') => [0, 1, 2, 3].map((j) => stats.reduce((s, x) => s + x[k][j]!, 0));
    const corpus = corpusBleu(pairs.map(([h]) => h), pairs.map(([, r]) => [r]));
    expect(sum('counts')).toEqual(corpus.counts);
    expect(sum('totals')).toEqual(corpus.totals);
    expect(stats.reduce((s, x) => s + x.refLen, 0)).toBe(corpus.refLen);
    expect(bleuStatistics('anything', '')).toBeNull();
  });

  test('the messages sent: a prompt becomes one user turn, a transcript is sent as is', () => {
    expect(regressionItemMessages(item('1', 'hi'))).toEqual([{ role: 'user', content: 'hi' }]);
    const transcript = [{ role: 'system' as const, content: 's' }, { role: 'user' as const, content: 'u' }];
    expect(regressionItemMessages(item('1', transcript))).toEqual(transcript);
  });
});

describe('coverage of the suite', () => {
  test('every capability the policy lists must have its minimum', () => {
    const policy = testPolicy({ dataset: { path: 'r', sha256: 'a'.repeat(64), minItemsPerCapability: { math: 2, extraction: 1 } } });
    expect(checkRegressionCoverage([item('1'), item('2')], policy)).toEqual(['capability extraction has 0 items, the policy requires at least 1']);
    expect(checkRegressionCoverage([item('1')], policy)).toContain('capability math has 1 items, the policy requires at least 2');
  });
});

describe('Prometheus memory', () => {
  const text = [
    '# HELP gatehouse_model_memory_peak_bytes Peak memory.',
    '# TYPE gatehouse_model_memory_peak_bytes gauge',
    'gatehouse_model_memory_peak_bytes 2147483648',
    'gpu_memory_peak_bytes{device="0",name="a \\"quoted\\" label"} 1e9 1700000000000',
    'gpu_memory_peak_bytes{device="1"} 5e8',
    'broken line without value',
    'weird_metric NaN',
  ].join('\n');

  test('parses samples with labels, exponents and timestamps; skips comments and malformed lines', () => {
    const samples = parsePrometheusText(text);
    expect(samples.map((s) => s.name)).toEqual(['gatehouse_model_memory_peak_bytes', 'gpu_memory_peak_bytes', 'gpu_memory_peak_bytes', 'weird_metric']);
    expect(samples[1]).toEqual({ name: 'gpu_memory_peak_bytes', labels: { device: '0', name: 'a "quoted" label' }, value: 1e9 });
  });

  test('one sample is the reading; labelled samples are summed; absent or not a byte count is a problem', () => {
    expect(memoryFromPrometheus(text, 'gatehouse_model_memory_peak_bytes')).toEqual({ bytes: 2147483648 });
    expect(memoryFromPrometheus(text, 'gpu_memory_peak_bytes')).toEqual({ bytes: 1.5e9 });
    expect(memoryFromPrometheus(text, 'absent_metric')).toEqual({ problem: 'the metrics do not include absent_metric' });
    expect(memoryFromPrometheus(text, 'weird_metric')).toEqual({ problem: 'weird_metric is NaN, not a byte count' });
    expect(metricsUrlOf('http://h:1/v1/deployments/x/')).toBe('http://h:1/v1/deployments/x/metrics');
  });

  test('scrapeMemory reads `${backendUrl}/metrics` over HTTP and never throws for what the endpoint does', async () => {
    const server: Server = createServer((req, res) => {
      if (req.url === '/ok/metrics') res.end('gatehouse_model_memory_peak_bytes 1024\n');
      else if (req.url === '/none/metrics') res.end('# nothing here\n');
      else {
        res.statusCode = 404;
        res.end('no');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const metric = 'gatehouse_model_memory_peak_bytes';
      expect(await scrapeMemory(`${base}/ok`, metric)).toEqual({ status: 'measured', bytes: 1024, source: `${base}/ok/metrics ${metric}` });
      expect(await scrapeMemory(`${base}/none`, metric)).toEqual({ status: 'not_measured', reason: `${base}/none/metrics: the metrics do not include ${metric}` });
      expect(await scrapeMemory(`${base}/missing`, metric)).toEqual({ status: 'not_measured', reason: `${base}/missing/metrics answered HTTP 404` });
    } finally {
      await new Promise((r) => server.close(r));
    }
    const refused = await scrapeMemory('http://127.0.0.1:1', 'x');
    expect(refused.status).toBe('not_measured');
    expect((refused as { reason: string }).reason).toMatch(/^could not read http:\/\/127\.0\.0\.1:1\/metrics: /);
  });
});

describe('throughput runs', () => {
  /** A fake endpoint with `slots` servers and a fixed service time, on a fake clock. */
  function fakeEndpoint(slots: number, serviceMs: number, clock: { now: number }, fail = () => false) {
    let busy = 0;
    const waiting: Array<() => void> = [];
    const pending: Array<{ at: number; resolve: () => void }> = [];
    const tick = () => {
      // Advance the fake clock to the next completion, in order.
      pending.sort((a, b) => a.at - b.at);
      const next = pending.shift();
      if (!next) return;
      clock.now = next.at;
      next.resolve();
    };
    return {
      call: async (_item: number): Promise<{ ok: boolean }> => {
        if (busy >= slots) await new Promise<void>((r) => waiting.push(r));
        else busy++;
        await new Promise<void>((resolve) => {
          pending.push({ at: clock.now + serviceMs, resolve });
          setImmediate(tick);
        });
        const nextWaiting = waiting.shift();
        if (nextWaiting) nextWaiting();
        else busy--;
        return { ok: !fail() };
      },
    };
  }

  test('the rate is taken while every slot is busy: concurrency / service time, capped by the endpoint', async () => {
    const clock = { now: 0 };
    const items = Array.from({ length: 50 }, (_, i) => i);
    const open = await throughputRun(fakeEndpoint(100, 100, clock).call, items, 0, { concurrency: 10, requests: 100, now: () => clock.now });
    expect(open.rps).toBeCloseTo(100, 6); // 10 in flight / 0.1 s
    expect(open.failures).toBe(0);
    const capped = await throughputRun(fakeEndpoint(5, 100, clock).call, items, 0, { concurrency: 10, requests: 100, now: () => clock.now });
    expect(capped.rps).toBeCloseTo(50, 6);
    await expect(throughputRun(fakeEndpoint(1, 1, clock).call, items, 0, { concurrency: 10, requests: 20 })).rejects.toThrow('must exceed 2 × concurrency');
  });

  test('runs alternate (candidate first in even runs), rotate their start item, and count failures', async () => {
    const clock = { now: 0 };
    const order: string[] = [];
    const seen: Record<string, number[]> = { candidate: [], baseline: [] };
    let n = 0;
    const candidateEndpoint = fakeEndpoint(100, 100, clock, () => ++n % 10 === 0);
    const baselineEndpoint = fakeEndpoint(100, 50, clock);
    const measured = await measureThroughput({
      items: Array.from({ length: 7 }, (_, i) => i),
      candidate: (i) => (seen.candidate!.push(i), candidateEndpoint.call(i)),
      baseline: (i) => (seen.baseline!.push(i), baselineEndpoint.call(i)),
      concurrency: 2,
      requests: 10,
      runs: 3,
      warmupRequests: 0,
      now: () => clock.now,
      onRun: (r) => order.push(`${r.run}:${r.target}`),
    });
    expect(order).toEqual(['0:candidate', '0:baseline', '1:baseline', '1:candidate', '2:candidate', '2:baseline']);
    expect(measured.baseline!.map((x) => Math.round(x))).toEqual([40, 40, 40]);
    expect(measured.failures).toEqual({ candidate: 3, baseline: 0 });
    expect(measured).toMatchObject({ concurrency: 2, requests: 10 });
    // Run r of both models starts at item (r × requests) mod 7: 0, 3, 6.
    expect(seen.baseline!.slice(10, 11)).toEqual([3]);
    expect(seen.baseline!.slice(20, 21)).toEqual([6]);
  });
});
