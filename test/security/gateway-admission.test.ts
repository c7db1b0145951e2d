/**
 * DESIGN §6, "Pipeline skip" and "Direct deployment": the gateway changes routing only for an
 * attestation signed by the pipeline key in its own configuration, listing every required gate as
 * passed, unexpired, never used before, for the artifact its backend really serves.
 * Every refusal must leave routing exactly as it was: users keep getting the stable model.
 * And "Metric manipulation": the canary is judged on what the gateway itself observed, never on
 * what a backend reports about itself.
 */
import { join } from 'node:path';
import { decideInterval, initialCanaryState, judgeInterval } from '../../src/canary/judge';
import { intervalData, SlotMetricsReport } from '../../src/canary/measurements';
import type { CanaryPlan } from '../../src/canary/plan';
import { ServiceHandle } from '../../src/serving/http';
import { AttestationPredicate } from '../../src/signing/attestation';
import { Envelope } from '../../src/signing/dsse';
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
import { answer, Script, sleep, startScriptedBackend } from '../unit/serving/scripted-backend';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
const pipeline = pipelineKey();
let modelHost: RunningService;
let stable: AttestationTarget;
let candidate: AttestationTarget;

interface Gateway {
  url: string;
  adminUrl: string;
}

beforeAll(async () => {
  modelHost = await startModelHost(await temp.make());
  running.push(modelHost.service);
  const deployVersion = async (version: string, answer: string): Promise<AttestationTarget> => {
    const artifact = await buildArtifact(
      join(await temp.make(), `assistant-${version}`),
      chatSpec(`assistant-sim-${version}`, { rules: [], defaultResponse: answer }),
    );
    const backendUrl = await deployOnModelHost(modelHost.url, artifact);
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
  const gateway = { url: await service.listen(), adminUrl: service.adminUrl };
  expect((await admit(gateway, pipeline.sign(attestationPredicate(stable)))).statusCode).toBe(200);
  return gateway;
}

function admit(gateway: Gateway, attestation: unknown): Promise<HttpResult> {
  return adminCall(gateway, 'POST', '/admin/v1/routes', { attestation });
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
  const promotions = (await adminCall(gateway, 'GET', '/admin/v1/promotions')).json<{ promotions: { version: string }[] }>().promotions;
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
    expectRefused(await adminCall(gateway, 'POST', '/admin/v1/routes', directRoute), 'missing_attestation');
    expectRefused(await adminCall(gateway, 'POST', '/admin/v1/routes', {}), 'missing_attestation');
    expectRefused(await adminCall(gateway, 'POST', '/admin/v1/routes'), 'missing_attestation');
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
    // Validly signed for the candidate's digest, but pointing at another artifact's deployment: refused by its URL alone.
    const otherBackend = candidateAttestation({ backend: { url: stable.backendUrl } });
    expectRefused(await admit(gateway, pipeline.sign(otherBackend)), 'not_a_model_host');
    const otherDigest = candidateAttestation({ artifactRootDigest: 'e'.repeat(64) });
    expectRefused(await admit(gateway, pipeline.sign(otherDigest)), 'not_a_model_host');
    // At the right deployment URL, but the backend there serves something else: refused on what it serves.
    const swapped = await startScriptedBackend((request, res) => answer(res, request, 'swapped.'));
    try {
      swapped.vouchFor('e'.repeat(64));
      const target = { model: 'assistant', version: '2.0.0', rootDigest: swapped.rootDigest, backendUrl: swapped.url };
      expectRefused(await admit(gateway, pipeline.sign(attestationPredicate(target))), 'digest_mismatch');
    } finally {
      await swapped.close();
    }
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
    const promotions = (await adminCall(gateway, 'GET', '/admin/v1/promotions')).json<{ promotions: { version: string }[] }>().promotions;
    expect(promotions.map((p) => p.version)).toEqual(['1.0.0', '2.0.0']);
  });
});

