/**
 * The pipeline as a saga, on the real server with real traffic: a run that ends without deploying
 * undoes what it changed (the candidate is unloaded from the model host, a completed canary's share
 * goes back to 0) and still writes its report; a deployed candidate stays loaded. (A canary rolled
 * back by its judge unloads its candidate too: test/workflow/canary.test.ts checks it on its own
 * latency rollback, rather than a second pipeline walk here.)
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { evidenceStore } from '../../activities/context';
import { RECORD } from '../../src/evidence/records';
import { WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities, evaluationActivityNames, type Activities } from '../../activities';
import { startDeployment } from '../../src/cli/deploy';
import { startTraffic } from '../../src/demo/traffic';
import { loadedDeployments } from '../../src/demo/stranded-candidates';
import type { PipelineStatus } from '../../src/pipeline-types';
import { evalTaskQueueFor } from '../../src/temporal/task-queues';
import { signedDecision } from '../helpers/approvals';
import { CANARY_MODEL, CANARY_TEST_TRAFFIC, CanaryWorld, setUpCanaryWorld } from '../helpers/canary';
import { silentLogger, temporalAddress, temporalNamespace } from '../helpers/world';

let cw: CanaryWorld;
let traffic: ReturnType<typeof startTraffic> | null = null;

/** Whether the model host still holds the deployment of this artifact (one deployment per root digest). */
const isLoaded = (rootDigest: string | null) => loadedDeployments(cw.world.dir).some((d) => d.rootDigest === rootDigest);

beforeAll(async () => {
  cw = await setUpCanaryWorld();
  // Users' traffic while the canary runs and is undone; the canary suites' light rate: the intervals are
  // judged by a stand-in here, so more requests would only load the machine the other suites share.
  traffic = startTraffic({ gatewayUrl: cw.world.gatewayUrl, model: CANARY_MODEL, ...CANARY_TEST_TRAFFIC });
});

afterAll(async () => {
  await traffic?.stop();
  await cw?.world.close();
});

test('a deployed first version stays loaded on the model host', () => {
  expect(cw.firstDeployment.outcome).toBe('deployed');
  expect(isLoaded(cw.firstDeployment.artifactRootDigest)).toBe(true);
});

test('an activity that fails unexpectedly after a completed canary: the canary share returns to 0, the candidate is unloaded, and a report is written', async () => {
  // The real activities, but promotion fails for good: the run ends without a verdict. Every canary
  // interval passes here (the canary's own judgement is test/workflow/canary.test.ts's subject), so the
  // run reaches promotion with the canary's traffic share in place, whatever the machine's load.
  const taskQueue = `test-${randomUUID()}-pipeline`;
  const passingInterval: Awaited<ReturnType<Activities['judgeCanaryInterval']>> = {
    score: 100,
    criticalFailure: false,
    collectionError: false,
    metrics: [],
    reasons: ['score 100'],
    requests: { stable: 1, canary: 1 },
  };
  const deps = { config: cw.world.workerConfig, logger: silentLogger };
  const activities = {
    ...createActivities(deps),
    // A passing interval, recorded as the workers' evidence the way the real judge records it (the
    // canary's weights and promotion are signed only on that evidence).
    judgeCanaryInterval: async (input: Parameters<Activities['judgeCanaryInterval']>[0]) => {
      const canaryWorkflowId = Context.current().info.workflowExecution?.workflowId ?? '';
      evidenceStore(deps).put(input.pipeline, RECORD.interval(input.interval), { interval: input.interval, score: 100, criticalFailure: false, collectionError: false, canaryWorkflowId });
      return passingInterval;
    },
    promote: async () => {
      throw ApplicationFailure.nonRetryable('the gateway is gone (injected)', 'InjectedFailure');
    },
  };
  const connection = await NativeConnection.connect({ address: temporalAddress() });
  const workflowBundle = { codePath: process.env.TEST_WORKFLOW_BUNDLE! };
  const pipelineWorker = await Worker.create({ connection, namespace: temporalNamespace(), taskQueue, workflowBundle, activities });
  const evaluation = Object.fromEntries(Object.entries(activities).filter(([name]) => evaluationActivityNames.has(name)));
  const evalWorker = await Worker.create({ connection, namespace: temporalNamespace(), taskQueue: evalTaskQueueFor(taskQueue), activities: evaluation });
  const running = Promise.all([pipelineWorker.run(), evalWorker.run()]);
  try {
    const request = cw.requestFor('6.3.0', await cw.buildModel('6.3.0', 'canary-latency'));
    const handle = await startDeployment(cw.world.client, cw.world.signed(request), taskQueue);
    for (;;) {
      const status = await handle.query<PipelineStatus>('status');
      if (status.stage === 'approval' && status.approval) break;
      if (status.outcome !== 'running') throw new Error(`the run ended before approval: ${status.outcome}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const who of [cw.people.bob, cw.people.carol]) await handle.executeUpdate('approve', { args: [await signedDecision(handle, who, 'approve')] });

    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const status = await handle.query<PipelineStatus>('status');
    expect(status.canary?.outcome).toBe('completed');
    expect(status.outcome).toBe('failed');
    expect(status.warnings.join(' ')).toContain('the gateway is gone (injected)');
    expect(status.reportPath).toMatch(/\.json$/);
    expect(await cw.canaryWeight()).toBe(0);
    expect(await cw.stableVersion()).toBe('6.0.0');
    // Another artifact than the stable one (one artifact is one deployment, which stable would keep).
    expect(status.artifactRootDigest).not.toBe(cw.firstDeployment.artifactRootDigest);
    expect(isLoaded(status.artifactRootDigest)).toBe(false);
  } finally {
    pipelineWorker.shutdown();
    evalWorker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
  }
});
