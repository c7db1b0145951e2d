/**
 * DESIGN §1.5 on the production topology: the Temporal server process is stopped in the middle of a
 * run's safety evaluation and started again on the same PostgreSQL databases. The worker processes
 * ride it out, the run finishes as deployed, and `gatehouse list` after the restart shows every run
 * started before it, with their outcomes: they live in PostgreSQL, not in the server process.
 */
import { join } from 'node:path';
import { startServer, stopServer } from '../../src/cluster/local-stack';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import { startDeployment } from '../../src/cli/deploy';
import { signRequestWithKeyFile } from '../../src/signing/request-signature';
import { loadDeploymentRequest } from '../../src/request';
import type { PipelineStatus } from '../../src/pipeline-types';
import { runCli } from '../helpers/cli';
import { writeFlowPolicy } from '../helpers/flow-policy';
import { clusterState, ClusterWorld, createClusterWorld, NAMESPACES, waitFor } from './helpers';

let world: ClusterWorld;

beforeAll(async () => {
  world = await createClusterWorld(NAMESPACES.restart);
  await Promise.all([world.startWorker(), world.startWorker()]);
});

afterAll(async () => {
  // Whatever happened, the stack's server is running again for the files after this one.
  await startServer(clusterState()).catch(() => undefined);
  await world?.close();
});

test('the server stopped and restarted mid-run: the run finishes, and `gatehouse list` shows every earlier run', async () => {
  const scenarios = await prepareDemoWorkspace({
    dir: join(world.dir, 'workspace'),
    trust: world.trust,
    weightsBytes: 1 << 20,
    safetyScenarios: false,
    heartbeatTimeoutSeconds: 5,
    evaluation: { concurrency: 1, checkpointEvery: 20, requestTimeoutSeconds: 10 },
    modelLatencyMs: 3,
  });
  // A flow safety section (helpers/flow-policy.ts) of 50 items a category (~300, not ~1,100): enough,
  // one call at a time, for the server to go away while the baseline's evaluation runs.
  const policyPath = loadDeploymentRequest(scenarios[0]!.requestPath).policyPath;
  writeFlowPolicy(policyPath, policyPath, world.trust.ownerKeyPaths, { safetyItemsPerCategory: 50 });
  const deploy = async (requestPath: string) => (await (await startDeployment(world.client, signRequestWithKeyFile(loadDeploymentRequest(requestPath), world.trust.requesterKeyPath))).result()) as PipelineStatus;
  // Finished runs before the restart: the baseline, and the three blocked candidates.
  const earlier: Record<string, string> = {};
  for (const scenario of scenarios) {
    if (scenario.phase === 'baseline') continue;
    earlier[`deploy-support-assistant-${scenario.version}-production`] = (await deploy(scenario.requestPath)).outcome;
  }
  expect(Object.values(earlier)).toEqual(['blocked', 'blocked', 'blocked']);

  // The baseline's run is the one in flight when the server goes away.
  const baseline = scenarios.find((s) => s.phase === 'baseline')!;
  const handle = await startDeployment(world.client, signRequestWithKeyFile(loadDeploymentRequest(baseline.requestPath), world.trust.requesterKeyPath));
  await waitFor('the safety evaluation to be under way', async () => {
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    return pending.some((a) => a.activityType?.name === 'runSafetyGate' && a.lastStartedTime) ? true : undefined;
  });

  const state = clusterState();
  const oldPid = state.pid;
  await stopServer(state);
  await new Promise((r) => setTimeout(r, 1000));
  await startServer(state);
  expect(state.pid).not.toBe(oldPid);

  const status = (await handle.result()) as PipelineStatus;
  expect(status.outcome).toBe('deployed');
  expect(status.gates.map((g) => [g.gate, g.verdict])).toEqual([
    ['policy', 'pass'],
    ['integrity', 'pass'],
    ['provenance', 'pass'],
    ['safety', 'pass'],
  ]);

  // The CLI, as an operator runs it after the restart, over mTLS.
  const list = await runCli(['list', '--json'], { env: world.env() });
  expect(list.code).toBe(0);
  const rows = JSON.parse(list.stdout) as Array<{ workflowId: string; outcome: string | null }>;
  const listed = Object.fromEntries(rows.map((r) => [r.workflowId, r.outcome]));
  expect(listed).toEqual({ ...earlier, 'deploy-support-assistant-2.4.0-production': 'deployed' });
});
