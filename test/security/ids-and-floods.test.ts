/**
 * DESIGN §6, "Ids as paths, approval floods": a workflow id never becomes a path unless it is a plain
 * name, a new run never resumes files it did not write, and a flood of bad-signature approvals (large
 * comments, invented and real approver names) is recorded as short, capped lines, so the run's status
 * stays small and the run still decides normally.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { runOutputDir } from '../../activities/run-dir';
import { startDeployment } from '../../src/cli/deploy';
import type { PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { MAX_REFUSED_ATTEMPTS, MAX_REFUSED_PER_APPROVER } from '../../src/approval/book';
import { approvalSection, makeApprovers, policyWithApproval, signedDecision } from '../helpers/approvals';
import { nextPolicySerial } from '../helpers/policy-serials';
import { createWorkspaceWorld } from '../helpers/workspace-world';
import { World } from '../helpers/world';

let world: World;
let good: PipelineRequest;
let people: ReturnType<typeof makeApprovers>;

beforeAll(async () => {
  ({ world, good, people } = await createWorkspaceWorld());
});

afterAll(async () => {
  await world?.close();
});

describe('Ids as paths, approval floods', () => {
  test('a ../ workflow id is refused before it touches the file system, and the run says why', async () => {
    const escape = join(world.workerConfig.dataDir, '..', 'escaped');
    const handle = await world.client.workflow.start('deploymentPipeline', {
      taskQueue: world.taskQueue,
      workflowId: '../../escaped',
      args: [world.signed({ ...good, model: { ...good.model, version: '6.1.0-escape' } })],
    });
    const failure = await handle.result().then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const messages: string[] = [];
    for (let cause: unknown = failure; cause instanceof Error; cause = cause.cause) messages.push(cause.message);
    expect(messages.join(' <- ')).toContain('the workflow id "../../escaped" is not a plain name (letters, digits, ".", "_", "-"): it never becomes a path');
    expect(existsSync(escape)).toBe(false);
  });

  test('a pre-written responses file in a new run\'s folder is refused, never resumed', async () => {
    const dataDir = join(world.dir, 'prewritten');
    const folder = join(dataDir, 'runs', 'deploy-x-1.0.0-production', 'run-1', 'safety');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'responses.jsonl'), '{"itemId":"a","target":"candidate","answer":{"ok":true,"text":"I refuse."}}\n');
    const first = new MockActivityEnvironment({ attempt: 1 });
    await expect(first.run(async () => runOutputDir(dataDir, 'deploy-x-1.0.0-production', 'run-1', 'safety'))).rejects.toThrow(/already holds files before this run's first attempt/);
    // A retry of the same run resumes what its own first attempt wrote.
    const retry = new MockActivityEnvironment({ attempt: 2 });
    expect(await retry.run(async () => runOutputDir(dataDir, 'deploy-x-1.0.0-production', 'run-1', 'safety'))).toBe(folder);
  });

  test('100 bad-signature approvals with the largest comments and answers leave the status small, and the run still decides', async () => {
    const policyPath = policyWithApproval(
      good.policyPath,
      join(world.dir, 'policy-approval.yaml'),
      approvalSection([people.alice, people.bob, people.carol, people.dave], { minReviewSeconds: 0, remind: 300, escalate: 600, expire: 900 }),
      world.trust.ownerKeyPaths,
      { serial: nextPolicySerial(world.workerConfig.dataDir) },
    );
    const request = world.signed({ ...good, model: { ...good.model, version: '6.0.0-flood' }, policyPath, policySignaturePath: `${policyPath}.sig.json` });
    const handle = await startDeployment(world.client, request, world.taskQueue);
    for (;;) {
      const status = await handle.query<PipelineStatus>('status');
      if (status.stage === 'approval' && status.approval) break;
      expect(status.outcome).toBe('running');
      await new Promise((r) => setTimeout(r, 200));
    }
    const comment = 'x'.repeat(4000); // the largest comment a decision may carry
    const answers = { q: 'y'.repeat(1000) };
    const flood = [];
    for (let i = 0; i < 100; i++) {
      // mallory's key under bob's name, and under 50 invented names.
      const as = i % 2 === 0 ? people.bob : { ...people.mallory, id: `intruder-${i}-${'z'.repeat(200)}` };
      flood.push(handle.signal('decision', await signedDecision(handle, as, 'approve', { keyPath: people.mallory.keyPath, comment, answers })));
    }
    await Promise.all(flood);
    // Updates are handled after the signals that arrived before them: bob and carol then approve.
    for (const approver of [people.bob, people.carol]) await handle.executeUpdate('approve', { args: [await signedDecision(handle, approver, 'approve')] });
    const status = (await handle.result()) as PipelineStatus;
    expect(status.outcome).toBe('deployed');
    const refused = status.approvals.filter((a) => !a.accepted);
    expect(refused.length).toBeLessThanOrEqual(MAX_REFUSED_ATTEMPTS);
    expect(refused.filter((a) => a.approver === 'bob').length).toBeLessThanOrEqual(MAX_REFUSED_PER_APPROVER);
    expect(refused.every((a) => a.code === 'bad_signature' && a.comment === undefined && a.answers === undefined && a.approver.length <= 64)).toBe(true);
    expect(status.approvals.filter((a) => a.accepted).map((a) => a.approver)).toEqual(['bob', 'carol']);
    expect(JSON.stringify(await handle.query<PipelineStatus>('status')).length).toBeLessThan(64 * 1024);
  });
});
