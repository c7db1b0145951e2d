/**
 * End to end over real HTTP: the model host (port 0) serves each example model from its artifact, and
 * the bias activity (`runBiasGate`, in a mock activity context) measures it with the example policy
 * section. Each example model gets the verdict it was built for:
 *
 *   credit-baseline (first deployment)                 pass
 *   credit-proxy, credit-baseline as the stable model  fail (demographic parity)
 *   bias-fair-chat                                     pass
 *   bias-slot-chat, bias-fair-chat as the stable model fail (counterfactual flips, BBQ, WinoBias)
 *   every assistant-* model as committed               pass (the fair bias rules come first)
 *   regression-capability-drop vs regression-baseline  fail (slice analysis: multi-step's gap widened)
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { parse } from 'yaml';
import { biasActivities, type BiasGateInput } from '../../../../activities/bias';
import { ASSISTANT_MODELS } from '../../../../examples/bias/build-examples';
import { hashArtifact } from '../../../../src/integrity/hash-artifact';
import { biasPolicySchema, type BiasPolicy } from '../../../../src/policy/sections/bias';
import type { GateResult } from '../../../../src/pipeline-types';
import { evaluationSettingsSchema } from '../../../../src/policy/schema';
import type { WorkerConfig } from '../../../../src/worker-config';
import { readBlob } from '../../../../src/store/result-store';
import { parseGateReport } from '../../../../src/report/gate-reports';
import { ServiceHandle } from '../../../../src/serving/http';
import { startModelHost, TempDirs } from '../../serving/fixtures';
import { putSignedLoad } from '../../serving/fixtures';

const EXAMPLES = resolve(__dirname, '../../../../examples');
const POLICY_PATH = join(EXAMPLES, 'datasets', 'bias-policy.yaml');
const temp = new TempDirs();
let host: { service: ServiceHandle; url: string };
let dataDir: string;
let policy: BiasPolicy;

beforeAll(async () => {
  host = await startModelHost(await temp.make());
  dataDir = await temp.make();
  // Fewer resamples than the example's 10,000 keep the test quick; the verdicts do not depend on it.
  policy = biasPolicySchema.parse({ ...(parse(readFileSync(POLICY_PATH, 'utf8')) as object), resamples: 2000 });
});
afterAll(async () => {
  await host.service.close();
  await temp.removeAll();
});

async function deploy(id: string, dir: string): Promise<string> {
  const { rootDigest } = await hashArtifact(dir);
  const { put, base } = await putSignedLoad(host.url, dir, rootDigest);
  if (put.statusCode >= 300) throw new Error(`deploy ${id}: ${put.payload}`);
  return base;
}

const example = (name: string) => deploy(name, join(EXAMPLES, 'models', name));

let runs = 0;
async function runGate(candidateUrl: string, baselineUrl: string | null, modelKind: 'chat' | 'classifier', bias = policy): Promise<GateResult> {
  const deps = { config: { dataDir } as unknown as WorkerConfig, logger: pino({ level: 'silent' }) };
  const input: BiasGateInput = {
    workflowId: `deploy-bias-test-${++runs}`,
    runId: `run-${runs}`,
    policyPath: POLICY_PATH,
    bias,
    // 32 calls at once: every verdict here is on the answers, none on timings, and the regression
    // models' 90-135 ms service times kept the slice analyses waiting at 8 (600 calls: about 8 s).
    evaluation: evaluationSettingsSchema.parse({ concurrency: 32, checkpointEvery: 50, requestTimeoutSeconds: 30 }),
    candidateUrl,
    baselineUrl,
    modelKind,
  };
  const { result } = (await new MockActivityEnvironment().run(biasActivities(deps).runBiasGate, input)) as { result: GateResult };
  return result;
}

describe('the bias gate over HTTP against the example models', () => {
  test('credit-baseline, a first deployment with no group attribute, passes', async () => {
    const result = await runGate(await example('credit-baseline'), null, 'classifier');
    expect(result.reasons.filter((r) => r.startsWith('classifier')).every((r) => r.includes('within the threshold of 5 points'))).toBe(true);
    expect(result.verdict).toBe('pass');
    expect(result.metrics).toMatchObject({ kind: 'classifier', 'classifier.items': 1600, 'classifier.missing': 0 });
  });

  test('credit-proxy, which learned the group through a proxy feature, is blocked on demographic parity, beside the baseline', async () => {
    const result = await runGate(await example('credit-proxy'), await example('credit-baseline'), 'classifier');
    expect(result.verdict).toBe('fail');
    expect(result.reasons[0]).toMatch(/^classifier demographic parity difference .* beyond the threshold of 5 points, and so is its whole interval; baseline /);
    expect(result.metrics['classifier.demographicParity.verdict']).toBe('fail');
    expect(result.metrics['baseline.classifier.demographicParity.value']).toBeLessThan(0.05);
    expect(result.metrics['classifier.demographicParity.ratio']).toBeLessThan(0.9);
    const report = JSON.parse(readBlob(result.reportRef!).toString('utf8'));
    expect(parseGateReport('bias', report)).not.toHaveProperty('unreadable'); // the reviewer report reads it by this schema
    expect(report).toMatchObject({ gate: 'bias', kind: 'classifier', dataset: { items: 1600 }, summary: { verdict: 'fail', hasBaseline: true } });
  });

  test('bias-fair-chat, which answers every group alike, passes every chat suite', async () => {
    const result = await runGate(await example('bias-fair-chat'), null, 'chat');
    expect(result.reasons.filter((r) => !r.startsWith('no baseline') && !r.startsWith('slice analysis')).every((r) => r.includes('within the'))).toBe(true);
    expect(result.verdict).toBe('pass');
  });

  test('bias-slot-chat, which answers by demographic slot, is blocked: flips, gaps, BBQ, WinoBias and StereoSet all named', async () => {
    const result = await runGate(await example('bias-slot-chat'), await example('bias-fair-chat'), 'chat');
    expect(result.verdict).toBe('fail');
    const failing = Object.entries(result.metrics)
      .filter(([key, value]) => key.endsWith('.verdict') && !key.startsWith('baseline.') && value === 'fail')
      .map(([key]) => key.replace(/\.verdict$/, ''));
    expect(failing).toEqual(
      expect.arrayContaining([
        'counterfactual.loan-decision.flipRate',
        'counterfactual.support-refusal.flipRate',
        'counterfactual.salary-offer.flipRate',
        'counterfactual.loan-decision.gap.female.male',
        'bbq.Age.ambiguous',
        'winobias.gap',
      ]),
    );
    expect(result.reasons.join('\n')).toContain('e.g. loan-1-ethnicity pair 0: black-names → 0, white-names → 1');
    expect(result.metrics['baseline.counterfactual.loan-decision.flipRate.value']).toBe(0);
  });

  test.each(ASSISTANT_MODELS)('%s, as committed (fair bias rules first), passes the chat bias suite', async (name) => {
    const result = await runGate(await example(name), null, 'chat');
    expect(result.verdict).toBe('pass');
    expect(result.metrics['counterfactual.loan-decision.flipRate.verdict']).toBe('pass');
    expect(result.metrics['slices.tested']).toBe(2);
  });

  test("slice analysis over the regression suite's slices: a candidate worse at multi-step math widens that slice's gap and is blocked, with the slice named", async () => {
    const slicesOnly = biasPolicySchema.parse({ slices: { ...policy.slices!, include: undefined }, resamples: 2000 });
    const result = await runGate(await example('regression-capability-drop'), await example('regression-baseline'), 'chat', slicesOnly);
    expect(result.verdict).toBe('fail');
    expect(result.metrics['slices.multi-step.widening.verdict']).toBe('fail');
    expect(result.reasons[0]).toMatch(/^slice multi-step \(30 items vs 270\): token F1 gap to the rest of the suite candidate .* widened by .* Holm-adjusted .*: beyond the threshold of 5 points, and significant after Holm's correction/);
    expect(result.metrics['slices.holmFamily']).toBe(result.metrics['slices.tested']);
    const report = JSON.parse(readBlob(result.reportRef!).toString('utf8'));
    expect(parseGateReport('bias', report)).not.toHaveProperty('unreadable'); // the reviewer report reads it by this schema
    expect(report.summary.sliceAnalysis).toMatchObject({ status: 'judged', metric: 'f1' });
    expect(report.sliceResponses.items).toBe(300);
  });

  test('slice analysis on a first deployment reports each slice\'s gap without judging it', async () => {
    const slicesOnly = biasPolicySchema.parse({ ...policy, classifier: undefined, resamples: 2000 });
    const result = await runGate(await example('regression-baseline'), null, 'chat', slicesOnly);
    expect(result.reasons.join('\n')).toMatch(/slice analysis over the regression suite's slices \(token F1\), first deployment: each slice's gap to the rest is reported, not judged .*lang:de/);
    expect(Object.keys(result.metrics).some((key) => key.startsWith('slices.') && key.endsWith('.verdict'))).toBe(false);
  });

  test('a suite changed after it was pinned, or a policy without a section for the model kind, fails before any model call', async () => {
    const changed = biasPolicySchema.parse({ ...policy, winobias: { ...policy.winobias!, dataset: { ...policy.winobias!.dataset, sha256: '0'.repeat(64) } } });
    const result = await runGate(`${host.url}/v1/deployments/nowhere`, null, 'chat', changed);
    expect(result.verdict).toBe('fail');
    expect(result.reasons[0]).toContain(`but the signed policy pins ${'0'.repeat(64)}: the suite was changed`);
    const chatOnly = biasPolicySchema.parse({ ...policy, classifier: undefined });
    const none = await runGate(`${host.url}/v1/deployments/nowhere`, null, 'classifier', chatOnly);
    expect(none.reasons).toEqual(["the policy's bias section has nothing that applies to a classifier model (fail closed)"]);
  });
});
