/**
 * activities/regression.ts in a mock activity context: the suite's digest pin and coverage refuse a
 * changed suite before anything is measured; a full run heartbeats, stores its report in the result
 * store and returns the judged GateResult with the report's reference.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { regressionActivities, type RegressionGateInput } from '../../../../activities/regression';
import { parseWith } from '../../../../src/errors';
import { regressionPolicySchema, type RegressionPolicy } from '../../../../src/policy/sections/regression';
import { simulatedChatSpecSchema } from '../../../../src/serving/simulated-chat-model';
import { readBlob } from '../../../../src/store/result-store';
import { parseGateReport } from '../../../../src/report/gate-reports';
import type { GateResult } from '../../../../src/pipeline-types';
import type { WorkerConfig } from '../../../../src/worker-config';
import { readYamlOrJson } from '../../../../src/yaml-file';
import { buildArtifact, deployOnModelHost, RunningService, startModelHost, TempDirs } from '../../serving/fixtures';
import { EXAMPLES_DIR } from './fixtures/regression-examples';

const temp = new TempDirs();
let host: RunningService | undefined;
afterAll(async () => {
  await host?.service.close();
  await temp.removeAll();
});

const POLICY_FILE = join(EXAMPLES_DIR, 'datasets', 'regression-policy.yaml');
const examplePolicy = (): RegressionPolicy => parseWith(regressionPolicySchema, readYamlOrJson(POLICY_FILE, 'policy'), POLICY_FILE);

async function setup() {
  const dataDir = await temp.make('gatehouse-regression-activity-');
  const deps = { config: { dataDir } as WorkerConfig, logger: pino({ level: 'silent' }) };
  const env = new MockActivityEnvironment();
  const heartbeats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => heartbeats.push(details));
  const run = (input: RegressionGateInput) => env.run(regressionActivities(deps).runRegressionGate, input) as Promise<{ result: GateResult }>;
  return { dataDir, run, heartbeats };
}

const input = (regression: RegressionPolicy, policyPath: string, candidateUrl = 'http://127.0.0.1:1', baselineUrl: string | null = null): RegressionGateInput => ({
  workflowId: 'wf-1',
  runId: 'run-1',
  policyPath,
  regression,
  evaluation: { concurrency: 16, checkpointEvery: 50, requestTimeoutSeconds: 10, allowUnverifiedEndpoints: false, shards: 1 },
  candidateUrl,
  baselineUrl,
});

describe('runRegressionGate', () => {
  test('a suite whose digest is not the pinned one fails before anything is called', async () => {
    const { run } = await setup();
    const dir = await temp.make();
    copyFileSync(join(EXAMPLES_DIR, 'datasets', 'regression.jsonl'), join(dir, 'regression.jsonl'));
    writeFileSync(join(dir, 'regression.jsonl'), readFileSync(join(dir, 'regression.jsonl'), 'utf8').split('\n').slice(1).join('\n'));
    const { result } = await run(input(examplePolicy(), join(dir, 'policy.yaml')));
    expect(result.verdict).toBe('fail');
    expect(result.reasons[0]).toMatch(/regression\.jsonl has sha256 [0-9a-f]{64}, but the signed policy pins [0-9a-f]{64}: the suite was changed$/);
  });

  test('a suite short of a capability minimum fails as incomplete', async () => {
    const { run } = await setup();
    const policy = examplePolicy();
    const stricter = { ...policy, dataset: { ...policy.dataset, minItemsPerCapability: { ...policy.dataset.minItemsPerCapability, math: 500 } } };
    const { result } = await run(input(stricter, POLICY_FILE));
    expect(result).toMatchObject({ gate: 'regression', verdict: 'fail', reasons: ['the regression suite is incomplete: capability math has 80 items, the policy requires at least 500'] });
  });

  test('measures, judges, heartbeats and stores the report', async () => {
    const { run, heartbeats, dataDir } = await setup();
    host = await startModelHost(await temp.make());
    // The baseline and the capability drop without service time: the measurements take a second.
    const fast = (name: string) => {
      const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'models', name, 'model.json'), 'utf8')));
      return { ...spec, latencyMs: { mean: 1 }, rules: spec.rules.map(({ latencyMs: _latency, ...rule }) => rule) };
    };
    const baselineUrl = await deployOnModelHost(host.url, await buildArtifact(join(await temp.make(), 'a'), fast('regression-baseline'), 1024));
    const candidateUrl = await deployOnModelHost(host.url, await buildArtifact(join(await temp.make(), 'a'), fast('regression-capability-drop'), 1024));
    const policy = { ...examplePolicy(), throughput: { concurrency: 8, requests: 40, runs: 3 } };
    const { result } = await run(input(policy, POLICY_FILE, candidateUrl, baselineUrl));
    expect(result.gate).toBe('regression');
    expect(result.verdict).toBe('fail');
    expect(result.reasons[0]).toMatch(/^math: accuracy 55% vs 90%/);
    expect(result.reportRef?.path.startsWith(dataDir)).toBe(true);
    const report = JSON.parse(readBlob(result.reportRef!).toString('utf8'));
    expect(report.gate).toBe('regression');
    // What the activity stored parses with the schema the reviewer report reads it by.
    expect(parseGateReport('regression', report)).not.toHaveProperty('unreadable');
    expect(report.summary.statistics.seed).toBe('run-1');
    expect(report.evaluations).toHaveLength(1);
    expect(report.evaluations[0].path).toBe(join(dataDir, 'runs', 'wf-1', 'run-1', 'regression', 'run-0', 'responses.jsonl'));
    const phases = new Set(heartbeats.map((h) => (h as { phase: string }).phase));
    expect([...phases].sort()).toEqual(['evaluation', 'memory', 'throughput']);
    expect(heartbeats.every((h) => (h as { gate: string }).gate === 'regression')).toBe(true);
  });
});
