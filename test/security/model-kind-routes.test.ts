/**
 * DESIGN §6, "Pipeline skip", per kind of model: the embedded gateway requires safety for a chat
 * model and bias for a classifier (to which the safety prompt suite does not apply), checked against
 * the kind the pipeline's attestation states, and serves each kind on its own route only. So a
 * chat model's attestation without a safety pass is refused, a chat model attested as a "classifier"
 * never reaches the chat route (the model host's own reading of the artifact contradicts it; a
 * backend that does not say gets the classifier route only), and a classifier is never served on the
 * chat route. Every refusal leaves routing as it was. (The pipeline side, a request that declares the
 * wrong kind, is in test/workflow/bias.test.ts.)
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashArtifact } from '../../src/integrity/hash-artifact';
import { ServiceHandle } from '../../src/serving/http';
import { AttestationPredicate, GateName } from '../../src/signing/attestation';
import { ensureLocalTrust, loadGatewayConfig } from '../../src/stack';
import {
  adminCall,
  attestationPredicate,
  AttestationTarget,
  buildArtifact,
  call,
  chatBody,
  chatSpec,
  deployOnModelHost,
  HttpResult,
  pipelineKey,
  RunningService,
  startGateway,
  startModelHost,
  TempDirs,
} from '../unit/serving/fixtures';
import { answer, startScriptedBackend, type ScriptedBackend } from '../unit/serving/scripted-backend';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
const pipeline = pipelineKey();
let modelHost: RunningService;
let chatModel: AttestationTarget;
let classifier: AttestationTarget;
let silentBackend: ScriptedBackend;
let silentBackendCalls = 0;
let requiredGates: ReturnType<typeof loadGatewayConfig>['requiredGates'];

const EXAMPLES = resolve(__dirname, '../../examples');
const passed = (gates: GateName[]) => gates.map((gate) => ({ gate, verdict: 'pass' as const, reportDigest: 'b'.repeat(64) }));
/** What the pipeline attests for a classifier: safety not applicable, bias passed. */
const classifierGates = [...passed(['policy', 'integrity', 'provenance']), { gate: 'safety' as const, verdict: 'not_applicable' as const }, ...passed(['bias'])];

beforeAll(async () => {
  // The embedded stack's own gateway configuration, as `gatehouse up` writes it.
  const stackDir = await temp.make();
  const { trust } = ensureLocalTrust(stackDir, { temporalPort: 0, gatewayPort: 0, modelHostPort: 0 });
  requiredGates = loadGatewayConfig(trust.gatewayConfigPath).requiredGates;

  modelHost = await startModelHost(await temp.make());
  running.push(modelHost.service);
  const chatArtifact = await buildArtifact(join(await temp.make(), 'assistant'), chatSpec('assistant-sim', { rules: [], defaultResponse: 'chat answers.' }));
  chatModel = { model: 'assistant', version: '1.0.0', rootDigest: chatArtifact.rootDigest, backendUrl: await deployOnModelHost(modelHost.url, chatArtifact) };
  const dir = join(await temp.make(), 'credit');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(EXAMPLES, 'models', 'credit-baseline', 'model.json'), join(dir, 'model.json'));
  const rootDigest = (await hashArtifact(dir)).rootDigest;
  classifier = { model: 'credit-scorer', version: '1.0.0', rootDigest, backendUrl: await deployOnModelHost(modelHost.url, { dir, rootDigest }) };
  // A chat backend that does not say which kind it serves (no gatehouse_kind), e.g. an external server.
  silentBackend = await startScriptedBackend((request, res) => {
    silentBackendCalls++;
    answer(res, request, 'a chat answer that must never reach a user through the predict route');
  });
});

afterAll(async () => {
  await silentBackend?.close();
  await Promise.all(running.map((service) => service.close()));
  await temp.removeAll();
});

interface Gateway {
  url: string;
  adminUrl: string;
}

async function gateway(): Promise<Gateway> {
  const service = await startGateway(await temp.make(), [pipeline.publicKeyPem], { requiredGates });
  running.push(service);
  return { url: await service.listen(), adminUrl: service.adminUrl };
}

function admit(gw: Gateway, predicate: AttestationPredicate): Promise<HttpResult> {
  return adminCall(gw, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(predicate) });
}

function expectRefused(response: HttpResult, reason: string, message?: RegExp): void {
  expect(response.statusCode).toBe(403);
  expect(response.error()).toEqual({ type: 'attestation_refused', reason, message: expect.any(String) });
  if (message) expect(response.error().message).toMatch(message);
}

async function promotions(gw: Gateway): Promise<string[]> {
  return (await adminCall(gw, 'GET', '/admin/v1/promotions')).json<{ promotions: { model: string; version: string }[] }>().promotions.map((p) => `${p.model}@${p.version}`);
}

const predictBody = { instances: [{ income: 90, debt: 0.1, years: 10, late: 0, area: -0.8 }] };

