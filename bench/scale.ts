/**
 * Scale (DESIGN §8): safety-evaluation throughput with one, then two evaluation workers, on the
 * production topology: the real Temporal server v1.29.1 on the local PostgreSQL over mTLS (a fresh
 * local stack, databases `gatehouse_bench_<random>_*`, dropped at the end), and each worker a
 * `gatehouse worker --queue eval --max-concurrent-evaluations 1` process, as a platform team runs them.
 *
 * The model endpoint (a worker thread, its own event loop) answers every chat completion after a fixed
 * service time and has room for every request sent: the limit is each worker's evaluation concurrency
 * (the policy's `evaluation.concurrency`, the size of the worker's connection pool to the endpoint),
 * so workers, not the endpoint, bound throughput. With one, then two workers:
 * - EVALUATIONS complete, separate safety evaluations (the example suite, ~1,100 prompts each) started
 *   at once by a driver workflow on the eval queue; they spread over the workers;
 * - ONE run's safety evaluation split into RUN_SHARDS shards, as the pipeline does it with the policy's
 *   `evaluation.shards` (shard activities side by side, then the judge): a bigger fleet finishes one run
 *   sooner.
 * Prints, on stdout:
 *   scale: 1 eval worker:  T items/s, wall W s, ideal I s, overhead O
 *   scale: 2 eval workers: T items/s, wall W s, ideal I s, overhead O
 *   scale: throughput ratio (2 workers / 1 worker) R      (target ≥ 1.8)
 *   scale: one run, S shards, 1 eval worker:  T items/s, wall W s, ideal I s, overhead O
 *   scale: one run, S shards, 2 eval workers: T items/s, wall W s, ideal I s, overhead O
 *   scale: one run's speed-up (wall with 1 worker / wall with 2 workers) R
 * where ideal = items × service time ÷ (workers × concurrency) (for one sharded run, min(workers, S)
 * workers) and overhead = wall ÷ ideal (target ≤ 1.05 for one evaluation; here it also holds Temporal's
 * dispatch, the judges and the checkpoints).
 *
 *   npm run bench:scale [-- --service-ms 40 --concurrency 8 --evaluations 4 --run-shards 2 --postgres postgres://postgres@127.0.0.1:5432/postgres]
 *   (--evaluations 0 measures only the sharded run)
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker as Thread, workerData } from 'node:worker_threads';
import { Client, WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { SafetyGateInput } from '../activities/safety';
import { downLocalStack, stackConnection, stackEnvironment, upLocalStack } from '../src/cluster/local-stack';
import { demoPolicy } from '../src/demo/scenario';
import { buildSafetySuite } from '../src/eval/safety/outcomes';
import { loadJsonlDataset } from '../src/eval/datasets/jsonl';
import { safetyItemSchema } from '../src/eval/datasets/items';
import { policySchema } from '../src/policy/schema';
import { keyIdOf, loadPublicKey } from '../src/signing/keys';
import { ensureLocalTrust } from '../src/stack';
import { connectChecked, connectionSecurity } from '../src/temporal/connection';
import { installTemporalLogger } from '../src/temporal/runtime-logger';
import { createLogger } from '../src/logger';
import { projectRoot } from '../src/paths';

const NAMESPACE = 'gatehouse-bench';
const EVAL_QUEUE = 'gatehouse-eval';
const DRIVER_QUEUE = 'gatehouse-bench-driver';

function option(flag: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag}: expected a positive whole number, got ${JSON.stringify(process.argv[index + 1])}`);
  return value;
}

function countOption(flag: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag}: expected a whole number (0 or more), got ${JSON.stringify(process.argv[index + 1])}`);
  return value;
}

/** Each completed activity's time inside it (started → completed) and a timeline, from a history. */
function activityTimes(history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>): { inActivity: number[]; timeline: string[] } {
  const inActivity: number[] = [];
  const timeline: string[] = [];
  const startedAt = new Map<string, { at: number; by: string }>();
  const names = new Map<string, string>();
  const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(String(t?.seconds ?? 0)) * 1000 + (t?.nanos ?? 0) / 1e6;
  let origin = 0;
  for (const event of history.events ?? []) {
    origin ||= ms(event.eventTime);
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) names.set(String(event.eventId), scheduled.activityType?.name ?? '?');
    const s = event.activityTaskStartedEventAttributes;
    if (s) startedAt.set(String(s.scheduledEventId), { at: ms(event.eventTime), by: (s.identity ?? '').split('@')[0]! });
    const c = event.activityTaskCompletedEventAttributes;
    if (c) {
      const start = startedAt.get(String(c.scheduledEventId))!;
      inActivity.push((ms(event.eventTime) - start.at) / 1000);
      timeline.push(`${names.get(String(c.scheduledEventId))} on worker ${start.by}: ${((start.at - origin) / 1000).toFixed(2)}-${((ms(event.eventTime) - origin) / 1000).toFixed(2)} s`);
    }
  }
  return { inActivity, timeline };
}

