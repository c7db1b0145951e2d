/** Edge parsing of everything a user hands in: variables, requests, policies, worker configuration. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseGatehouseEnv, resolveSettings } from '../../src/config';
import { InputError } from '../../src/errors';
import { loadDeploymentRequest, workflowIdFor } from '../../src/request';
import { policySchema } from '../../src/policy/schema';
import { signPolicy, verifySignedPolicy, PolicyRefused } from '../../src/policy/signed-policy';
import { generateKeyPair, keyIdOf, parsePrivateKeyPem, parsePublicKeyPem } from '../../src/signing/keys';
import { renderMarkdownReport } from '../../src/report/markdown';
import { demoPolicy } from '../../src/demo/scenario';
import { KeyObject } from 'node:crypto';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-inputs-'));

describe('GATEHOUSE_* variables', () => {
  test('known variables are parsed, and flags win over variables', () => {
    const env = parseGatehouseEnv({ GATEHOUSE_DATA_DIR: '/d', GATEHOUSE_TEMPORAL_ADDRESS: 'h:7233', PATH: '/bin' });
    const settings = resolveSettings({ address: 'flag:1' }, env);
    expect(settings).toMatchObject({ dataDir: '/d', temporalAddress: 'flag:1', namespace: 'default' });
  });

  test('an unknown GATEHOUSE_ variable is an error naming it, never ignored', () => {
    expect(() => parseGatehouseEnv({ GATEHOUSE_SKIP_SAFETY: '1' })).toThrow(/unknown variable GATEHOUSE_SKIP_SAFETY/);
  });

  test('any invented GATEHOUSE_ variable is refused (property)', () => {
    const known = new Set(['DATA_DIR', 'TEMPORAL_ADDRESS', 'NAMESPACE', 'WORKER_CONFIG', 'GATEWAY_CONFIG', 'LOG_LEVEL']);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][A-Z_]{0,20}$/).filter((s) => !known.has(s)), (suffix) => {
        expect(() => parseGatehouseEnv({ [`GATEHOUSE_${suffix}`]: '1' })).toThrow(InputError);
      }),
    );
  });

  test('a malformed address names the variable and what was expected', () => {
    expect(() => parseGatehouseEnv({ GATEHOUSE_TEMPORAL_ADDRESS: 'nohost' })).toThrow(/GATEHOUSE_TEMPORAL_ADDRESS: expected host:port/);
  });
});

describe('deployment requests', () => {
  const valid = {
    apiVersion: 'gatehouse/v1',
    kind: 'DeploymentRequest',
    model: { name: 'support-assistant', version: '2.4.0', kind: 'chat' },
    artifact: './models/m',
    signature: './models/m.sig.json',
    change: { type: 'weights', summary: 'fine-tuned' },
    environment: 'production',
    requestedBy: 'alice',
    policy: './policy.yaml',
  };

  test('resolves paths against the request file and derives a deterministic workflow id', () => {
    const path = join(dir, 'req.yaml');
    writeFileSync(path, stringify(valid));
    const request = loadDeploymentRequest(path);
    expect(request.artifactPath).toBe(join(dir, 'models', 'm'));
    expect(request.policySignaturePath).toBe(join(dir, 'policy.yaml.sig.json'));
    expect(workflowIdFor(request)).toBe('deploy-support-assistant-2.4.0-production');
  });

  test.each([
    ['an unknown change type', { change: { type: 'vibes', summary: 'x' } }, 'change.type'],
    ['a missing artifact', { artifact: undefined }, 'artifact'],
    ['an unknown field (a skip switch)', { skipSafety: true }, 'skipSafety'],
    ['a model name with spaces', { model: { name: 'my model', version: '1', kind: 'chat' } }, 'model.name'],
  ])('refuses %s, naming the file and the field', (_, patch, field) => {
    const path = join(dir, `bad-${field}.yaml`);
    writeFileSync(path, stringify({ ...valid, ...patch }));
    expect(() => loadDeploymentRequest(path)).toThrow(new RegExp(`bad-${field}\\.yaml: .*${field.replace('.', '\\.')}`));
  });

  test('a missing request file names the file', () => {
    expect(() => loadDeploymentRequest(join(dir, 'absent.yaml'))).toThrow(/absent\.yaml: cannot read deployment request \(no such file\)/);
  });
});

describe('signed policies (k-of-n owners from the worker, never from the policy)', () => {
  const owners = [generateKeyPair('ed25519'), generateKeyPair('ecdsa-p256'), generateKeyPair('ed25519')];
  const ownerKeys = new Map<string, KeyObject>(owners.slice(0, 2).map((o) => [o.keyId, parsePublicKeyPem(o.publicKeyPem, 'owner')]));
  const model = generateKeyPair('ed25519');
  const policyPath = join(dir, 'policy.yaml');
  writeFileSync(policyPath, stringify(demoPolicy(model.publicKeyPem, model.keyId, 'production')));

  function signedBy(...indices: number[]) {
    let envelope = null;
    for (const i of indices) envelope = signPolicy(policyPath, envelope, parsePrivateKeyPem(owners[i]!.privateKeyPem, 'owner')).envelope;
    const sig = join(dir, `policy-${indices.join('')}.sig.json`);
    writeFileSync(sig, JSON.stringify(envelope));
    return sig;
  }

  test('two of two trusted owners: verified, with its digest', () => {
    const verified = verifySignedPolicy(policyPath, signedBy(0, 1), { threshold: 2, keys: ownerKeys });
    expect(verified.signedBy.sort()).toEqual([owners[0]!.keyId, owners[1]!.keyId].sort());
    expect(verified.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  test('one trusted owner plus a key the worker does not hold is not enough', () => {
    expect(() => verifySignedPolicy(policyPath, signedBy(0, 2), { threshold: 2, keys: ownerKeys })).toThrow(PolicyRefused);
  });

  test('the same owner signing twice counts once', () => {
    expect(() => verifySignedPolicy(policyPath, signedBy(0, 0), { threshold: 2, keys: ownerKeys })).toThrow(/1 valid signature/);
  });

  test('schema errors name the field and what was expected', () => {
    const result = policySchema.safeParse({ ...demoPolicy(model.publicKeyPem, model.keyId, 'p'), requiredGates: ['integrity'] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('policy, integrity, provenance');
    const unknown = policySchema.safeParse({ ...demoPolicy(model.publicKeyPem, model.keyId, 'p'), skipSafety: true });
    expect(unknown.success).toBe(false);
  });

  test('key ids are the sha256 of the public key, whoever computes them', () => {
    expect(keyIdOf(parsePublicKeyPem(model.publicKeyPem, 'k'))).toBe(model.keyId);
  });
});

describe('the Markdown report', () => {
  test('lists every gate with its verdict and reasons, escaping table pipes', () => {
    const markdown = renderMarkdownReport({
      workflowId: 'deploy-m-1-prod',
      model: { name: 'm', version: '1', kind: 'chat' },
      environment: 'prod',
      requestedBy: 'alice',
      outcome: 'blocked',
      stage: 'done',
      blockedBy: 'integrity',
      gates: [
        { gate: 'policy', verdict: 'pass', reasons: ['ok'], metrics: {} },
        { gate: 'integrity', verdict: 'fail', reasons: ['changed file a|b'], metrics: {} },
      ],
      approvals: [],
      approval: null,
      canary: null,
      policyDigest: null,
      artifactRootDigest: null,
      baseline: null,
      reportPath: null,
      reportDigest: null,
      warnings: [],
    });
    expect(markdown).toContain('**blocked** (blocked by integrity)');
    expect(markdown).toContain('| integrity | fail | changed file a\\|b |');
  });
});
