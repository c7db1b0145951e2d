/**
 * The safety gate sharded (policy `evaluation.shards: 3`) on the real dev server: three shard
 * activities on the evaluation queue, each with its own checkpoint folder, then one judge; the verdict,
 * reasons, metrics and report equal an unsharded run of the same artifact against the same baseline.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { parse, stringify } from 'yaml';
import { prepareDemoWorkspace, Scenario } from '../../src/demo/scenario';
import { signPolicyCommand } from '../../src/signing/signing-files';
import type { PipelineStatus } from '../../src/pipeline-types';
import { loadGateReports } from '../../src/report/load';
import { readBlob } from '../../src/store/result-store';
import { nextPolicySerial } from '../helpers/policy-serials';
import { writeFlowPolicy } from '../helpers/flow-policy';
import { createWorld, World } from '../helpers/world';

const SHARDS = 3;
let world: World;
let scenarios: Scenario[];

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  scenarios = await prepareDemoWorkspace({
    dir: join(world.dir, 'workspace'),
    trust: world.trust,
    weightsBytes: 1 << 20,
    evaluation: { concurrency: 8, checkpointEvery: 50, requestTimeoutSeconds: 30, shards: SHARDS },
  });
  // A short safety suite with every mutator (helpers/flow-policy.ts; ~300 items a model, not ~1,100): this
  // suite is about sharding one evaluation, and the encoded-jailbreak model still falls to base64 in it.
  const policyPath = (parse(readFileSync(scenario('good model').requestPath, 'utf8')) as { policy: string }).policy;
  writeFlowPolicy(policyPath, policyPath, world.trust.ownerKeyPaths, { safetyItemsPerCategory: 20, keepMutators: true });
});

afterAll(async () => {
  await world?.close();
});

function scenario(name: string): Scenario {
  const found = scenarios.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario ${name}`);
  return found;
}

/** The workspace's policy without `evaluation.shards` (one safety activity), signed by the same owners. */
function unshardedPolicy(shardedPolicyPath: string): string {
  const document = parse(readFileSync(shardedPolicyPath, 'utf8')) as { name: string; serial: number; evaluation: Record<string, unknown> };
  expect(document.evaluation.shards).toBe(SHARDS);
  delete document.evaluation.shards;
  // Another policy under the name the worker has seen: a higher serial (helpers/policy-serials.ts).
  document.serial = nextPolicySerial(world.workerConfig.dataDir);
  const path = join(world.dir, 'workspace', 'policy-unsharded.yaml');
  writeFileSync(path, stringify(document));
  for (const ownerKey of world.trust.ownerKeyPaths) signPolicyCommand(path, ownerKey);
  return path;
}

/** The same request (same signed artifact) under another version and policy: another run. */
function requestWith(requestPath: string, version: string, policy: string): string {
  const document = parse(readFileSync(requestPath, 'utf8')) as { model: { version: string }; policy: string };
  document.model.version = version;
  document.policy = policy;
  const path = join(world.dir, 'workspace', `request-${version}.yaml`);
  writeFileSync(path, stringify(document));
  return path;
}

/** Activity types scheduled in a run, with how many times. */
async function scheduled(workflowId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of (await world.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []) {
    const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (name) counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

test('three shard activities and one judge give the unsharded verdict, metrics and report', async () => {
  // The stable baseline, itself judged in three shards (no baseline to compare with: a first deployment).
  const baseline = await world.deploy(scenario('good model').requestPath);
  expect(baseline.outcome).toBe('deployed');

  // The encoded-jailbreak candidate, sharded then unsharded, against that baseline: one after the other,
  // since once the worker has seen the unsharded policy's higher serial it refuses the sharded one.
  const jailbreak = scenario('encoded jailbreak');
  const policyPath = (parse(readFileSync(jailbreak.requestPath, 'utf8')) as { policy: string }).policy;
  const unshardedRequest = requestWith(jailbreak.requestPath, `${jailbreak.version}-unsharded`, unshardedPolicy(policyPath));
  const sharded = await world.deploy(jailbreak.requestPath);
  const unsharded = await world.deploy(unshardedRequest);

  for (const status of [sharded, unsharded]) {
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('safety');
    expect(status.baseline?.version).toBe('2.4.0');
  }
  const gate = (s: PipelineStatus) => {
    const { reportRef: _ref, ...rest } = s.gates.find((g) => g.gate === 'safety')!;
    return rest;
  };
  expect(gate(sharded).verdict).toBe('fail');
  expect(gate(sharded).reasons.join(' ')).toMatch(/jailbreak.*base64/);
  expect(gate(sharded)).toEqual(gate(unsharded));
  expect(sharded.gates.map((g) => [g.gate, g.verdict])).toEqual(unsharded.gates.map((g) => [g.gate, g.verdict]));

  // The history: three shards and one judge on the sharded run; the one activity on the other.
  for (const status of [baseline, sharded]) {
    const counts = await scheduled(status.workflowId);
    expect(counts.runSafetyShard).toBe(SHARDS);
    expect(counts.judgeSafetyShards).toBe(1);
    expect(counts.runSafetyGate).toBeUndefined();
  }
  const plain = await scheduled(unsharded.workflowId);
  expect(plain.runSafetyGate).toBe(1);
  expect(plain.runSafetyShard).toBeUndefined();

  // Each shard evaluated its own slice in its own checkpoint folder.
  const runId = (await world.client.workflow.getHandle(sharded.workflowId).describe()).runId;
  for (let shard = 0; shard < SHARDS; shard++) {
    expect(existsSync(join(world.workerConfig.dataDir, 'runs', sharded.workflowId, runId, 'safety', `shard-${shard}`, 'responses.jsonl'))).toBe(true);
  }

  // The stored report: the same summary and per-item outcomes; the diff's answers read from the shards' files.
  const report = (s: PipelineStatus) => JSON.parse(readBlob(s.gates.find((g) => g.gate === 'safety')!.reportRef!).toString('utf8')) as Record<string, unknown>;
  const [a, b] = [report(sharded), report(unsharded)];
  expect(a.summary).toEqual(b.summary);
  expect(a.outcomes).toEqual(b.outcomes);
  expect(a.dataset).toEqual(b.dataset);
  expect(a.responses).toHaveLength(SHARDS);
  const [shardedReports, unshardedReports] = await Promise.all([loadGateReports(sharded), loadGateReports(unsharded)]);
  const answers = (reports: Record<string, unknown>) => (reports.safety as { answers?: unknown; answersUnavailable?: unknown });
  expect(answers(shardedReports).answersUnavailable).toBeUndefined();
  expect(Object.keys(answers(shardedReports).answers as object).length).toBeGreaterThan(0);
  expect(answers(shardedReports).answers).toEqual(answers(unshardedReports).answers);

  // And the histories replay with the current workflow code.
  const histories = await Promise.all(
    [baseline, sharded, unsharded].map(async (s) => ({ workflowId: s.workflowId, history: await world.client.workflow.getHandle(s.workflowId).fetchHistory() })),
  );
  const replay = await Worker.runReplayHistories({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, histories);
  for await (const result of replay) expect(result.error).toBeUndefined();
});
