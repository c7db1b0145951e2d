/**
 * DESIGN §6 "Admin surface and DoS", as a count rather than a clock: how much signature work a junk
 * admission costs the gateway. (How fast users are answered meanwhile depends on the machine: that
 * is bench/gateway's "under an admission attack" line, not a test.)
 */
import { GatewayHandle } from '../../../src/serving/gateway';
import { adminCall, attestationPredicate, AttestationTarget, pipelineKey, startGateway, TempDirs } from './fixtures';
import { answer, ScriptedBackend, startScriptedBackend } from './scripted-backend';

// dsse.ts calls node:crypto's `verify` through the module object, so a spy on it sees every verification.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeCrypto = require('node:crypto') as typeof import('node:crypto');

const temp = new TempDirs();
const pipeline = pipelineKey();
let backend: ScriptedBackend;
let gateway: GatewayHandle;
let target: AttestationTarget;

beforeAll(async () => {
  backend = await startScriptedBackend((request, res) => answer(res, request, 'stable answers.'));
  gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem]);
  await gateway.listen();
  target = { model: 'assistant', version: '1.0.0', rootDigest: backend.rootDigest, backendUrl: backend.url };
});

afterAll(async () => {
  await gateway.close();
  await backend.close();
  await temp.removeAll();
});

async function verificationsFor(envelope: unknown): Promise<{ statusCode: number; verifications: number }> {
  const verify = jest.spyOn(nodeCrypto, 'verify');
  try {
    const response = await adminCall(gateway, 'POST', '/admin/v1/routes', { attestation: envelope });
    return { statusCode: response.statusCode, verifications: verify.mock.calls.length };
  } finally {
    verify.mockRestore();
  }
}

describe('a junk admission costs no signature work', () => {
  test('an oversized 5,000-signature envelope: refused (413) before a single verification', async () => {
    const valid = pipeline.sign(attestationPredicate({ ...target, version: '2.0.0' }));
    const junk = { ...valid, signatures: Array.from({ length: 5000 }, (_, i) => ({ keyid: `junk-${i}`, sig: valid.signatures[0]!.sig })) };
    expect(await verificationsFor(junk)).toEqual({ statusCode: 413, verifications: 0 });
  });

  test('five signatures within the size cap: refused (400) before a single verification', async () => {
    const valid = pipeline.sign(attestationPredicate({ ...target, version: '2.0.1' }));
    const five = { ...valid, signatures: Array.from({ length: 5 }, () => valid.signatures[0]!) };
    expect(await verificationsFor(five)).toEqual({ statusCode: 400, verifications: 0 });
  });

  test('four signatures under keyids the gateway does not trust: refused (403) without trying any key', async () => {
    const valid = pipeline.sign(attestationPredicate({ ...target, version: '2.0.2' }));
    const unknown = { ...valid, signatures: Array.from({ length: 4 }, (_, i) => ({ keyid: `stranger-${i}`, sig: valid.signatures[0]!.sig })) };
    expect(await verificationsFor(unknown)).toEqual({ statusCode: 403, verifications: 0 });
  });

  test('a genuine envelope: admitted after verifying its signature under the one key its keyid names', async () => {
    const valid = pipeline.sign(attestationPredicate({ ...target, version: '2.0.3' }));
    const { statusCode, verifications } = await verificationsFor(valid);
    expect(statusCode).toBe(200);
    expect(verifications).toBeGreaterThanOrEqual(1);
    // At most the ECDSA fallback encoding as well: never one try per trusted key or per signature.
    expect(verifications).toBeLessThanOrEqual(2);
  });
});
