/**
 * DESIGN §6, "Policy shopping": the worker, not the request, decides which policy governs an
 * environment (worker configuration `policies`), and it never goes back to an older `serial` of a
 * policy once it has seen a newer one, nor to other content under a serial it has seen. Each is refused
 * at the policy gate, before any other gate.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { signPolicyCommand } from '../../src/signing/signing-files';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import { deployAndWait } from '../../src/cli/deploy';
import { loadDeploymentRequest } from '../../src/request';
import type { PipelineRequest } from '../../src/pipeline-types';
import { createWorld, World } from '../helpers/world';

let world: World;
let good: PipelineRequest;

/** The good request at `version`, under a copy of its policy with `edit` applied and signed by both owners. */
function underPolicy(version: string, file: string, edit: (policy: Record<string, unknown>) => void): PipelineRequest {
  const document = parse(readFileSync(good.policyPath, 'utf8')) as Record<string, unknown>;
  edit(document);
  const policyPath = join(world.dir, file);
  writeFileSync(policyPath, stringify(document));
  for (const owner of world.trust.ownerKeyPaths) signPolicyCommand(policyPath, owner);
  return { ...good, model: { ...good.model, version }, policyPath, policySignaturePath: `${policyPath}.sig.json` };
}

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 4096, safetyScenarios: false });
  good = loadDeploymentRequest(scenarios.find((s) => s.expectBlockedBy === null)!.requestPath);
});

afterAll(async () => {
  await world?.close();
});

describe('Policy shopping', () => {
  test('another signed policy than the one the worker binds to the environment is refused at the policy gate', async () => {
    const request = underPolicy('8.0.0-other-policy', 'policy-other.yaml', (p) => {
      p.name = 'production-lenient';
    });
    const status = await deployAndWait(world.client, world.signed(request), world.taskQueue);
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('policy');
    expect(status.gates.map((g) => g.gate)).toEqual(['policy']);
    expect(status.gates[0]!.reasons[0]).toBe('the request names policy production-lenient, but environment "production" is governed by policy production-demo (worker configuration `policies`)');
  });

  test('an older serial of the governing policy is refused at the policy gate once a newer one was seen', async () => {
    const newer = underPolicy('8.1.0-serial-2', 'policy-serial-2.yaml', (p) => {
      p.serial = 2;
    });
    expect((await deployAndWait(world.client, world.signed(newer), world.taskQueue)).outcome).toBe('deployed');
    // The demo's own policy is serial 1: signed by the same owners, and valid, but superseded.
    const older = { ...good, model: { ...good.model, version: '8.2.0-serial-1' } };
    const status = await deployAndWait(world.client, world.signed(older), world.taskQueue);
    expect(status.outcome).toBe('blocked');
    expect(status.gates.map((g) => g.gate)).toEqual(['policy']);
    expect(status.gates[0]!.reasons[0]).toBe('policy production-demo serial 1 is older than serial 2, which this worker has already seen: a superseded policy is never used again');
  });

  test('a changed policy under a serial already seen is refused at the policy gate: a serial names one content', async () => {
    // Serial 2 was seen in the test before (run in order); the same serial with another attestation lifetime is another policy.
    const changed = underPolicy('8.3.0-serial-2-changed', 'policy-serial-2-changed.yaml', (p) => {
      p.serial = 2;
      p.attestation = { ttlSeconds: 600 };
    });
    const status = await deployAndWait(world.client, world.signed(changed), world.taskQueue);
    expect(status.outcome).toBe('blocked');
    expect(status.gates.map((g) => g.gate)).toEqual(['policy']);
    expect(status.gates[0]!.reasons[0]).toMatch(/^policy production-demo serial 2 has sha256 [0-9a-f]{12}…, but this worker has already seen serial 2 with sha256 [0-9a-f]{12}…: a changed policy needs a higher serial$/);
  });

  test('a serial record the worker cannot read blocks the run at the policy gate, naming the file (fail closed, not retried)', async () => {
    // Last: it spoils the record. A worker that cannot check a policy's history takes no policy under that name.
    const records = join(world.workerConfig.dataDir, 'policy-serials');
    const record = readdirSync(records).find((f) => /^[0-9a-f]{64}\.json$/.test(f))!;
    writeFileSync(join(records, record), '{"name": "production-demo", "serial": "two"}');
    const next = underPolicy('8.4.0-serial-3', 'policy-serial-3.yaml', (p) => {
      p.serial = 3;
    });
    const status = await deployAndWait(world.client, world.signed(next), world.taskQueue);
    expect(status.outcome).toBe('blocked');
    expect(status.gates.map((g) => g.gate)).toEqual(['policy']);
    expect(status.gates[0]!.reasons[0]).toContain(`this worker's record of the policy serials it has seen cannot be read, so it cannot tell an older or changed policy from this one: ${join(records, record)}: not a policy serial record`);
  });
});
