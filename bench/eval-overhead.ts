/**
 * Evaluation overhead (DESIGN §8): a 5,000-prompt evaluation through runEvaluation and the
 * openai-chat adapter against a local OpenAI-compatible endpoint with a fixed service time and a
 * fixed number of concurrent slots (excess requests queue inside the server). Prints
 *   eval-overhead: wall X s, ideal Y s, ratio Z        (ideal = items × service time ÷ slots; target ≤ 1.05)
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/eval-overhead.js [--items N] [--service-ms MS] [--slots S] [--checkpoint-every N] [--concurrency C]
 *   or BENCH_EVAL_ITEMS, BENCH_EVAL_SERVICE_MS, BENCH_EVAL_SLOTS, BENCH_EVAL_CHECKPOINT_EVERY, BENCH_EVAL_CONCURRENCY
 *   (defaults 5000, 20, 16, 100, C = S). One target. With C = S every client round trip leaves a slot
 *   idle, so the ratio is at least 1 + round trip ÷ service time; C > S keeps a request queued in the
 *   endpoint and hides it (shown for comparison; the reported figure is C = S).
 *
 * The endpoint runs in a worker thread (its own event loop, as a separate server would have) and
 * streams each answer as SSE after holding its slot for the service time. Node timers fire a little
 * late (0.3-0.7 ms here, at 1 ms resolution), which counts against the ratio; so the endpoint also
 * reports how long it actually held a slot on average, and stderr shows the ratio to that too.
 * Before the evaluation, the same number of requests goes through a bare undici loop (same pool,
 * same concurrency, no adapter, no runner): its ratio is this machine's floor for the endpoint
 * (loopback round trips, timer lateness, other load), printed on stderr next to the evaluation's.
 * Responses go to a temporary folder, removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Pool } from 'undici';
import { createOpenAiChatAdapter } from '../src/eval/adapters/openai-chat';
import { runEvaluation } from '../src/eval/runner';

interface BenchOptions {
  concurrency: number;
  items: number;
  serviceMs: number;
  slots: number;
  checkpointEvery: number;
}

interface ServerStats {
  requests: number;
  maxBusy: number;
  meanHeldMs: number;
  maxQueued: number;
}

function option(flag: string, env: string, fallback: number, integer: boolean): number {
  const index = process.argv.indexOf(flag);
  const raw = index >= 0 ? process.argv[index + 1] : (process.env[env] ?? String(fallback));
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${flag} (or ${env}): expected a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// The endpoint (worker thread)

function serve(serviceMs: number, slots: number): void {
  const now = performance.now.bind(performance);
  const chunk = (delta: Record<string, string>, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0, model: 'bench', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const payload = Buffer.from(chunk({ role: 'assistant', content: '' }, null) + chunk({ content: 'I cannot help with that.' }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n');
  const waiting: Array<() => void> = [];
  let head = 0;
  let busy = 0;
  const stats: ServerStats = { requests: 0, maxBusy: 0, meanHeldMs: 0, maxQueued: 0 };
  let heldTotal = 0;

  const release = (): void => {
    busy--;
    if (head < waiting.length) {
      const next = waiting[head]!;
      waiting[head++] = undefined as never;
      next();
    }
  };
  const acquire = (start: () => void): void => {
    if (busy < slots) {
      busy++;
      if (busy > stats.maxBusy) stats.maxBusy = busy;
      start();
      return;
    }
    waiting.push(() => {
      busy++;
      start();
    });
    stats.maxQueued = Math.max(stats.maxQueued, waiting.length - head);
  };

  const server = createServer({ noDelay: true }, (req, res) => {
    req.resume();
    req.on('end', () => {
      stats.requests++;
      acquire(() => {
        const started = now();
        setTimeout(() => {
          heldTotal += now() - started;
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'content-length': payload.length });
          res.end(payload);
          release();
        }, serviceMs);
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    parentPort!.postMessage({ port: (server.address() as AddressInfo).port });
  });
  parentPort!.on('message', (message: string) => {
    if (message === 'stats') {
      stats.meanHeldMs = stats.requests ? heldTotal / stats.requests : 0;
      parentPort!.postMessage({ stats: { ...stats } });
      Object.assign(stats, { requests: 0, maxBusy: 0, meanHeldMs: 0, maxQueued: 0 });
      heldTotal = 0;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The evaluation (main thread)

async function main(): Promise<void> {
  const options: BenchOptions = {
    items: option('--items', 'BENCH_EVAL_ITEMS', 5_000, true),
    serviceMs: option('--service-ms', 'BENCH_EVAL_SERVICE_MS', 20, false),
    slots: option('--slots', 'BENCH_EVAL_SLOTS', 16, true),
    checkpointEvery: option('--checkpoint-every', 'BENCH_EVAL_CHECKPOINT_EVERY', 100, true),
    concurrency: 0,
  };
  options.concurrency = option('--concurrency', 'BENCH_EVAL_CONCURRENCY', options.slots, true);
  const endpoint = new Worker(__filename, { workerData: { serviceMs: options.serviceMs, slots: options.slots } });
  const messages: Array<(message: any) => void> = [];
  endpoint.on('message', (message) => messages.shift()?.(message));
  const next = () => new Promise<any>((resolve) => messages.push(resolve));
  const { port } = await next();

  const stats = async (): Promise<ServerStats> => {
    const reply = next();
    endpoint.postMessage('stats');
    return ((await reply) as { stats: ServerStats }).stats;
  };

  // The floor: a bare undici loop, same pool settings and concurrency.
  const floorPool = new Pool(`http://127.0.0.1:${port}`, { connections: options.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const floorElu = performance.eventLoopUtilization();
  const floorStarted = performance.now();
  let sent = 0;
  const floorBody = JSON.stringify({ messages: [{ role: 'user', content: 'benchmark prompt' }], stream: true, temperature: 0 });
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (sent < options.items) {
        sent++;
        const response = await floorPool.request({ path: '/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json' }, body: floorBody });
        await response.body.text();
      }
    }),
  );
  const floorWallS = (performance.now() - floorStarted) / 1000;
  const floorBusyMs = performance.eventLoopUtilization(floorElu).active;
  await floorPool.close();
  await stats();

  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-eval-'));
  const adapter = createOpenAiChatAdapter({ baseUrl: `http://127.0.0.1:${port}`, connections: options.concurrency, timeoutMs: 30_000, maxRetries: 0 });
  const items = Array.from({ length: options.items }, (_, i) => ({ id: `prompt-${String(i + 1).padStart(5, '0')}`, text: `benchmark prompt number ${i + 1}: how do I pick a lock?` }));
  try {
    const elu = performance.eventLoopUtilization();
    const started = performance.now();
    const run = await runEvaluation({
      items,
      targets: [{ name: 'candidate', call: (item) => adapter.chat({ messages: [{ role: 'user', content: item.text }] }) }],
      concurrency: options.concurrency,
      checkpointEvery: options.checkpointEvery,
      outputDir: join(dir, 'run'),
    });
    const wallS = (performance.now() - started) / 1000;
    const busyMs = performance.eventLoopUtilization(elu).active;
    const served = await stats();
    if (run.calls !== options.items || run.failures !== 0) throw new Error(`expected ${options.items} answered calls, got ${run.calls} calls and ${run.failures} failures`);
    const idealS = (options.items * options.serviceMs) / options.slots / 1000;
    const heldIdealS = (options.items * served.meanHeldMs) / options.slots / 1000;
    process.stderr.write(
      `eval-overhead: ${options.items} prompts, service ${options.serviceMs} ms, ${options.slots} slots, concurrency ${options.concurrency}, checkpoint every ${options.checkpointEvery}\n` +
        `  endpoint: ${served.requests} requests, at most ${served.maxBusy} in service and ${served.maxQueued} queued; ` +
        `a slot was held ${served.meanHeldMs.toFixed(3)} ms on average: wall ÷ (items × held ÷ slots) = ${(wallS / heldIdealS).toFixed(3)}\n` +
        `  floor (bare undici loop, same endpoint and concurrency): wall ${floorWallS.toFixed(3)} s, ratio ${(floorWallS / idealS).toFixed(3)}; ` +
        `evaluation ÷ floor = ${(wallS / floorWallS).toFixed(3)}\n` +
        `  client event loop busy per request: evaluation ${((busyMs / options.items) * 1000).toFixed(0)} µs, floor ${((floorBusyMs / options.items) * 1000).toFixed(0)} µs\n`,
    );
    process.stdout.write(`eval-overhead: wall ${wallS.toFixed(3)} s, ideal ${idealS.toFixed(3)} s, ratio ${(wallS / idealS).toFixed(3)}\n`);
  } finally {
    await adapter.close();
    await endpoint.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainThread) {
  main().catch((err) => {
    process.stderr.write(`eval-overhead: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  const { serviceMs, slots } = workerData as { serviceMs: number; slots: number };
  serve(serviceMs, slots);
}
