/**
 * DESIGN §6, "Pipeline skip" and "Direct deployment": the gateway changes routing only for an
 * attestation signed by the pipeline key in its own configuration, listing every required gate as
 * passed, unexpired, never used before, for the artifact its backend really serves.
 * Every refusal must leave routing exactly as it was: users keep getting the stable model.
 */
import { join } from 'node:path';
import { ServiceHandle } from '../../src/serving/http';
import { AttestationPredicate } from '../../src/signing/attestation';
import { Envelope } from '../../src/signing/dsse';
import {
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

const temp = new TempDirs();
const running: ServiceHandle[] = [];
const pipeline = pipelineKey();
let modelHost: RunningService;
let stable: AttestationTarget;
let candidate: AttestationTarget;

interface Gateway {
  url: string;
}

beforeAll(async () => {
  modelHost = await startModelHost(await temp.make());
  running.push(modelHost.service);
  const deployVersion = async (version: string, answer: string): Promise<AttestationTarget> => {
    const artifact = await buildArtifact(
      join(await temp.make(), `assistant-${version}`),
      chatSpec(`assistant-sim-${version}`, { rules: [], defaultResponse: answer }),
    );
    const backendUrl = await deployOnModelHost(modelHost.url, `assistant-${version}`, artifact);
    return { model: 'assistant', version, rootDigest: artifact.rootDigest, backendUrl };
  };
  stable = await deployVersion('1.0.0', 'stable answers.');
  candidate = await deployVersion('2.0.0', 'candidate answers.');
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.close()));
  await temp.removeAll();
});

/** A fresh gateway whose stable route for `assistant` was set by a valid attestation. */
async function gatewayServingStable(): Promise<Gateway> {
  const service = await startGateway(await temp.make(), [pipeline.publicKeyPem]);
  running.push(service);
  const gateway = { url: await service.listen() };
  expect((await admit(gateway, pipeline.sign(attestationPredicate(stable)))).statusCode).toBe(200);
  return gateway;
}

function admit(gateway: Gateway, attestation: unknown): Promise<HttpResult> {
  return call(gateway.url, 'POST', '/admin/v1/routes', { attestation });
}

function candidateAttestation(overrides: Partial<AttestationPredicate> = {}): AttestationPredicate {
  return attestationPredicate(candidate, overrides);
}

function expectRefused(response: HttpResult, reason: string): void {
  expect(response.statusCode).toBe(403);
  expect(response.error()).toEqual({ type: 'attestation_refused', reason, message: expect.any(String) });
}

