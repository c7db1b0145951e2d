/**
 * The traffic generator (src/demo/traffic.ts, behind `gatehouse traffic`) against a fake gateway
 * that records what it receives: the schedule and the concurrency limit hold, the users' routing keys
 * and the requests are the seed's, ratings go to /v1/feedback at the share asked (down for
 * failures), failures are told apart, and `whileTrafficRuns` stops the load when the work ends.
 * The schedule runs on a virtual clock (`TrafficClock`): how many requests a run sends is counted
 * against the schedule, never against this machine's timers (a rate is a bench's business).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTraffic, summarizeTraffic, TRAFFIC_CONVERSATIONS, TrafficClock, whileTrafficRuns } from '../../../src/demo/traffic';

/** Time moves only when the generator sleeps: each sleep advances it by exactly what was asked. */
function virtualClock(): TrafficClock {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          if (!signal.aborted) now += ms;
          resolve();
        }),
      ),
  };
}

interface Received {
  at: number;
  key: string | undefined;
  lastUser: string;
  stream: boolean;
}

interface FakeGateway {
  url: string;
  chats: Received[];
  ratings: Array<{ responseId: string; token: string; rating: string }>;
  maxInFlight: number;
  close(): Promise<void>;
}

/**
 * Answers as the gateway would (slot and response id headers); `answer` decides the body per request.
 * With `holdUntil`, no chat is answered before that many have arrived (then each at once).
 */
async function fakeGateway(answer: (n: number, res: ServerResponse) => void, holdUntil = 0): Promise<FakeGateway> {
  const state = { chats: [] as Received[], ratings: [] as FakeGateway['ratings'], inFlight: 0, maxInFlight: 0 };
  const held: Array<() => void> = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (req.url === '/v1/feedback') {
        state.ratings.push(body);
        res.setHeader('content-type', 'application/json');
        res.end('{"status":"recorded"}');
        return;
      }
      const n = state.chats.length;
      state.chats.push({ at: Date.now(), key: req.headers['x-gatehouse-routing-key'] as string | undefined, lastUser: body.messages.at(-1).content, stream: body.stream === true });
      state.inFlight += 1;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      held.push(() => {
        state.inFlight -= 1;
        res.setHeader('x-gatehouse-slot', n % 2 === 0 ? 'stable' : 'canary');
        res.setHeader('x-gatehouse-model-version', n % 2 === 0 ? '1.0.0' : '1.1.0');
        res.setHeader('x-gatehouse-response-id', `r-${n}`);
        res.setHeader('x-gatehouse-feedback-token', `t-${n}`);
        answer(n, res);
      });
      if (state.chats.length >= holdUntil) for (const release of held.splice(0)) release();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ...state,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const completion = (res: ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'ok' } }] }));
};

const open: FakeGateway[] = [];
afterAll(async () => {
  for (const gateway of open) await gateway.close();
});
async function gatewayFor(answer: (n: number, res: ServerResponse) => void, holdUntil = 0) {
  const gateway = await fakeGateway(answer, holdUntil);
  open.push(gateway);
  return gateway;
}

test('sends on schedule, open loop: rate × duration requests, none waiting for an answer, a routing key per user', async () => {
  // No answer before all 100 have arrived: a generator that waited for answers would send one and stall.
  const gateway = await gatewayFor((_, res) => completion(res), 100);
  const stats = await startTraffic({ gatewayUrl: gateway.url, model: 'm', requestsPerSecond: 100, durationMs: 1000, concurrency: 100, routingKeys: 7, routingKeyShare: 1, feedbackShare: 0, seed: 'same' }, virtualClock()).done;
  expect(stats.sent).toBe(100);
  expect(stats.delayed).toBe(0);
  expect(stats.ok).toBe(100);
  expect(gateway.maxInFlight).toBe(100);
  expect(new Set(gateway.chats.map((c) => c.key))).toEqual(new Set(Array.from({ length: 7 }, (_, i) => `user-${i}`)));
  expect(new Set(gateway.chats.map((c) => c.lastUser)).size).toBe(TRAFFIC_CONVERSATIONS.length);
});

test('the seed decides every request: the same seed sends the same sequence, another seed another', async () => {
  // One at a time, so the gateway sees the requests in the order they were drawn.
  const sequence = async (seed: string) => {
    const gateway = await gatewayFor((_, res) => completion(res));
    await startTraffic({ gatewayUrl: gateway.url, model: 'm', requestsPerSecond: 100, durationMs: 300, concurrency: 1, routingKeys: 7, routingKeyShare: 1, feedbackShare: 0, seed }, virtualClock()).done;
    return gateway.chats.map((c) => `${c.key}|${c.lastUser}`);
  };
  const first = await sequence('same');
  expect(first).toHaveLength(30);
  expect(await sequence('same')).toEqual(first);
  expect(await sequence('other')).not.toEqual(first);
});

