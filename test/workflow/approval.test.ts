/**
 * The approval stage on the real server: signed, role-checked decisions as updates and as a signal,
 * dual approval in production, every refusal recorded, reminders, escalation and expiry by the
 * policy's clock (seconds here), and never an automatic approval.
 */
import { join } from 'node:path';
import { WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { startDeployment } from '../../src/cli/deploy';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import type { ApprovalReceipt, ApprovalSubmission, PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { loadDeploymentRequest } from '../../src/request';
import { approvalSection, makeApprovers, policyWithApproval, signedDecision, TestApprover } from '../helpers/approvals';
import { createWorld, World } from '../helpers/world';
import { writeFlowPolicy } from '../helpers/flow-policy';
import { nextPolicySerial } from '../helpers/policy-serials';

let world: World;
let base: PipelineRequest;
let people: ReturnType<typeof makeApprovers>;
let versions = 0;
/** The demo's policy with a flow safety section (helpers/flow-policy.ts): this suite is about approvals. */
let flowPolicyPath: string;

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 64 * 1024, safetyScenarios: false });
  base = loadDeploymentRequest(scenarios.find((s) => s.expectBlockedBy === null)!.requestPath);
  flowPolicyPath = writeFlowPolicy(base.policyPath, join(world.dir, 'policy-flow.yaml'), world.trust.ownerKeyPaths);
  people = makeApprovers(world.dir);
});

afterAll(async () => {
  await world?.close();
});

