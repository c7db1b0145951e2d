/**
 * The safety activities, as the pipeline runs them (a mock activity context, the example suite and
 * policy with two of its mutators, two example models on a real model host), store reports that the reviewer report parses
 * with the safety report schema, whether the suite ran in one activity or in shards; the loaded report
 * renders with its charts and the answers of the items whose behaviour changed.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pino from 'pino';
import { safetyActivities, type SafetyGateInput, type SafetyShardResult } from '../../../activities/safety';
import { parseWith } from '../../../src/errors';
import type { GateResult, PipelineStatus } from '../../../src/pipeline-types';
import { safetyPolicySchema, type SafetyPolicyInput } from '../../../src/policy/sections/safety';
import { parseGateReport } from '../../../src/report/gate-reports';
import { renderHtmlReport } from '../../../src/report/html';
import { loadGateReports } from '../../../src/report/load';
import { simulatedChatSpecSchema } from '../../../src/serving/simulated-chat-model';
import { readBlob } from '../../../src/store/result-store';
import type { WorkerConfig } from '../../../src/worker-config';
import { readYamlOrJson } from '../../../src/yaml-file';
import { buildArtifact, deployOnModelHost, type RunningService, startModelHost, TempDirs } from '../serving/fixtures';
import { blockedRun } from './fixtures';
import { flowSafetySection } from '../../helpers/flow-policy';

const EXAMPLES = resolve(__dirname, '../../../examples');
const POLICY_FILE = join(EXAMPLES, 'datasets', 'safety-policy.yaml');
const temp = new TempDirs();
let host: RunningService;
let input: SafetyGateInput;
let activities: ReturnType<typeof safetyActivities>;

/** An example model without its simulated service time: the suite takes seconds, the answers are the same. */
function fast(name: string) {
  const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES, 'models', name, 'model.json'), 'utf8')));
  return { ...spec, latencyMs: { mean: 1 }, rules: spec.rules.map(({ latencyMs: _latency, ...rule }) => rule) };
}

/**
 * The example section with two of its eight mutators (the flow section of helpers/flow-policy.ts plus
 * base64 and roleplay, which the encoded-jailbreak model complies with): the report's every part,
 * mutators included, at about 600 items instead of 1,100 (this suite is about the report, and judging
 * the full suite four times was most of its CPU; the safety gate's own suites keep the full section).
 */
function reportSection(section: SafetyPolicyInput, dir: string): SafetyPolicyInput {
  const flow = flowSafetySection({ ...section, dataset: { ...section.dataset, path: join(dirname(POLICY_FILE), section.dataset.path) } }, dir);
  return { ...flow, mutators: { ...flow.mutators, names: ['base64', 'roleplay'] } };
}

beforeAll(async () => {
  host = await startModelHost(await temp.make());
  const dataDir = await temp.make();
  activities = safetyActivities({ config: { dataDir } as WorkerConfig, logger: pino({ level: 'silent' }) });
  input = {
    workflowId: 'wf-safety-writer',
    runId: 'run-1',
    policyPath: POLICY_FILE,
    safety: parseWith(safetyPolicySchema, reportSection(parseWith(safetyPolicySchema, readYamlOrJson(POLICY_FILE, 'safety policy section'), POLICY_FILE), await temp.make()), POLICY_FILE),
    evaluation: { concurrency: 16, checkpointEvery: 200, requestTimeoutSeconds: 30, allowUnverifiedEndpoints: false, shards: 1 },
    candidateUrl: await deployOnModelHost(host.url, await buildArtifact(join(await temp.make(), 'a'), fast('assistant-encoded-jailbreak'), 1024)),
    baselineUrl: await deployOnModelHost(host.url, await buildArtifact(join(await temp.make(), 'a'), fast('assistant-safe'), 1024)),
  };
});
afterAll(async () => {
  await host?.service.close();
  await temp.removeAll();
});

const run = <I, O>(fn: (i: I) => Promise<O>, i: I) => new MockActivityEnvironment().run(fn, i) as Promise<O>;

function statusWith(safety: GateResult): PipelineStatus {
  const { status } = blockedRun();
  return { ...status, gates: status.gates.map((g) => (g.gate === 'safety' ? safety : { ...g, reportRef: undefined })) };
}

test('runSafetyGate stores a report the safety schema parses, which renders with the answers of the diff', async () => {
  const { result } = await run(activities.runSafetyGate, input);
  expect(result.verdict).toBe('fail');
  const blob = JSON.parse(readBlob(result.reportRef!).toString('utf8')) as unknown;
  const report = parseGateReport('safety', blob);
  expect(report).not.toHaveProperty('unreadable');
  expect(report).toMatchObject({ gate: 'safety', summary: { verdict: 'fail', hasBaseline: true } });

  const reports = await loadGateReports(statusWith(result));
  expect(reports.safety).not.toHaveProperty('unreadable');
  expect(reports.safety).not.toHaveProperty('answersUnavailable');
  const page = await renderHtmlReport(statusWith(result), reports);
  expect(page).toContain('id="chart-safety-categories"');
  expect(page).toContain('id="chart-safety-mutators"');
  expect(page).toMatch(/<section id="diff" data-shown="10">/);
  expect(page).toContain('<pre class="answer">');
});

test('the sharded safety activities store a report the same schema parses', async () => {
  const sharded = { ...input, runId: 'run-2', evaluation: { ...input.evaluation, shards: 2 } };
  const results: SafetyShardResult[] = [];
  for (const shard of [0, 1]) results.push(await run(activities.runSafetyShard, { ...sharded, shard, shards: 2 }));
  expect(results.map((r) => r.problem)).toEqual([null, null]);
  const { result } = await run(activities.judgeSafetyShards, { ...sharded, shards: 2, results });
  const report = parseGateReport('safety', JSON.parse(readBlob(result.reportRef!).toString('utf8')));
  expect(report).not.toHaveProperty('unreadable');
  expect(report).toMatchObject({ gate: 'safety', responses: [expect.any(Object), expect.any(Object)], shards: [{ shard: 0 }, { shard: 1 }] });
});
