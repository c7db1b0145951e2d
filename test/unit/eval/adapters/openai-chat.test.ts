import { InputError } from '../../../../src/errors';
import { createOpenAiChatAdapter, fetchServedDigest, OpenAiChatAdapter } from '../../../../src/eval/adapters/openai-chat';
import type { ModelAnswer } from '../../../../src/eval/adapters/types';
import { buildArtifact, chatSpec, deployOnModelHost, startModelHost, TempDirs } from '../../serving/fixtures';
import { closedPort, delay, sendJson, sseChunk, startServer, streamWords, TestServer } from './http-fixture';

const user = (content: string) => ({ messages: [{ role: 'user' as const, content }] });
const fast = { timeoutMs: 2_000, maxRetries: 2, connections: 2, retryBaseDelayMs: 5, retryMaxDelayMs: 20 };

let server: TestServer | undefined;
let adapter: OpenAiChatAdapter | undefined;
afterEach(async () => {
  await adapter?.close();
  await server?.close();
  adapter = undefined;
  server = undefined;
});

function failed(answer: ModelAnswer) {
  if (answer.ok) throw new Error(`expected a failure, got the answer ${JSON.stringify(answer)}`);
  return answer;
}
function succeeded(answer: ModelAnswer) {
  if (!answer.ok) throw new Error(`expected an answer, got ${answer.errorKind}: ${answer.error}`);
  return answer;
}

describe('openai-chat adapter: requests', () => {
  it('posts the messages with stream true and temperature 0 by default, the model and max_tokens when given', async () => {
    server = await startServer((_req, res) => streamWords(res, ['ok']));
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, model: 'm-1', ...fast });
    const messages = [
      { role: 'system' as const, content: 'be brief' },
      { role: 'user' as const, content: 'hi' },
      { role: 'assistant' as const, content: 'hello' },
      { role: 'user' as const, content: 'refunds?' },
    ];
    await adapter.chat({ messages, maxTokens: 64 });
    await adapter.chat({ messages, temperature: 0.7 });
    const [first, second] = server.requests;
    expect(first!.method).toBe('POST');
    expect(first!.url).toBe('/v1/chat/completions');
    expect(first!.json).toEqual({ model: 'm-1', messages, stream: true, temperature: 0, max_tokens: 64 });
    expect(second!.json).toEqual({ model: 'm-1', messages, stream: true, temperature: 0.7 });
  });

  it('keeps the base URL path as a prefix and omits model when none is given', async () => {
    server = await startServer((_req, res) => streamWords(res, ['ok']));
    adapter = createOpenAiChatAdapter({ baseUrl: `${server.url}/v1/deployments/staging/`, ...fast });
    succeeded(await adapter.chat(user('hi')));
    expect(server.requests[0]!.url).toBe('/v1/deployments/staging/v1/chat/completions');
    expect(server.requests[0]!.json).not.toHaveProperty('model');
  });

  it('20 sequential calls reuse kept-alive connections (at most 2 opened)', async () => {
    server = await startServer((_req, res) => streamWords(res, ['ok']));
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast, connections: 4 });
    for (let i = 0; i < 20; i++) succeeded(await adapter.chat(user(`q${i}`)));
    expect(server.requests).toHaveLength(20);
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it('refuses a base URL that is not http(s) with an InputError', () => {
    expect(() => createOpenAiChatAdapter({ baseUrl: 'ftp://example.com', ...fast })).toThrow(InputError);
    expect(() => createOpenAiChatAdapter({ baseUrl: 'not a url', ...fast })).toThrow(InputError);
    expect(() => createOpenAiChatAdapter({ baseUrl: 'http://127.0.0.1:1', ...fast, connections: 0 })).toThrow(InputError);
  });
});

