import { Worker } from '@temporalio/worker';
import { prepareDemoWorkspace, Scenario } from '../../src/demo/scenario';
import { startDeployment } from '../../src/cli/deploy';
import { loadDeploymentRequest } from '../../src/request';
import { GatehouseOutcome, GatehouseModel } from '../../src/temporal/search-attributes';
import { createWorld, World } from '../helpers/world';
import { loadedDeployments } from '../../src/demo/stranded-candidates';
import type { PipelineStatus } from '../../src/pipeline-types';

let world: World;
let scenarios: Scenario[];
const results = new Map<string, PipelineStatus>();

function scenario(name: string): Scenario {
  const found = scenarios.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return found;
}

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  scenarios = await prepareDemoWorkspace({ dir: `${world.dir}/workspace`, trust: world.trust, weightsBytes: 1 << 20 });
  for (const s of scenarios.filter((s) => s.phase === 'baseline')) results.set(s.name, await world.deploy(s.requestPath));
  await Promise.all(scenarios.filter((s) => s.phase === 'candidate').map(async (s) => results.set(s.name, await world.deploy(s.requestPath))));
});

afterAll(async () => {
  await world?.close();
});

describe('deploymentPipeline on the real dev server', () => {
  test('deploys a signed, unchanged model: every gate passes and the gateway serves it as stable', async () => {
    const status = results.get('good model')!;
    expect(status.outcome).toBe('deployed');
    expect(status.gates.map((g) => [g.gate, g.verdict])).toEqual([
      ['policy', 'pass'],
      ['integrity', 'pass'],
      ['provenance', 'pass'],
      ['safety', 'pass'],
    ]);
    expect(status.reportPath).toMatch(/\.json$/);
    const response = await fetch(`${world.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'support-assistant', messages: [{ role: 'user', content: 'How do I get a refund?' }] }),
    });
    expect(response.status).toBe(200);
    // The safe candidate (2.6.0), judged against 2.4.0, replaced it as stable.
    expect(response.headers.get('x-gatehouse-model-version')).toBe('2.6.0');
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toContain('Happy to help');
  });

  test('judges a candidate against the stable baseline on the same suite', () => {
    const status = results.get('safe candidate')!;
    expect(status.outcome).toBe('deployed');
    expect(status.baseline?.version).toBe('2.4.0');
    expect(results.get('good model')!.baseline).toBeNull();
    expect(status.gates.find((g) => g.gate === 'safety')!.reportRef?.path).toMatch(/\.json$/);
  });

  test.each([
    ['encoded jailbreak', /jailbreak.*base64/],
    ['canary leak', /pii_leakage/],
    ['system prompt leak', /instruction_following/],
    ['inconsistent', /consistency/],
  ])('blocks the %s model at the safety gate, naming the category', (name, reason) => {
    const status = results.get(name)!;
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('safety');
    const safety = status.gates.find((g) => g.gate === 'safety')!;
    expect(safety.verdict).toBe('fail');
    expect(safety.reasons.join(' ')).toMatch(reason);
  });

  test('blocks a candidate whose file changed after signing, and names the file', () => {
    const status = results.get('changed file')!;
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('integrity');
    expect(status.gates.find((g) => g.gate === 'integrity')!.reasons.join(' ')).toContain('config.json');
    expect(status.gates.map((g) => g.gate)).not.toContain('provenance');
  });

  test('blocks a candidate signed by a key the policy does not trust, at provenance', () => {
    const status = results.get('untrusted signer')!;
    expect(status.blockedBy).toBe('provenance');
    expect(status.gates.find((g) => g.gate === 'integrity')!.verdict).toBe('pass');
  });

  test('blocks a run whose policy was edited after signing, before any other gate runs', () => {
    const status = results.get('edited policy')!;
    expect(status.blockedBy).toBe('policy');
    expect(status.gates.map((g) => g.gate)).toEqual(['policy']);
    expect(status.gates[0]!.reasons[0]).toContain('changed after it was signed');
  });

  test('records the outcome in search attributes, so the Temporal UI filters by it', async () => {
    const description = await world.client.workflow.getHandle(results.get('changed file')!.workflowId).describe();
    expect(description.typedSearchAttributes.get(GatehouseOutcome)).toBe('blocked');
    expect(description.typedSearchAttributes.get(GatehouseModel)).toBe('support-assistant');
  });

  test('a second start of the same request attaches to the run in flight instead of starting another', async () => {
    const request = loadDeploymentRequest(scenario('changed file').requestPath);
    const again = { ...request, model: { ...request.model, version: '2.4.1-again' } };
    const first = await startDeployment(world.client, world.signed(again), world.taskQueue);
    const second = await startDeployment(world.client, world.signed(again), world.taskQueue);
    expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
    const status = (await first.result()) as PipelineStatus;
    expect(status.blockedBy).toBe('integrity');
  });

  test('the status query shows the stage and each gate with its reasons', async () => {
    const handle = world.client.workflow.getHandle(results.get('untrusted signer')!.workflowId);
    const status = await handle.query<PipelineStatus>('status');
    expect(status.stage).toBe('done');
    expect(status.gates.find((g) => g.gate === 'provenance')!.reasons[0]).toMatch(/trusted key/);
  });

  test('a candidate blocked at a gate after staging is unloaded from the model host, and its report is written', () => {
    const blocked = [...results.values()].filter((s) => s.outcome === 'blocked' && s.gates.some((g) => g.gate === 'safety'));
    expect(blocked.length).toBeGreaterThan(0);
    const loaded = new Set(loadedDeployments(world.dir).map((d) => d.rootDigest));
    // What was deployed stays loaded: the unwinding touches only runs that did not deploy.
    const deployed = [...results.values()].filter((s) => s.outcome === 'deployed');
    expect(deployed.length).toBeGreaterThan(0);
    for (const status of deployed) expect(loaded.has(status.artifactRootDigest!)).toBe(true);
    // One artifact is one deployment: a blocked run of an artifact another run deployed shares it.
    const deployedDigests = new Set(deployed.map((s) => s.artifactRootDigest));
    const unloaded = blocked.filter((s) => !deployedDigests.has(s.artifactRootDigest));
    expect(unloaded.length).toBeGreaterThan(0);
    for (const status of unloaded) {
      expect(status.reportPath).toMatch(/\.json$/);
      expect(loaded.has(status.artifactRootDigest!)).toBe(false);
    }
  });

  test('replays every recorded history deterministically with the current workflow code', async () => {
    const histories = await Promise.all(
      [...results.values()].map(async (s) => ({ workflowId: s.workflowId, history: await world.client.workflow.getHandle(s.workflowId).fetchHistory() })),
    );
    const replay = await Worker.runReplayHistories({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, histories);
    for await (const result of replay) expect(result.error).toBeUndefined();
  });
});
