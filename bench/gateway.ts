/**
 * Gateway overhead (DESIGN §8 "Gateway: added p50/p99 latency and max throughput vs calling the
 * backend directly"). The embedded model host serves a simulated chat model (canary-healthy's rules,
 * with a fixed service time, default 0 ms so the gateway's own cost is what shows); the gateway
 * routes the model's `stable` slot to it, admitted with a signed attestation as in production (slot
 * metrics, off-path answer checks and Prometheus counters all on, at their defaults). The same OpenAI
 * chat request goes to each target (directly, the floor, the gateway):
 *   1. max throughput: as many requests as `--connections` keep-alive connections carry (autocannon,
 *      closed loop), direct and through each proxy (this also warms every process up);
 *   2. latency at a fixed, moderate load: an open-loop client sends `--rate` requests/s evenly spaced
 *      (one every 2 ms at 500 req/s) over a pool of `--latency-connections` connections; p50 and p99 of
 *      every answer's latency, send to last byte, direct and through each proxy. (autocannon's
 *      `overallRate` sends each connection's share of a second back to back, then waits: bursts at full
 *      concurrency, whose queueing, not the proxy, made the tail.)
 * Each target is measured in `--rounds` short rounds taken in turn (direct, floor, gateway, direct, …),
 * so a burst of load from another process on this shared machine falls on all three alike.
 * Prints
 *   gateway: p50 A ms → B ms (+C ms, ratio D), p99 … (+E ms vs the floor's p99 in the median round, …), at R req/s; max throughput X req/s → Y req/s (ratio Z, floor ratio F: …);
 *     CPU per request G µs (floor H µs, ratio I) at R req/s, J µs (floor K µs, ratio L) at max throughput
 * where the floor is a bare undici pass-through proxy measured the same way in the same run, and
 * F = the gateway's max throughput / the floor's (target ≥ 0.8; p99 target +1 ms over the floor). E is
 * the median over the rounds of (the round's gateway p99 − the same round's floor p99): a burst of
 * load from elsewhere that lands in one round moves the pooled p99s a lot and E hardly at all.
 * CPU per request is each proxy process's own CPU time (process.cpuUsage: every thread of it, GC
 * included) over the answers it relayed: a loaded machine moves it far less than req/s and latency,
 * so it is the figure to compare between runs. The gateway's includes its answer checks (every answer
 * validated; safety checks on every answer at the fixed rate, on a time-budgeted sample at full load).
 * Then
 *   gateway under an admission attack: p99 … ms (… without it) at R req/s, while N envelopes of 5,000 signatures …
 * the latency phase through the gateway again, while another process sends DESIGN §6's oversized
 * admission envelope (with the admin token) one request after the other (target: p99 under 50 ms).
 * The model host, the gateway and the floor each run in their own process, as in production;
 * autocannon runs in this one; everything shares this machine's cores, so through a proxy three
 * busy processes compete where directly two do (printed on stderr). Requests carry no routing key:
 * they are the canary's judged sample, the path most traffic takes (keyed hash, slot measurements).
 *
 *   npm run bench:gateway [-- --duration S --rounds N --rate R --latency-connections C --connections N --service-ms MS --warmup S]
 *   or BENCH_GATEWAY_DURATION, BENCH_GATEWAY_ROUNDS, BENCH_GATEWAY_RATE, BENCH_GATEWAY_LATENCY_CONNECTIONS,
 *   BENCH_GATEWAY_CONNECTIONS, BENCH_GATEWAY_SERVICE_MS, BENCH_GATEWAY_WARMUP
 *   (defaults 5 s per measurement in 5 rounds, 500 req/s, 8, 32, 0 ms, 1 s of warm-up per target and phase).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Agent, request as undiciRequest } from 'undici';
import { type Measured, pacedLoad } from './paced-load';
import { hashArtifact } from '../src/integrity/hash-artifact';
import { projectRoot } from '../src/paths';
import { createGateway } from '../src/serving/gateway';
import { loadRequest } from '../src/serving/load-order';
import { createModelHost } from '../src/serving/model-host';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../src/serving/simulated-chat-model';
import { gateNames, signAttestation } from '../src/signing/attestation';
import { generateKeyPair, parsePrivateKeyPem } from '../src/signing/keys';

/** The part of autocannon's API used here (it ships no types). */
interface AutocannonResult {
  duration: number;
  requests: { total: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void): void;
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const MODEL = 'support-assistant';
const silent = pino({ level: 'silent' });

interface BenchOptions {
  durationS: number;
  rounds: number;
  rate: number;
  latencyConnections: number;
  connections: number;
  serviceMs: number;
  warmupS: number;
}

function option(flag: string, env: string, fallback: number, check: { integer: boolean; min: number }): number {
  const index = process.argv.indexOf(flag);
  const raw = index >= 0 ? process.argv[index + 1] : (process.env[env] ?? String(fallback));
  const value = Number(raw);
  if (!Number.isFinite(value) || value < check.min || (check.integer && !Number.isInteger(value))) {
    throw new Error(`${flag} (or ${env}): expected ${check.integer ? 'an integer' : 'a number'} of at least ${check.min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// The services (one process each)

type Role =
  | { role: 'model-host' | 'gateway'; dataDir: string; pipelinePublicKeyPem: string }
  /** The floor: a bare undici pass-through proxy to `target`, what any reverse proxy must at least cost. */
  | { role: 'floor'; target: string }
  /** Sends `body` to `url` (with the admin token), one request after the other, until told to stop. */
  | { role: 'attacker'; url: string; token: string; body: string };

/** The bench gateway's admin token (its admin listener is on loopback, in this process tree only). */
const BENCH_ADMIN_TOKEN = randomBytes(24).toString('hex');

/** Set in a service process's environment (see `startService`); its role arrives as the first IPC message. */
const SERVICE_ENV = 'BENCH_GATEWAY_SERVICE';

/** A message to the parent process (a service runs in a child process with an IPC channel). */
function toParent(message: unknown): void {
  process.send!(message);
}

/** Answers the parent's `cpu` question: this process's CPU time so far, in ms (every thread, GC included). */
function answerCpu(message: unknown): boolean {
  if (message !== 'cpu') return false;
  const used = process.cpuUsage();
  toParent({ cpuMs: (used.user + used.system) / 1000 });
  return true;
}

/** A bare pass-through proxy: same path, body piped to the backend, its status, content type and body piped back. */
async function serveFloor(target: string): Promise<void> {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const server = createServer((req, res) => {
    undiciRequest(`${target}${req.url ?? '/'}`, { dispatcher: agent, method: req.method as 'POST', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, body: req })
      .then((upstream) => {
        const contentType = upstream.headers['content-type'];
        res.writeHead(upstream.statusCode, { 'content-type': (Array.isArray(contentType) ? contentType[0] : contentType) ?? 'application/json' });
        upstream.body.pipe(res);
      })
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  toParent({ url, adminUrl: url });
  process.on('message', (message: unknown) => {
    if (answerCpu(message)) return;
    server.closeAllConnections();
    server.close(() => void agent.close().then(() => toParent({ closed: true })));
  });
}

/** The admission attack of DESIGN §6 "Admin surface and DoS", from its own process (its own machine, in effect). */
function attack(role: { url: string; token: string; body: string }): void {
  let stopped = false;
  const statuses: number[] = [];
  toParent({ url: role.url, adminUrl: role.url });
  process.on('message', (message: unknown) => {
    if (answerCpu(message)) return;
    if (message === 'close') stopped = true;
  });
  void (async () => {
    while (!stopped) {
      try {
        const response = await fetch(role.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${role.token}` }, body: role.body });
        await response.arrayBuffer();
        statuses.push(response.status);
      } catch {
        statuses.push(-1);
      }
    }
    toParent({ closed: true, statuses });
  })();
}

