/**
 * DESIGN §6, "False requester / change type": a request is signed by its requester with a key the
 * policy lists, and `requestedBy` is that key's owner. Each way around it is refused at the policy
 * gate, before any other gate runs.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signModelCommand } from '../../src/signing/signing-files';
import { deployAndWait } from '../../src/cli/deploy';
import type { PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { approvalSection, makeApprovers, policyWithApproval } from '../helpers/approvals';
import { createWorkspaceWorld } from '../helpers/workspace-world';
import { World } from '../helpers/world';

let world: World;
let good: PipelineRequest;
let people: ReturnType<typeof makeApprovers>;

const version = (request: PipelineRequest, v: string): PipelineRequest => ({ ...request, model: { ...request.model, version: v } });

function expectRefusedAtPolicyGate(status: PipelineStatus, reason: string): void {
  expect(status.outcome).toBe('blocked');
  expect(status.gates.map((g) => `${g.gate}: ${g.verdict}`)).toEqual(['policy: fail']);
  expect(status.gates[0]!.reasons[0]).toBe(reason);
}

beforeAll(async () => {
  ({ world, good, people } = await createWorkspaceWorld());
});

afterAll(async () => {
  await world?.close();
});

describe('False requester / change type', () => {
  test('an unsigned request is refused at the policy gate', async () => {
    const status = await deployAndWait(world.client, version(good, '7.0.0-unsigned'), world.taskQueue);
    expectRefusedAtPolicyGate(status, 'the deployment request is not signed: a request must be signed by its requester (`gatehouse deploy REQ --key K`)');
  });

  test('a request signed by a key the policy does not list is refused at the policy gate', async () => {
    const status = await deployAndWait(world.client, world.signed(version(good, '7.0.1-stranger'), people.mallory.keyPath), world.taskQueue);
    expectRefusedAtPolicyGate(status, 'the request is not signed by a key policy production-demo lists for a requester or approver');
  });

  test('a requestedBy that is not the signer is refused at the policy gate', async () => {
    const request = world.signed({ ...version(good, '7.0.2-named-other'), requestedBy: 'carol' });
    const status = await deployAndWait(world.client, request, world.taskQueue);
    expectRefusedAtPolicyGate(status, 'requestedBy says carol, but the request is signed by alice: the requester is whoever signed');
  });

  test('a request changed after it was signed is refused at the policy gate', async () => {
    const signed = world.signed(version(good, '7.0.3-edited'));
    const status = await deployAndWait(world.client, { ...signed, change: { type: 'prompt', summary: 'just a prompt tweak' } }, world.taskQueue);
    expectRefusedAtPolicyGate(status, 'the request signature covers another request: the request was changed after it was signed');
  });

  test('a self-approval hidden behind a false requester is refused: alice, an approver, cannot name bob as the requester', async () => {
    const policyPath = policyWithApproval(
      good.policyPath,
      join(world.dir, 'policy-approval.yaml'),
      approvalSection([people.alice, people.bob, people.carol, people.dave], { minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300 }),
      world.trust.ownerKeyPaths,
    );
    // alice signs with her approver key, claiming bob asked, so that she could approve it herself.
    const request = world.signed({ ...version(good, '7.0.4-self-approval'), requestedBy: 'bob', policyPath, policySignaturePath: `${policyPath}.sig.json` }, people.alice.keyPath);
    const status = await deployAndWait(world.client, request, world.taskQueue);
    expectRefusedAtPolicyGate(status, 'requestedBy says bob, but the request is signed by alice: the requester is whoever signed');
    expect(status.approvals).toEqual([]);
  });
});

describe('False requester / change type: what changed, and under which name', () => {
  test('a prompt change type on changed weights is refused, naming the weights that changed', async () => {
    // The good model becomes stable; the candidate is a copy with new weights, signed by the release key.
    expect((await deployAndWait(world.client, world.signed(version(good, '7.1.0')), world.taskQueue)).outcome).toBe('deployed');
    const artifact = join(world.dir, 'retrained');
    cpSync(good.artifactPath, artifact, { recursive: true });
    writeFileSync(join(artifact, 'weights.bin'), Buffer.alloc(4096, 7));
    await signModelCommand(artifact, join(world.dir, 'workspace', 'keys', 'ml-release.key'), undefined, good.model.name, () => undefined);
    const candidate = { ...version(good, '7.1.1-prompt'), artifactPath: artifact, signaturePath: `${artifact}.sig.json`, change: { type: 'prompt' as const, summary: 'only the system prompt' } };
    const status = await deployAndWait(world.client, world.signed(candidate), world.taskQueue);
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('provenance');
    const refused = status.gates.find((g) => g.verdict === 'fail')!;
    expect(refused.reasons[0]).toMatch(/^the request calls this a prompt change, but weights files changed against the baseline \(.*weights\.bin.*\): a change is at least what its files say$/);
  });

  test('a signed artifact deployed under another model name is refused at provenance', async () => {
    const status = await deployAndWait(world.client, world.signed({ ...version(good, '7.2.0'), model: { ...good.model, name: 'billing-assistant', version: '7.2.0' } }), world.taskQueue);
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('provenance');
    expect(status.gates.find((g) => g.gate === 'provenance')!.reasons).toContain('the artifact is signed as model support-assistant, but the request deploys it as billing-assistant');
  });
});
