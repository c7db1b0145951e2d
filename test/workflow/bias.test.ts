/**
 * The bias gate inside the pipeline, on the real dev server, with the demo's bias scenarios
 * (src/demo/bias-scenarios.ts): the credit classifier is deployed as a first deployment (safety not
 * applicable to a classifier, bias passing) and served on the gateway's predict route only; the
 * version with a proxy for the group is blocked at bias with the metric named; against the assistant
 * as stable, a chat model that answers every group alike is deployed and one that answers by
 * demographic slot is blocked at bias while the safety gate's pass is still recorded. A model's kind
 * comes from its verified artifact: a request declaring another kind is blocked before any evaluation.
 * (These are the bias gate's only pipeline runs: the CLI's deploy, exit codes and JSON are
 * test/e2e/cli.test.ts's, on other models; the report the CLI prints is read here through its function.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { stringify } from 'yaml';
import { signPolicyCommand } from '../../src/signing/signing-files';
import { prepareBiasDemo, CREDIT_MODEL } from '../../src/demo/bias-scenarios';
import { demoPolicy, demoRequesters, scenarioMet, type Scenario } from '../../src/demo/scenario';
import type { PipelineStatus } from '../../src/pipeline-types';
import { loadDeploymentRequest } from '../../src/request';
import { readBlob } from '../../src/store/result-store';
import { loadGateReports } from '../../src/report/load';
import { renderHtmlReport } from '../../src/report/html';
import { keyIdOf, loadPublicKey } from '../../src/signing/keys';
import { deployAndWait } from '../../src/cli/deploy';
import { reportText } from '../../src/cli/main';
import { createWorld, World } from '../helpers/world';
import { writeFlowPolicy } from '../helpers/flow-policy';
import { nextPolicySerial } from '../helpers/policy-serials';

let world: World;
let scenarios: Scenario[];
const results = new Map<string, PipelineStatus>();
const started = Date.now();

const result = (name: string) => {
  const status = results.get(name);
  if (!status) throw new Error(`no result for ${name}`);
  return status;
};
const verdicts = (status: PipelineStatus) => status.gates.map((g) => [g.gate, g.verdict]);
const gate = (status: PipelineStatus, name: string) => status.gates.find((g) => g.gate === name)!;
/** The last verdict recorded for a gate (provenance is recorded twice when staging finds a problem). */
const lastOf = (status: PipelineStatus, name: string) => status.gates.filter((g) => g.gate === name).at(-1)!;

beforeAll(async () => {
  world = await createWorld();
  await world.startWorker();
  scenarios = await prepareBiasDemo({
    dir: join(world.dir, 'bias'),
    trust: world.trust,
    weightsBytes: 4096,
    assistantBaseline: true,
    resamples: 2000,
    evaluation: { concurrency: 16, checkpointEvery: 100, requestTimeoutSeconds: 30 },
  });
  // The bias policy re-signed with a flow safety section (helpers/flow-policy.ts): the chat models'
  // safety gate still runs and is judged, on the example suite without its mutated jailbreaks (five
  // chat evaluations of ~1,100 items were most of this suite's time; the safety gate has suites of its own).
  const policyPath = loadDeploymentRequest(scenarios[0]!.requestPath).policyPath;
  writeFlowPolicy(policyPath, policyPath, world.trust.ownerKeyPaths);
  for (const s of scenarios.filter((s) => s.phase === 'baseline')) results.set(s.name, await world.deploy(s.requestPath));
  await Promise.all(scenarios.filter((s) => s.phase === 'candidate').map(async (s) => results.set(s.name, await world.deploy(s.requestPath))));
  process.stderr.write(`bias scenarios deployed in ${Math.round((Date.now() - started) / 1000)} s\n`);
}, 600_000);

afterAll(async () => {
  await world?.close();
});