describe('openai-chat adapter: answers', () => {
  it('measures time to first token at the first content delta of the stream, and the whole latency', async () => {
    server = await startServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseChunk('', null, { role: 'assistant' })); // a role chunk with no content is not a token
      await delay(150);
      res.write(sseChunk('Refunds'));
      await delay(100);
      res.write(sseChunk(' take'));
      res.write(sseChunk(' 5 days.'));
      res.write(sseChunk(undefined, 'stop'));
      res.end('data: [DONE]\n\n');
    });
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    const answer = succeeded(await adapter.chat(user('refund?')));
    expect(answer.text).toBe('Refunds take 5 days.');
    expect(answer.status).toBe(200);
    // Lower bounds only (a loaded machine only adds time): the first token came after the 150 ms
    // pause, and the whole answer at least the second pause later, so TTFT is not the whole latency.
    expect(answer.ttftMs).toBeGreaterThanOrEqual(140);
    expect(answer.latencyMs).toBeGreaterThanOrEqual(answer.ttftMs! + 90);
    expect(answer.attempts).toBe(1);
  });

  it('reads events split at arbitrary byte boundaries, with CRLF line ends and multi-byte characters', async () => {
    server = await startServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const payload = Buffer.from(
        (sseChunk('Grüße, ') + ': a comment\n\n' + sseChunk('日本') + sseChunk(undefined, 'stop') + 'data: [DONE]\n\n').replace(/\n/g, '\r\n'),
        'utf8',
      );
      for (let i = 0; i < payload.length; i += 7) {
        res.write(payload.subarray(i, i + 7));
        if (i % 70 === 0) await delay(1);
      }
      res.end();
    });
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    expect(succeeded(await adapter.chat(user('hi'))).text).toBe('Grüße, 日本');
  });

  it('falls back to a JSON completion when the server ignores stream (no time to first token)', async () => {
    server = await startServer((_req, res) =>
      sendJson(res, 200, { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'plain answer' }, finish_reason: 'stop' }] }),
    );
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    const answer = succeeded(await adapter.chat(user('hi')));
    expect(answer).toMatchObject({ text: 'plain answer', ttftMs: null, status: 200 });
  });

  it('returns an empty answer as an answer (ttft null), not as a failure', async () => {
    server = await startServer((_req, res) => streamWords(res, []));
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    expect(succeeded(await adapter.chat(user('hi')))).toMatchObject({ text: '', ttftMs: null });
  });

  it('works against the model host serving a simulated chat model, and reads the digest it serves', async () => {
    const dirs = new TempDirs();
    const host = await startModelHost(await dirs.make());
    try {
      const artifact = await buildArtifact(await dirs.make(), chatSpec('support-bot'));
      const baseUrl = await deployOnModelHost(host.url, artifact);
      adapter = createOpenAiChatAdapter({ baseUrl, ...fast });
      const answer = succeeded(await adapter.chat(user('how do I get a refund?')));
      expect(answer.text).toBe('support-bot: refunds take 5 days.');
      expect(answer.ttftMs).not.toBeNull();
      expect(await fetchServedDigest(baseUrl)).toBe(artifact.rootDigest);
    } finally {
      await adapter?.close();
      adapter = undefined;
      await host.service.close();
      await dirs.removeAll();
    }
  });
});

