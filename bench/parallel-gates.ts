/**
 * Do the evaluation gates cost deployment velocity when they run side by side? The safety gate and
 * the regression gate (the real activities, in the SDK's MockActivityEnvironment, as the worker runs
 * them) evaluate the same candidate and baseline endpoints of the real model host, alone and then
 * together. Prints
 *   parallel-gates: safety X s, regression Y s, both Z s, ratio Z ÷ max(X, Y) = R   (target ≤ 1.1)
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/parallel-gates.js [--rounds N] [--service-ms MS]
 *   or BENCH_GATES_ROUNDS, BENCH_GATES_SERVICE_MS (defaults 3 rounds, 10 ms per answer).
 *
 * The model host runs in a worker thread (its own event loop, as a separate server would have); the
 * simulated models answer after a fixed service time with no concurrency cap, so the endpoints are
 * never the bottleneck and the ratio shows the gates' own overhead when they share a worker. Each
 * round runs safety alone, regression alone, then both; the medians over rounds are reported.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { request } from 'undici';
import { regressionActivities } from '../activities/regression';
import { safetyActivities } from '../activities/safety';
import { exampleRegressionSection, exampleSafetySection, EXAMPLES_DIR } from '../src/demo/scenario';
import { parseWith } from '../src/errors';
import { regressionPolicySchema } from '../src/policy/sections/regression';
import { safetyPolicySchema } from '../src/policy/sections/safety';
import { hashArtifact } from '../src/integrity/hash-artifact';
import type { GateResult } from '../src/pipeline-types';
import { loadRequest } from '../src/serving/load-order';
import { createModelHost } from '../src/serving/model-host';
import { generateKeyPair, parsePrivateKeyPem } from '../src/signing/keys';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../src/serving/simulated-chat-model';
import type { WorkerConfig } from '../src/worker-config';

function option(flag: string, env: string, fallback: number): number {
  const index = process.argv.indexOf(flag);
  const raw = index >= 0 ? process.argv[index + 1] : (process.env[env] ?? String(fallback));
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} (or ${env}): expected a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// ---------------------------------------------------------------------------------------------
// The model host (worker thread): candidate and baseline deployments of one example model

async function serve(dir: string, serviceMs: number): Promise<void> {
  const silent = pino({ level: 'silent' });
  // The model host loads only pipeline-signed orders: this run's own throwaway pipeline key signs them.
  const pipeline = generateKeyPair();
  const signer = parsePrivateKeyPem(pipeline.privateKeyPem, 'bench pipeline key');
  const host = await createModelHost({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'host'), pipelinePublicKeys: [pipeline.publicKeyPem] }, { logger: silent });
  const hostUrl = await host.listen();
  const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'models', 'assistant-safe', 'model.json'), 'utf8')));
  const urls: Record<string, string> = {};
  for (const id of ['candidate', 'baseline']) {
    const artifact = join(dir, id);
    await writeSimulatedChatArtifact(artifact, { ...spec, latencyMs: { mean: serviceMs } }, { weightsBytes: 4096, seed: id });
    const load = loadRequest(artifact, (await hashArtifact(artifact)).rootDigest, signer);
    const response = await request(`${hostUrl}${load.path}`, { method: load.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(load.body) });
    const body = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`deploying ${id} on the model host failed: HTTP ${response.statusCode} ${body}`);
    urls[id] = `${hostUrl}${load.deploymentPath}`;
  }
  parentPort!.postMessage(urls);
  parentPort!.on('message', () => void host.close().then(() => process.exit(0)));
}

// ---------------------------------------------------------------------------------------------
// The gates (main thread)

async function main(): Promise<void> {
  const rounds = option('--rounds', 'BENCH_GATES_ROUNDS', 3);
  const serviceMs = option('--service-ms', 'BENCH_GATES_SERVICE_MS', 10);
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-gates-'));
  const host = new Worker(__filename, { workerData: { dir, serviceMs } });
  const urls = await new Promise<{ candidate: string; baseline: string }>((resolve, reject) => {
    host.once('message', resolve);
    host.once('error', reject);
  });

  const deps = { config: { dataDir: join(dir, 'data') } as WorkerConfig, logger: pino({ level: 'silent' }) };
  const evaluation = { concurrency: 8, checkpointEvery: 50, requestTimeoutSeconds: 30, allowUnverifiedEndpoints: false, shards: 1 };
  const safety = parseWith(safetyPolicySchema, exampleSafetySection(), 'example safety section');
  const regression = parseWith(regressionPolicySchema, exampleRegressionSection(), 'example regression section');
  const policyPath = join(EXAMPLES_DIR, 'datasets', 'policy.yaml'); // dataset paths in the sections are absolute
  let run = 0;
  const common = () => ({ workflowId: 'bench', runId: `run-${++run}`, policyPath, evaluation, candidateUrl: urls.candidate, baselineUrl: urls.baseline });
  const runSafety = () => new MockActivityEnvironment().run(safetyActivities(deps).runSafetyGate, { ...common(), safety }) as Promise<{ result: GateResult }>;
  const runRegression = () => new MockActivityEnvironment().run(regressionActivities(deps).runRegressionGate, { ...common(), regression }) as Promise<{ result: GateResult }>;
  // Wall seconds, and the CPU seconds the whole process (gates, and the model host's thread) used meanwhile.
  const cpu = { safety: [] as number[], regression: [] as number[], both: [] as number[] };
  const timed = async (name: keyof typeof cpu, work: () => Promise<unknown>) => {
    const started = performance.now();
    const usage = process.cpuUsage();
    await work();
    const used = process.cpuUsage(usage);
    cpu[name].push((used.user + used.system) / 1e6);
    return (performance.now() - started) / 1000;
  };

  try {
    const verdicts = [(await runSafety()).result, (await runRegression()).result]; // warm-up, and a check that both really evaluate
    // Identical models never fail (noise may leave a metric inconclusive); a failure means the set-up is wrong.
    for (const result of verdicts) if (result.verdict === 'fail') throw new Error(`${result.gate} failed on identical models: ${result.reasons.join('; ')}`);
    const times = { safety: [] as number[], regression: [] as number[], both: [] as number[] };
    for (let round = 1; round <= rounds; round++) {
      times.safety.push(await timed('safety', runSafety));
      times.regression.push(await timed('regression', runRegression));
      times.both.push(await timed('both', () => Promise.all([runSafety(), runRegression()])));
      process.stderr.write(
        `  round ${round}/${rounds}: safety ${times.safety.at(-1)!.toFixed(2)} s, regression ${times.regression.at(-1)!.toFixed(2)} s, both ${times.both.at(-1)!.toFixed(2)} s\n`,
      );
    }
    const [s, r, both] = [median(times.safety), median(times.regression), median(times.both)];
    const cores = availableParallelism();
    process.stderr.write(
      `  CPU seconds used by this process (gates + model host), median: safety ${median(cpu.safety).toFixed(2)}, regression ${median(cpu.regression).toFixed(2)}, ` +
        `both ${median(cpu.both).toFixed(2)}; ${cores} cores, so both cannot take less than ${(median(cpu.both) / cores).toFixed(2)} s of wall time here\n`,
    );
    process.stdout.write(
      `parallel-gates: safety ${s.toFixed(2)} s, regression ${r.toFixed(2)} s, both ${both.toFixed(2)} s, ratio both ÷ max = ${(both / Math.max(s, r)).toFixed(3)} (target ≤ 1.1; sequential would be ${((s + r) / Math.max(s, r)).toFixed(2)})\n`,
    );
  } finally {
    host.postMessage('stop');
    await new Promise((resolve) => host.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainThread) {
  main().catch((err: unknown) => {
    process.stderr.write(`parallel-gates failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
} else {
  const data = workerData as { dir: string; serviceMs: number };
  serve(data.dir, data.serviceMs).catch((err: unknown) => {
    process.stderr.write(`model host failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
