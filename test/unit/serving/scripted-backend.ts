/**
 * A scripted OpenAI-compatible backend for gateway measurement tests: `/v1/models` vouches for a
 * digest (so an attestation can route to it), `/v1/chat/completions` answers however the test's
 * script says (slow, failing, malformed, lying about its own metrics…). Plus answer builders.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { stickyBucket } from '../../../src/serving/routing';
import { TrafficSplit } from '../../../src/serving/traffic-split';

export interface ScriptedRequest {
  /** The last user message's text. */
  prompt: string;
  stream: boolean;
  body: Record<string, unknown>;
  /** The body exactly as the gateway sent it. */
  rawBody: string;
}

export type Script = (request: ScriptedRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export interface ScriptedBackend {
  url: string;
  /** The digest it vouches for at start. */
  rootDigest: string;
  /** From now on, vouch for `digest` instead (a backend swapped behind the gateway's back). */
  vouchFor(digest: string): void;
  close(): Promise<void>;
}

export async function startScriptedBackend(script: Script): Promise<ScriptedBackend> {
  const rootDigest = randomBytes(32).toString('hex');
  let vouched = rootDigest;
  // Served under a model host deployment's path for its digest, as the gateway demands of an attested backend.
  const prefix = `/v1/deployments/sha256-${rootDigest}`;
  const server = createServer((req, res) => {
    if (req.url?.startsWith(prefix)) req.url = req.url.slice(prefix.length);
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'scripted-sim', object: 'model', gatehouse_root_digest: vouched }] }));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(rawBody) as { messages: { role: string; content: string }[]; stream?: boolean };
      const prompt = [...body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
      void Promise.resolve(script({ prompt, stream: body.stream === true, body, rawBody }, res, req)).catch(() => res.destroy());
    });
  });
  // Keep-alive sockets from the gateway's pool must not hold close() open.
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
    rootDigest,
    vouchFor: (digest) => {
      vouched = digest;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function completionJson(text: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    model: 'scripted-sim',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    ...extra,
  });
}

export function sseEvents(text: string, { done = true } = {}): string {
  const words = text.split(/(?<= )/);
  const events = words.map((word) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: word } }] })}\n\n`);
  return events.join('') + (done ? 'data: [DONE]\n\n' : '');
}

/** Answers `text` as JSON, or as SSE when the request streams; optional delay and extra headers. */
export function answer(res: ServerResponse, request: ScriptedRequest, text: string, headers: Record<string, string> = {}, bodyExtra: Record<string, unknown> = {}): void {
  if (request.stream) {
    res.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
    res.end(sseEvents(text));
  } else {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(completionJson(text, bodyExtra));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` routing keys that send `model`'s requests to the canary (weight w%) or to stable. */
export function routingKeys(model: string, slot: 'stable' | 'canary', canaryWeight: number, count: number, prefix = 'user'): string[] {
  const keys: string[] = [];
  for (let i = 0; keys.length < count; i++) {
    const key = `${prefix}-${i}`;
    const toCanary = stickyBucket(model, key) * 100 < canaryWeight;
    if (toCanary === (slot === 'canary')) keys.push(key);
  }
  return keys;
}

/** The traffic-split key of the test gateways that plan their judged requests (JudgedRequestIds). */
export const TEST_TRAFFIC_SECRET = Buffer.alloc(32, 7);

/**
 * Plans which slot the gateway's next requests land on, the way the gateway decides it for the
 * judged sample: request ids (the gateway takes them from `next`, as GatewayOptions.requestIds)
 * whose keyed hash under TEST_TRAFFIC_SECRET falls on the wanted slot. Requests sent without a
 * routing key, so they are in the judged sample. Sends planned together must all be for one slot.
 */
export class JudgedRequestIds {
  private readonly planned: string[] = [];
  private readonly split = new TrafficSplit(TEST_TRAFFIC_SECRET);

  constructor(private readonly canaryWeight: number) {}

  readonly next = (): string => this.planned.shift() ?? randomUUID();

  /** The next request the gateway receives goes to `slot`. */
  plan(slot: 'stable' | 'canary'): void {
    for (;;) {
      const id = randomUUID();
      const toCanary = this.split.sampleBucket(id) * 100 < this.canaryWeight;
      if (toCanary === (slot === 'canary')) {
        this.planned.push(id);
        return;
      }
    }
  }
}
