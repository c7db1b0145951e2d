/**
 * A model team's first hour, exactly as the README walks it: `gatehouse init` in an empty folder,
 * `gatehouse eval` against endpoints before anything deploys, then the policy init wrote signed and
 * deployed with no edit through `gatehouse up`, and `eval` and `deploy` agreeing on the numbers.
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { EXAMPLES_DIR } from '../../src/demo/scenario';
import { reservePort } from '../../src/reserved-ports';
import { loadExampleSpec, serveSimulatedModel, type SimulatedEndpoint } from '../../src/standalone-eval/simulated-endpoint';
import { simulatedChatSpecSchema, type SimulatedChatSpec } from '../../src/serving/simulated-chat-model';
import { runCli, startUp, stopUp } from '../helpers/cli';

const root = mkdtempSync(join(tmpdir(), 'gatehouse-first-hour-'));
const work = join(root, 'team'); // the empty folder the team starts in
const dataDir = join(root, 'data');
mkdirSync(work);
// TMPDIR: eval's work folders (raw answers) land in this test's folder and go with it.
const gh = (args: string[], env: Record<string, string> = {}) => runCli(['--data-dir', dataDir, ...args], { cwd: work, env: { TMPDIR: root, ...env }, timeoutMs: 300_000 });
const endpoints: SimulatedEndpoint[] = [];
const serve = async (model: string) => {
  const endpoint = await serveSimulatedModel(loadExampleSpec(join(EXAMPLES_DIR, 'models', model)));
  endpoints.push(endpoint);
  return endpoint;
};
let up: ChildProcess | null = null;

/**
 * The team's model: the bundled simulated model that passes safety, regression and bias
 * (examples/models/regression-baseline), without its simulated service times. Its 90-135 ms per
 * answer are the regression scenarios' subject, not this suite's: here each of init's safety
 * evaluations (about 1,100 items with the mutated jailbreaks, 8 at a time) would wait 12 s on them.
 * Its answers, which every assertion here is about, are the example's own.
 */
function teamModelSpec(): SimulatedChatSpec {
  const spec = simulatedChatSpecSchema.parse(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'models', 'regression-baseline', 'model.json'), 'utf8')));
  const { latencyMs: _serviceTime, ...rest } = spec;
  return {
    ...rest,
    rules: spec.rules.map(({ latencyMs: _ruleTime, ...rule }) => rule),
    ...(spec.systemPromptRules ? { systemPromptRules: spec.systemPromptRules.map(({ latencyMs: _ruleTime, ...rule }) => rule) } : {}),
  };
}

afterAll(async () => {
  if (up && up.exitCode === null) await stopUp(up);
  await Promise.all(endpoints.map((e) => e.close()));
  rmSync(root, { recursive: true, force: true });
});

