/**
 * DESIGN §6, "Backend swap": the model host loads and unloads only on a load order signed by the
 * pipeline key, for that very action, deployment id (derived from the artifact digest) and digest,
 * unexpired. An attested deployment's id can never be made to serve other content, and the gateway
 * keeps answering from the attested model whatever an attacker sends the model host.
 */
import { join } from 'node:path';
import { deploymentIdFor, loadRequest, unloadRequest } from '../../src/serving/load-order';
import { ServiceHandle } from '../../src/serving/http';
import { answer, sleep, startScriptedBackend } from '../unit/serving/scripted-backend';
import {
  adminCall,
  attestationPredicate,
  AttestationTarget,
  buildArtifact,
  BuiltArtifact,
  call,
  chatBody,
  chatSpec,
  deployOnModelHost,
  modelHostPipeline,
  pipelineKey,
  RunningService,
  startGateway,
  startModelHost,
  TempDirs,
} from '../unit/serving/fixtures';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
let modelHost: RunningService;
let attested: BuiltArtifact;
let unvetted: BuiltArtifact;
let gatewayUrl: string;
const stableId = () => deploymentIdFor(attested.rootDigest);

beforeAll(async () => {
  modelHost = await startModelHost(await temp.make());
  running.push(modelHost.service);
  attested = await buildArtifact(join(await temp.make(), 'attested'), chatSpec('assistant-sim', { rules: [], defaultResponse: 'the attested model answers.' }));
  unvetted = await buildArtifact(join(await temp.make(), 'unvetted'), chatSpec('assistant-sim', { rules: [], defaultResponse: 'the UNVETTED model answers.' }));
  const target: AttestationTarget = { model: 'assistant', version: '1.0.0', rootDigest: attested.rootDigest, backendUrl: await deployOnModelHost(modelHost.url, attested) };
  const gatewayPipeline = pipelineKey();
  const gateway = await startGateway(await temp.make(), [gatewayPipeline.publicKeyPem]);
  running.push(gateway);
  gatewayUrl = await gateway.listen();
  expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: gatewayPipeline.sign(attestationPredicate(target)) })).statusCode).toBe(200);
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.close()));
  await temp.removeAll();
});

async function usersGet(): Promise<string> {
  const answer = await call(gatewayUrl, 'POST', '/v1/chat/completions', chatBody('assistant', 'hello'));
  expect(answer.statusCode).toBe(200);
  return answer.answer();
}

describe('Backend swap: the model host', () => {
  test('refuses an unauthenticated PUT that would replace the attested deployment with another artifact', async () => {
    const swap = await call(modelHost.url, 'PUT', `/v1/deployments/${stableId()}`, { artifactPath: unvetted.dir, rootDigest: unvetted.rootDigest });
    expect(swap.statusCode).toBe(400);
    expect(swap.error().message).toContain('order');
    expect(await usersGet()).toBe('the attested model answers.');
  });

  test('refuses a load order signed by a key it does not trust (403 untrusted_signature)', async () => {
    const forged = loadRequest(unvetted.dir, unvetted.rootDigest, pipelineKey().privateKey);
    const refused = await call(modelHost.url, forged.method, forged.path, forged.body);
    expect(refused.statusCode).toBe(403);
    expect(refused.error()).toMatchObject({ type: 'load_order_refused', reason: 'untrusted_signature' });
    expect((await call(modelHost.url, 'GET', forged.deploymentPath)).statusCode).toBe(404);
  });

  test('never serves other content under an id: a valid order for another artifact cannot target the attested id', async () => {
    const valid = loadRequest(unvetted.dir, unvetted.rootDigest, modelHostPipeline.privateKey);
    const swap = await call(modelHost.url, 'PUT', `/v1/deployments/${stableId()}`, valid.body);
    expect(swap.statusCode).toBe(400);
    expect(swap.error().type).toBe('invalid_deployment_id');
    // The attested artifact's bytes under the other digest's order: the order names the other digest, the host hashes: refused.
    const mismatched = await call(modelHost.url, 'PUT', valid.path, { ...valid.body, artifactPath: attested.dir });
    expect(mismatched.statusCode).toBe(409);
    expect(await usersGet()).toBe('the attested model answers.');
  });

  test('refuses an expired order, an unload order used to load, and an attestation passed off as an order', async () => {
    const expired = loadRequest(unvetted.dir, unvetted.rootDigest, modelHostPipeline.privateKey, new Date(Date.now() - 3_600_000), 60);
    expect((await call(modelHost.url, expired.method, expired.path, expired.body)).error()).toMatchObject({ type: 'load_order_refused', reason: 'expired' });
    const unload = unloadRequest(unvetted.rootDigest, modelHostPipeline.privateKey);
    const misuse = await call(modelHost.url, 'PUT', unload.path, { artifactPath: unvetted.dir, rootDigest: unvetted.rootDigest, order: unload.body.order });
    expect(misuse.error()).toMatchObject({ type: 'load_order_refused', reason: 'order_mismatch' });
    const attestation = modelHostPipeline.sign(attestationPredicate({ model: 'assistant', version: '9', rootDigest: unvetted.rootDigest, backendUrl: modelHost.url }));
    const wrongType = await call(modelHost.url, 'PUT', unload.path, { artifactPath: unvetted.dir, rootDigest: unvetted.rootDigest, order: attestation });
    expect(wrongType.error()).toMatchObject({ type: 'load_order_refused', reason: 'malformed' });
  });

  test('refuses an unauthenticated DELETE, and an unload order for another deployment', async () => {
    const bare = await call(modelHost.url, 'DELETE', `/v1/deployments/${stableId()}`);
    expect(bare.statusCode).toBe(400);
    const otherOrder = unloadRequest(unvetted.rootDigest, modelHostPipeline.privateKey);
    const misdirected = await call(modelHost.url, 'DELETE', `/v1/deployments/${stableId()}`, otherOrder.body);
    expect(misdirected.error()).toMatchObject({ type: 'load_order_refused', reason: 'order_mismatch' });
    const forged = unloadRequest(attested.rootDigest, pipelineKey().privateKey);
    expect((await call(modelHost.url, forged.method, forged.path, forged.body)).statusCode).toBe(403);
    expect(await usersGet()).toBe('the attested model answers.');
  });

  test('two runs of one artifact share its deployment: the first run to unload leaves it to the other, the last one takes it down', async () => {
    const shared = await buildArtifact(join(await temp.make(), 'shared'), chatSpec('assistant-sim', { rules: [], defaultResponse: 'shared.' }));
    const later = new Date();
    for (const holder of ['deploy-a/run-1', 'deploy-b/run-1']) {
      const load = loadRequest(shared.dir, shared.rootDigest, modelHostPipeline.privateKey, later, 300, holder);
      expect([200, 201]).toContain((await call(modelHost.url, load.method, load.path, load.body)).statusCode);
    }
    const first = unloadRequest(shared.rootDigest, modelHostPipeline.privateKey, later, 300, 'deploy-a/run-1');
    expect((await call(modelHost.url, first.method, first.path, first.body)).json()).toMatchObject({ status: 'kept' });
    expect((await call(modelHost.url, 'GET', first.deploymentPath)).statusCode).toBe(200);
    const last = unloadRequest(shared.rootDigest, modelHostPipeline.privateKey, later, 300, 'deploy-b/run-1');
    expect((await call(modelHost.url, last.method, last.path, last.body)).json()).toMatchObject({ status: 'deleted' });
    expect((await call(modelHost.url, 'GET', last.deploymentPath)).statusCode).toBe(404);
  });

  test('an order with more signatures than the cap is refused before any verification', async () => {
    const valid = loadRequest(unvetted.dir, unvetted.rootDigest, modelHostPipeline.privateKey);
    const order = valid.body.order;
    const padded = { ...order, signatures: Array.from({ length: 5 }, () => order.signatures[0]!) };
    const refused = await call(modelHost.url, 'PUT', valid.path, { ...valid.body, order: padded });
    expect(refused.statusCode).toBe(400);
    expect(refused.error().message).toContain('at most 4 signatures');
  });
});

