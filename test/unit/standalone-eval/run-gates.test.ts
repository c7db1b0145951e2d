/**
 * `gatehouse eval` in-process: the pipeline's own safety activity against simulated endpoints, the
 * JUnit and job-summary writers over its results, and bad input refused before any model call.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { SafetyPolicyInput } from '../../../src/policy/sections/safety';
import { flowSafetySection } from '../../helpers/flow-policy';
import { appendGithubSummary, renderGithubSummary } from '../../../src/ci-results/github-summary';
import { renderJunit } from '../../../src/ci-results/junit';
import { CliExit } from '../../../src/cli/exit-codes';
import { InputError } from '../../../src/errors';
import { initWorkspace } from '../../../src/init/init-workspace';
import { evaluationEvidence, evaluationStatus, renderEvaluationHtml } from '../../../src/standalone-eval/report';
import { dataDirOnlyConfig, INFORMATIVE_NOTICE, runStandaloneEvaluation, type GateProgress } from '../../../src/standalone-eval/run-gates';
import { loadExampleSpec, serveSimulatedModel, type SimulatedEndpoint } from '../../../src/standalone-eval/simulated-endpoint';
import { EXAMPLES_DIR } from '../../../src/demo/scenario';

const root = mkdtempSync(join(tmpdir(), 'gatehouse-eval-unit-'));
const ws = initWorkspace({ dir: join(root, 'ws'), dataDir: join(root, 'data'), kind: 'chat', model: 'm', force: false });
let refuser: SimulatedEndpoint;
let safe: SimulatedEndpoint;

beforeAll(async () => {
  refuser = await serveSimulatedModel({ kind: 'simulated-chat', simulated: true, name: 'refuser', description: 'refuses everything', rules: [], defaultResponse: "I'm sorry, but I can't help with that." });
  safe = await serveSimulatedModel(loadExampleSpec(join(EXAMPLES_DIR, 'models', 'assistant-safe')));
});
afterAll(async () => {
  await refuser.close();
  await safe.close();
  rmSync(root, { recursive: true, force: true });
});

/**
 * init's policy with a short safety suite (helpers/flow-policy.ts: 12 items a category, no mutators, ~60
 * items instead of ~1,100), beside it so its other suites' paths still resolve: for the tests about model
 * names and notices. The refusing model's JUnit (its over-refusals are in the suite's later items) and the
 * progress test walk init's own whole suite.
 */
function shortSafetyPolicy(): string {
  const document = parse(readFileSync(ws.policyPath, 'utf8')) as { gates: { safety: SafetyPolicyInput } };
  const safety = document.gates.safety;
  document.gates.safety = flowSafetySection({ ...safety, dataset: { ...safety.dataset, path: join(dirname(ws.policyPath), safety.dataset.path) } }, root);
  const path = join(dirname(ws.policyPath), 'policy-short-safety.yaml');
  writeFileSync(path, stringify(document));
  return path;
}
const shortPolicyPath = shortSafetyPolicy();

const evaluate = (endpoint: string, extra: Partial<Parameters<typeof runStandaloneEvaluation>[0]> = {}) =>
  runStandaloneEvaluation({ policyPath: shortPolicyPath, endpoint, baselineEndpoint: null, gates: ['safety'], workDir: mkdtempSync(join(root, 'work-')), ...extra });

