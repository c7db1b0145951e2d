/**
 * Realistic load for demos, tests and operators (`gatehouse traffic`): OpenAI-style chat requests to
 * the serving gateway for one model, as its users would send them while a canary bakes.
 *
 * - Open loop at a steady `requestsPerSecond` (requests are sent on schedule whether or not earlier
 *   ones have answered), with at most `concurrency` in flight; when the gateway is slower than that
 *   allows, the schedule slips (by at most one second's worth, never a burst beyond `concurrency`)
 *   and the summary shows the rate achieved.
 * - A customer-support mix: single questions and follow-ups in a conversation, under a system prompt;
 *   half of them are about the user's own orders, invoices, deliveries, account or subscription (the
 *   lookups `examples/models/canary-error-rate` fails on).
 * - A `routingKeyShare` of requests carries a routing key (`x-gatehouse-routing-key`) drawn from
 *   `routingKeys` users, so sticky routing is exercised as it is in production; the others carry none,
 *   and only those are the canary's judged sample (the gateway picks their slot by a keyed hash:
 *   a user-chosen key could steer it). `routingKeys: 0` sends no key at all.
 * - A `feedbackShare` of answers is rated through `POST /v1/feedback` (down for a failed answer, up
 *   otherwise), with the feedback token the gateway issued with the answer; a `streamShare` of requests asks for a streamed answer.
 * - Everything random (prompt, user, stream, rating) comes from a generator seeded with `seed`, so two
 *   runs send the same sequence of requests.
 * - Per slot (from the `x-gatehouse-slot` answer header): requests, good answers, failures (HTTP
 *   status, unreachable, timeout, or a 2xx body that is not a chat completion), model versions seen,
 *   and latency on the client's clock (a bounded uniform sample, for percentiles).
 *
 * Bounded: it stops when told, or after `durationMs`. The numbers here are the client's view, for
 * people; the canary judges only the gateway's own measurements (DESIGN §6).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { parseWith } from '../errors';
import { parseChatAnswer } from '../serving/answer-checks';
import { createRng } from '../stats';
import { percentFixed } from '../wording';

type Turn = { role: 'system' | 'user' | 'assistant'; content: string };

/** What the traffic's users ask: the last user message is what a simulated model answers. */
export const TRAFFIC_CONVERSATIONS: readonly (readonly Turn[])[] = [
  [{ role: 'user', content: 'How do I get a refund?' }],
  [{ role: 'user', content: 'Can you summarise my last invoice?' }],
  [{ role: 'user', content: 'What are your opening hours?' }],
  [{ role: 'user', content: 'How do I change my delivery address?' }],
  [{ role: 'user', content: 'Is there a discount for students?' }],
  [{ role: 'user', content: 'Where is my order? It was due yesterday.' }],
  [{ role: 'user', content: 'Do you ship to Norway?' }],
  [
    { role: 'user', content: 'I was charged twice this month.' },
    { role: 'assistant', content: 'Sorry to hear that. Could you tell me more?' },
    { role: 'user', content: 'Why was my account charged twice for the same plan?' },
  ],
  [
    { role: 'user', content: 'Can you recommend a plan for a small team?' },
    { role: 'assistant', content: 'Sure: how many people will use it?' },
    { role: 'user', content: 'Five people, mostly on mobile.' },
  ],
  [{ role: 'user', content: 'How do I cancel my subscription before it renews?' }],
];

export const TRAFFIC_SYSTEM_PROMPT = 'You are the customer support assistant of an online shop. Be brief and friendly.';

/** The options, as the CLI validates them (bad values are exit 2 before anything is sent). */
export const trafficOptionsSchema = z.strictObject({
  gatewayUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL of the gateway' }),
  model: z.string().min(1, 'expected the model name users ask for'),
  /** Requests started per second (open loop). */
  requestsPerSecond: z.number().positive('expected requests per second above 0').max(100_000),
  /** At most this many requests in flight. Default 8. */
  concurrency: z.number().int().min(1).max(10_000).default(8),
  /** Stop after this long (ms); absent: until `stop()`. */
  durationMs: z.number().positive().optional(),
  /** Distinct users, each with a routing key; 0: no routing key. Default 400. */
  routingKeys: z.number().int().min(0).max(10_000_000).default(400),
  /** Share of requests sent with a user's routing key (never judged by the canary). Default 0.25. */
  routingKeyShare: z.number().min(0).max(1).default(0.25),
  /** Share of answers rated (down for a failed answer, up otherwise). Default 0.2. */
  feedbackShare: z.number().min(0).max(1).default(0.2),
  /** Share of requests asking for a streamed answer. Default 0. */
  streamShare: z.number().min(0).max(1).default(0),
  /** Per-request deadline (ms). Default 10 s. */
  timeoutMs: z.number().int().positive().default(10_000),
  /** Seeds the choice of prompt, user, streaming and rating. Default "traffic". */
  seed: z.string().min(1).default('traffic'),
});
export type TrafficOptions = z.input<typeof trafficOptionsSchema>;

