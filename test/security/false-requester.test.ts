/**
 * DESIGN §6, "False requester / change type": a request is signed by its requester with a key the
 * policy lists, and `requestedBy` is that key's owner. Each way around it is refused at the policy
 * gate, before any other gate runs.
 */
import { join } from 'node:path';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import { deployAndWait } from '../../src/cli/deploy';
import { loadDeploymentRequest } from '../../src/request';
import type { PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { approvalSection, makeApprovers, policyWithApproval } from '../helpers/approvals';
import { createWorld, World } from '../helpers/world';

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
  world = await createWorld();
  await world.startWorker();
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 4096, safetyScenarios: false });
  good = loadDeploymentRequest(scenarios.find((s) => s.expectBlockedBy === null)!.requestPath);
  people = makeApprovers(world.dir);
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