async function serve(role: Role & { adminToken?: string }): Promise<void> {
  if (role.role === 'floor') return serveFloor(role.target);
  if (role.role === 'attacker') return attack(role);
  const service =
    role.role === 'model-host'
      ? await createModelHost({ port: 0, host: '127.0.0.1', dataDir: role.dataDir, pipelinePublicKeys: [role.pipelinePublicKeyPem] }, { logger: silent })
      : await createGateway(
          {
            port: 0,
            host: '127.0.0.1',
            environment: 'bench',
            admin: { port: 0, token: role.adminToken! },
            dataDir: role.dataDir,
            pipelinePublicKeys: [role.pipelinePublicKeyPem],
            // Slot metrics, answer checks and the digest re-check stay on, at their defaults.
            requiredGates: ['policy', 'integrity', 'provenance', 'safety'],
          },
          { logger: silent },
        );
  const url = await service.listen();
  toParent({ url, adminUrl: 'adminUrl' in service ? service.adminUrl : url });
  process.on('message', (message: unknown) => {
    if (answerCpu(message)) return;
    if (message === 'close') void service.close().then(() => toParent({ closed: true }));
  });
}

interface Service {
  url: string;
  adminUrl: string;
  /** CPU time the service's process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** Stops the service; resolves to its last message (the attacker's statuses). */
  close(): Promise<unknown>;
}

