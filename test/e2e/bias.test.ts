/**
 * The bias gate through the built CLI, exactly as a user runs it: `gatehouse up` in the background,
 * then `deploy --wait --json` of the credit classifier (a first deployment: deployed, exit 0, served
 * on the gateway's predict route) and of its version with a proxy for the group (blocked at bias,
 * exit 1), and `report --json`, which shows the fairness gaps per group. The workspace comes from the
 * demo's builder (src/demo/bias-scenarios.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareBiasDemo, CREDIT_MODEL } from '../../src/demo/bias-scenarios';
import type { Scenario } from '../../src/demo/scenario';
import { ensureLocalTrust } from '../../src/stack';
import { freePort } from '../../src/temporal/dev-server';
import { runCli, startUp as startUpIn, stopUp } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-bias-'));
const dataDir = join(dir, 'data');
let up: ChildProcess | null = null;
let ports: { temporalPort: number; gatewayPort: number; modelHostPort: number; gatewayAdminPort: number };
let scenarios: Scenario[];

const startUp = () => startUpIn(dataDir, ports);

const gh = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { timeoutMs: 300_000 });
const request = (name: string) => scenarios.find((s) => s.name === name)!.requestPath;

interface DeployJson {
  workflowId: string;
  outcome: string;
  blockedBy: string | null;
  gates: Array<{ gate: string; verdict: string; reasons: string[]; metrics: Record<string, unknown> }>;
}

beforeAll(async () => {
  ports = { temporalPort: await freePort(), gatewayPort: await freePort(), modelHostPort: await freePort(), gatewayAdminPort: await freePort() };
  up = await startUp();
  const { trust } = ensureLocalTrust(dataDir, ports);
  scenarios = await prepareBiasDemo({ dir: join(dir, 'bias'), trust, weightsBytes: 4096 });
}, 120_000);

afterAll(async () => {
  if (up && up.exitCode === null) await stopUp(up);
  rmSync(dir, { recursive: true, force: true });
});

describe('the bias gate through the CLI', () => {
  let baseline: DeployJson;
  let proxy: DeployJson;

  test('deploy --wait --json of the credit classifier: deployed (exit 0), safety not applicable to a classifier, bias passing', async () => {
    const result = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), request('credit classifier'), '--wait', '--json');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    baseline = JSON.parse(result.stdout) as DeployJson;
    expect(baseline.outcome).toBe('deployed');
    expect(baseline.gates.map((g) => [g.gate, g.verdict])).toEqual([
      ['policy', 'pass'],
      ['integrity', 'pass'],
      ['provenance', 'pass'],
      ['safety', 'not_applicable'],
      ['bias', 'pass'],
    ]);
    // Served to users on the KServe V1 predict route of the gateway.
    const predicted = await fetch(`http://127.0.0.1:${ports.gatewayPort}/v1/models/${CREDIT_MODEL}:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [{ income: 20, debt: 0.8, years: 0, late: 4, area: 0.8 }] }),
    });
    expect(predicted.status).toBe(200);
    expect(((await predicted.json()) as { predictions: Array<{ label: number }> }).predictions[0]!.label).toBe(0);
  });

  test('deploy --wait --json of the version with a proxy for the group: blocked at bias (exit 1), demographic parity named', async () => {
    const result = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), request('credit classifier with a proxy'), '--wait', '--json');
    expect(result.code).toBe(1);
    proxy = JSON.parse(result.stdout) as DeployJson;
    expect(proxy).toMatchObject({ outcome: 'blocked', blockedBy: 'bias' });
    const bias = proxy.gates.find((g) => g.gate === 'bias')!;
    expect(bias.verdict).toBe('fail');
    expect(bias.reasons[0]).toMatch(/^classifier demographic parity difference .* beyond the threshold of 5 points, and so is its whole interval; baseline /);
  });

  test('report --json shows the fairness gaps per group, the candidate beside the baseline', async () => {
    const result = await gh('report', proxy.workflowId, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DeployJson & { baseline: { version: string } };
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
    const markdown = await gh('report', proxy.workflowId);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('demographic parity');
  });
});