/** Routing is as before: one promotion (the stable one), and users are answered by the stable model. */
async function expectStillStable(gateway: Gateway): Promise<void> {
  const promotions = (await call(gateway.url, 'GET', '/admin/v1/promotions')).json<{ promotions: { version: string }[] }>().promotions;
  expect(promotions.map((p) => p.version)).toEqual(['1.0.0']);
  const answer = await call(gateway.url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'));
  expect(answer.answer()).toBe('stable answers.');
  expect(answer.headers['x-gatehouse-model-version']).toBe('1.0.0');
}

describe('gateway admission (DESIGN §6)', () => {
  test('pipeline skip: an attestation missing a required gate is refused (403)', async () => {
    const gateway = await gatewayServingStable();
    const withoutSafety = candidateAttestation();
    withoutSafety.gates = withoutSafety.gates.filter((g) => g.gate !== 'safety');
    expectRefused(await admit(gateway, pipeline.sign(withoutSafety)), 'missing_gate');

    const safetyFailed = candidateAttestation();
    safetyFailed.gates = safetyFailed.gates.map((g) => (g.gate === 'safety' ? { ...g, verdict: 'fail' as const } : g));
    expectRefused(await admit(gateway, pipeline.sign(safetyFailed)), 'missing_gate');
    await expectStillStable(gateway);
  });

  test('pipeline skip: no attestation at all is refused', async () => {
    const gateway = await gatewayServingStable();
    const directRoute = { model: 'assistant', slot: 'stable', weight: 100, backendUrl: candidate.backendUrl, rootDigest: candidate.rootDigest };
    expectRefused(await call(gateway.url, 'POST', '/admin/v1/routes', directRoute), 'missing_attestation');
    expectRefused(await call(gateway.url, 'POST', '/admin/v1/routes', {}), 'missing_attestation');
    expectRefused(await call(gateway.url, 'POST', '/admin/v1/routes'), 'missing_attestation');
    await expectStillStable(gateway);
  });

  test('direct deployment: an unsigned attestation is refused', async () => {
    const gateway = await gatewayServingStable();
    const signed = pipeline.sign(candidateAttestation());
    expectRefused(await admit(gateway, { ...signed, signatures: [] }), 'untrusted_signature');
    await expectStillStable(gateway);
  });

  test('direct deployment: a forged attestation (payload tampered after signing) is refused', async () => {
    const gateway = await gatewayServingStable();
    // Signed for a canary at 1%, edited to take all traffic as stable: the signature no longer covers it.
    const signed = pipeline.sign(candidateAttestation({ slot: 'canary', weight: 1 }));
    const statement = JSON.parse(Buffer.from(signed.payload, 'base64').toString('utf8'));
    statement.predicate.slot = 'stable';
    statement.predicate.weight = 100;
    const forged: Envelope = { ...signed, payload: Buffer.from(JSON.stringify(statement)).toString('base64') };
    expectRefused(await admit(gateway, forged), 'untrusted_signature');
    await expectStillStable(gateway);
  });

  test('direct deployment: an expired attestation is refused', async () => {
    const gateway = await gatewayServingStable();
    const issuedAt = new Date(Date.now() - 2 * 3600_000);
    const expired = candidateAttestation({
      issuedAt: issuedAt.toISOString(),
      expiresAt: new Date(issuedAt.getTime() + 3600_000).toISOString(),
    });
    expectRefused(await admit(gateway, pipeline.sign(expired)), 'expired');
    await expectStillStable(gateway);
  });

  test('direct deployment: a replayed attestation is refused', async () => {
    const gateway = await gatewayServingStable();
    // A rollback to stable is in force; replaying the earlier (valid, unexpired) candidate promotion
    // must not bring the candidate back.
    const promotion = pipeline.sign(candidateAttestation());
    expect((await admit(gateway, promotion)).statusCode).toBe(200);
    const rollback = pipeline.sign(attestationPredicate(stable));
    expect((await admit(gateway, rollback)).statusCode).toBe(200);
    expectRefused(await admit(gateway, promotion), 'replayed_nonce');

    // A new attestation reusing a spent nonce is a replay too, whatever else it says.
    const firstNonce = JSON.parse(Buffer.from(promotion.payload, 'base64').toString('utf8')).predicate.nonce as string;
    expectRefused(await admit(gateway, pipeline.sign(candidateAttestation({ nonce: firstNonce, slot: 'canary', weight: 5 }))), 'replayed_nonce');

    const answer = await call(gateway.url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'));
    expect(answer.answer()).toBe('stable answers.');
  });

  test('direct deployment: an attestation for another digest than the backend serves is refused', async () => {
    const gateway = await gatewayServingStable();
    // Validly signed for the candidate's digest, but pointing at a backend serving something else.
    const otherBackend = candidateAttestation({ backend: { url: stable.backendUrl } });
    expectRefused(await admit(gateway, pipeline.sign(otherBackend)), 'digest_mismatch');
    const otherDigest = candidateAttestation({ artifactRootDigest: 'e'.repeat(64) });
    expectRefused(await admit(gateway, pipeline.sign(otherDigest)), 'digest_mismatch');
    await expectStillStable(gateway);
  });

  test('direct deployment: an attestation signed by another key is refused', async () => {
    const gateway = await gatewayServingStable();
    const intruder = pipelineKey();
    expectRefused(await admit(gateway, intruder.sign(candidateAttestation())), 'untrusted_signature');
    await expectStillStable(gateway);
  });

  test('a valid attestation changes routing and the candidate answers', async () => {
    const gateway = await gatewayServingStable();
    const response = await admit(gateway, pipeline.sign(candidateAttestation()));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'applied',
      route: { model: 'assistant', slot: 'stable', weight: 100, version: '2.0.0', rootDigest: candidate.rootDigest },
      promotion: { sequence: 2, previous: { version: '1.0.0', rootDigest: stable.rootDigest } },
    });
    const answer = await call(gateway.url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'));
    expect(answer.answer()).toBe('candidate answers.');
    expect(answer.headers['x-gatehouse-model-version']).toBe('2.0.0');
    const promotions = (await call(gateway.url, 'GET', '/admin/v1/promotions')).json<{ promotions: { version: string }[] }>().promotions;
    expect(promotions.map((p) => p.version)).toEqual(['1.0.0', '2.0.0']);
  });
});
