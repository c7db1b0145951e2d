/**
 * Realistic load for demos and tests (`gatehouse traffic`): chat requests to the gateway at a steady
 * rate with a few concurrent users, each with a routing key so sticky routing is exercised, and a
 * share of users rating answers. Bounded: it stops when told, or after `durationMs`.
 */
const PROMPTS = [
  'How do I get a refund?',
  'Can you summarise my last invoice?',
  'What are your opening hours?',
  'How do I change my delivery address?',
  'Is there a discount for students?',
];

export interface TrafficOptions {
  gatewayUrl: string;
  model: string;
  requestsPerSecond: number;
  concurrency?: number;
  durationMs?: number;
  /** Share of answers rated (down for errors, up otherwise), default 0.2. */
  feedbackShare?: number;
}

export interface TrafficStats {
  sent: number;
  ok: number;
  failed: number;
  bySlot: Record<string, number>;
}

export function startTraffic(options: TrafficOptions): { stop(): Promise<TrafficStats>; stats: TrafficStats } {
  const stats: TrafficStats = { sent: 0, ok: 0, failed: 0, bySlot: {} };
  const concurrency = options.concurrency ?? 4;
  const intervalMs = (1000 * concurrency) / options.requestsPerSecond;
  const deadline = options.durationMs ? Date.now() + options.durationMs : Number.POSITIVE_INFINITY;
  let stopped = false;
  const user = async (index: number) => {
    let i = 0;
    while (!stopped && Date.now() < deadline) {
      const started = Date.now();
      i += 1;
      stats.sent += 1;
      try {
        const response = await fetch(`${options.gatewayUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-gatehouse-routing-key': `user-${index}-${i % 50}` },
          body: JSON.stringify({ model: options.model, messages: [{ role: 'user', content: PROMPTS[i % PROMPTS.length] }] }),
          signal: AbortSignal.timeout(10_000),
        });
        await response.text();
        const slot = response.headers.get('x-gatehouse-slot') ?? 'none';
        stats.bySlot[slot] = (stats.bySlot[slot] ?? 0) + 1;
        if (response.ok) stats.ok += 1;
        else stats.failed += 1;
        const responseId = response.headers.get('x-gatehouse-response-id');
        if (responseId && i % Math.max(1, Math.round(1 / (options.feedbackShare ?? 0.2))) === 0) {
          await fetch(`${options.gatewayUrl}/v1/feedback`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ responseId, rating: response.ok ? 'up' : 'down' }),
          }).catch(() => undefined);
        }
      } catch {
        stats.failed += 1;
      }
      const wait = intervalMs - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };
  const users = Array.from({ length: concurrency }, (_, i) => user(i));
  return {
    stats,
    stop: async () => {
      stopped = true;
      await Promise.all(users);
      return stats;
    },
  };
}
