import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { request } from 'undici';
import { join } from 'node:path';
import { createGateway, GatewayHandle } from '../../../src/serving/gateway';
import { ServiceHandle } from '../../../src/serving/http';
import { stickyBucket } from '../../../src/serving/routing';
import { Envelope } from '../../../src/signing/dsse';
import {
  attestationPredicate,
  AttestationTarget,
  buildArtifact,
  call,
  chatBody,
  chatSpec,
  deployOnModelHost,
  pipelineKey,
  requiredGates,
  RunningService,
  silentLogger,
  startGateway,
  adminCall,
  TEST_ADMIN_TOKEN,
  startModelHost,
  TempDirs,
  textFromSse,
} from './fixtures';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
const pipeline = pipelineKey();
let modelHost: RunningService;
let v1: AttestationTarget;
let v2: AttestationTarget;

beforeAll(async () => {
  modelHost = await startModelHost(await temp.make());
  running.push(modelHost.service);
  const deployVersion = async (version: string): Promise<AttestationTarget> => {
    const spec = chatSpec(`assistant-sim-${version}`, {
      rules: [{ match: 'refund', response: `v${version} says: refunds take ${version === '1' ? 5 : 3} days.` }],
      defaultResponse: `v${version} says hello.`,
    });
    const artifact = await buildArtifact(join(await temp.make(), `assistant-${version}`), spec);
    const backendUrl = await deployOnModelHost(modelHost.url, artifact);
    return { model: 'assistant', version: `${version}.0.0`, rootDigest: artifact.rootDigest, backendUrl };
  };
  v1 = await deployVersion('1');
  v2 = await deployVersion('2');
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.close()));
  await temp.removeAll();
});

interface Gateway {
  service: GatewayHandle;
  url: string;
  dataDir: string;
}

async function newGateway(dataDir?: string): Promise<Gateway> {
  const dir = dataDir ?? (await temp.make());
  const service = await startGateway(dir, [pipeline.publicKeyPem]);
  running.push(service);
  return { service, url: await service.listen(), dataDir: dir };
}

function admit(gateway: Gateway, attestation: Envelope) {
  return adminCall(gateway.service, 'POST', '/admin/v1/routes', { attestation });
}

async function admitted(gateway: Gateway, target: AttestationTarget, slot: 'stable' | 'canary' = 'stable', weight = 100): Promise<Envelope> {
  const envelope = pipeline.sign(attestationPredicate(target, { slot, weight }));
  const response = await admit(gateway, envelope);
  if (response.statusCode !== 200) throw new Error(`admission failed: ${response.payload}`);
  return envelope;
}

function chat(gateway: Gateway, body: unknown, headers: Record<string, string> = {}) {
  return call(gateway.url, 'POST', '/v1/chat/completions', body, headers);
}