describe('Backend swap: the gateway re-checks what each backend serves', () => {
  test('stops routing to a backend that no longer serves its attested digest (503, metric), and resumes when it does again', async () => {
    const backend = await startScriptedBackend((request, res) => answer(res, request, 'attested answer.'));
    const pipeline = pipelineKey();
    const gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem], { backendCheckMs: 50 });
    running.push(gateway);
    try {
      const url = await gateway.listen();
      const target = { model: 'assistant', version: '1.0.0', rootDigest: backend.rootDigest, backendUrl: backend.url };
      expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target)) })).statusCode).toBe(200);
      const ask = () => call(url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'));
      expect((await ask()).statusCode).toBe(200);

      backend.vouchFor('e'.repeat(64));
      const refused = await eventually(async () => {
        const response = await ask();
        return response.statusCode === 503 ? response : undefined;
      });
      expect(refused.error().type).toBe('backend_not_attested');
      expect(refused.error().message).toContain(backend.rootDigest);
      const metrics = (await call(url, 'GET', '/metrics')).payload;
      expect(metrics).toContain('gatehouse_gateway_backend_attested{model="assistant",slot="stable"} 0');
      expect(metrics).toMatch(/gatehouse_gateway_backend_swaps_total\{model="assistant",slot="stable"\} 1/);

      backend.vouchFor(backend.rootDigest);
      const served = await eventually(async () => {
        const response = await ask();
        return response.statusCode === 200 ? response : undefined;
      });
      expect(served.answer()).toBe('attested answer.');
    } finally {
      await backend.close();
    }
  });
});

/** Polls `probe` until it returns a value (the gateway re-checks on its own interval). */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error('the condition never held');
}

describe('External endpoints are evaluated, never served', () => {
  test('an external endpoint that vouches for the right digest is refused as the attested backend (403 not_a_model_host)', async () => {
    // An OpenAI-compatible server (as vLLM or TGI would be) at its own root, reporting the attested digest.
    const endpoint = await startScriptedBackend((request, res) => answer(res, request, 'endpoint answers.'));
    const pipeline = pipelineKey();
    const gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem]);
    running.push(gateway);
    try {
      const url = await gateway.listen();
      const root = new URL(endpoint.url).origin;
      expect((await call(root, 'GET', '/v1/models')).json()).toMatchObject({ data: [{ gatehouse_root_digest: endpoint.rootDigest }] });
      const target = { model: 'assistant', version: '1.0.0', rootDigest: endpoint.rootDigest, backendUrl: root };
      const refused = await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target)) });
      expect(refused.statusCode).toBe(403);
      expect(refused.error()).toMatchObject({ type: 'attestation_refused', reason: 'not_a_model_host' });
      // Nor under another artifact's deployment path on some host.
      const elsewhere = { ...target, backendUrl: `${root}/v1/deployments/${deploymentIdFor(attested.rootDigest)}` };
      expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(elsewhere)) })).error().reason).toBe('not_a_model_host');
      expect((await call(url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'))).statusCode).toBe(404);
    } finally {
      await endpoint.close();
    }
  });
});