describe('per-kind gates and routes (DESIGN §6, pipeline skip)', () => {
  test('the embedded gateway requires safety for chat models and bias for classifiers', () => {
    expect(requiredGates).toEqual({ chat: ['policy', 'integrity', 'provenance', 'safety'], classifier: ['policy', 'integrity', 'provenance', 'bias'] });
  });

  test("a chat model's attestation without safety passed is refused, also with bias passed and safety marked not applicable", async () => {
    const gw = await gateway();
    expectRefused(await admit(gw, attestationPredicate(chatModel, { kind: 'chat', gates: classifierGates })), 'missing_gate', /required for a chat model, passed: safety$/);
    // No kind stated: read as chat, so safety is required all the same.
    expectRefused(await admit(gw, attestationPredicate(chatModel, { gates: classifierGates })), 'missing_gate', /required for a chat model, passed: safety$/);
    expect(await promotions(gw)).toEqual([]);
    expect((await call(gw.url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'))).statusCode).toBe(404);
  });

  test('a chat model attested as a classifier is refused when its backend serves it as chat, and never reaches the chat route when the backend does not say', async () => {
    const gw = await gateway();
    expectRefused(
      await admit(gw, attestationPredicate(chatModel, { kind: 'classifier', gates: classifierGates })),
      'kind_mismatch',
      /the backend serves the attested artifact as a chat model, but the attestation is for a classifier model/,
    );
    expect(await promotions(gw)).toEqual([]);

    const silent = { model: 'assistant', version: '1.0.0', rootDigest: silentBackend.rootDigest, backendUrl: silentBackend.url };
    expect((await admit(gw, attestationPredicate(silent, { kind: 'classifier', gates: classifierGates }))).statusCode).toBe(200);
    const chat = await call(gw.url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'));
    expect(chat.statusCode).toBe(400);
    expect(chat.error()).toEqual({ type: 'wrong_model_kind', message: 'model assistant is served as a classifier model: use POST /v1/models/assistant:predict' });
    expect(silentBackendCalls).toBe(0);
  });

  test('a classifier is never served on the chat route, only on the predict route', async () => {
    const gw = await gateway();
    expect((await admit(gw, attestationPredicate(classifier, { kind: 'classifier', gates: classifierGates }))).statusCode).toBe(200);
    const chat = await call(gw.url, 'POST', '/v1/chat/completions', chatBody('credit-scorer', 'hello'));
    expect(chat.statusCode).toBe(400);
    expect(chat.error().type).toBe('wrong_model_kind');
    const predicted = await call(gw.url, 'POST', '/v1/models/credit-scorer:predict', predictBody);
    expect(predicted.statusCode).toBe(200);
    expect(predicted.headers['x-gatehouse-model-version']).toBe('1.0.0');
    expect(predicted.json<{ predictions: Array<{ label: number; score: number }> }>().predictions[0]!.label).toBe(1);
    // Bad input is the backend's 400, passed through; another verb or an unknown model is refused here.
    expect((await call(gw.url, 'POST', '/v1/models/credit-scorer:predict', { instances: [] })).statusCode).toBe(400);
    expect((await call(gw.url, 'POST', '/v1/models/credit-scorer:explain', predictBody)).statusCode).toBe(404);
    expect((await call(gw.url, 'POST', '/v1/models/other:predict', predictBody)).error().type).toBe('model_not_found');
  });

  test('a chat model is never served on the predict route', async () => {
    const gw = await gateway();
    expect((await admit(gw, attestationPredicate(chatModel, { kind: 'chat' }))).statusCode).toBe(200);
    const predicted = await call(gw.url, 'POST', '/v1/models/assistant:predict', predictBody);
    expect(predicted.statusCode).toBe(400);
    expect(predicted.error()).toEqual({ type: 'wrong_model_kind', message: 'model assistant is served as a chat model: use POST /v1/chat/completions' });
    expect((await call(gw.url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'))).answer()).toBe('chat answers.');
  });

  test('a classifier attested without bias passed is refused; safety passed in its place does not count', async () => {
    const gw = await gateway();
    const withoutBias = attestationPredicate(classifier, { kind: 'classifier', gates: passed(['policy', 'integrity', 'provenance', 'safety']) });
    expectRefused(await admit(gw, withoutBias), 'missing_gate', /required for a classifier model, passed: bias$/);
    expect(await promotions(gw)).toEqual([]);
  });

  test('one model name, one kind: a classifier attested under a chat model\'s name is refused, routing unchanged', async () => {
    const gw = await gateway();
    expect((await admit(gw, attestationPredicate(chatModel, { kind: 'chat' }))).statusCode).toBe(200);
    const sameName = { ...classifier, model: 'assistant', version: '2.0.0' };
    expectRefused(await admit(gw, attestationPredicate(sameName, { kind: 'classifier', gates: classifierGates })), 'kind_mismatch', /model assistant is served as a chat model/);
    expect(await promotions(gw)).toEqual(['assistant@1.0.0']);
    expect((await call(gw.url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'))).answer()).toBe('chat answers.');
  });
});