describe('metric manipulation (DESIGN §6)', () => {
  const plan: CanaryPlan = {
    steps: [{ weight: 50, bakeSeconds: 10 }],
    analysisIntervalSeconds: 10,
    minSamplesPerInterval: 20,
    metrics: [
      { name: 'latency', direction: 'increase_is_bad', tolerance: 0.1, weight: 1, critical: true, mustHaveData: true },
      { name: 'error_rate', direction: 'increase_is_bad', tolerance: 1, weight: 1, critical: true, mustHaveData: true },
    ],
    scoreThresholds: { marginal: 50, pass: 75 },
    failureLimit: 0,
    consecutiveErrorLimit: 0,
    alpha: 0.05,
  };

  /** A candidate that takes 60 ms per answer; the liar also claims 1 ms everywhere it can. */
  const slowCandidate = (lies: boolean): Script => async (request, res) => {
    await sleep(60);
    if (!lies) return answer(res, request, 'candidate answers.');
    answer(
      res,
      request,
      'candidate answers.',
      { 'x-latency-ms': '1', 'server-timing': 'total;dur=1', 'x-error-rate': '0', 'x-gatehouse-slot': 'stable' },
      { usage: { latency: 1, prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 }, metrics: { latency_ms: 1, error_rate: 0 } },
    );
  };

  /** Runs 40 users on each slot through a gateway, then judges the interval from GET /admin/v1/metrics. */
  async function canaryVerdict(candidate: Script) {
    const stableBackend = await startScriptedBackend((request, res) => answer(res, request, 'stable answers.'));
    const candidateBackend = await startScriptedBackend(candidate);
    const service = await startGateway(await temp.make(), [pipeline.publicKeyPem], {}, { metricsSeed: 'manipulation' });
    running.push(service);
    try {
      const url = await service.listen();
      const gateway = { url, adminUrl: service.adminUrl };
      const targets = [
        [{ model: 'assistant', version: '1.0.0', rootDigest: stableBackend.rootDigest, backendUrl: stableBackend.url }, 'stable', 100],
        [{ model: 'assistant', version: '2.0.0', rootDigest: candidateBackend.rootDigest, backendUrl: candidateBackend.url }, 'canary', 50],
      ] as const;
      for (const [target, slot, weight] of targets) {
        expect((await admit(gateway, pipeline.sign(attestationPredicate(target, { slot, weight })))).statusCode).toBe(200);
      }
      // Users without routing keys: the gateway's own judged sample, split 50/50 by its keyed hash.
      const answers = await Promise.all(Array.from({ length: 100 }, () => call(url, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'))));
      expect(answers.every((a) => a.statusCode === 200)).toBe(true);
      // The backend's headers do not reach users either: the slot is the gateway's word, not the backend's.
      for (const a of answers) expect(a.headers['x-gatehouse-slot']).toBe(a.answer() === 'candidate answers.' ? 'canary' : 'stable');
      expect(answers.some((a) => 'x-latency-ms' in a.headers)).toBe(false);
      const seen = (slot: 'stable' | 'canary') => answers.filter((a) => a.headers['x-gatehouse-slot'] === slot).length;
      let report: SlotMetricsReport | undefined;
      for (let attempt = 0; attempt < 200; attempt++) {
        report = (await adminCall(gateway, 'GET', '/admin/v1/metrics?model=assistant')).json<SlotMetricsReport>();
        const answered = (slot: 'stable' | 'canary') => report!.slots[slot].reduce((n, b) => n + b.requests, 0);
        if (answered('stable') === seen('stable') && answered('canary') === seen('canary')) break;
        await sleep(25);
      }
      const baseline = intervalData(report!.slots.stable, { seed: 'interval-1' });
      const canary = intervalData(report!.slots.canary, { seed: 'interval-1' });
      const score = judgeInterval(plan, baseline, canary);
      return { canary, score, decision: decideInterval(score, initialCanaryState(), plan) };
    } finally {
      await service.close();
      await Promise.all([stableBackend.close(), candidateBackend.close()]);
    }
  }

  test('metric manipulation: a backend that reports fake metrics changes no verdict', async () => {
    const honest = await canaryVerdict(slowCandidate(false));
    const liar = await canaryVerdict(slowCandidate(true));
    // The gateway timed the liar's answers itself: every one took at least its 60 ms, not "1 ms".
    expect(liar.canary.latency.samplesMs).toHaveLength(liar.canary.requests);
    expect(liar.canary.requests).toBeGreaterThan(20);
    expect(Math.min(...liar.canary.latency.samplesMs)).toBeGreaterThanOrEqual(55);
    // Same classes, same score, same decision: roll back on the latency regression.
    for (const verdict of [honest, liar]) {
      expect(verdict.score.metrics).toEqual([
        { metric: 'latency', class: 'High', critical: true },
        { metric: 'error_rate', class: 'Pass', critical: true },
      ]);
      expect(verdict.decision.action).toBe('rollback');
    }
    expect(liar.score.score).toBe(honest.score.score);
  });
});
