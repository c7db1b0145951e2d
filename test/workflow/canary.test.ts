/**
 * The canary on the real server with real traffic through the real gateway: a healthy candidate is
 * promoted step by step; a latency regression and a candidate without traffic are rolled back (the
 * canary's weight returns to 0 and stable is untouched); an operator's signed abort wins; a long bake
 * continues as new with its state, so each run's history stays bounded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startDeployment } from '../../src/cli/deploy';
import { hashArtifact } from '../../src/integrity/hash-artifact';
import { signModelCommand, signPolicyCommand } from '../../src/cli/signing-commands';
import { EXAMPLES_DIR, prepareDemoWorkspace } from '../../src/demo/scenario';
import { startTraffic } from '../../src/demo/traffic';
import { sendCanaryCommand } from '../../src/cli/canary-commands';
import type { PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { loadDeploymentRequest } from '../../src/request';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../../src/serving/simulated-chat-model';
import type { CanaryView } from '../../workflows/canary';
import { approvalSection, makeApprovers, signedDecision } from '../helpers/approvals';
import { createWorld, World } from '../helpers/world';

let world: World;
let base: PipelineRequest;
let people: ReturnType<typeof makeApprovers>;
let policyPath: string;
let traffic: ReturnType<typeof startTraffic> | null = null;
let firstDeployment: PipelineStatus;

const plan = {
  steps: [
    { weight: 40, bakeSeconds: 4 },
    { weight: 60, bakeSeconds: 4 },
  ],
  analysisIntervalSeconds: 2,
  minSamplesPerInterval: 5,
  metrics: [
    { name: 'latency', direction: 'increase_is_bad', tolerance: 0.5, weight: 1, critical: true, mustHaveData: true },
    { name: 'error_rate', direction: 'increase_is_bad', tolerance: 5, weight: 1, critical: true, mustHaveData: true },
  ],
  scoreThresholds: { marginal: 50, pass: 75 },
  failureLimit: 1,
  consecutiveErrorLimit: 2,
  alpha: 0.05,
};

async function buildModel(version: string, latencyMs: number): Promise<string> {
  const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'models', 'assistant-safe', 'model.json'), 'utf8')));
  const dir = join(world.dir, 'models', `canary-${version}`);
  await writeSimulatedChatArtifact(dir, { ...spec, latencyMs: { mean: latencyMs } }, { weightsBytes: 4096 });
  await signModelCommand(dir, join(world.dir, 'workspace', 'keys', 'ml-release.key'), undefined, 'support-assistant', () => undefined);
  return dir;
}

function requestFor(version: string, artifact: string): PipelineRequest {
  return { ...base, model: { ...base.model, version }, artifactPath: artifact, signaturePath: `${artifact}.sig.json`, policyPath, policySignaturePath: `${policyPath}.sig.json` };
}

/** Approves the run as bob and carol once it waits for approval. */
async function approveWhenAsked(handle: Awaited<ReturnType<typeof startDeployment>>) {
  for (;;) {
    const status = await handle.query<PipelineStatus>('status');
    if (status.outcome !== 'running') return;
    if (status.stage === 'approval' && status.approval) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const who of [people.bob, people.carol]) await handle.executeUpdate('approve', { args: [await signedDecision(handle, who, 'approve')] });
}

async function deployApproved(request: PipelineRequest): Promise<{ handle: Awaited<ReturnType<typeof startDeployment>>; result: Promise<PipelineStatus> }> {
  const handle = await startDeployment(world.client, request, world.taskQueue);
  await approveWhenAsked(handle);
  return { handle, result: handle.result() as Promise<PipelineStatus> };
}

async function stableVersion(): Promise<string | undefined> {
  const routes = (await (await fetch(`${world.gatewayUrl}/admin/v1/routes`)).json()) as { routes: Array<{ slot: string; version: string; weight: number }> };
  return routes.routes.find((r) => r.slot === 'stable')?.version;
}

async function canaryWeight(): Promise<number> {
  const routes = (await (await fetch(`${world.gatewayUrl}/admin/v1/routes`)).json()) as { routes: Array<{ slot: string; weight: number }> };
  return routes.routes.find((r) => r.slot === 'canary')?.weight ?? 0;
}

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 4096, safetyScenarios: false });
  base = loadDeploymentRequest(scenarios.find((s) => s.expectBlockedBy === null)!.requestPath);
  people = makeApprovers(world.dir);
  const document = parse(readFileSync(base.policyPath, 'utf8')) as Record<string, unknown> & { requiredGates: string[] };
  document.requiredGates = [...document.requiredGates, 'approval', 'canary'];
  document.approval = approvalSection([people.alice, people.bob, people.carol, people.dave], { minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300 });
  document.canary = plan;
  policyPath = join(world.dir, 'policy-canary.yaml');
  writeFileSync(policyPath, stringify(document));
  for (const owner of world.trust.ownerKeyPaths) signPolicyCommand(policyPath, owner);

  // The baseline: a first deployment, where a canary does not apply.
  const first = await deployApproved(requestFor('6.0.0', await buildModel('6.0.0', 2)));
  const status = await first.result;
  firstDeployment = status;
  expect(status.outcome).toBe('deployed');
  expect(status.gates.find((g) => g.gate === 'canary')).toMatchObject({ verdict: 'not_applicable' });
  traffic = startTraffic({ gatewayUrl: world.gatewayUrl, model: 'support-assistant', requestsPerSecond: 100, concurrency: 8 });
});

