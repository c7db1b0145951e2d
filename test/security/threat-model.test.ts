/**
 * DESIGN §6, row by row, for the rows the foundation owns (the gateway's admission rows are in
 * gateway-admission.test.ts). Each test is named after its row.
 */
import { appendFileSync, cpSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { parse, stringify } from 'yaml';
import { generateKeysCommand, signModelCommand, signPolicyCommand } from '../../src/signing/signing-files';
import { EXAMPLES_DIR, prepareDemoWorkspace, Scenario } from '../../src/demo/scenario';
import { createHash } from 'node:crypto';
import { workflowIdFor, loadDeploymentRequest } from '../../src/request';
import { loadWorkerConfig } from '../../src/worker-config';
import { runCli } from '../helpers/cli';
import { nextPolicySerial } from '../helpers/policy-serials';
import { createWorld, temporalAddress, temporalNamespace, World } from '../helpers/world';

let world: World;
let scenarios: Scenario[];
let goodRequest: string;

/** A copy of the good scenario's request with its model version (and so its workflow id) changed. */
function variantRequest(version: string, edit: (request: Record<string, unknown>) => void = () => undefined): string {
  const request = parse(readFileSync(goodRequest, 'utf8')) as Record<string, unknown> & { model: { version: string } };
  request.model.version = version;
  edit(request);
  const path = join(world.dir, `request-${version}.yaml`);
  writeFileSync(path, stringify(request));
  return path;
}

/** A signed copy of the good model, with `tamper` applied after signing. */
async function tamperedModel(version: string, tamper: (dir: string) => void): Promise<string> {
  const source = loadDeploymentRequest(goodRequest).artifactPath;
  const dir = join(world.dir, `model-${version}`);
  cpSync(source, dir, { recursive: true });
  await signModelCommand(dir, join(world.dir, 'workspace', 'keys', 'ml-release.key'), undefined, 'support-assistant', () => undefined);
  tamper(dir);
  return variantRequest(version, (r) => {
    r.artifact = dir;
    r.signature = `${dir}.sig.json`;
  });
}

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 256 * 1024, safetyScenarios: false });
  goodRequest = scenarios.find((s) => s.expectBlockedBy === null)!.requestPath;
});

afterAll(async () => {
  await world?.close();
});