/** Starts a run of the good model under a policy with this approval timing, and waits for the approval stage. */
async function runAwaitingApproval(timing: Parameters<typeof approvalSection>[1]): Promise<WorkflowHandle> {
  versions += 1;
  const approvers = [people.alice, people.bob, people.carol, people.dave];
  // Each run's policy is another variant for this worker: the next serial (helpers/policy-serials.ts).
  const policyPath = policyWithApproval(flowPolicyPath, join(world.dir, `policy-approval-${versions}.yaml`), approvalSection(approvers, timing), world.trust.ownerKeyPaths, {
    serial: nextPolicySerial(world.workerConfig.dataDir),
  });
  const request: PipelineRequest = { ...base, model: { ...base.model, version: `3.0.${versions}` }, policyPath, policySignaturePath: `${policyPath}.sig.json` };
  const handle = await startDeployment(world.client, world.signed(request), world.taskQueue);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await handle.query<PipelineStatus>('status');
    if (status.stage === 'approval' && status.approval) return handle;
    if (status.outcome !== 'running' || Date.now() > deadline) throw new Error(`run did not reach approval: ${JSON.stringify(status.gates)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function approve(handle: WorkflowHandle, who: TestApprover, overrides: Parameters<typeof signedDecision>[3] = {}, kind: 'approve' | 'reject' = 'approve'): Promise<ApprovalReceipt> {
  return handle.executeUpdate<ApprovalReceipt, [ApprovalSubmission]>(kind, { args: [await signedDecision(handle, who, kind, overrides)] });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((error as WorkflowUpdateFailedError).cause as Error).message;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the run's status until its approval reaches `stage` (the policy's timers fire in the workflow; a loaded worker may act on them late). */
async function approvalStage(handle: WorkflowHandle, stage: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = await handle.query<PipelineStatus>('status');
    if (status.approval?.state.stage === stage) return;
    if (status.outcome !== 'running' || Date.now() > deadline) throw new Error(`the approval never reached ${stage}: ${JSON.stringify(status.approval?.state)}`);
    await pause(100);
  }
}

test('production needs two distinct approvers, one from safety; every refused attempt is recorded', async () => {
  const handle = await runAwaitingApproval({ minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300 });
  const before = await handle.query<PipelineStatus>('status');
  expect(before.approval!.state.tier).toMatch(/high|critical/);

  expect(await refusal(approve(handle, people.alice))).toMatch(/requester/i);
  expect(await refusal(approve(handle, people.mallory))).toMatch(/no key for approver mallory in the policy/);
  expect(await refusal(approve(handle, people.bob, { keyPath: people.mallory.keyPath }))).toMatch(/not signed by/);
  expect(await refusal(approve(handle, people.carol, { reportDigest: 'f'.repeat(64) }))).toMatch(/report/i);

  const first = await approve(handle, people.bob);
  expect(first).toMatchObject({ accepted: true, status: 'pending' });
  expect(await refusal(approve(handle, people.bob))).toMatch(/already/i);
  const second = await approve(handle, people.carol);
  expect(second).toMatchObject({ accepted: true, status: 'approved' });

  const status = (await handle.result()) as PipelineStatus;
  expect(status.outcome).toBe('deployed');
  expect(status.gates.find((g) => g.gate === 'approval')).toMatchObject({ verdict: 'pass' });
  expect(status.approvals.filter((a) => !a.accepted)).toHaveLength(5);
  expect(status.approvals.filter((a) => a.accepted).map((a) => a.approver)).toEqual(['bob', 'carol']);
});

// The minimum review time is checked here, where it can never have passed (300 s), rather than with a
// 1 s minimum that a loaded machine could let pass before the first approval arrived. It holds for
// approvals only: a rejection may come at once.
test('an approval before the minimum review time is refused; a rejection ends the run as rejected, and nothing is deployed', async () => {
  const handle = await runAwaitingApproval({ minReviewSeconds: 300, remind: 600, escalate: 1200, expire: 3000 });
  expect(await refusal(approve(handle, people.bob))).toMatch(/review too fast: \d+s since the report was published, the policy requires at least 300s/);
  await approve(handle, people.carol, { comment: 'safety report needs another look' }, 'reject');
  const status = (await handle.result()) as PipelineStatus;
  expect(status.outcome).toBe('rejected');
  expect(status.blockedBy).toBe('approval');
  expect(status.approvals.map((a) => [a.approver, a.accepted])).toEqual([
    ['bob', false],
    ['carol', true],
  ]);
});

test('without decisions the request is reminded, escalated, then expires: never auto-approved', async () => {
  const handle = await runAwaitingApproval({ minReviewSeconds: 0, remind: 1, escalate: 2, expire: 4 });
  const status = (await handle.result()) as PipelineStatus;
  expect(status.outcome).toBe('expired');
  expect(status.approval!.state.stage).toBe('escalated');
  expect(status.gates.find((g) => g.gate === 'approval')!.reasons[0]).toMatch(/never auto-approved/);
});

test('after escalation, the escalation role may approve (and safety is still required)', async () => {
  const handle = await runAwaitingApproval({ minReviewSeconds: 0, remind: 1, escalate: 3, expire: 60 });
  expect(await refusal(approve(handle, people.dave))).toMatch(/role/i);
  await approvalStage(handle, 'escalated');
  expect((await approve(handle, people.dave)).accepted).toBe(true);
  expect((await approve(handle, people.carol)).status).toBe('approved');
  expect(((await handle.result()) as PipelineStatus).outcome).toBe('deployed');
});

test('the same signed decision sent as a signal is checked the same way, and its outcome is in the status', async () => {
  const handle = await runAwaitingApproval({ minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300 });
  await handle.signal('decision', await signedDecision(handle, people.alice, 'approve'));
  await handle.signal('decision', await signedDecision(handle, people.bob, 'approve'));
  await handle.signal('decision', await signedDecision(handle, people.carol, 'approve'));
  const status = (await handle.result()) as PipelineStatus;
  expect(status.outcome).toBe('deployed');
  expect(status.approvals.map((a) => [a.approver, a.accepted])).toEqual([
    ['alice', false],
    ['bob', true],
    ['carol', true],
  ]);
});

test('randomized detailed review: a wrong answer to a question about the report refuses the approval', async () => {
  const handle = await runAwaitingApproval({ minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300, questionRate: 1 });
  const { approval, gates } = await handle.query<PipelineStatus>('status');
  expect(approval!.questions.map((q) => q.id)).toContain('lowest-safety-category');
  const right = String(gates.find((g) => g.gate === 'safety')!.metrics['lowest.category']);
  expect(await refusal(approve(handle, people.bob, { answers: { 'lowest-safety-category': 'none of them' } }))).toMatch(/answer/i);
  await approve(handle, people.bob, { answers: { 'lowest-safety-category': right } });
  await approve(handle, people.carol, { answers: { 'lowest-safety-category': right } });
  expect(((await handle.result()) as PipelineStatus).outcome).toBe('deployed');
});
