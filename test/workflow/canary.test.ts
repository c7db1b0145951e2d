/**
 * The canary on the real server with real traffic through the real gateway, with the canary's example
 * models (examples/models/canary-*): a healthy candidate is promoted step by step, continuing as new
 * mid-bake with its state so each run's history stays bounded; a latency
 * regression, a candidate whose requests fail under real traffic (its error rate) and a candidate
 * without traffic are rolled back (the canary's weight returns to 0 and stable is untouched); a
 * rolled-back candidate is unloaded from the model host with its report written (the saga, whose
 * other undo paths are test/workflow/saga.test.ts's); an operator's signed abort wins.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { signPolicyCommand } from '../../src/signing/signing-files';
import { startTraffic } from '../../src/demo/traffic';
import { sendCanaryCommand } from '../../src/cli/canary-commands';
import { loadedDeployments } from '../../src/demo/stranded-candidates';
import { nextPolicySerial, signPolicyAtSerial } from '../helpers/policy-serials';
import { CANARY_MODEL, CANARY_TEST_TRAFFIC, CanaryWorld, setUpCanaryWorld, shortCanaryPlan } from '../helpers/canary';

let cw: CanaryWorld;
let traffic: ReturnType<typeof startTraffic> | null = null;
const startUserTraffic = () => startTraffic({ gatewayUrl: cw.world.gatewayUrl, model: CANARY_MODEL, ...CANARY_TEST_TRAFFIC });
/** Whether the model host still holds the deployment of this artifact (one deployment per root digest). */
const isLoaded = (rootDigest: string | null) => loadedDeployments(cw.world.dir).some((d) => d.rootDigest === rootDigest);

beforeAll(async () => {
  cw = await setUpCanaryWorld();
  expect(cw.firstDeployment.gates.find((g) => g.gate === 'canary')).toMatchObject({ verdict: 'not_applicable' });
  traffic = startUserTraffic();
});

afterAll(async () => {
  await traffic?.stop();
  await cw?.world.close();
});

// One walk for two claims: the plan's two steps (two intervals each), judged three intervals per
// workflow run (the plan's intervalsPerRun), so the canary continues as new in the middle of its
// second step and the next run carries its state (the step, the intervals judged) to the promotion.
test('a healthy candidate bakes through every step, continuing as new mid-step with its state (each run a bounded history), and is promoted', async () => {
  const document = parse(readFileSync(cw.policyPath, 'utf8')) as Record<string, unknown>;
  document.canary = { ...shortCanaryPlan, intervalsPerRun: 3 };
  // A variant of the suite's policy: a serial above the one the worker has seen (helpers/policy-serials.ts).
  document.serial = nextPolicySerial(cw.world.workerConfig.dataDir);
  const policyPath = join(cw.world.dir, 'policy-canary-runs-of-three.yaml');
  writeFileSync(policyPath, stringify(document));
  for (const owner of cw.world.trust.ownerKeyPaths) signPolicyCommand(policyPath, owner);
  const request = { ...cw.requestFor('6.1.0', await cw.buildModel('6.1.0', 'canary-healthy')), policyPath, policySignaturePath: `${policyPath}.sig.json` };
  const { handle, result } = await cw.deployApproved(request);
  // The tests below deploy under the suite's own policy again: signed anew, above this variant's serial.
  signPolicyAtSerial(cw.policyPath, nextPolicySerial(cw.world.workerConfig.dataDir), cw.world.trust.ownerKeyPaths);
  const status = await result;
  expect(`${status.outcome}: ${status.canary?.reason}`).toMatch(/^deployed/);
  expect(status.gates.find((g) => g.gate === 'canary')).toMatchObject({ verdict: 'pass' });
  expect(status.canary!.outcome).toBe('completed');
  expect(await cw.stableVersion()).toBe('6.1.0');
  expect(await cw.canaryWeight()).toBe(0);
  // Four passing intervals at least (two per step); more when a starved one was tolerated.
  expect(status.canary!.intervalsJudged).toBeGreaterThanOrEqual(4);
  const canaryId = `${handle.workflowId}-canary`;
  const runs: number[] = [];
  for await (const execution of cw.world.client.workflow.list({ query: `WorkflowId = '${canaryId}'` })) {
    runs.push((await cw.world.client.workflow.getHandle(canaryId, execution.runId).fetchHistory()).events?.length ?? 0);
  }
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(Math.max(...runs)).toBeLessThan(120);
});

