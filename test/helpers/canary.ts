/**
 * A world for canary tests (workflow and reliability suites): the demo's workspace with a policy that
 * requires approval and a canary with a short plan, the approvers, signed artifacts of the canary's
 * example models (examples/models/canary-*), a deployment helper that approves as bob and carol, and
 * readers of the gateway's routing table. `setUp` deploys the first (baseline) version, where a
 * canary does not apply.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startDeployment } from '../../src/cli/deploy';
import { signModelCommand, signPolicyCommand } from '../../src/signing/signing-files';
import { demoCanaryPlan, EXAMPLES_DIR, prepareDemoWorkspace } from '../../src/demo/scenario';
import type { PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { loadDeploymentRequest } from '../../src/request';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../../src/serving/simulated-chat-model';
import type { CanaryView } from '../../workflows/canary';
import { approvalSection, makeApprovers, signedDecision } from './approvals';
import { createWorld, World } from './world';
import { withFlowSafety } from './flow-policy';
import { fetchGatewayAdmin } from '../../src/serving/admin-client';

export const CANARY_MODEL = 'support-assistant';
export type CanaryExample = 'canary-healthy' | 'canary-latency' | 'canary-error-rate';

/**
 * The demo's plan (two steps of 4 s, judged every 2 s, latency and errors critical): a healthy candidate needs 4 passing intervals (about 8 s). Two
 * failed intervals are tolerated (a third rolls back), so one starved interval on a busy machine does
 * not fail a healthy canary; a critical metric measured High or Low rolls back at once.
 * Nothing here depends on this machine's speed: the slow example (canary-latency) takes 40 ± 5 ms where
 * the healthy one takes 2 ms, and a latency shift counts only beyond the plan's 15 ms `minEffect`, far
 * above the few milliseconds a loaded machine adds to one slot's loopback round trips and not the other's.
 */
export const shortCanaryPlan = { ...demoCanaryPlan(), failureLimit: 2 };

/**
 * User traffic for canary tests: 25 requests a second, at most 4 in flight. Enough for the plan's 5
 * samples a slot every 2 s at the first step's 40% (about 20 on the canary, 30 on stable), and light
 * enough that two canary suites side by side on a loaded 2-core machine still get their requests
 * through (at 100 a second the gateway, model host and worker sharing one process starved). No routing
 * keys: a request with a user's routing key is served but never judged (the generator's default sends a
 * quarter so), and these suites need every request in the judged sample: on a loaded machine a quarter
 * fewer samples left the error-rate candidate's intervals too thin to be significant, and it was promoted.
 */
export const CANARY_TEST_TRAFFIC = { requestsPerSecond: 25, concurrency: 4, routingKeys: 0 } as const;

export type DeploymentHandle = Awaited<ReturnType<typeof startDeployment>>;

export interface CanaryWorld {
  world: World;
  /** The worker `setUp` started (on `world.taskQueue`). */
  firstWorker: Awaited<ReturnType<World['startWorker']>>;
  people: ReturnType<typeof makeApprovers>;
  policyPath: string;
  /** The baseline's (first deployment's) final status. */
  firstDeployment: PipelineStatus;
  /** A signed artifact of an example model, for `version`. */
  buildModel(version: string, example: CanaryExample): Promise<string>;
  requestFor(version: string, artifact: string): PipelineRequest;
  /** Starts the pipeline and approves it (bob, carol) once it asks. */
  deployApproved(request: PipelineRequest): Promise<{ handle: DeploymentHandle; result: Promise<PipelineStatus> }>;
  stableVersion(): Promise<string | undefined>;
  canaryWeight(): Promise<number>;
  /** The run's canary as its `canaryStatus` query shows it (null until the child runs). */
  canaryView(handle: DeploymentHandle): Promise<CanaryView | null>;
  /** Polls `probe` every 100 ms until it returns a value. */
  waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs?: number): Promise<T>;
}

export async function setUpCanaryWorld(plan: typeof shortCanaryPlan & { leaseSeconds?: number } = shortCanaryPlan, baseline: CanaryExample = 'canary-healthy'): Promise<CanaryWorld> {
  const world = await createWorld();
  const firstWorker = await world.startWorker();
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 4096, safetyScenarios: false });
  const base = loadDeploymentRequest(scenarios.find((s) => s.expectBlockedBy === null)!.requestPath);
  const people = makeApprovers(world.dir);
  const document = parse(readFileSync(base.policyPath, 'utf8')) as Record<string, unknown> & { requiredGates: string[] };
  document.requiredGates = [...document.requiredGates, 'approval', 'canary'];
  document.approval = approvalSection([people.alice, people.bob, people.carol, people.dave], { minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300 });
  document.canary = plan;
  // These suites are about traffic, not safety (flow-policy.ts).
  document.gates = withFlowSafety(document, world.dir).gates;
  const policyPath = join(world.dir, 'policy-canary.yaml');
  writeFileSync(policyPath, stringify(document));
  for (const owner of world.trust.ownerKeyPaths) signPolicyCommand(policyPath, owner);

  const routes = async () =>
    ((await (await fetchGatewayAdmin(world.workerConfig, '/admin/v1/routes')).json()) as { routes: Array<{ slot: string; version: string; weight: number }> }).routes;

  const waitFor: CanaryWorld['waitFor'] = async (what, probe, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const self: Omit<CanaryWorld, 'firstDeployment'> = {
    world,
    firstWorker,
    people,
    policyPath,
    async buildModel(version, example) {
      const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'models', example, 'model.json'), 'utf8')));
      const dir = join(world.dir, 'models', `canary-${version}`);
      await writeSimulatedChatArtifact(dir, spec, { weightsBytes: 4096 });
      await signModelCommand(dir, join(world.dir, 'workspace', 'keys', 'ml-release.key'), undefined, CANARY_MODEL, () => undefined);
      return dir;
    },
    requestFor: (version, artifact) => ({
      ...base,
      model: { ...base.model, version },
      artifactPath: artifact,
      signaturePath: `${artifact}.sig.json`,
      policyPath,
      policySignaturePath: `${policyPath}.sig.json`,
    }),
    async deployApproved(request) {
      const handle = await startDeployment(world.client, world.signed(request), world.taskQueue);
      for (;;) {
        const status = await handle.query<PipelineStatus>('status');
        if (status.outcome !== 'running') break;
        if (status.stage === 'approval' && status.approval) {
          for (const who of [people.bob, people.carol]) await handle.executeUpdate('approve', { args: [await signedDecision(handle, who, 'approve')] });
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return { handle, result: handle.result() as Promise<PipelineStatus> };
    },
    stableVersion: async () => (await routes()).find((r) => r.slot === 'stable')?.version,
    canaryWeight: async () => (await routes()).find((r) => r.slot === 'canary')?.weight ?? 0,
    canaryView: (handle) =>
      world.client.workflow
        .getHandle(`${handle.workflowId}-canary`)
        .query<CanaryView>('canaryStatus')
        .catch(() => null),
    waitFor,
  };

  // The baseline: a first deployment, where a canary does not apply.
  const first = await self.deployApproved(self.requestFor('6.0.0', await self.buildModel('6.0.0', baseline)));
  const firstDeployment = await first.result;
  if (firstDeployment.outcome !== 'deployed') throw new Error(`the baseline was not deployed: ${JSON.stringify(firstDeployment.gates)}`);
  return { ...self, firstDeployment };
}