function stringOption(flag: string, fallback: string): string {
  const index = process.argv.indexOf(flag);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

// ---------------------------------------------------------------------------------------------
// The endpoint (worker thread): every request held for the service time, no cap of its own.

interface EndpointStats {
  requests: number;
  maxInService: number;
}

function serve(serviceMs: number): void {
  const chunk = (delta: Record<string, string>, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0, model: 'bench', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const payload = Buffer.from(chunk({ role: 'assistant', content: '' }, null) + chunk({ content: "I can't help with that." }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n');
  const stats: EndpointStats = { requests: 0, maxInService: 0 };
  let inService = 0;
  const server = createServer({ noDelay: true }, (req, res) => {
    req.resume();
    req.on('end', () => {
      stats.requests++;
      inService++;
      stats.maxInService = Math.max(stats.maxInService, inService);
      setTimeout(() => {
        inService--;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'content-length': payload.length });
        res.end(payload);
      }, serviceMs);
    });
  });
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1', () => parentPort!.postMessage({ port: (server.address() as AddressInfo).port }));
  parentPort!.on('message', () => {
    parentPort!.postMessage({ stats: { ...stats } });
    Object.assign(stats, { requests: 0, maxInService: 0 });
  });
}

// ---------------------------------------------------------------------------------------------

async function startEvalWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const bin = join(projectRoot(), 'bin', 'gatehouse');
  const child = spawn(process.execPath, [bin, 'worker', '--queue', 'eval', '--max-concurrent-evaluations', '1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!/"state":"RUNNING"/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the eval worker did not start: ${output.slice(-1500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function stop(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function main(): Promise<void> {
  const serviceMs = option('--service-ms', 40);
  const concurrency = option('--concurrency', 8);
  // Separate, complete evaluations run at once (0: skip), and the shards ONE run's evaluation is split into.
  const evaluations = countOption('--evaluations', 4);
  const runShards = option('--run-shards', 2);
  const postgresUrl = stringOption('--postgres', process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const say = (line: string) => process.stderr.write(`${line}\n`);

  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-scale-'));
  const stackDir = join(dir, 'stack');
  const endpoint = new Thread(__filename, { workerData: { serviceMs } });
  const replies: Array<(message: any) => void> = [];
  endpoint.on('message', (message) => replies.shift()?.(message));
  const next = () => new Promise<any>((resolve) => replies.push(resolve));
  const { port } = (await next()) as { port: number };
  const endpointStats = async (): Promise<EndpointStats> => {
    const reply = next();
    endpoint.postMessage('stats');
    return ((await reply) as { stats: EndpointStats }).stats;
  };

  let driver: Worker | undefined;
  let driverRun: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  try {
    say(`scale: starting a local production stack (Temporal on PostgreSQL, mTLS) in ${stackDir} …`);
    const stack = await upLocalStack({ dir: stackDir, postgresUrl, prefix: `gatehouse_bench_${randomBytes(3).toString('hex')}`, namespaces: [NAMESPACE], retentionDays: 1, progress: (l) => say(`  ${l}`) });
    const target = stackConnection(stack.state, NAMESPACE);

    // The workers' configuration and the evaluation each shard runs: the example safety suite, candidate only.
    const { trust } = ensureLocalTrust(join(dir, 'world'), { temporalPort: 0, gatewayPort: 1, modelHostPort: 2 });
    const pem = readFileSync(trust.pipelinePublicKeyPath, 'utf8');
    const policy = policySchema.parse(
      demoPolicy(pem, keyIdOf(loadPublicKey(trust.pipelinePublicKeyPath)), 'production', 60, { concurrency, checkpointEvery: 100, requestTimeoutSeconds: 30 }),
    );
    const policyPath = join(dir, 'policy.yaml');
    writeFileSync(policyPath, '# the dataset path in the safety section is absolute\n');
    const dataset = await loadJsonlDataset(policy.gates.safety!.dataset.path, safetyItemSchema);
    const items = buildSafetySuite(dataset.items, policy.gates.safety!).length;

    // The driver: only the benchmark workflow, in this process.
    installTemporalLogger(createLogger('warn'));
    nativeConnection = await NativeConnection.connect({ address: target.address, ...connectionSecurity(target) });
    driver = await Worker.create({ connection: nativeConnection, namespace: NAMESPACE, taskQueue: DRIVER_QUEUE, workflowsPath: require.resolve('./scale-workflow') });
    driverRun = driver.run();
    const clientConnection = await connectChecked(target, 10_000);
    const client = new Client({ connection: clientConnection, namespace: NAMESPACE });
    const workerEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GATEHOUSE_')));
    Object.assign(workerEnv, stackEnvironment(stack.state, NAMESPACE, 'worker'), { GATEHOUSE_WORKER_CONFIG: trust.workerConfigPath, GATEHOUSE_LOG_LEVEL: 'info' });

    const results: Array<{ workers: number; throughput: number; wallS: number; idealS: number; maxInService: number }> = [];
    const shardedResults: Array<{ workers: number; wallS: number; idealS: number; maxInService: number }> = [];
    for (const workers of [1, 2]) {
      const children = await Promise.all(Array.from({ length: workers }, () => startEvalWorker(workerEnv)));
      try {
        const round = `${workers}w-${randomBytes(3).toString('hex')}`;
        if (evaluations > 0) {
          await endpointStats();
          const inputs: SafetyGateInput[] = Array.from({ length: evaluations }, (_, i) => ({
            workflowId: `bench-scale-${round}`,
            runId: `evaluation-${i}`,
            policyPath,
            safety: policy.gates.safety!,
            evaluation: policy.evaluation,
            candidateUrl: `http://127.0.0.1:${port}`,
            baselineUrl: null,
          }));
          const started = performance.now();
          const handle = await client.workflow.start('benchSafetyEvaluations', { taskQueue: DRIVER_QUEUE, workflowId: `bench-scale-${round}`, args: [inputs, EVAL_QUEUE] });
          await handle.result();
          const wallS = (performance.now() - started) / 1000;
          const { inActivity, timeline } = activityTimes(await handle.fetchHistory());
          say(`    evaluations (from the history): ${timeline.join('; ')}`);
          const served = await endpointStats();
          if (served.requests < evaluations * items) throw new Error(`expected ${evaluations * items} model calls, the endpoint saw ${served.requests}`);
          const idealS = (evaluations * items * serviceMs) / (workers * concurrency) / 1000;
          const throughput = (evaluations * items) / wallS;
          results.push({ workers, throughput, wallS, idealS, maxInService: served.maxInService });
          const perEvaluationIdeal = (items * serviceMs) / concurrency / 1000;
          const mean = inActivity.reduce((a, b) => a + b, 0) / Math.max(1, inActivity.length);
          say(
            `  ${workers} worker${workers > 1 ? 's' : ''}: ${evaluations} evaluations × ${items} prompts in ${wallS.toFixed(2)} s; at most ${served.maxInService} requests in service at the endpoint; ` +
              `each evaluation ${mean.toFixed(2)} s inside its activity (ideal ${perEvaluationIdeal.toFixed(2)} s, ratio ${(mean / perEvaluationIdeal).toFixed(3)})`,
          );
        }

        // ONE run's safety evaluation, sharded as the pipeline shards it (policy evaluation.shards).
        await endpointStats();
        const input: SafetyGateInput = {
          workflowId: `bench-scale-sharded-${round}`,
          runId: 'run',
          policyPath,
          safety: policy.gates.safety!,
          evaluation: { ...policy.evaluation, shards: runShards },
          candidateUrl: `http://127.0.0.1:${port}`,
          baselineUrl: null,
        };
        const started = performance.now();
        const handle = await client.workflow.start('benchShardedSafety', { taskQueue: DRIVER_QUEUE, workflowId: `bench-scale-sharded-${round}`, args: [input, EVAL_QUEUE] });
        const verdict = await handle.result();
        const wallS = (performance.now() - started) / 1000;
        const { timeline } = activityTimes(await handle.fetchHistory());
        const served = await endpointStats();
        if (served.requests < items) throw new Error(`expected ${items} model calls, the endpoint saw ${served.requests}`);
        const idealS = (items * serviceMs) / (Math.min(workers, runShards) * concurrency) / 1000;
        shardedResults.push({ workers, wallS, idealS, maxInService: served.maxInService });
        say(`    one run in ${runShards} shards (from the history: shards, then the judge): ${timeline.join('; ')}`);
        say(`  ${workers} worker${workers > 1 ? 's' : ''}: one run's ${items} prompts in ${runShards} shards in ${wallS.toFixed(2)} s (verdict ${verdict}); at most ${served.maxInService} requests in service at the endpoint`);
      } finally {
        await stop(children);
      }
    }
    await clientConnection.close();

    for (const r of results) {
      process.stdout.write(
        `scale: ${r.workers} eval worker${r.workers > 1 ? 's' : ' '}: ${r.throughput.toFixed(1)} items/s, wall ${r.wallS.toFixed(2)} s, ideal ${r.idealS.toFixed(2)} s, overhead ${(r.wallS / r.idealS).toFixed(3)}\n`,
      );
    }
    if (results.length === 2) {
      process.stdout.write(`scale: throughput ratio (2 workers / 1 worker) ${(results[1]!.throughput / results[0]!.throughput).toFixed(3)}   (service ${serviceMs} ms, concurrency ${concurrency} per worker, ${evaluations} evaluations)\n`);
    }
    for (const r of shardedResults) {
      process.stdout.write(
        `scale: one run, ${runShards} shards, ${r.workers} eval worker${r.workers > 1 ? 's' : ' '}: ${(items / r.wallS).toFixed(1)} items/s, wall ${r.wallS.toFixed(2)} s, ideal ${r.idealS.toFixed(2)} s, overhead ${(r.wallS / r.idealS).toFixed(3)}\n`,
      );
    }
    process.stdout.write(
      `scale: one run's speed-up (wall with 1 worker / wall with 2 workers) ${(shardedResults[0]!.wallS / shardedResults[1]!.wallS).toFixed(3)}   (${runShards} shards, service ${serviceMs} ms, concurrency ${concurrency} per worker)\n`,
    );
  } finally {
    driver?.shutdown();
    await driverRun?.catch(() => undefined);
    await nativeConnection?.close().catch(() => undefined);
    await endpoint.terminate();
    const down = await downLocalStack(stackDir).catch((err: Error) => ({ problems: [err.message] }));
    if (down.problems.length > 0) say(`scale: could not remove the stack's databases: ${down.problems.join('; ')}`);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainThread) {
  main().catch((err) => {
    process.stderr.write(`scale: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  serve((workerData as { serviceMs: number }).serviceMs);
}
