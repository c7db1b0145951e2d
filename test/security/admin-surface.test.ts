/**
 * DESIGN §6, "Admin surface and DoS": the gateway's admin API runs on its own listener (loopback by
 * default) and answers only with the configured bearer token; no admin endpoint answers on the user
 * port. Admission bodies are capped at 64 KiB and envelopes at 4 signatures, each tried only against
 * the key its keyid names, so a junk envelope is refused fast while users keep being served.
 * And "Environment manipulation" at the gateway: an attestation for another environment is refused.
 */
import { Worker } from 'node:worker_threads';
import { ServiceHandle } from '../../src/serving/http';
import { GatewayHandle } from '../../src/serving/gateway';
import {
  adminCall,
  adminHeaders,
  attestationPredicate,
  AttestationTarget,
  call,
  chatBody,
  pipelineKey,
  startGateway,
  TempDirs,
} from '../unit/serving/fixtures';
import { answer, ScriptedBackend, startScriptedBackend } from '../unit/serving/scripted-backend';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
const pipeline = pipelineKey();
let backend: ScriptedBackend;
let gateway: GatewayHandle;
let userUrl: string;
let target: AttestationTarget;

beforeAll(async () => {
  backend = await startScriptedBackend((request, res) => answer(res, request, 'stable answers.'));
  gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem]);
  running.push(gateway);
  userUrl = await gateway.listen();
  target = { model: 'assistant', version: '1.0.0', rootDigest: backend.rootDigest, backendUrl: backend.url };
  expect((await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate(target)) })).statusCode).toBe(200);
});

afterAll(async () => {
  await Promise.all(running.map((service) => service.close()));
  await backend.close();
  await temp.removeAll();
});

describe('Admin surface: its own authenticated listener', () => {
  test('no admin GET answers on the user port: routes, promotions and metrics are 404 there', async () => {
    for (const path of ['/admin/v1/routes', '/admin/v1/promotions', '/admin/v1/metrics?model=assistant']) {
      const response = await call(userUrl, 'GET', path);
      expect(response.statusCode).toBe(404);
      expect(response.payload).not.toContain(backend.url);
      expect(response.payload).not.toContain('nonce');
    }
    const admit = await call(userUrl, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate({ ...target, version: '9.9.9' })) });
    expect(admit.statusCode).toBe(404);
    expect((await adminCall(gateway, 'GET', '/admin/v1/promotions')).json<{ promotions: unknown[] }>().promotions).toHaveLength(1);
  });

  test('the admin listener is on loopback by default, and refuses requests without the configured token (401)', async () => {
    expect(new URL(gateway.adminUrl).hostname).toBe('127.0.0.1');
    expect(new URL(gateway.adminUrl).port).not.toBe(new URL(userUrl).port);
    const bare = await call(gateway.adminUrl, 'GET', '/admin/v1/routes');
    expect(bare.statusCode).toBe(401);
    expect(bare.error().type).toBe('admin_unauthorized');
    const wrong = await call(gateway.adminUrl, 'GET', '/admin/v1/routes', undefined, { authorization: 'Bearer not-the-token-not-the-token-not-the-token' });
    expect(wrong.statusCode).toBe(401);
    const admit = await call(gateway.adminUrl, 'POST', '/admin/v1/routes', { attestation: pipeline.sign(attestationPredicate({ ...target, version: '9.9.9' })) });
    expect(admit.statusCode).toBe(401);
    const routes = await adminCall(gateway, 'GET', '/admin/v1/routes');
    expect(routes.json<{ routes: Array<{ version: string }> }>().routes.map((r) => r.version)).toEqual(['1.0.0']);
  });

  test('refuses a config whose admin API would be open (no token)', async () => {
    await expect(startGateway(await temp.make(), [pipeline.publicKeyPem], { admin: { port: 0 } })).rejects.toThrow(/admin.*token/);
  });
});

/** Sends the junk admission, one every 100 ms, until told to stop; reports every status it got. */
const ATTACKER = `
const { parentPort, workerData } = require('node:worker_threads');
let stopped = false;
const statuses = [];
parentPort.once('message', () => { stopped = true; });
(async () => {
  while (!stopped) {
    try {
      const response = await fetch(workerData.url, { method: 'POST', headers: workerData.headers, body: workerData.body });
      await response.arrayBuffer();
      statuses.push(response.status);
    } catch (err) {
      statuses.push(-1);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  parentPort.postMessage(statuses);
})();
`;

describe('Admin DoS: capped envelopes, keyid-directed verification', () => {
  // How fast users are answered during the attack is the machine's speed: that belongs in bench/, not here.
  test('an oversized 5,000-signature envelope is refused (413) every time, while every user request is still answered', async () => {
    const valid = pipeline.sign(attestationPredicate({ ...target, version: '2.0.0' }));
    const junk = { ...valid, signatures: Array.from({ length: 5000 }, (_, i) => ({ keyid: `junk-${i}`, sig: valid.signatures[0]!.sig })) };
    // Serialised once: the attacker's own work must not be charged to the gateway (they share this process).
    const junkBody = JSON.stringify({ attestation: junk });
    const userStatuses: number[] = [];
    const users = (async () => {
      for (let i = 0; i < 400; i++) userStatuses.push((await call(userUrl, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'))).statusCode);
    })();
    // The attacker runs on its own thread, as it would on its own machine: its work is not the gateway's.
    const attacker = new Worker(ATTACKER, { eval: true, workerData: { url: `${gateway.adminUrl}/admin/v1/routes`, body: junkBody, headers: { ...adminHeaders, 'content-type': 'application/json' } } });
    const refusals = new Promise<number[]>((resolve, reject) => {
      attacker.once('message', resolve);
      attacker.once('error', reject);
    });
    await users;
    attacker.postMessage('stop');
    const statuses = await refusals;
    await attacker.terminate();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([413]));
    expect(userStatuses).toEqual(Array.from({ length: 400 }, () => 200));
  });

  test('more than 4 signatures within the size cap is refused before any verification (400)', async () => {
    const valid = pipeline.sign(attestationPredicate({ ...target, version: '2.0.1' }));
    const five = { ...valid, signatures: Array.from({ length: 5 }, () => valid.signatures[0]!) };
    const response = await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: five });
    expect(response.statusCode).toBe(400);
    expect(response.error().message).toContain('at most 4 signatures');
  });

  test('only the key named by keyid is tried: a valid signature under another keyid does not verify', async () => {
    const valid = pipeline.sign(attestationPredicate({ ...target, version: '2.0.2' }));
    const renamed = { ...valid, signatures: [{ keyid: 'some-other-key', sig: valid.signatures[0]!.sig }] };
    const response = await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: renamed });
    expect(response.statusCode).toBe(403);
    expect(response.error().reason).toBe('untrusted_signature');
  });
});

describe('Environment-aware gateway', () => {
  test('a staging attestation is refused at the production gateway, and routing is unchanged', async () => {
    const staging = pipeline.sign(attestationPredicate({ ...target, version: '3.0.0' }, { environment: 'staging' }));
    const response = await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: staging });
    expect(response.statusCode).toBe(403);
    expect(response.error()).toMatchObject({ type: 'attestation_refused', reason: 'wrong_environment' });
    expect(response.error().message).toContain('staging');
    const answerHeaders = (await call(userUrl, 'POST', '/v1/chat/completions', chatBody('assistant', 'hi'))).headers;
    expect(answerHeaders['x-gatehouse-model-version']).toBe('1.0.0');
  });
});
