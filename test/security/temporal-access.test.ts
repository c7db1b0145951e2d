/**
 * DESIGN §6, "Temporal access as authority": someone who can start workflows and complete activities
 * (but holds no key) moves no traffic. The pipeline key signs only what the workers' own evidence
 * shows: a directly started canary, a gate result that no worker measured, and an approval whose
 * signature no worker verified each leave the gateway's routes unchanged, and the run says why.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { WorkflowFailedError } from '@temporalio/client';
import { createActivities } from '../../activities';
import { startDeployment } from '../../src/cli/deploy';
import type { PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { evalTaskQueueFor } from '../../src/temporal/task-queues';
import { approvalSection, makeApprovers, policyWithApproval, signedDecision } from '../helpers/approvals';
import { nextPolicySerial } from '../helpers/policy-serials';
import { fetchGatewayAdmin } from '../../src/serving/admin-client';
import { createWorkspaceWorld } from '../helpers/workspace-world';
import { silentLogger, temporalAddress, temporalNamespace, World } from '../helpers/world';

let world: World;
let good: PipelineRequest;
let people: ReturnType<typeof makeApprovers>;
const stops: Array<() => Promise<void>> = [];

type Activities = ReturnType<typeof createActivities>;

/** A worker on its own task queues whose activities are the real ones with `replace` swapped in: what a forged completion looks like to the workflow. */
async function workerWith(replace: (real: Activities) => Partial<Activities>): Promise<string> {
  const taskQueue = `forged-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address: temporalAddress() });
  const real = createActivities({ config: world.workerConfig, logger: silentLogger });
  const activities = { ...real, ...replace(real) };
  const workflowBundle = { codePath: process.env.TEST_WORKFLOW_BUNDLE! };
  const workers = [
    await Worker.create({ connection, namespace: temporalNamespace(), taskQueue, workflowBundle, activities }),
    await Worker.create({ connection, namespace: temporalNamespace(), taskQueue: evalTaskQueueFor(taskQueue), activities }),
  ];
  const running = workers.map((w) => w.run());
  stops.push(async () => {
    workers.forEach((w) => w.shutdown());
    await Promise.all(running).catch(() => undefined);
    await connection.close();
  });
  return taskQueue;
}

async function routes(): Promise<unknown> {
  const response = await fetchGatewayAdmin(world.workerConfig, '/admin/v1/routes');
  expect(response.status).toBe(200);
  return ((await response.json()) as { routes: unknown }).routes;
}

/** The failure a run ended with, with every cause's message: what the run says. */
async function failureOf(result: Promise<unknown>): Promise<string> {
  const err = await result.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const messages: string[] = [];
  for (let cause: unknown = err; cause instanceof Error; cause = (cause as Error).cause) messages.push(cause.message);
  return messages.join(' <- ');
}

beforeAll(async () => {
  let goodRequestPath: string;
  ({ world, good, goodRequestPath, people } = await createWorkspaceWorld());
  // The first version becomes stable through the honest pipeline: the baseline every attack aims at.
  const first = await world.deploy(goodRequestPath);
  expect(first.outcome).toBe('deployed');
});

afterAll(async () => {
  for (const stop of stops) await stop();
  await world?.close();
});

describe('Temporal access as authority', () => {
  test('a directly started canaryRollout with forged gates changes no route, and the run says why', async () => {
    const before = await routes();
    const stable = (before as Array<{ slot: string; backendUrl: string; rootDigest: string; version: string }>).find((r) => r.slot === 'stable')!;
    const handle = await world.client.workflow.start('canaryRollout', {
      taskQueue: world.taskQueue,
      workflowId: `deploy-${good.model.name}-9.9.9-production-canary`,
      args: [
        {
          route: {
            workflowId: `deploy-${good.model.name}-9.9.9-production`,
            runId: randomUUID(),
            model: { name: good.model.name, version: '9.9.9', kind: 'chat' },
            kind: 'chat',
            environment: 'production',
            backendUrl: stable.backendUrl,
            artifactRootDigest: stable.rootDigest,
            policyDigest: 'a'.repeat(64),
            gates: ['policy', 'integrity', 'provenance', 'safety', 'approval'].map((gate) => ({ gate, verdict: 'pass' })),
            approvers: ['bob', 'carol'],
            ttlSeconds: 900,
          },
          plan: { steps: [{ weight: 100, bakeSeconds: 1 }], analysisIntervalSeconds: 1, minSamplesPerInterval: 1, metrics: [{ name: 'error_rate', direction: 'increase_is_bad', tolerance: 1, weight: 1, critical: false }], scoreThresholds: { marginal: 10, pass: 20 }, failureLimit: 5, consecutiveErrorLimit: 5, alpha: 0.05 },
          operators: approvalSection([people.bob, people.dave], { minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300 }),
        },
      ],
    });
    expect(await failureOf(handle.result())).toMatch(/canaryRollout runs only as the canary child of a deploymentPipeline run; nothing was routed/);
    expect(await routes()).toEqual(before);
  });

  test('a gate result no worker measured (a forged pass completed in its place) is never signed: routes unchanged, the run names the gate', async () => {
    const before = await routes();
    // The safety activity "completes" with a pass without evaluating anything, as a completion by id would.
    const taskQueue = await workerWith(() => ({
      runSafetyGate: async () => ({ result: { gate: 'safety' as const, verdict: 'pass' as const, reasons: ['forged'], metrics: {} } }),
    }));
    const request = { ...good, model: { ...good.model, version: '9.1.0-forged-gate' } };
    const handle = await startDeployment(world.client, world.signed(request), taskQueue);
    const why = await failureOf(handle.result());
    expect(why).toMatch(/no evidence for stable weight 100 of run deploy-support-assistant-9\.1\.0-forged-gate-production: the safety gate has no stored result/);
    expect(await routes()).toEqual(before);
  });

  test('an approval whose signature no worker verified (a forged verification result) is never signed: routes unchanged, the run says why', async () => {
    const before = await routes();
    const policyPath = policyWithApproval(
      good.policyPath,
      join(world.dir, 'policy-approval.yaml'),
      approvalSection([people.alice, people.bob, people.carol, people.dave], { minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300 }),
      world.trust.ownerKeyPaths,
      { serial: nextPolicySerial(world.workerConfig.dataDir) },
    );
    // The signature check "completes" as verified whatever the envelope holds.
    const taskQueue = await workerWith((real) => ({
      verifyApprovalSubmission: async (input) => {
        const decoded = await real.verifyApprovalSubmission(input);
        return { decision: decoded.decision, verified: true as const };
      },
    }));
    const request = { ...good, model: { ...good.model, version: '9.2.0-forged-approval' }, policyPath, policySignaturePath: `${policyPath}.sig.json` };
    const handle = await startDeployment(world.client, world.signed(request), taskQueue);
    const waitForApproval = async () => {
      for (;;) {
        const status = await handle.query<PipelineStatus>('status');
        if (status.stage === 'approval' && status.approval) return;
        if (status.outcome !== 'running') throw new Error(`the run ended before approval: ${status.outcome} ${status.gates.map((g) => g.reasons[0]).join('; ')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await waitForApproval();
    // mallory signs in bob's and carol's names with her own key.
    for (const approver of [people.bob, people.carol]) {
      await handle.executeUpdate('approve', { args: [await signedDecision(handle, approver, 'approve', { keyPath: people.mallory.keyPath })] });
    }
    const why = await failureOf(handle.result());
    expect(why).toMatch(/the stored, signature-checked approvals of report [0-9a-f]{12}… are 0 \(none\)/);
    expect(await routes()).toEqual(before);
  });
});