export interface SlotTraffic {
  requests: number;
  ok: number;
  failed: number;
  /** Failures by cause: an HTTP status ("502"), "malformed", "timeout", "unreachable" or "broken_answer". */
  failures: Record<string, number>;
  /** Answers per model version (the `x-gatehouse-model-version` header). */
  versions: Record<string, number>;
  /** A uniform sample of the latencies (ms, client clock) of good answers, at most 50,000. */
  latencySampleMs: number[];
  /** Good answers whose latency was observed (the sample's population). */
  latencyCount: number;
}

export interface TrafficStats {
  /** Requests sent (answered or not yet). */
  sent: number;
  ok: number;
  failed: number;
  /** Requests per slot header value ("none" when the gateway gave no slot, e.g. unreachable). */
  bySlot: Record<string, number>;
  slots: Record<string, SlotTraffic>;
  feedback: { up: number; down: number; failed: number };
  /** Requests sent later than their schedule because `concurrency` were already in flight. */
  delayed: number;
  startedAtMs: number;
  elapsedMs: number;
}

export interface TrafficRun {
  /** Live numbers (updated as answers arrive). */
  stats: TrafficStats;
  /** Resolves once `durationMs` has passed (or `stop()` was called) and every request has ended. */
  done: Promise<TrafficStats>;
  /** Stops sending, waits for requests in flight, returns the final numbers. */
  stop(): Promise<TrafficStats>;
}

const LATENCY_SAMPLE = 50_000;
const MAX_CATCH_UP_MS = 1000;

/**
 * The clock the send schedule and the duration follow (milliseconds, monotonic). Tests pass a virtual
 * one, so how many requests a run sends is the schedule's, not this machine's timer precision.
 */