/** Starts a service in its own Node process (this file), its role sent as the first message over IPC. */
function startService(role: Role & { adminToken?: string }): Promise<Service> {
  const child = fork(__filename, [], { env: { ...process.env, [SERVICE_ENV]: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send(role);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench service ${role.role} exited (code ${code}) before it was ready`)));
    child.once('message', (ready: { url: string; adminUrl: string }) =>
      resolve({
        url: ready.url,
        adminUrl: ready.adminUrl,
        cpuMs: () =>
          new Promise((done) => {
            child.once('message', ({ cpuMs }: { cpuMs: number }) => done(cpuMs));
            child.send('cpu');
          }),
        close: async () => {
          const closed = new Promise((done) => child.once('message', done));
          child.send('close');
          const last = await closed;
          child.kill();
          await exited;
          return last;
        },
      }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// The measurements (this process)


/** Measurements of one target added up over rounds: requests and seconds summed, latencies pooled. */
function combine(parts: readonly Measured[]): Measured {
  return {
    requests: parts.reduce((n, m) => n + m.requests, 0),
    seconds: parts.reduce((n, m) => n + m.seconds, 0),
    latenciesMs: parts.flatMap((m) => m.latenciesMs),
    cpuMs: parts.reduce((n, m) => n + m.cpuMs, 0),
  };
}

/** Max throughput: autocannon, closed loop, `connections` keep-alive connections each sending as soon as its answer is in. */
async function load(url: string, model: string, options: { connections: number; durationS: number }): Promise<Measured> {
  const latenciesMs: number[] = [];
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: requestBody(model),
    connections: options.connections,
    pipelining: 1,
    duration: options.durationS,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode === 200) latenciesMs.push(responseTimeMs);
  });
  const result = await instance;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts: the comparison would not be fair`);
  }
  return { requests: result.requests.total, seconds: result.duration, latenciesMs, cpuMs: Number.NaN };
}

const requestBody = (model: string) => JSON.stringify({ model, messages: [{ role: 'user', content: 'How do I get a refund?' }] });

function cpuPerRequestUs(m: Measured): number {
  return (m.cpuMs * 1000) / m.requests;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function percentile(sample: readonly number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  return sorted[low]! + (sorted[Math.ceil(rank)]! - sorted[low]!) * (rank - low);
}

async function main(): Promise<void> {
  const options: BenchOptions = {
    durationS: option('--duration', 'BENCH_GATEWAY_DURATION', 5, { integer: true, min: 1 }),
    rounds: option('--rounds', 'BENCH_GATEWAY_ROUNDS', 5, { integer: true, min: 1 }),
    rate: option('--rate', 'BENCH_GATEWAY_RATE', 500, { integer: true, min: 1 }),
    latencyConnections: option('--latency-connections', 'BENCH_GATEWAY_LATENCY_CONNECTIONS', 8, { integer: true, min: 1 }),
    connections: option('--connections', 'BENCH_GATEWAY_CONNECTIONS', 32, { integer: true, min: 1 }),
    serviceMs: option('--service-ms', 'BENCH_GATEWAY_SERVICE_MS', 0, { integer: false, min: 0 }),
    warmupS: option('--warmup', 'BENCH_GATEWAY_WARMUP', 1, { integer: true, min: 0 }),
  };
  if (options.serviceMs > 0 && options.rate > (0.8 * options.latencyConnections * 1000) / options.serviceMs) {
    process.stderr.write(
      `gateway bench: warning: ${options.rate} req/s over ${options.latencyConnections} connections with a ${options.serviceMs} ms service time is at or beyond the backend's capacity ` +
        `(${Math.floor((options.latencyConnections * 1000) / options.serviceMs)} req/s): the latency phase then measures queueing; lower --rate or raise --latency-connections\n`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-gateway-'));
  const services: Service[] = [];
  try {
    // The model: canary-healthy's behaviour, with the benchmark's service time.
    const example = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(projectRoot(), 'examples', 'models', 'canary-healthy', 'model.json'), 'utf8')));
    const spec = { ...example, latencyMs: { mean: options.serviceMs } };
    const artifact = join(dir, 'artifact');
    await writeSimulatedChatArtifact(artifact, spec, { weightsBytes: 4096 });
    const { rootDigest } = await hashArtifact(artifact);

    const pair = generateKeyPair();
    const host = await startService({ role: 'model-host', dataDir: join(dir, 'model-host'), pipelinePublicKeyPem: pair.publicKeyPem });
    services.push(host);
    const gateway = await startService({ role: 'gateway', dataDir: join(dir, 'gateway'), pipelinePublicKeyPem: pair.publicKeyPem, adminToken: BENCH_ADMIN_TOKEN });
    services.push(gateway);

    const loadOrder = loadRequest(artifact, rootDigest, parsePrivateKeyPem(pair.privateKeyPem, 'bench pipeline key'));
    const deployed = await fetch(`${host.url}${loadOrder.path}`, { method: loadOrder.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(loadOrder.body) });
    if (!deployed.ok) throw new Error(`model host: ${deployed.status} ${await deployed.text()}`);
    const backendUrl = `${host.url}${loadOrder.deploymentPath}`;
    const issuedAt = new Date(Date.now() - 1000);
    const attestation = signAttestation(
      {
        model: MODEL,
        version: '1.0.0',
        environment: 'bench',
        workflowId: 'bench',
        runId: 'bench',
        policyDigest: '0'.repeat(64),
        artifactRootDigest: rootDigest,
        gates: gateNames.map((gate) => ({ gate, verdict: 'pass' as const })),
        approvers: [],
        slot: 'stable',
        weight: 100,
        backend: { url: backendUrl },
        issuedAt: issuedAt.toISOString(),
        expiresAt: new Date(issuedAt.getTime() + 600_000).toISOString(),
        nonce: randomBytes(16).toString('hex'),
      },
      parsePrivateKeyPem(pair.privateKeyPem, 'bench pipeline key'),
    );
    const admitted = await fetch(`${gateway.adminUrl}/admin/v1/routes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
      body: JSON.stringify({ attestation }),
    });
    if (!admitted.ok) throw new Error(`gateway admission: ${admitted.status} ${await admitted.text()}`);

    const floor = await startService({ role: 'floor', target: backendUrl });
    services.push(floor);

    // The same request; only the model's name differs (users ask the gateway for MODEL, the host serves the spec's name).
    const targets = {
      direct: { url: `${backendUrl}/v1/chat/completions`, model: spec.name, service: host },
      floor: { url: `${floor.url}/v1/chat/completions`, model: spec.name, service: floor },
      gateway: { url: `${gateway.url}/v1/chat/completions`, model: MODEL, service: gateway },
    };
    const names = ['direct', 'floor', 'gateway'] as const;
    const phase = async (settings: { connections: number; rate?: number }) => {
      const run = (url: string, model: string, durationS: number) =>
        settings.rate === undefined ? load(url, model, { connections: settings.connections, durationS }) : pacedLoad(url, requestBody(model), { connections: settings.connections, rate: settings.rate, durationS });
      for (const name of names) {
        if (options.warmupS > 0) await run(targets[name].url, targets[name].model, options.warmupS);
      }
      // In turns: round r of every target before round r + 1 of any.
      const parts = { direct: [] as Measured[], floor: [] as Measured[], gateway: [] as Measured[] };
      for (let round = 0; round < options.rounds; round++) {
        for (const name of names) {
          const { url, model, service } = targets[name];
          const cpuBefore = await service.cpuMs();
          const measured = await run(url, model, options.durationS / options.rounds);
          measured.cpuMs = (await service.cpuMs()) - cpuBefore;
          parts[name].push(measured);
        }
      }
      // Each round's gateway p99 minus the same round's floor p99: the two ran seconds apart, so a burst
      // of load from elsewhere that spoils one round's tail spoils both, and the median drops that round.
      const p99OverFloorMs = median(parts.gateway.map((g, round) => percentile(g.latenciesMs, 99) - percentile(parts.floor[round]!.latenciesMs, 99)));
      return { direct: combine(parts.direct), floor: combine(parts.floor), gateway: combine(parts.gateway), p99OverFloorMs };
    };

    // Max throughput first: it also warms every process up (JIT-compiled hot paths, as in a gateway
    // that has been serving a while), so the fixed-rate phase measures steady-state latency and CPU.
    const throughput = await phase({ connections: options.connections });
    const latency = await phase({ connections: options.latencyConnections, rate: options.rate });

    // DESIGN §6 "Admin surface and DoS": the same user load while an oversized admission envelope
    // (5,000 junk signatures, far over the 64 KiB cap) is sent again and again, with the admin token.
    const junk = { ...attestation, signatures: Array.from({ length: 5000 }, (_, i) => ({ keyid: `junk-${i}`, sig: attestation.signatures[0]!.sig })) };
    const junkBody = JSON.stringify({ attestation: junk });
    const attacker = await startService({ role: 'attacker', url: `${gateway.adminUrl}/admin/v1/routes`, token: BENCH_ADMIN_TOKEN, body: junkBody });
    let underAttack: Measured;
    let attackStatuses: number[];
    try {
      underAttack = await pacedLoad(targets.gateway.url, requestBody(targets.gateway.model), { connections: options.latencyConnections, rate: options.rate, durationS: options.durationS });
    } finally {
      attackStatuses = ((await attacker.close()) as { statuses: number[] }).statuses;
    }
    const statusCounts = new Map<number, number>();
    for (const status of attackStatuses) statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);

    const p = (m: Measured, q: number) => percentile(m.latenciesMs, q);
    const rps = (m: Measured) => m.requests / m.seconds;
    const f = (ms: number) => ms.toFixed(3);
    const signed = (ms: number) => `${ms >= 0 ? '+' : '−'}${f(Math.abs(ms))}`;
    const p50 = { direct: p(latency.direct, 50), gateway: p(latency.gateway, 50) };
    const p99 = { direct: p(latency.direct, 99), floor: p(latency.floor, 99), gateway: p(latency.gateway, 99) };
    const max = { direct: rps(throughput.direct), floor: rps(throughput.floor), gateway: rps(throughput.gateway) };
    const cpu = {
      atRate: { floor: cpuPerRequestUs(latency.floor), gateway: cpuPerRequestUs(latency.gateway) },
      atMax: { direct: cpuPerRequestUs(throughput.direct), floor: cpuPerRequestUs(throughput.floor), gateway: cpuPerRequestUs(throughput.gateway) },
    };
    const us = (value: number) => value.toFixed(0);
    process.stderr.write(
      `gateway bench: ${availableParallelism()} cores; model service time ${options.serviceMs} ms; ${options.durationS} s per measurement in ${options.rounds} rounds, after ${options.warmupS} s of warm-up\n` +
        `  latency at ${options.rate} req/s over ${options.latencyConnections} connections: ${latency.direct.latenciesMs.length} answers direct, ${latency.gateway.latenciesMs.length} through the gateway; ` +
        `p90 ${f(p(latency.direct, 90))} → ${f(p(latency.gateway, 90))} ms, p99.9 ${f(p(latency.direct, 99.9))} → ${f(p(latency.gateway, 99.9))} ms; ` +
        `the floor's p50 ${f(p(latency.floor, 50))} ms, p90 ${f(p(latency.floor, 90))} ms\n` +
        `  throughput over ${options.connections} connections: ${throughput.direct.requests} answers direct, ${throughput.gateway.requests} through the gateway ` +
        `(direct: model host and client processes busy; through a proxy: a third busy process on the same cores)\n` +
        `  CPU per request at max throughput (the process's own CPU time / answers, steadier than req/s on a loaded machine): ` +
        `model host ${us(cpu.atMax.direct)} µs, floor proxy ${us(cpu.atMax.floor)} µs, gateway ${us(cpu.atMax.gateway)} µs\n`,
    );
    process.stdout.write(
      `gateway: p50 ${f(p50.direct)} ms → ${f(p50.gateway)} ms (${signed(p50.gateway - p50.direct)} ms, ratio ${(p50.gateway / p50.direct).toFixed(2)}), ` +
        `p99 ${f(p99.direct)} ms → ${f(p99.gateway)} ms (${signed(p99.gateway - p99.direct)} ms, ratio ${(p99.gateway / p99.direct).toFixed(2)}; ` +
        `${signed(latency.p99OverFloorMs)} ms vs the floor's p99 in the median round, ${signed(p99.gateway - p99.floor)} ms vs its p99 ${f(p99.floor)} ms over all rounds) at ${options.rate} req/s; ` +
        `max throughput ${max.direct.toFixed(0)} req/s → ${max.gateway.toFixed(0)} req/s (ratio ${(max.gateway / max.direct).toFixed(2)}, ` +
        `floor ratio ${(max.gateway / max.floor).toFixed(2)}: a bare undici pass-through proxy does ${max.floor.toFixed(0)} req/s); ` +
        `CPU per request ${us(cpu.atRate.gateway)} µs (floor ${us(cpu.atRate.floor)} µs, ratio ${(cpu.atRate.gateway / cpu.atRate.floor).toFixed(2)}) at ${options.rate} req/s, ` +
        `${us(cpu.atMax.gateway)} µs (floor ${us(cpu.atMax.floor)} µs, ratio ${(cpu.atMax.gateway / cpu.atMax.floor).toFixed(2)}) at max throughput\n`,
    );
    process.stdout.write(
      `gateway under an admission attack: p99 ${f(p(underAttack, 99))} ms (${f(p99.gateway)} ms without it) at ${options.rate} req/s, ` +
        `while ${attackStatuses.length} envelopes of 5,000 signatures (${(Buffer.byteLength(junkBody) / 1024).toFixed(0)} KiB each) were sent: ` +
        `${[...statusCounts].map(([status, count]) => `${count} × ${status === -1 ? 'connection error' : `HTTP ${status}`}`).join(', ')} (target: p99 under 50 ms)\n`,
    );
  } finally {
    for (const service of services.reverse()) await service.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env[SERVICE_ENV] === undefined) {
  main().catch((err) => {
    process.stderr.write(`gateway bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  // A service process: its parent going away (a killed bench) takes it along.
  process.on('disconnect', () => process.exit(0));
  process.once('message', (role: Role & { adminToken?: string }) =>
    void serve(role).catch((err) => {
      process.stderr.write(`gateway bench service: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    }),
  );
}