/** An endpoint that, like Ollama, serves models by name: a chat request without `model: "support-bot"` is a 400. */
async function servedByName(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/chat/completions' && (JSON.parse(body || '{}') as { model?: unknown }).model !== 'support-bot') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'model is required' } }));
        return;
      }
      const upstream = httpRequest(`${target}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('gatehouse eval', () => {
  test('fails the safety gate of a model that refuses everything, with one JUnit testcase per category and failures in them', async () => {
    const result = await evaluate(refuser.url, { policyPath: ws.policyPath });
    expect(result.passed).toBe(false);
    expect(result.gates.map((g) => [g.gate, g.verdict])).toEqual([['safety', 'fail']]);
    const xml = renderJunit('eval', await evaluationEvidence(evaluationStatus(result)));
    const cases = [...xml.matchAll(/<testcase classname="gatehouse\.safety" name="([^"]+)">/g)].map((m) => m[1]);
    expect(cases.sort()).toEqual(['consistency', 'harmful_content', 'instruction_following', 'jailbreak', 'pii_leakage']);
    // Over-refusal fails harmful_content (benign requests refused) and instruction_following (in-scope questions refused).
    expect(xml).toMatch(/name="harmful_content">\s*<failure type="fail" message="[^"]+"/);
    expect(xml).toMatch(/<testsuite name="safety" tests="5" failures="[1-5]"/);
  });

  test('sends the model name an endpoint serves by (--endpoint-model): without it such an endpoint is an infrastructure error', async () => {
    const byName = await servedByName(safe.url);
    try {
      await expect(evaluate(byName.url)).rejects.toThrow(/cannot be reached/);
      const result = await evaluate(byName.url, { candidateModel: 'support-bot' });
      expect(result.gates.map((g) => [g.gate, g.verdict])).toEqual([['safety', 'pass']]);
    } finally {
      await byName.close();
    }
  });

  test('passes the safe example model, and reports progress up to the whole suite', async () => {
    const seen: GateProgress[] = [];
    const result = await evaluate(safe.url, { policyPath: ws.policyPath, onProgress: (p) => seen.push(p) });
    expect(result.passed).toBe(true);
    expect(result.gates[0]!.verdict).toBe('pass');
    const last = seen[seen.length - 1]!;
    expect(last.gate).toBe('safety');
    expect(last.done).toBe(last.total);
    expect(last.total).toBeGreaterThan(1000);
  });

  test('its report says at the top that it is informative only, and is never a deployment', async () => {
    const result = await evaluate(safe.url);
    const status = evaluationStatus(result);
    expect(status.warnings[0]).toBe(INFORMATIVE_NOTICE);
    expect(status.outcome).not.toBe('deployed');
    const html = await renderEvaluationHtml(status, result.passed);
    expect(html.indexOf('Informative only')).toBeGreaterThan(-1);
    expect(html).toMatch(/<p id="outcome"[^>]*>Informative evaluation: every gate passed \(nothing was deployed\)<\/p>/);
    expect(html.indexOf('Informative only')).toBeLessThan(html.indexOf('id="verdicts"') === -1 ? html.length : html.indexOf('id="verdicts"'));
    const summary = renderGithubSummary('eval', INFORMATIVE_NOTICE, await evaluationEvidence(status));
    expect(summary.split('\n').slice(0, 4).join('\n')).toContain('Informative only');
  });

  test('a missing suite is bad input naming the policy field, before any model call', async () => {
    const policy = parse(readFileSync(ws.policyPath, 'utf8')) as { gates: { safety: { dataset: { path: string } } } };
    policy.gates.safety.dataset.path = 'suites/nope.jsonl';
    const path = join(root, 'ws', 'missing-suite.yaml');
    writeFileSync(path, JSON.stringify(policy));
    await expect(runStandaloneEvaluation({ policyPath: path, endpoint: 'http://127.0.0.1:9', baselineEndpoint: null, gates: ['safety'], workDir: root })).rejects.toThrow(
      /gates\.safety\.dataset\.path: .*nope\.jsonl: cannot read \(ENOENT\)/,
    );
  });

  test('a suite whose digest is not the pinned one is bad input naming both digests', async () => {
    const policy = parse(readFileSync(ws.policyPath, 'utf8')) as { gates: { safety: { dataset: { sha256: string } } } };
    policy.gates.safety.dataset.sha256 = 'f'.repeat(64);
    const path = join(root, 'ws', 'wrong-digest.yaml');
    writeFileSync(path, JSON.stringify(policy));
    const error = await runStandaloneEvaluation({ policyPath: path, endpoint: safe.url, baselineEndpoint: null, gates: ['safety'], workDir: root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/gates\.safety\.dataset\.sha256: .*the policy pins f{64}/);
  });

  test('an unreachable endpoint is an infrastructure error (exit 3) in one line', async () => {
    const error = await evaluate('http://127.0.0.1:9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliExit);
    expect((error as CliExit).code).toBe(3);
    expect((error as Error).message).toMatch(/^endpoint http:\/\/127\.0\.0\.1:9 cannot be reached: transport/);
    expect((error as Error).message).not.toContain('\n');
  });

  test('a gate the policy has no section for, or a URL that is not http(s), is bad input', async () => {
    const classifier = initWorkspace({ dir: join(root, 'cls'), dataDir: join(root, 'data'), kind: 'classifier', model: 'c', force: false });
    await expect(runStandaloneEvaluation({ policyPath: classifier.policyPath, endpoint: safe.url, baselineEndpoint: null, gates: ['safety'], workDir: root })).rejects.toThrow(/no safety section/);
    await expect(evaluate('ftp://example.com')).rejects.toThrow(InputError);
  });
});

test("eval's activities get a data dir of their own and no key: reading one fails loudly", () => {
  const config = dataDirOnlyConfig('/tmp/eval-data');
  expect(config.dataDir).toBe('/tmp/eval-data');
  expect(() => config.pipelineKey).toThrow(/no pipelineKey/);
  expect(() => config.policyOwners).toThrow(/no policyOwners/);
});

test('cancelling stops the running gate, which ends without a verdict', async () => {
  const slow = await serveSimulatedModel({ kind: 'simulated-chat', simulated: true, name: 'slow', description: 'slow', rules: [], defaultResponse: 'ok', latencyMs: { mean: 200 } });
  try {
    const stop = new AbortController();
    const running = evaluate(slow.url, { signal: stop.signal, onProgress: (p) => p.done > 0 && stop.abort() });
    await expect(running).rejects.toMatchObject({ name: 'CancelledFailure' });
  } finally {
    await slow.close();
  }
});

describe('CI results', () => {
  const evidence = [
    { result: { gate: 'integrity' as const, verdict: 'pass' as const, reasons: ['all 3 files match'], metrics: {} }, report: undefined },
    { result: { gate: 'bias' as const, verdict: 'not_applicable' as const, reasons: ['no bias section'], metrics: {} }, report: undefined },
    { result: { gate: 'provenance' as const, verdict: 'fail' as const, reasons: ['signed by <rogue> & untrusted'], metrics: {} }, report: undefined },
  ];

  test('JUnit: a gate without per-category rows is one testcase; reasons are escaped; not applicable is skipped', () => {
    const xml = renderJunit('deploy m 1.0.0', evidence);
    expect(xml).toContain('<testsuites name="deploy m 1.0.0" tests="3" failures="1" errors="0">');
    expect(xml).toContain('<failure type="fail" message="signed by &lt;rogue&gt; &amp; untrusted">');
    expect(xml).toMatch(/<testsuite name="bias" tests="1" failures="0" errors="0" skipped="1">/);
  });

  test('the job summary is appended to GITHUB_STEP_SUMMARY only when it is set', () => {
    const path = join(root, 'summary.md');
    writeFileSync(path, '# earlier step\n');
    expect(appendGithubSummary('## ours\n', { GITHUB_STEP_SUMMARY: path })).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe('# earlier step\n## ours\n');
    expect(appendGithubSummary('## ours\n', {})).toBeNull();
    const markdown = renderGithubSummary('deploy', null, evidence);
    expect(markdown).toContain('| provenance | ❌ fail | signed by <rogue> & untrusted |');
  });
});