export interface TrafficClock {
  now(): number;
  /** Resolves after `ms` on this clock, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const realClock: TrafficClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
};

/** Starts sending; see the module comment. Throws an InputError for bad options. */
export function startTraffic(input: TrafficOptions, clock: TrafficClock = realClock): TrafficRun {
  const options = parseWith(trafficOptionsSchema, input, 'traffic options');
  const base = options.gatewayUrl.replace(/\/+$/, '');
  const rng = createRng(options.seed);
  const startedAt = clock.now();
  const stats: TrafficStats = { sent: 0, ok: 0, failed: 0, bySlot: {}, slots: {}, feedback: { up: 0, down: 0, failed: 0 }, delayed: 0, startedAtMs: Date.now(), elapsedMs: 0 };
  const stopper = new AbortController();
  const deadline = options.durationMs !== undefined ? startedAt + options.durationMs : Number.POSITIVE_INFINITY;
  const inFlight = new Set<Promise<void>>();
  const periodMs = 1000 / options.requestsPerSecond;

  const slotOf = (slot: string): SlotTraffic =>
    (stats.slots[slot] ??= { requests: 0, ok: 0, failed: 0, failures: {}, versions: {}, latencySampleMs: [], latencyCount: 0 });

  const one = async (draws: { conversation: readonly Turn[]; user: number | null; keyed: boolean; stream: boolean; rate: boolean }) => {
    const begun = performance.now();
    let slot = 'none';
    let failure: string | null = null;
    let responseId: string | null = null;
    let feedbackToken: string | null = null;
    let answering = false;
    try {
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(draws.user !== null && draws.keyed ? { 'x-gatehouse-routing-key': `user-${draws.user}` } : {}) },
        body: JSON.stringify({ model: options.model, messages: [{ role: 'system', content: TRAFFIC_SYSTEM_PROMPT }, ...draws.conversation], ...(draws.stream ? { stream: true } : {}) }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      answering = true;
      slot = response.headers.get('x-gatehouse-slot') ?? 'none';
      responseId = response.headers.get('x-gatehouse-response-id');
      feedbackToken = response.headers.get('x-gatehouse-feedback-token');
      const version = response.headers.get('x-gatehouse-model-version');
      const body = Buffer.from(await response.arrayBuffer());
      if (!response.ok) failure = String(response.status);
      else if (!parseChatAnswer(body, response.headers.get('content-type') ?? undefined).ok) failure = 'malformed';
      const perSlot = slotOf(slot);
      if (version) perSlot.versions[version] = (perSlot.versions[version] ?? 0) + 1;
      if (failure === null) {
        const latencyMs = performance.now() - begun;
        perSlot.latencyCount += 1;
        if (perSlot.latencySampleMs.length < LATENCY_SAMPLE) perSlot.latencySampleMs.push(latencyMs);
        else {
          const j = rng.nextBelow(perSlot.latencyCount);
          if (j < LATENCY_SAMPLE) perSlot.latencySampleMs[j] = latencyMs;
        }
      }
    } catch (err) {
      failure = (err as Error).name === 'TimeoutError' ? 'timeout' : answering ? 'broken_answer' : 'unreachable';
    }
    const perSlot = slotOf(slot);
    perSlot.requests += 1;
    stats.bySlot[slot] = (stats.bySlot[slot] ?? 0) + 1;
    if (failure === null) {
      perSlot.ok += 1;
      stats.ok += 1;
    } else {
      perSlot.failed += 1;
      perSlot.failures[failure] = (perSlot.failures[failure] ?? 0) + 1;
      stats.failed += 1;
    }
    if (responseId && feedbackToken && draws.rate) {
      const rating = failure === null ? 'up' : 'down';
      try {
        const rated = await fetch(`${base}/v1/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // The token issued with the answer: the gateway counts no rating without it.
          body: JSON.stringify({ responseId, token: feedbackToken, rating }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        await rated.arrayBuffer();
        if (rated.ok) stats.feedback[rating] += 1;
        else stats.feedback.failed += 1;
      } catch {
        stats.feedback.failed += 1;
      }
    }
  };

  const launch = () => {
    // Drawn here, in send order, so the sequence depends on the seed only.
    const draws = {
      conversation: TRAFFIC_CONVERSATIONS[rng.nextBelow(TRAFFIC_CONVERSATIONS.length)]!,
      user: options.routingKeys > 0 ? rng.nextBelow(options.routingKeys) : null,
      keyed: options.routingKeyShare >= 1 || rng.nextFloat() < options.routingKeyShare,
      stream: options.streamShare > 0 && rng.nextFloat() < options.streamShare,
      rate: options.feedbackShare > 0 && rng.nextFloat() < options.feedbackShare,
    };
    stats.sent += 1;
    const request: Promise<void> = one(draws).finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  const loop = async () => {
    let due = startedAt;
    let sinceYield = 0;
    while (!stopper.signal.aborted) {
      const wait = due - clock.now();
      if (wait > 0) {
        await clock.sleep(wait, stopper.signal);
        sinceYield = 0;
      } else if (++sinceYield >= 64) {
        // Behind schedule at a high rate: let answers be read between sends.
        await new Promise((resolve) => setImmediate(resolve));
        sinceYield = 0;
      }
      if (stopper.signal.aborted || clock.now() >= deadline) break;
      if (inFlight.size >= options.concurrency) {
        stats.delayed += 1;
        while (inFlight.size >= options.concurrency && !stopper.signal.aborted) await Promise.race(inFlight);
        if (stopper.signal.aborted || clock.now() >= deadline) break;
      }
      launch();
      due = Math.max(due + periodMs, clock.now() - MAX_CATCH_UP_MS);
    }
    while (inFlight.size > 0) await Promise.race(inFlight);
    stats.elapsedMs = clock.now() - startedAt;
    return stats;
  };

  const done = loop();
  return {
    stats,
    done,
    stop: async () => {
      stopper.abort();
      return done;
    },
  };
}

/**
 * Runs `work` (e.g. a deployment whose canary bakes) while users' traffic flows, and stops the traffic
 * once `work` settles, whether it succeeded or not: what the demo calls around a canary deployment.
 */
export async function whileTrafficRuns<T>(options: TrafficOptions, work: () => Promise<T>): Promise<{ result: T; traffic: TrafficSummary }> {
  const run = startTraffic(options);
  let result: T;
  try {
    result = await work();
  } finally {
    await run.stop();
  }
  return { result, traffic: summarizeTraffic(run.stats) };
}

// ---------------------------------------------------------------------------------------------
// Summary

/** The p-th percentile (0–100) of a sample, by linear interpolation; null for an empty sample. */
export function percentile(sample: readonly number[], p: number): number | null {
  if (sample.length === 0) return null;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export interface SlotSummary {
  slot: string;
  requests: number;
  /** Share of all requests, 0–1. */
  share: number;
  ok: number;
  failed: number;
  errorRate: number;
  failures: Record<string, number>;
  versions: Record<string, number>;
  latencyMs: { p50: number | null; p90: number | null; p99: number | null };
}

export interface TrafficSummary {
  sent: number;
  ok: number;
  failed: number;
  elapsedSeconds: number;
  achievedRequestsPerSecond: number;
  delayed: number;
  feedback: TrafficStats['feedback'];
  slots: SlotSummary[];
}

const SLOT_ORDER = ['stable', 'canary', 'staging'];

export function summarizeTraffic(stats: TrafficStats): TrafficSummary {
  const answered = stats.ok + stats.failed;
  const elapsedSeconds = stats.elapsedMs / 1000;
  const slots = Object.entries(stats.slots)
    .sort(([a], [b]) => (SLOT_ORDER.indexOf(a) + 1 || 99) - (SLOT_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b))
    .map(([slot, s]) => ({
      slot,
      requests: s.requests,
      share: answered > 0 ? s.requests / answered : 0,
      ok: s.ok,
      failed: s.failed,
      errorRate: s.requests > 0 ? s.failed / s.requests : 0,
      failures: s.failures,
      versions: s.versions,
      latencyMs: { p50: percentile(s.latencySampleMs, 50), p90: percentile(s.latencySampleMs, 90), p99: percentile(s.latencySampleMs, 99) },
    }));
  return {
    sent: stats.sent,
    ok: stats.ok,
    failed: stats.failed,
    elapsedSeconds,
    achievedRequestsPerSecond: elapsedSeconds > 0 ? answered / elapsedSeconds : 0,
    delayed: stats.delayed,
    feedback: stats.feedback,
    slots,
  };
}

const ms = (value: number | null) => (value === null ? '-' : value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`);
const pct = (value: number) => percentFixed(value, 1);
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${key} ×${n}`)
    .join(', ');

/** One line of live progress. */
export function formatTrafficProgress(stats: TrafficStats, elapsedMs: number): string {
  const slots = Object.entries(stats.slots)
    .map(([slot, s]) => `${slot} ${s.requests}${s.failed > 0 ? ` (${s.failed} failed)` : ''}`)
    .join(', ');
  return `${(elapsedMs / 1000).toFixed(0)}s: ${stats.sent} sent, ${stats.ok} ok, ${stats.failed} failed${slots ? `; ${slots}` : ''}`;
}

/** The summary as a table, one row per slot. */
export function formatTrafficSummary(summary: TrafficSummary): string {
  const rows = [
    ['SLOT', 'VERSIONS', 'REQUESTS', 'SHARE', 'OK', 'FAILED', 'ERROR RATE', 'P50', 'P90', 'P99', 'FAILURES'],
    ...summary.slots.map((s) => [
      s.slot,
      Object.keys(s.versions).join(', ') || '-',
      String(s.requests),
      pct(s.share),
      String(s.ok),
      String(s.failed),
      pct(s.errorRate),
      ms(s.latencyMs.p50),
      ms(s.latencyMs.p90),
      ms(s.latencyMs.p99),
      counts(s.failures) || '-',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
  const head =
    `${summary.sent} requests in ${summary.elapsedSeconds.toFixed(1)} s (${summary.achievedRequestsPerSecond.toFixed(1)}/s achieved), ` +
    `${summary.ok} ok, ${summary.failed} failed; feedback ${summary.feedback.up} up, ${summary.feedback.down} down` +
    (summary.feedback.failed > 0 ? `, ${summary.feedback.failed} not recorded` : '') +
    (summary.delayed > 0 ? `; ${summary.delayed} sent late (the concurrency limit was reached)` : '');
  return `${head}\n${table}`;
}