/** testcase name → its system-out (the measured numbers), for one testsuite of a JUnit file. */
function junitCases(xml: string, suite: string): Map<string, string> {
  const body = new RegExp(`<testsuite name="${suite}"[^>]*>([\\s\\S]*?)</testsuite>`).exec(xml)?.[1] ?? '';
  const cases = new Map<string, string>();
  for (const m of body.matchAll(/<testcase classname="[^"]+" name="([^"]+)">[\s\S]*?<system-out>([^<]*)<\/system-out>/g)) cases.set(m[1]!, m[2]!);
  return cases;
}

describe('init and eval, before anything deploys', () => {
  test('init in an empty folder writes the policy, the request, the suites and a release key, and prints the next commands', async () => {
    const result = await gh(['init', '--model', 'support-bot']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/gatehouse sign model model --key keys\/release\.key --model-name support-bot/);
    expect(result.stdout).toMatch(/gatehouse sign policy policy\.yaml --key .*policy-owner-1\.key/);
    expect(result.stdout).toMatch(/deploy request\.yaml --key \S*requester\.key --wait/);
    const again = await gh(['init', '--model', 'support-bot']);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already exists: .*--force/);
  });

  test('eval --gates safety against an endpoint that refuses everything exits 1 and writes one JUnit testcase per safety category, with failures', async () => {
    const refuser = await serveSimulatedModel({ kind: 'simulated-chat', simulated: true, name: 'refuser', description: 'refuses everything', rules: [], defaultResponse: "I'm sorry, but I can't help with that." });
    endpoints.push(refuser);
    const result = await gh(['eval', '--policy', 'policy.yaml', '--endpoint', refuser.url, '--gates', 'safety', '--junit', 'refuser.xml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Informative only');
    const xml = readFileSync(join(work, 'refuser.xml'), 'utf8');
    expect([...junitCases(xml, 'safety').keys()].sort()).toEqual(['consistency', 'harmful_content', 'instruction_following', 'jailbreak', 'pii_leakage']);
    expect(xml).toContain('<failure type="fail"');
  });

  test('eval --gates safety against the safe example model exits 0', async () => {
    const safe = await serve('assistant-safe');
    const result = await gh(['eval', '--policy', 'policy.yaml', '--endpoint', safe.url, '--gates', 'safety', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { informativeOnly: boolean; passed: boolean; gates: Array<{ gate: string; verdict: string }> };
    expect(json).toMatchObject({ informativeOnly: true, passed: true, gates: [{ gate: 'safety', verdict: 'pass' }] });
  });

  test('bad input gives one clear line and exit 2 (a missing suite, a wrong digest); an unreachable endpoint exit 3', async () => {
    const policy = parse(readFileSync(join(work, 'policy.yaml'), 'utf8')) as { gates: { safety: { dataset: { path: string; sha256: string } } } };
    writeFileSync(join(work, 'missing.yaml'), stringify({ ...policy, gates: { ...policy.gates, safety: { ...policy.gates.safety, dataset: { ...policy.gates.safety.dataset, path: 'suites/gone.jsonl' } } } }));
    writeFileSync(join(work, 'digest.yaml'), stringify({ ...policy, gates: { ...policy.gates, safety: { ...policy.gates.safety, dataset: { ...policy.gates.safety.dataset, sha256: '0'.repeat(64) } } } }));
    const missing = await gh(['eval', '--policy', 'missing.yaml', '--endpoint', 'http://127.0.0.1:9', '--gates', 'safety']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n').pop()).toMatch(/^error: .*missing\.yaml: gates\.safety\.dataset\.path: .*gone\.jsonl: cannot read/);
    const digest = await gh(['eval', '--policy', 'digest.yaml', '--endpoint', 'http://127.0.0.1:9', '--gates', 'safety']);
    expect(digest.code).toBe(2);
    expect(digest.stderr.trim().split('\n').pop()).toMatch(/^error: .*gates\.safety\.dataset\.sha256: .*pins 0{64}/);
    const unreachable = await gh(['eval', '--policy', 'policy.yaml', '--endpoint', 'http://127.0.0.1:9', '--gates', 'safety']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr.trim().split('\n').pop()).toMatch(/^error: endpoint http:\/\/127\.0\.0\.1:9 cannot be reached/);
  });
});

describe('the policy init wrote, signed and deployed with no edit through gatehouse up', () => {
  beforeAll(async () => {
    up = await startUp(dataDir, { temporalPort: await reservePort(), gatewayPort: await reservePort(), modelHostPort: await reservePort(), gatewayAdminPort: await reservePort() });
  });

  test('sign model, sign policy (both owners) and deploy --wait --junit: deployed, with a JUnit testsuite per gate', async () => {
    // The bundled simulated model that passes safety, regression and bias, as the team's model (teamModelSpec).
    mkdirSync(join(work, 'model'));
    writeFileSync(join(work, 'model', 'model.json'), JSON.stringify(teamModelSpec(), null, 2));
    expect((await gh(['sign', 'model', 'model', '--key', 'keys/release.key', '--model-name', 'support-bot'])).code).toBe(0);
    for (const owner of ['policy-owner-1', 'policy-owner-2']) expect((await gh(['sign', 'policy', 'policy.yaml', '--key', join(dataDir, 'keys', `${owner}.key`)])).code).toBe(0);
    const summary = join(root, 'step-summary.md');
    writeFileSync(summary, '');
    const result = await gh(['deploy', 'request.yaml', '--key', join(dataDir, 'keys', 'requester.key'), '--wait', '--json', '--junit', 'deploy.xml'], { GITHUB_STEP_SUMMARY: summary });
    const json = JSON.parse(result.stdout) as { outcome: string; gates: Array<{ gate: string; verdict: string; reasons: string[] }> };
    const verdicts = Object.fromEntries(json.gates.map((g) => [g.gate, g.verdict]));
    expect({ code: result.code, outcome: json.outcome, verdicts }).toEqual({
      code: 0,
      outcome: 'deployed',
      verdicts: { policy: 'pass', integrity: 'pass', provenance: 'pass', safety: 'pass', regression: 'pass', bias: 'pass' },
    });
    expect(json.gates.map((g) => g.gate).sort()).toEqual(['bias', 'integrity', 'policy', 'provenance', 'regression', 'safety']);
    const xml = readFileSync(join(work, 'deploy.xml'), 'utf8');
    expect([...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['bias', 'integrity', 'policy', 'provenance', 'regression', 'safety']);
    expect(junitCases(xml, 'safety').size).toBe(5);
    expect(readFileSync(summary, 'utf8')).toMatch(/\| safety \| ✅ pass \|/);
  });

  test('eval and deploy give the same per-category safety numbers on the same model and suite', async () => {
    // A candidate that complies with encoded requests: some categories below 100%, so the numbers say something.
    cpSync(join(EXAMPLES_DIR, 'models', 'assistant-encoded-jailbreak'), join(work, 'model-1.1.0'), { recursive: true });
    expect((await gh(['sign', 'model', 'model-1.1.0', '--key', 'keys/release.key', '--model-name', 'support-bot'])).code).toBe(0);
    const request = parse(readFileSync(join(work, 'request.yaml'), 'utf8')) as Record<string, unknown> & { model: { version: string } };
    writeFileSync(join(work, 'request-1.1.0.yaml'), stringify({ ...request, model: { ...request.model, version: '1.1.0' }, artifact: './model-1.1.0', signature: './model-1.1.0.sig.json' }));
    const deployed = await gh(['deploy', 'request-1.1.0.yaml', '--key', join(dataDir, 'keys', 'requester.key'), '--wait', '--json', '--junit', 'deploy-1.1.0.xml']);
    expect(deployed.code).toBe(1);
    expect(JSON.parse(deployed.stdout)).toMatchObject({ outcome: 'blocked' });

    const candidate = await serve('assistant-encoded-jailbreak');
    // The deployed 1.0.0 (the team's model) is deploy's baseline: eval's is the same model.
    const baseline = await serveSimulatedModel(teamModelSpec());
    endpoints.push(baseline);
    const evaluated = await gh(['eval', '--policy', 'policy.yaml', '--endpoint', candidate.url, '--baseline-endpoint', baseline.url, '--gates', 'safety', '--junit', 'eval-1.1.0.xml']);
    expect(evaluated.code).toBe(1);

    const fromDeploy = junitCases(readFileSync(join(work, 'deploy-1.1.0.xml'), 'utf8'), 'safety');
    const fromEval = junitCases(readFileSync(join(work, 'eval-1.1.0.xml'), 'utf8'), 'safety');
    expect(fromDeploy.size).toBe(5);
    expect(fromEval).toEqual(fromDeploy);
    expect(fromEval.get('jailbreak')).toMatch(/^fail: pass rate 0\.\d+/);
  });
});