test('a latency regression is rolled back: weight 0, stable untouched, reasons recorded', async () => {
  const before = await cw.stableVersion();
  const { result } = await cw.deployApproved(cw.requestFor('6.2.0', await cw.buildModel('6.2.0', 'canary-latency')));
  const status = await result;
  expect(status.outcome).toBe('rolled_back');
  expect(status.canary!.reason).toMatch(/latency/);
  expect(await cw.stableVersion()).toBe(before);
  expect(await cw.canaryWeight()).toBe(0);
  // The saga's undo: the rolled-back candidate is unloaded, stable's artifact stays, the report is written.
  expect(status.reportPath).toMatch(/\.json$/);
  expect(status.artifactRootDigest).not.toBe(cw.firstDeployment.artifactRootDigest);
  expect(isLoaded(status.artifactRootDigest)).toBe(false);
  expect(isLoaded(cw.firstDeployment.artifactRootDigest)).toBe(true);
});

test('a candidate that fails under real traffic is rolled back on its error rate: weight 0, stable untouched', async () => {
  const before = await cw.stableVersion();
  const { result } = await cw.deployApproved(cw.requestFor('6.2.1', await cw.buildModel('6.2.1', 'canary-error-rate')));
  const status = await result;
  // It passed every offline gate: only real traffic shows the defect.
  expect(status.gates.filter((g) => g.gate !== 'canary').every((g) => g.verdict === 'pass')).toBe(true);
  expect(status.outcome).toBe('rolled_back');
  expect(status.canary!.reason).toMatch(/error_rate/);
  expect(status.canary!.reason).not.toMatch(/latency \(critical\): High/);
  expect(await cw.stableVersion()).toBe(before);
  expect(await cw.canaryWeight()).toBe(0);
});

test("an operator's signed abort mid-bake wins: traffic goes back to stable", async () => {
  const before = await cw.stableVersion();
  const { handle, result } = await cw.deployApproved(cw.requestFor('6.3.0', await cw.buildModel('6.3.0', 'canary-healthy')));
  await cw.waitFor('the canary to take traffic', async () => ((await cw.canaryView(handle))?.weight ?? 0) > 0);
  // As `gatehouse canary abort ID --as carol --key …` sends it; a non-operator is refused first.
  const refused = await sendCanaryCommand(cw.world.client, { workflowId: handle.workflowId, command: 'abort', operator: 'mallory', keyPath: cw.people.mallory.keyPath });
  expect(refused).toMatchObject({ accepted: false });
  expect(refused.message).toMatch(/not an approver/);
  const aborted = await sendCanaryCommand(cw.world.client, { workflowId: handle.workflowId, command: 'abort', operator: 'carol', keyPath: cw.people.carol.keyPath, reason: 'customer complaints' });
  expect(aborted.accepted).toBe(true);
  const status = await result;
  expect(status.outcome).toBe('aborted');
  expect(status.canary!.reason).toMatch(/abort by carol: customer complaints/);
  expect(await cw.canaryWeight()).toBe(0);
  expect(await cw.stableVersion()).toBe(before);
});

test('no traffic means no data: the candidate is not promoted', async () => {
  await traffic?.stop();
  traffic = null;
  const before = await cw.stableVersion();
  const status = await (await cw.deployApproved(cw.requestFor('6.4.0', await cw.buildModel('6.4.0', 'canary-healthy')))).result;
  expect(status.outcome).toBe('rolled_back');
  expect(status.canary!.reason).toMatch(/NoData|no data|samples/i);
  expect(await cw.stableVersion()).toBe(before);
});