describe('the bias gate in the pipeline', () => {
  test('every bias scenario ends as the demo expects', () => {
    for (const s of scenarios) {
      const status = result(s.name);
      expect({ scenario: s.name, met: scenarioMet(s, status.outcome, status.blockedBy, (g) => status.gates.find((x) => x.gate === g)?.verdict) }).toEqual({ scenario: s.name, met: true });
    }
  });

  test('the credit classifier, a first deployment: safety not applicable (kind from its verified artifact), bias passes, served on the predict route only', async () => {
    const status = result('credit classifier');
    expect(status.outcome).toBe('deployed');
    expect(status.baseline).toBeNull();
    expect(verdicts(status)).toEqual([
      ['policy', 'pass'],
      ['integrity', 'pass'],
      ['provenance', 'pass'],
      ['safety', 'not_applicable'],
      ['bias', 'pass'],
    ]);
    expect(gate(status, 'safety').reasons[0]).toBe('classifier: the safety prompt suite applies to chat models; the bias gate judges this classifier (gates.bias.classifier)');
    expect(gate(status, 'bias').reasons).toContain('no baseline to compare with (first deployment of this model)');

    const predict = await fetch(`${world.gatewayUrl}/v1/models/${CREDIT_MODEL}:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [{ income: 90, debt: 0.1, years: 10, late: 0, area: -0.8 }] }),
    });
    expect(predict.status).toBe(200);
    expect(predict.headers.get('x-gatehouse-model-version')).toBe('1.0.0');
    expect(((await predict.json()) as { predictions: Array<{ label: number }> }).predictions[0]!.label).toBe(1);
    const chat = await fetch(`${world.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: CREDIT_MODEL, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(chat.status).toBe(400);
    expect(((await chat.json()) as { error: { type: string } }).error.type).toBe('wrong_model_kind');
  });

  test('the classifier with a proxy for the group is blocked at bias, demographic parity named, with the fairness gaps per group in its report', () => {
    const status = result('credit classifier with a proxy');
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('bias');
    expect(status.baseline?.version).toBe('1.0.0');
    const bias = gate(status, 'bias');
    expect(bias.verdict).toBe('fail');
    expect(bias.reasons[0]).toMatch(/^classifier demographic parity difference \(largest − smallest selection rate\): .* points \(A .*%, B .*%; ratio .*\), .*beyond the threshold of 5 points, and so is its whole interval; baseline /);
    expect(bias.metrics['classifier.demographicParity.verdict']).toBe('fail');
    expect(bias.metrics['classifier.group.A.selectionRate']).toBeGreaterThan(bias.metrics['classifier.group.B.selectionRate'] as number);
    expect(gate(status, 'safety').verdict).toBe('not_applicable');
    const report = JSON.parse(readBlob(bias.reportRef!).toString('utf8'));
    expect(report.summary.checks.map((c: { key: string }) => c.key)).toEqual(['classifier.demographicParity', 'classifier.equalOpportunity', 'classifier.calibration']);
    expect(report.measurements.classifier.candidate.fairness.groups.map((g: { group: string }) => g.group)).toEqual(['A', 'B']);
  });

  test('against the assistant as stable, the chat model that answers every group alike is deployed, safety and bias passing', () => {
    const status = result('fair chat model');
    expect(status.outcome).toBe('deployed');
    expect(status.baseline?.version).toBe('2.7.0');
    expect(verdicts(status)).toEqual([
      ['policy', 'pass'],
      ['integrity', 'pass'],
      ['provenance', 'pass'],
      ['safety', 'pass'],
      ['bias', 'pass'],
    ]);
    expect(gate(status, 'bias').metrics).toMatchObject({ kind: 'chat', hasBaseline: true, 'slices.tested': 2 });
  });

  test('the chat model that answers by demographic slot is blocked at bias, the flips named, with safety\'s pass still recorded', () => {
    const status = result('chat model biased by slot');
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('bias');
    expect(gate(status, 'safety').verdict).toBe('pass');
    const bias = gate(status, 'bias');
    expect(bias.verdict).toBe('fail');
    expect(bias.reasons.join('\n')).toMatch(/counterfactual loan-decision \(decision\): \d+ of \d+ pairs flip/);
    expect(bias.metrics).toMatchObject({ 'counterfactual.loan-decision.flipRate.verdict': 'fail', 'winobias.gap.verdict': 'fail', 'slices.lang:de.widening.verdict': 'pass' });
    expect(status.reportPath).toMatch(/\.json$/);
  });

  // What `gatehouse report ID --json` and `report ID` print (the CLI's own function; its exit codes are test/e2e/cli.test.ts's).
  test('the stored report (report --json) shows the fairness gaps per group, the candidate beside the baseline; the Markdown names demographic parity', async () => {
    const { workflowId } = result('credit classifier with a proxy');
    const report = JSON.parse(await reportText(world.client, workflowId, 'json')) as { baseline: { version: string }; gates: Array<{ gate: string; metrics: Record<string, unknown> }> };
    expect(report.baseline.version).toBe('1.0.0');
    const metrics = report.gates.find((g) => g.gate === 'bias')!.metrics;
    for (const group of ['A', 'B']) {
      expect(metrics[`classifier.group.${group}.selectionRate`]).toEqual(expect.any(Number));
      expect(metrics[`classifier.group.${group}.truePositiveRate`]).toEqual(expect.any(Number));
    }
    const gap = (metrics['classifier.group.A.selectionRate'] as number) - (metrics['classifier.group.B.selectionRate'] as number);
    expect(metrics['classifier.demographicParity.value']).toBeCloseTo(Math.abs(gap), 12);
    expect(metrics['classifier.demographicParity.value']).toBeGreaterThan(0.05);
    expect(metrics['baseline.classifier.demographicParity.value']).toBeLessThan(0.05);
    expect(metrics).toMatchObject({ 'classifier.demographicParity.verdict': 'fail', 'classifier.equalOpportunity.verdict': expect.any(String), 'classifier.calibration.verdict': expect.any(String) });
    expect(JSON.stringify(report)).not.toMatch(/NaN/);
    expect(await reportText(world.client, workflowId, 'md')).toContain('demographic parity');
  });

  test("the reviewer page shows the bias checks, the slice analysis's among them, beside safety's evidence", async () => {
    const status = result('chat model biased by slot');
    const page = await renderHtmlReport(status, await loadGateReports(status, { answers: false }));
    expect(page).toContain('chart-bias-gaps');
    expect(page).toContain('slice lang:de: widening of its token F1 gap to the rest of the suite');
    expect(page).toContain('counterfactual loan-decision');
    expect(page).not.toMatch(/NaN/);
  });

  test('a model\'s kind comes from its verified artifact: a chat model declared a classifier (or the reverse) is blocked before any evaluation', async () => {
    const slot = loadDeploymentRequest(scenarios.find((s) => s.name === 'chat model biased by slot')!.requestPath);
    const asClassifier = await deployAndWait(world.client, world.signed({ ...slot, model: { ...slot.model, version: '2.7.2-as-classifier', kind: 'classifier' } }), world.taskQueue);
    expect(asClassifier.outcome).toBe('blocked');
    expect(asClassifier.blockedBy).toBe('provenance');
    expect(lastOf(asClassifier, 'provenance').reasons[0]).toMatch(/^the request declares a classifier model, but the signed artifact \(bias-slot-chat\) is a chat model: a model's kind comes from its verified artifact, not from the request$/);
    expect(asClassifier.gates.map((g) => g.gate)).not.toContain('safety');
    expect(asClassifier.gates.map((g) => g.gate)).not.toContain('bias');

    const credit = loadDeploymentRequest(scenarios.find((s) => s.name === 'credit classifier')!.requestPath);
    const asChat = await deployAndWait(world.client, world.signed({ ...credit, model: { ...credit.model, version: '1.0.0-as-chat', kind: 'chat' } }), world.taskQueue);
    expect(asChat.blockedBy).toBe('provenance');
    expect(lastOf(asChat, 'provenance').reasons[0]).toContain('the request declares a chat model, but the signed artifact (credit-scorer) is a classifier model');
  });

  test('a classifier under a policy with no classifier bias section is blocked at safety (fail closed), not waved through', async () => {
    const credit = loadDeploymentRequest(scenarios.find((s) => s.name === 'credit classifier')!.requestPath);
    const releasePub = join(world.dir, 'bias', 'keys', 'bias-release.pub');
    const policyPath = join(world.dir, 'policy-no-bias.yaml');
    const policy = {
      ...demoPolicy(readFileSync(releasePub, 'utf8'), keyIdOf(loadPublicKey(world.trust.pipelinePublicKeyPath)), 'production'),
      requesters: demoRequesters(world.trust, 'alice'),
      // Another policy under the name the worker has seen: a higher serial (helpers/policy-serials.ts).
      serial: nextPolicySerial(world.workerConfig.dataDir),
    };
    writeFileSync(policyPath, stringify(policy));
    for (const owner of world.trust.ownerKeyPaths) signPolicyCommand(policyPath, owner);
    const status = await deployAndWait(
      world.client,
      world.signed({ ...credit, model: { ...credit.model, version: '1.0.1' }, policyPath, policySignaturePath: `${policyPath}.sig.json` }),
      world.taskQueue,
    );
    expect(status.outcome).toBe('blocked');
    expect(status.blockedBy).toBe('safety');
    expect(gate(status, 'safety').reasons[0]).toBe(
      'classifier: the safety prompt suite applies to chat models, and the policy has no classifier bias section (gates.bias.classifier) to judge this classifier instead (fail closed)',
    );
  });

  test('replays every recorded history deterministically with the current workflow code', async () => {
    const histories = await Promise.all(
      [...results.values()].map(async (s) => ({ workflowId: s.workflowId, history: await world.client.workflow.getHandle(s.workflowId).fetchHistory() })),
    );
    const replay = await Worker.runReplayHistories({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, histories);
    for await (const replayed of replay) expect(replayed.error).toBeUndefined();
  });
});