async function expectNotStarted(requestPath: string) {
  const id = workflowIdFor(loadDeploymentRequest(requestPath));
  await expect(world.client.workflow.getHandle(id).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
}

describe('flag override', () => {
  test('deploy --skip-safety-check exits 2 and starts nothing', async () => {
    const request = variantRequest('9.0.0-flag');
    const result = await runCli(['--address', temporalAddress(), '--namespace', temporalNamespace(), 'deploy', request, '--key', world.trust.requesterKeyPath, '--wait', '--skip-safety-check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--skip-safety-check'");
    await expectNotStarted(request);
  });
});

describe('environment manipulation', () => {
  test('GATEHOUSE_SKIP_SAFETY=1 makes deploy exit 2 and start nothing', async () => {
    const request = variantRequest('9.0.0-env');
    const result = await runCli(['--address', temporalAddress(), '--namespace', temporalNamespace(), 'deploy', request, '--key', world.trust.requesterKeyPath, '--wait'], { env: { GATEHOUSE_SKIP_SAFETY: '1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GATEHOUSE_SKIP_SAFETY');
    await expectNotStarted(request);
  });

  test('GATEHOUSE_SKIP_SAFETY=1 makes the worker refuse to start', async () => {
    const result = await runCli(['--address', temporalAddress(), '--namespace', temporalNamespace(), 'worker'], { env: { GATEHOUSE_SKIP_SAFETY: '1', GATEHOUSE_WORKER_CONFIG: world.trust.workerConfigPath } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown variable GATEHOUSE_SKIP_SAFETY');
  });

  test('a tampered worker configuration (an invented switch) makes the worker refuse to start', async () => {
    const tampered = join(world.dir, 'config', 'worker-tampered.yaml');
    writeFileSync(tampered, readFileSync(world.trust.workerConfigPath, 'utf8') + 'skipSafety: true\n');
    expect(() => loadWorkerConfig(tampered)).toThrow(/skipSafety/);
    const result = await runCli(['--address', temporalAddress(), '--namespace', temporalNamespace(), 'worker'], { env: { GATEHOUSE_WORKER_CONFIG: tampered } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('skipSafety');
  });
});

describe('threshold manipulation', () => {
  function policyCopy(name: string): string {
    const source = loadDeploymentRequest(goodRequest).policyPath;
    const path = join(world.dir, `${name}.yaml`);
    cpSync(source, path);
    cpSync(`${source}.sig.json`, `${path}.sig.json`);
    return path;
  }

  test('an edited limit without the owners’ signatures fails the run before any gate', async () => {
    const policy = policyCopy('policy-edited');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('heartbeatTimeoutSeconds: 30', 'heartbeatTimeoutSeconds: 3600'));
    const status = await world.deploy(variantRequest('9.1.0', (r) => (r.policy = policy)));
    expect(status.blockedBy).toBe('policy');
    expect(status.gates.map((g) => g.gate)).toEqual(['policy']);
  });

  test('a policy re-signed by keys the worker does not hold fails the run before any gate', async () => {
    const policy = policyCopy('policy-foreign');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('heartbeatTimeoutSeconds: 30', 'heartbeatTimeoutSeconds: 3600'));
    rmSync(`${policy}.sig.json`);
    for (const name of ['mallory-1', 'mallory-2']) {
      const key = generateKeysCommand(name, join(world.dir, 'foreign-keys'), 'ed25519');
      signPolicyCommand(policy, key.privateKeyPath);
    }
    const status = await world.deploy(variantRequest('9.1.1', (r) => (r.policy = policy)));
    expect(status.blockedBy).toBe('policy');
    expect(status.gates.map((g) => g.gate)).toEqual(['policy']);
    expect(status.gates[0]!.reasons[0]).toMatch(/0 valid signature\(s\) by policy owners this worker trusts; 2 are required/);
  });

  test('a policy signed by only one of the two required owners fails the run before any gate', async () => {
    const policy = policyCopy('policy-one-owner');
    rmSync(`${policy}.sig.json`);
    signPolicyCommand(policy, world.trust.ownerKeyPaths[0]!);
    const status = await world.deploy(variantRequest('9.1.2', (r) => (r.policy = policy)));
    expect(status.blockedBy).toBe('policy');
    expect(status.gates[0]!.reasons[0]).toContain('1 valid signature(s)');
  });
});

describe('tampered artifact / provenance', () => {
  test('an extra file blocks the run, and the file is named', async () => {
    const status = await world.deploy(await tamperedModel('9.2.0', (dir) => writeFileSync(join(dir, 'backdoor.py'), 'print(1)\n')));
    expect(status.blockedBy).toBe('integrity');
    expect(status.gates.at(-1)!.reasons.join(' ')).toContain('backdoor.py');
  });

  test('a missing file blocks the run, and the file is named', async () => {
    const status = await world.deploy(await tamperedModel('9.2.1', (dir) => unlinkSync(join(dir, 'config.json'))));
    expect(status.blockedBy).toBe('integrity');
    expect(status.gates.at(-1)!.reasons.join(' ')).toContain('config.json');
  });

  test('a changed file blocks the run, and the file is named', async () => {
    const status = await world.deploy(await tamperedModel('9.2.2', (dir) => appendFileSync(join(dir, 'weights.bin'), Buffer.from([1]))));
    expect(status.blockedBy).toBe('integrity');
    expect(status.gates.at(-1)!.reasons.join(' ')).toContain('weights.bin');
  });

  test('an untrusted key blocks the run at provenance', async () => {
    const untrusted = scenarios.find((s) => s.expectBlockedBy === 'provenance')!;
    const status = await world.deploy(untrusted.requestPath);
    expect(status.blockedBy).toBe('provenance');
    expect(status.outcome).toBe('blocked');
  });

  test('a revoked key blocks the run at provenance, even though the policy lists it as trusted', async () => {
    const source = loadDeploymentRequest(goodRequest).policyPath;
    const policy = join(world.dir, 'policy-revoked.yaml');
    const document = parse(readFileSync(source, 'utf8')) as { serial: number; revokedModelKeyIds: string[] };
    const releasePub = readFileSync(join(world.dir, 'workspace', 'keys', 'ml-release.pub'), 'utf8');
    const { keyIdOf, parsePublicKeyPem } = await import('../../src/signing/keys');
    document.revokedModelKeyIds = [keyIdOf(parsePublicKeyPem(releasePub, 'ml-release.pub'))];
    // Another policy under the name the worker has seen: a higher serial (helpers/policy-serials.ts).
    document.serial = nextPolicySerial(world.workerConfig.dataDir);
    writeFileSync(policy, stringify(document));
    for (const owner of world.trust.ownerKeyPaths) signPolicyCommand(policy, owner);
    const status = await world.deploy(variantRequest('9.2.3', (r) => (r.policy = policy)));
    expect(status.blockedBy).toBe('provenance');
    expect(status.gates.at(-1)!.reasons.join(' ')).toContain('revoked');
  });
});

// After the tampered-artifact cases, which deploy under the workspace's own policy: the worker takes no
// older serial once it has seen these variants' higher ones.
describe('evaluation data poisoning', () => {
  /** A policy like the workspace's, signed by both owners, whose safety suite is `datasetPath` pinned at `sha256`. */
  function policyWithDataset(name: string, datasetPath: string, sha256: string): string {
    const source = loadDeploymentRequest(goodRequest).policyPath;
    const document = parse(readFileSync(source, 'utf8')) as { serial: number; gates: { safety: { dataset: { path: string; sha256: string } } } };
    document.gates.safety.dataset.path = datasetPath;
    document.gates.safety.dataset.sha256 = sha256;
    // Another policy under the name the worker has seen: a higher serial (helpers/policy-serials.ts).
    document.serial = nextPolicySerial(world.workerConfig.dataDir);
    const path = join(world.dir, `${name}.yaml`);
    writeFileSync(path, stringify(document));
    for (const owner of world.trust.ownerKeyPaths) signPolicyCommand(path, owner);
    return path;
  }
  const suite = () => readFileSync(join(EXAMPLES_DIR, 'datasets', 'safety.jsonl'), 'utf8');
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  test('a dataset with prompts removed is refused, even when the policy pins its new digest', async () => {
    let kept = 0;
    const thinned = suite()
      .split('\n')
      .filter((line) => !line.includes('"pii_leakage"') || kept++ < 10)
      .join('\n');
    const datasetPath = join(world.dir, 'safety-thinned.jsonl');
    writeFileSync(datasetPath, thinned);
    const policy = policyWithDataset('policy-thinned', datasetPath, sha256(thinned));
    const status = await world.deploy(variantRequest('9.3.0', (r) => (r.policy = policy)));
    expect(status.blockedBy).toBe('safety');
    expect(status.gates.at(-1)!.reasons.join(' ')).toMatch(/incomplete.*pii_leakage/);
  });

  test('a dataset changed after the policy pinned it is refused', async () => {
    const datasetPath = join(world.dir, 'safety-edited.jsonl');
    const original = suite();
    writeFileSync(datasetPath, original);
    const policy = policyWithDataset('policy-pinned', datasetPath, sha256(original));
    writeFileSync(datasetPath, original.split('\n').slice(5).join('\n'));
    const status = await world.deploy(variantRequest('9.3.1', (r) => (r.policy = policy)));
    expect(status.blockedBy).toBe('safety');
    expect(status.gates.at(-1)!.reasons[0]).toMatch(/pins .*the suite was changed/);
  });
});