describe('serving gateway', () => {
  test('routes a chat request by model to its stable backend and says which slot and version answered', async () => {
    const gateway = await newGateway();
    await admitted(gateway, v1);
    const response = await chat(gateway, chatBody('assistant', 'I need a refund'));
    expect(response.statusCode).toBe(200);
    expect(response.answer()).toBe('v1 says: refunds take 5 days.');
    expect(response.headers['x-gatehouse-slot']).toBe('stable');
    expect(response.headers['x-gatehouse-model-version']).toBe('1.0.0');
  });

  test('streams a chat completion through as SSE chunks ending with [DONE]', async () => {
    const gateway = await newGateway();
    await admitted(gateway, v1);
    const response = await chat(gateway, chatBody('assistant', 'refund?', { stream: true }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const { text, chunks } = textFromSse(response.payload);
    expect(text).toBe('v1 says: refunds take 5 days.');
    expect(chunks).toBeGreaterThan(3);
  });

  test('passes stream chunks on as the backend sends them, so time to first token is measurable', async () => {
    // A backend that sends one chunk, pauses, then finishes.
    const servedDigest = 'c'.repeat(64);
    const deployment = `/v1/deployments/sha256-${servedDigest}`;
    const slowBackend = createServer((req, res) => {
      if (req.url === `${deployment}/v1/models`) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'slow-sim', object: 'model', gatehouse_root_digest: servedDigest }] }));
      } else if (req.url === `${deployment}/v1/chat/completions`) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"choices":[{"index":0,"delta":{"content":"first"}}]}\n\n');
        setTimeout(() => res.end('data: {"choices":[{"index":0,"delta":{"content":" second"}}]}\n\ndata: [DONE]\n\n'), 600);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => slowBackend.listen(0, '127.0.0.1', resolve));
    try {
      const gateway = await newGateway();
      const backendUrl = `http://127.0.0.1:${(slowBackend.address() as AddressInfo).port}${deployment}`;
      await admitted(gateway, { model: 'slow', version: '1.0.0', rootDigest: servedDigest, backendUrl });

      const started = Date.now();
      const response = await request(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chatBody('slow', 'hi', { stream: true })),
      });
      const arrivals: { atMs: number; text: string }[] = [];
      for await (const chunk of response.body) arrivals.push({ atMs: Date.now() - started, text: String(chunk) });
      expect(arrivals[0]!.text).toContain('first');
      // The first chunk arrived well before the backend's pause ended, not buffered until the end.
      expect(arrivals[arrivals.length - 1]!.atMs - arrivals[0]!.atMs).toBeGreaterThanOrEqual(400);
      expect(textFromSse(arrivals.map((a) => a.text).join('')).text).toBe('first second');
    } finally {
      await new Promise((resolve) => slowBackend.close(resolve));
    }
  });

  test('refuses an attestation older than attestationMaxAgeSeconds, even if unexpired', async () => {
    const dataDir = await temp.make();
    const service = await startGateway(dataDir, [pipeline.publicKeyPem], { attestationMaxAgeSeconds: 60 });
    running.push(service);
    const gateway = { service, url: await service.listen(), dataDir };
    const old = pipeline.sign(attestationPredicate(v1, { issuedAt: new Date(Date.now() - 120_000).toISOString() }));
    const response = await admit(gateway, old);
    expect(response.statusCode).toBe(403);
    expect(response.error()).toMatchObject({ type: 'attestation_refused', reason: 'expired' });
  });

  test('answers 404 for a model it does not serve, and lists the models it does', async () => {
    const gateway = await newGateway();
    await admitted(gateway, v1);
    const unknown = await chat(gateway, chatBody('gpt-5', 'hi'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { type: 'model_not_found', message: 'model "gpt-5" is not served by this gateway' } });
    const models = await call(gateway.url, 'GET', '/v1/models');
    expect(models.json()).toEqual({
      object: 'list',
      data: [{ id: 'assistant', object: 'model', owned_by: 'gatehouse-gateway', gatehouse_version: '1.0.0', gatehouse_root_digest: v1.rootDigest }],
    });
  });

  test('splits traffic between stable and canary by weight, sticky by routing key', async () => {
    const gateway = await newGateway();
    await admitted(gateway, v1);
    await admitted(gateway, v2, 'canary', 30);
    const keys = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const slots = await Promise.all(
      keys.map(async (key) => {
        const response = await chat(gateway, chatBody('assistant', 'hi'), { 'x-gatehouse-routing-key': key });
        const slot = response.headers['x-gatehouse-slot'];
        expect(response.answer()).toBe(slot === 'canary' ? 'v2 says hello.' : 'v1 says hello.');
        expect(response.headers['x-gatehouse-model-version']).toBe(slot === 'canary' ? '2.0.0' : '1.0.0');
        return slot;
      }),
    );
    // Deterministic: each key's slot follows from its bucket alone …
    expect(slots).toEqual(keys.map((key) => (stickyBucket('assistant', key) < 0.3 ? 'canary' : 'stable')));
    // … and the share is roughly the weight.
    const canaryShare = slots.filter((slot) => slot === 'canary').length / keys.length;
    expect(canaryShare).toBeGreaterThan(0.2);
    expect(canaryShare).toBeLessThan(0.4);
    // The same user keeps getting the same slot.
    for (const key of keys.slice(0, 10)) {
      const again = await chat(gateway, chatBody('assistant', 'hi'), { 'x-gatehouse-routing-key': key });
      expect(again.headers['x-gatehouse-slot']).toBe(slots[keys.indexOf(key)]);
    }
  });

  test('answers 502 when the backend fails, and counts requests, errors and latency per model and slot', async () => {
    const gateway = await newGateway();
    const doomedHost = await startModelHost(await temp.make());
    const artifact = await buildArtifact(join(await temp.make(), 'doomed'), chatSpec('doomed-sim'));
    const backendUrl = await deployOnModelHost(doomedHost.url, artifact);
    await admitted(gateway, { model: 'doomed', version: '1.0.0', rootDigest: artifact.rootDigest, backendUrl });
    await admitted(gateway, v1);

    expect((await chat(gateway, chatBody('doomed', 'hi'))).statusCode).toBe(200);
    await doomedHost.service.close();
    const failed = await chat(gateway, chatBody('doomed', 'hi'));
    expect(failed.statusCode).toBe(502);
    expect(failed.error().type).toBe('backend_unavailable');
    expect(failed.headers['x-gatehouse-slot']).toBe('stable');
    await chat(gateway, chatBody('assistant', 'hi'));

    const metrics = await call(gateway.url, 'GET', '/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.payload).toContain('gatehouse_gateway_requests_total{model="doomed",slot="stable"} 2');
    expect(metrics.payload).toContain('gatehouse_gateway_request_errors_total{model="doomed",slot="stable"} 1');
    expect(metrics.payload).toContain('gatehouse_gateway_requests_total{model="assistant",slot="stable"} 1');
    expect(metrics.payload).not.toContain('gatehouse_gateway_request_errors_total{model="assistant"');
    expect(metrics.payload).toContain('gatehouse_gateway_request_duration_seconds_count{model="assistant",slot="stable"} 1');
  });

  test('answers a retried promotion (the same attestation again) with unchanged, recording one promotion', async () => {
    const gateway = await newGateway();
    const envelope = await admitted(gateway, v1);
    const retry = await admit(gateway, envelope);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'unchanged', route: { model: 'assistant', slot: 'stable', version: '1.0.0' } });
    expect((await adminCall(gateway.service, 'GET', '/admin/v1/promotions')).json<{ promotions: unknown[] }>().promotions).toHaveLength(1);
  });

  test('keeps its routing table, nonces and promotion log across a restart', async () => {
    const first = await newGateway();
    const superseded = await admitted(first, v1);
    const current = await admitted(first, v2);
    const routesBefore = (await adminCall(first.service, 'GET', '/admin/v1/routes')).json();
    await first.service.close();

    const restarted = await newGateway(first.dataDir);
    expect((await adminCall(restarted.service, 'GET', '/admin/v1/routes')).json()).toEqual(routesBefore);
    expect((await chat(restarted, chatBody('assistant', 'hi'))).answer()).toBe('v2 says hello.');
    const promotions = (await adminCall(restarted.service, 'GET', '/admin/v1/promotions')).json<{ promotions: { version: string }[] }>().promotions;
    expect(promotions.map((p) => p.version)).toEqual(['1.0.0', '2.0.0']);
    // The nonces survived too: the old attestation stays spent, the current one is still recognised.
    const replay = await admit(restarted, superseded);
    expect(replay.statusCode).toBe(403);
    expect(replay.error().reason).toBe('replayed_nonce');
    expect((await admit(restarted, current)).json()).toMatchObject({ status: 'unchanged' });
  });

  test('refuses to start on a corrupt state file, naming the file, rather than reset its state', async () => {
    const dataDir = await temp.make();
    await writeFile(join(dataDir, 'gateway-state.json'), '{"formatVersion":1,"routes":[');
    await expect(startGateway(dataDir, [pipeline.publicKeyPem])).rejects.toThrow(join(dataDir, 'gateway-state.json'));
  });

  test('refuses a config with unknown keys or without a pipeline key', async () => {
    const dataDir = await temp.make();
    const base = { port: 0, host: '127.0.0.1', environment: 'production', admin: { port: 0, token: TEST_ADMIN_TOKEN }, dataDir, pipelinePublicKeys: [pipeline.publicKeyPem], requiredGates };
    await expect(createGateway({ ...base, trustRequestKeys: true } as never, { logger: silentLogger })).rejects.toThrow(
      /gateway config.*trustRequestKeys/,
    );
    await expect(createGateway({ ...base, pipelinePublicKeys: [] }, { logger: silentLogger })).rejects.toThrow(/pipelinePublicKeys/);
    await expect(createGateway({ ...base, pipelinePublicKeys: ['not a key'] }, { logger: silentLogger })).rejects.toThrow(
      /pipelinePublicKeys\.0/,
    );
  });
});
