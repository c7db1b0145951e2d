import { InputError } from '../../../../src/errors';
import { createKserveV1Adapter, KserveV1Adapter } from '../../../../src/eval/adapters/kserve-v1';
import { sendJson, startServer, TestServer } from './http-fixture';

const fast = { timeoutMs: 2_000, maxRetries: 2, connections: 2, retryBaseDelayMs: 5, retryMaxDelayMs: 20 };

let server: TestServer | undefined;
let adapter: KserveV1Adapter | undefined;
afterEach(async () => {
  await adapter?.close();
  await server?.close();
  adapter = undefined;
  server = undefined;
});

describe('kserve-v1 adapter', () => {
  it('posts {instances} to /v1/models/{name}:predict and returns the predictions', async () => {
    server = await startServer((req, res) => sendJson(res, 200, { predictions: (req.json.instances as number[][]).map((x) => (x[0]! > 0.5 ? 1 : 0)) }));
    adapter = createKserveV1Adapter({ baseUrl: `${server.url}/prefix`, modelName: 'credit-lr', ...fast });
    const answer = await adapter.predict([[0.9, 1], [0.1, 2]]);
    expect(answer).toMatchObject({ ok: true, predictions: [1, 0], status: 200, attempts: 1 });
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/prefix/v1/models/credit-lr:predict', json: { instances: [[0.9, 1], [0.1, 2]] } });
  });

  it('returns a prediction count that differs from the instance count as malformed, without retrying', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { predictions: [1] }));
    adapter = createKserveV1Adapter({ baseUrl: server.url, modelName: 'm', ...fast });
    expect(await adapter.predict([[1], [2]])).toMatchObject({ ok: false, errorKind: 'malformed', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('returns a body without predictions as malformed', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { outputs: [] }));
    adapter = createKserveV1Adapter({ baseUrl: server.url, modelName: 'm', ...fast });
    expect(await adapter.predict([[1]])).toMatchObject({ ok: false, errorKind: 'malformed', status: 200 });
  });

  it('retries a 500 and returns the predictions that follow; a 404 is not retried', async () => {
    server = await startServer((req, res, index) => {
      if (req.url!.includes('missing')) return sendJson(res, 404, { error: 'model missing not found' });
      return index === 0 ? sendJson(res, 500, { error: 'boom' }) : sendJson(res, 200, { predictions: [0.3] });
    });
    adapter = createKserveV1Adapter({ baseUrl: server.url, modelName: 'm', ...fast });
    expect(await adapter.predict([[1]])).toMatchObject({ ok: true, predictions: [0.3], attempts: 2 });
    const missing = createKserveV1Adapter({ baseUrl: server.url, modelName: 'missing', ...fast });
    try {
      expect(await missing.predict([[1]])).toMatchObject({ ok: false, errorKind: 'http', status: 404, attempts: 1 });
    } finally {
      await missing.close();
    }
  });

  it('refuses an empty model name with an InputError', () => {
    expect(() => createKserveV1Adapter({ baseUrl: 'http://127.0.0.1:1', modelName: '', ...fast })).toThrow(InputError);
  });
});