afterAll(async () => {
  await traffic?.stop();
  await world?.close();
});

test('a healthy candidate bakes through every step and is promoted', async () => {
  const { result } = await deployApproved(requestFor('6.1.0', await buildModel('6.1.0', 2)));
  const status = await result;
  expect(`${status.outcome}: ${status.canary?.reason}`).toMatch(/^deployed/);
  expect(status.gates.find((g) => g.gate === 'canary')).toMatchObject({ verdict: 'pass' });
  expect(status.canary!.outcome).toBe('completed');
  expect(await stableVersion()).toBe('6.1.0');
  expect(await canaryWeight()).toBe(0);
});

test('a latency regression is rolled back: weight 0, stable untouched, reasons recorded', async () => {
  const before = await stableVersion();
  const { result } = await deployApproved(requestFor('6.2.0', await buildModel('6.2.0', 80)));
  const status = await result;
  expect(status.outcome).toBe('rolled_back');
  expect(status.canary!.reason).toMatch(/latency/);
  expect(await stableVersion()).toBe(before);
  expect(await canaryWeight()).toBe(0);
});

test("an operator's signed abort mid-bake wins: traffic goes back to stable", async () => {
  const before = await stableVersion();
  const { handle, result } = await deployApproved(requestFor('6.3.0', await buildModel('6.3.0', 2)));
  const canaryId = `${handle.workflowId}-canary`;
  for (;;) {
    const view = await world.client.workflow.getHandle(canaryId).query<CanaryView>('canaryStatus').catch(() => null);
    if (view && view.weight > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // As `gatehouse canary abort ID --as carol --key …` sends it; a non-operator is refused first.
  const refused = await sendCanaryCommand(world.client, { workflowId: handle.workflowId, command: 'abort', operator: 'mallory', keyPath: people.mallory.keyPath });
  expect(refused).toMatchObject({ accepted: false });
  expect(refused.message).toMatch(/not an approver/);
  const aborted = await sendCanaryCommand(world.client, { workflowId: handle.workflowId, command: 'abort', operator: 'carol', keyPath: people.carol.keyPath, reason: 'customer complaints' });
  expect(aborted.accepted).toBe(true);
  const status = await result;
  expect(status.outcome).toBe('aborted');
  expect(status.canary!.reason).toMatch(/abort by carol: customer complaints/);
  expect(await canaryWeight()).toBe(0);
  expect(await stableVersion()).toBe(before);
});

test('no traffic means no data: the candidate is not promoted', async () => {
  await traffic?.stop();
  traffic = null;
  const before = await stableVersion();
  const status = await (await deployApproved(requestFor('6.4.0', await buildModel('6.4.0', 2)))).result;
  expect(status.outcome).toBe('rolled_back');
  expect(status.canary!.reason).toMatch(/NoData|no data|samples/i);
  expect(await stableVersion()).toBe(before);
});

test('a long bake continues as new with its state, so each run of the canary keeps a bounded history', async () => {
  traffic = startTraffic({ gatewayUrl: world.gatewayUrl, model: 'support-assistant', requestsPerSecond: 100, concurrency: 8 });
  const artifact = await buildModel('6.5.0', 2);
  // Load the candidate on the model host directly: this test drives the canary workflow alone.
  const { rootDigest } = await hashArtifact(artifact);
  const staging = await fetch(`${world.modelHostUrl}/v1/deployments/canary-bounded`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ artifactPath: artifact, rootDigest }),
  });
  expect(staging.ok).toBe(true);
  const last = firstDeployment;
  const handle = await world.client.workflow.start('canaryRollout', {
    taskQueue: world.taskQueue,
    workflowId: `canary-bounded-${Date.now()}`,
    args: [
      {
        route: {
          workflowId: 'bounded-history',
          runId: 'bounded-history',
          model: { name: 'support-assistant', version: '6.5.0', kind: 'chat' },
          environment: 'production',
          backendUrl: `${world.modelHostUrl}/v1/deployments/canary-bounded`,
          artifactRootDigest: rootDigest,
          policyDigest: last.policyDigest!,
          gates: last.gates.map((g) => ({ gate: g.gate, verdict: g.verdict })),
          approvers: [],
          ttlSeconds: 900,
        },
        plan: { ...plan, steps: [{ weight: 50, bakeSeconds: 16 }] },
        operators: parse(readFileSync(policyPath, 'utf8')).approval,
        intervalsPerRun: 3,
      },
    ],
  });
  const result = (await handle.result()) as { outcome: string; reason: string; state: { intervalsJudged: number } };
  expect(`${result.outcome}: ${result.reason}`).toMatch(/^completed/);
  expect(result.state.intervalsJudged).toBeGreaterThanOrEqual(8);
  const runs: number[] = [];
  for await (const execution of world.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) {
    runs.push((await world.client.workflow.getHandle(handle.workflowId, execution.runId).fetchHistory()).events?.length ?? 0);
  }
  expect(runs.length).toBeGreaterThanOrEqual(3);
  expect(Math.max(...runs)).toBeLessThan(120);
});