test('never has more requests in flight than its concurrency, and says how many were sent late', async () => {
  // The first three are held until all three have arrived, so the fourth finds the limit reached.
  const gateway = await gatewayFor((_, res) => completion(res), 3);
  const stats = await startTraffic({ gatewayUrl: gateway.url, model: 'm', requestsPerSecond: 200, concurrency: 3, durationMs: 600, feedbackShare: 0 }, virtualClock()).done;
  expect(gateway.maxInFlight).toBe(3);
  expect(stats.sent).toBe(120);
  expect(stats.ok).toBe(120);
  expect(stats.delayed).toBeGreaterThan(0);
  expect(summarizeTraffic(stats).delayed).toBe(stats.delayed);
});

test('rates a share of answers, down for failures; tells 5xx, malformed and unreachable apart per slot', async () => {
  const gateway = await gatewayFor((n, res) => {
    if (n % 4 === 1) return void res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":{"type":"backend_error","message":"x"}}');
    if (n % 4 === 3) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [');
    completion(res);
  });
  const stats = await startTraffic({ gatewayUrl: gateway.url, model: 'm', requestsPerSecond: 200, durationMs: 500, feedbackShare: 0.5, routingKeys: 0 }, virtualClock()).done;
  expect(stats.sent).toBe(100);
  expect(gateway.chats.every((c) => c.key === undefined)).toBe(true);
  const summary = summarizeTraffic(stats);
  expect(summary.slots.map((s) => s.slot)).toEqual(['stable', 'canary']);
  expect(summary.slots[0]).toMatchObject({ failed: 0, versions: { '1.0.0': summary.slots[0]!.requests } });
  expect(Object.keys(summary.slots[1]!.failures).sort()).toEqual(['502', 'malformed']);
  expect(summary.slots[1]!.errorRate).toBeCloseTo(1, 5);
  const rated = gateway.ratings.length / stats.sent;
  expect(rated).toBeGreaterThan(0.3);
  expect(rated).toBeLessThan(0.7);
  for (const { responseId, rating } of gateway.ratings) expect(rating).toBe(Number(responseId.slice(2)) % 2 === 1 ? 'down' : 'up');
  // Each rating carries the feedback token the gateway issued with that answer.
  for (const { responseId, token } of gateway.ratings) expect(token).toBe(`t-${responseId.slice(2)}`);

  const nobody = await startTraffic({ gatewayUrl: 'http://127.0.0.1:1', model: 'm', requestsPerSecond: 50, durationMs: 200 }, virtualClock()).done;
  expect(nobody.sent).toBe(10);
  expect(nobody.ok).toBe(0);
  expect(nobody.slots.none!.failures).toEqual({ unreachable: nobody.sent });
});

test('whileTrafficRuns keeps traffic flowing during the work only, and stops it even when the work fails', async () => {
  const gateway = await gatewayFor((_, res) => completion(res));
  // The work ends once the gateway has seen ten requests: traffic flowed while it ran, however slowly.
  const { result, traffic } = await whileTrafficRuns({ gatewayUrl: gateway.url, model: 'm', requestsPerSecond: 100 }, async () => {
    while (gateway.chats.length < 10) await new Promise((r) => setTimeout(r, 10));
    return 'baked';
  });
  expect(result).toBe('baked');
  expect(traffic.sent).toBeGreaterThanOrEqual(10);
  expect(traffic.ok + traffic.failed).toBe(traffic.sent);
  const sent = gateway.chats.length;
  await new Promise((r) => setTimeout(r, 100));
  expect(gateway.chats.length).toBe(sent);
  await expect(whileTrafficRuns({ gatewayUrl: gateway.url, model: 'm', requestsPerSecond: 100 }, async () => Promise.reject(new Error('rolled back')))).rejects.toThrow('rolled back');
});

test('bad options are refused before anything is sent', () => {
  expect(() => startTraffic({ gatewayUrl: 'ftp://x', model: 'm', requestsPerSecond: 1 })).toThrow(/gatewayUrl/);
  expect(() => startTraffic({ gatewayUrl: 'http://127.0.0.1:1', model: 'm', requestsPerSecond: 0 })).toThrow(/requestsPerSecond/);
  expect(() => startTraffic({ gatewayUrl: 'http://127.0.0.1:1', model: 'm', requestsPerSecond: 1, feedbackShare: 2 })).toThrow(/feedbackShare/);
});