describe('openai-chat adapter: failures and retries', () => {
  it('returns a 4xx as ok:false kind http without retrying (the request itself is wrong)', async () => {
    server = await startServer((_req, res) => sendJson(res, 400, { error: { type: 'invalid_request', message: 'messages: expected an array' } }));
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    const answer = failed(await adapter.chat(user('hi')));
    expect(answer).toMatchObject({ errorKind: 'http', status: 400, attempts: 1 });
    expect(answer.error).toContain('messages: expected an array');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 503 and returns the answer that follows', async () => {
    server = await startServer((_req, res, index) => (index === 0 ? sendJson(res, 503, { error: { message: 'overloaded' } }) : streamWords(res, ['fine'])));
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    const answer = succeeded(await adapter.chat(user('hi')));
    expect(answer).toMatchObject({ text: 'fine', attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('retries 429 too, and gives up after maxRetries with the last status', async () => {
    server = await startServer((_req, res) => sendJson(res, 429, { error: { message: 'slow down' } }));
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast, maxRetries: 3 });
    expect(failed(await adapter.chat(user('hi')))).toMatchObject({ errorKind: 'http', status: 429, attempts: 4 });
    expect(server.requests).toHaveLength(4);
  });

  it('retries a refused connection, then returns ok:false kind transport', async () => {
    const port = await closedPort();
    adapter = createOpenAiChatAdapter({ baseUrl: `http://127.0.0.1:${port}`, ...fast });
    const answer = failed(await adapter.chat(user('hi')));
    expect(answer).toMatchObject({ errorKind: 'transport', status: null, attempts: 3 });
    expect(answer.error).toMatch(/ECONNREFUSED/);
  });

  it('retries a connection reset mid-stream (transport), and succeeds on the next attempt', async () => {
    server = await startServer((_req, res, index) => {
      if (index > 0) return streamWords(res, ['again']);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseChunk('half'));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    expect(succeeded(await adapter.chat(user('hi')))).toMatchObject({ text: 'again', attempts: 2 });
  });

  it('times out a server that does not answer, retries, then returns ok:false kind timeout', async () => {
    server = await startServer(() => undefined); // never answers
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast, timeoutMs: 150, maxRetries: 1 });
    // The server never answers: without the timeout this call would never return (jest's timeout).
    const answer = failed(await adapter.chat(user('hi')));
    expect(answer).toMatchObject({ errorKind: 'timeout', attempts: 2 });
    expect(answer.latencyMs).toBeGreaterThanOrEqual(140);
    expect(server.requests).toHaveLength(2);
  });

  it('times out a stream that stalls after its first token (the deadline covers the whole body)', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseChunk('start'));
    });
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast, timeoutMs: 200, maxRetries: 0 });
    expect(failed(await adapter.chat(user('hi')))).toMatchObject({ errorKind: 'timeout', status: 200, attempts: 1 });
  });

  it.each([
    ['a JSON body that is not a completion', (res: any) => sendJson(res, 200, { choices: 'none' })],
    ['a body that is not JSON', (res: any) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello')],
    ['a stream event that is not JSON', (res: any) => res.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: {nope\n\ndata: [DONE]\n\n')],
    ['a stream that ends before [DONE] or a finish_reason', (res: any) => res.writeHead(200, { 'content-type': 'text/event-stream' }).end(sseChunk('cut'))],
  ])('returns %s as ok:false kind malformed, without retrying', async (_what, respond) => {
    server = await startServer((_req, res) => respond(res));
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    expect(failed(await adapter.chat(user('hi')))).toMatchObject({ errorKind: 'malformed', status: 200, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('returns an error event inside a 200 stream as ok:false kind http, without retrying', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`${sseChunk('par')}data: ${JSON.stringify({ error: { message: 'CUDA out of memory' } })}\n\n`);
    });
    adapter = createOpenAiChatAdapter({ baseUrl: server.url, ...fast });
    const answer = failed(await adapter.chat(user('hi')));
    expect(answer).toMatchObject({ errorKind: 'http', status: 200, attempts: 1 });
    expect(answer.error).toContain('CUDA out of memory');
  });
});

describe('fetchServedDigest', () => {
  const digest = 'a'.repeat(64);
  it('returns data[0].gatehouse_root_digest, or null when the backend reports none', async () => {
    server = await startServer((req, res) =>
      sendJson(res, 200, {
        object: 'list',
        data: [req.url!.startsWith('/has') ? { id: 'm', object: 'model', gatehouse_root_digest: digest } : { id: 'm', object: 'model' }],
      }),
    );
    expect(await fetchServedDigest(`${server.url}/has`)).toBe(digest);
    expect(await fetchServedDigest(`${server.url}/none/`)).toBeNull();
    expect(server.requests.map((r) => r.url)).toEqual(['/has/v1/models', '/none/v1/models']);
  });

  it('throws when the backend cannot be asked or answers something else (unverifiable, not "no digest")', async () => {
    server = await startServer((req, res) => (req.url!.startsWith('/down') ? sendJson(res, 500, {}) : sendJson(res, 200, { object: 'list', data: [{ id: 'm', object: 'model', gatehouse_root_digest: 'short' }] })));
    await expect(fetchServedDigest(`${server.url}/down`)).rejects.toThrow(/HTTP 500/);
    await expect(fetchServedDigest(`${server.url}/bad`)).rejects.toThrow(/not a model list/);
    await expect(fetchServedDigest(`http://127.0.0.1:${await closedPort()}`)).rejects.toThrow();
  });
});
