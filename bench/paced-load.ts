/**
 * The gateway bench's load at a fixed rate (bench/gateway.ts): an open-loop client that spaces its
 * requests evenly, and what one measurement of a target holds.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface Measured {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  /** CPU time the target's own process used during the measurement (the model host directly, else the proxy). */
  cpuMs: number;
}

/**
 * Latency at a fixed rate: an open-loop client that sends request i at start + i / rate, over a pool of
 * `connections` keep-alive connections, whatever the answers before it are doing; each answer's latency
 * runs from its send (time queued for a free connection included) to its last byte. Not autocannon's
 * `overallRate`: that lets each connection send back to back until its share of the second is used up,
 * then wait for the next second, so "500 req/s" was bursts at full concurrency for the first tenth of
 * each second, and the tail measured queueing behind the burst, not what a proxy adds to a request.
 */
export async function pacedLoad(url: string, body: string, options: { connections: number; durationS: number; rate: number }): Promise<Measured> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const total = Math.round(options.rate * options.durationS);
  const intervalMs = 1000 / options.rate;
  const inFlight: Promise<void>[] = [];
  const send = () => {
    const sentAt = performance.now();
    inFlight.push(
      pool
        .request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then(async (answer) => {
          await answer.body.arrayBuffer();
          if (answer.statusCode === 200) latenciesMs.push(performance.now() - sentAt);
          else failures.push(`HTTP ${answer.statusCode}`);
        })
        .catch((err: unknown) => void failures.push((err as Error).message)),
    );
  };
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
      while (sent < due) {
        send();
        sent++;
      }
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  if (failures.length > 0) throw new Error(`${url}: ${failures.length} of ${total} requests failed (first: ${failures[0]}): the comparison would not be fair`);
  return { requests: total, seconds, latenciesMs, cpuMs: Number.NaN };
}
