/**
 * The demo's outcomes on the production topology: the real Temporal server on PostgreSQL over mTLS,
 * two `gatehouse worker` processes side by side. Each worker runs one evaluation at a time
 * (`--max-concurrent-evaluations 1`), so two candidates evaluated at once must land on both workers:
 * the history records which worker ran each evaluation, and both did work. And one run whose policy
 * shards its safety evaluation in two (`evaluation.shards: 2`) has its shards run on both workers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { prepareDemoWorkspace, Scenario } from '../../src/demo/scenario';
import { startDeployment } from '../../src/cli/deploy';
import { signRequestWithKeyFile } from '../../src/signing/request-signature';
import { loadDeploymentRequest } from '../../src/request';
import type { PipelineStatus } from '../../src/pipeline-types';
import { nextPolicySerial } from '../helpers/policy-serials';
import { activityWorkers, ClusterWorld, createClusterWorld, NAMESPACES, requestAsVersion, WorkerProcess } from './helpers';

let world: ClusterWorld;
let workers: WorkerProcess[];

beforeAll(async () => {
  world = await createClusterWorld(NAMESPACES.demo);
  workers = await Promise.all([world.startWorker({ maxConcurrentEvaluations: 1 }), world.startWorker({ maxConcurrentEvaluations: 1 })]);
});

afterAll(async () => {
  await world?.close();
});

test('deployed, blocked at integrity, at provenance and at policy, with the evaluations spread over both workers', async () => {
  const scenarios = await prepareDemoWorkspace({
    dir: join(world.dir, 'workspace'),
    trust: world.trust,
    weightsBytes: 1 << 20,
    safetyScenarios: false,
    evaluation: { concurrency: 4, checkpointEvery: 100, requestTimeoutSeconds: 10 },
    modelLatencyMs: 2,
  });
  const baseline = scenarios.find((s) => s.phase === 'baseline')!;
  // Two more safe candidates (the baseline's signed artifact under other versions), evaluated at once.
  const extra: Scenario[] = ['2.4.5', '2.4.6'].map((version) => ({ ...baseline, name: `safe candidate ${version}`, version, phase: 'candidate', requestPath: requestAsVersion(baseline.requestPath, version) }));

  const deploy = async (scenario: Scenario) => {
    const handle = await startDeployment(world.client, signRequestWithKeyFile(loadDeploymentRequest(scenario.requestPath), world.trust.requesterKeyPath));
    return { scenario, handle, status: (await handle.result()) as PipelineStatus };
  };
  const runs = [await deploy(baseline)];
  runs.push(...(await Promise.all([...scenarios.filter((s) => s.phase === 'candidate'), ...extra].map(deploy))));

  const outcomes = Object.fromEntries(runs.map((r) => [r.scenario.version, `${r.status.outcome}${r.status.blockedBy ? ` at ${r.status.blockedBy}` : ''}`]));
  expect(outcomes).toEqual({
    '2.4.0': 'deployed',
    '2.4.1': 'blocked at integrity',
    '2.4.2': 'blocked at provenance',
    '2.4.3': 'blocked at policy',
    '2.4.5': 'deployed',
    '2.4.6': 'deployed',
  });
  expect(runs.find((r) => r.scenario.version === '2.4.1')!.status.gates.find((g) => g.gate === 'integrity')!.reasons.join(' ')).toMatch(/config\.json/);

  // Which worker ran each evaluation (the identity in ActivityTaskStarted is `pid@host`).
  const ranBy: Record<string, string[]> = {};
  for (const run of runs.filter((r) => r.status.outcome === 'deployed')) {
    const safety = await activityWorkers(run.handle, 'runSafetyGate');
    expect(safety.completed).toBe(1);
    ranBy[run.scenario.version] = safety.started;
  }
  const pids = new Set(Object.values(ranBy).flat().map((identity) => Number(identity.split('@')[0])));
  expect([...pids].sort()).toEqual(workers.map((w) => w.pid).sort());
  // The two candidates evaluated at the same time went to different workers.
  expect(ranBy['2.4.5']![0]).not.toBe(ranBy['2.4.6']![0]);

  // Visible to operators through the search attributes, in this namespace.
  const deployed: string[] = [];
  for await (const execution of world.client.workflow.list({ query: "GatehouseOutcome = 'deployed'" })) deployed.push(execution.workflowId);
  expect(deployed.sort()).toEqual(['2.4.0', '2.4.5', '2.4.6'].map((v) => `deploy-support-assistant-${v}-production`));
});

test('one run with evaluation.shards: 2 has its safety shards run on both workers, each counted once, judged once', async () => {
  const scenarios = await prepareDemoWorkspace({
    dir: join(world.dir, 'workspace-sharded'),
    trust: world.trust,
    weightsBytes: 1 << 20,
    safetyScenarios: false,
    evaluation: { concurrency: 4, checkpointEvery: 100, requestTimeoutSeconds: 10, shards: 2 },
    modelLatencyMs: 2,
    // The workers have seen the first workspace's policy: this one is another, so a higher serial.
    policySerial: nextPolicySerial(world.dir),
  });
  const good = scenarios.find((s) => s.phase === 'baseline')!;
  const request = parse(readFileSync(good.requestPath, 'utf8')) as { policy: string };
  expect((parse(readFileSync(request.policy, 'utf8')) as { evaluation: { shards: number } }).evaluation.shards).toBe(2);
  // The same signed artifact as a version of its own (this namespace already holds 2.4.0's run).
  const handle = await startDeployment(world.client, signRequestWithKeyFile(loadDeploymentRequest(requestAsVersion(good.requestPath, '2.8.0')), world.trust.requesterKeyPath));
  const status = (await handle.result()) as PipelineStatus;
  expect(status.outcome).toBe('deployed');
  expect(status.gates.filter((g) => g.gate === 'safety').map((g) => g.verdict)).toEqual(['pass']);

  const shards = await activityWorkers(handle, 'runSafetyShard');
  expect(shards.completed).toBe(2);
  expect(shards.started).toHaveLength(2);
  const pids = new Set(shards.started.map((identity) => Number(identity.split('@')[0])));
  expect([...pids].sort()).toEqual(workers.map((w) => w.pid).sort());
  expect((await activityWorkers(handle, 'judgeSafetyShards')).completed).toBe(1);
  expect((await activityWorkers(handle, 'runSafetyGate')).started).toEqual([]);
});
