/**
 * The CLI exactly as the README uses it: standalone signing commands, then `gatehouse up` in the
 * background, deployments with `deploy --wait --json`, `status`, `list`, `report`, Ctrl-C, and a
 * second `up` on the same data dir that still finds the earlier runs.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDemoWorkspace, Scenario } from '../../src/demo/scenario';
import { stackFilePath } from '../../src/cli/connect';
import { ensureLocalTrust } from '../../src/stack';
import { freePort } from '../../src/temporal/dev-server';
import { writeSimulatedChatArtifact } from '../../src/serving/simulated-chat-model';
import { BIN, cleanEnv, runCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
const dataDir = join(dir, 'data');
let up: ChildProcess | null = null;
let ports: { temporalPort: number; gatewayPort: number; modelHostPort: number };

async function startUp(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [BIN, '--data-dir', dataDir, 'up', '--headless', '--port', String(ports.temporalPort), '--gateway-port', String(ports.gatewayPort), '--model-host-port', String(ports.modelHostPort)],
    { env: cleanEnv({ GATEHOUSE_LOG_LEVEL: 'warn' }), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!stderr.includes('Gatehouse is up')) {
    if (child.exitCode !== null) throw new Error(`gatehouse up exited early:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`gatehouse up did not come up:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}

async function stopUp(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

const gh = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

afterAll(async () => {
  if (up && up.exitCode === null) await stopUp(up);
  rmSync(dir, { recursive: true, force: true });
});

describe('standalone signing commands', () => {
  const work = join(dir, 'signing');
  const model = join(work, 'model');

  beforeAll(async () => {
    await writeSimulatedChatArtifact(model, { kind: 'simulated-chat', simulated: true, name: 'm', rules: [], defaultResponse: 'hi' }, { weightsBytes: 4096 });
  });

  test('keys generate, sign model and verify model succeed on an untouched artifact (exit 0)', async () => {
    expect((await runCli(['keys', 'generate', '--name', 'release', '--out', join(work, 'keys')])).code).toBe(0);
    expect((await runCli(['keys', 'generate', '--name', 'other', '--out', join(work, 'keys'), '--algorithm', 'ecdsa-p256'])).code).toBe(0);
    const signed = await runCli(['sign', 'model', model, '--key', join(work, 'keys', 'release.key')]);
    expect(signed.code).toBe(0);
    expect(signed.stdout.trim()).toBe(`${model}.sig.json`);
    const verified = await runCli(['verify', 'model', model, '--signature', `${model}.sig.json`, '--trusted-key', join(work, 'keys', 'release.pub')]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('OK');
  });

  test('verify model names a changed file and an untrusted key, and exits 1', async () => {
    const copy = join(work, 'model-changed');
    cpSync(model, copy, { recursive: true });
    appendFileSync(join(copy, 'config.json'), ' ');
    const changed = await runCli(['verify', 'model', copy, '--signature', `${model}.sig.json`, '--trusted-key', join(work, 'keys', 'other.pub')]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('config.json');
    expect(changed.stdout).toMatch(/not from a trusted key/);
  });

  test('verify model with a missing signature file or a non-key exits 2 and names the file', async () => {
    const missing = await runCli(['verify', 'model', model, '--signature', join(work, 'nope.json'), '--trusted-key', join(work, 'keys', 'release.pub')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    writeFileSync(join(work, 'not-a-key.pub'), 'hello\n');
    const badKey = await runCli(['verify', 'model', model, '--signature', `${model}.sig.json`, '--trusted-key', join(work, 'not-a-key.pub')]);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('not-a-key.pub');
  });

  test('sign policy refuses an invalid policy with the field named (exit 2)', async () => {
    const policy = join(work, 'policy.yaml');
    writeFileSync(policy, 'apiVersion: gatehouse/v1\nkind: Policy\nname: p\nenvironments: [production]\nrequiredGates: [integrity]\n');
    const result = await runCli(['sign', 'policy', policy, '--key', join(work, 'keys', 'release.key')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('requiredGates');
  });
});

describe('gatehouse up, deploy, status, list, report', () => {
  let scenarios: Scenario[];

  beforeAll(async () => {
    ports = { temporalPort: await freePort(), gatewayPort: await freePort(), modelHostPort: await freePort() };
    up = await startUp();
    const { trust } = ensureLocalTrust(dataDir, ports);
    scenarios = await prepareDemoWorkspace({ dir: join(dir, 'workspace'), trust, weightsBytes: 1 << 20 });
  });

  test('deploy --wait --json deploys a good candidate (exit 0) in the documented JSON shape', async () => {
    const result = await gh('deploy', scenarios[0]!.requestPath, '--wait', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['approvals', 'blockedBy', 'canary', 'gates', 'outcome', 'reportPath', 'stage', 'workflowId'].sort());
    expect(json.outcome).toBe('deployed');
    expect(json.workflowId).toBe('deploy-support-assistant-2.4.0-production');
  });

  test('deploy --wait --json exits 1 for a blocked candidate and names the gate', async () => {
    const result = await gh('deploy', scenarios.find((s) => s.expectBlockedBy === 'integrity')!.requestPath, '--wait', '--json');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { outcome: string; blockedBy: string };
    expect(json).toMatchObject({ outcome: 'blocked', blockedBy: 'integrity' });
  });

  test('deploy --wait --json exits 1 for a candidate that complies when requests are encoded, naming category and mutator', async () => {
    const result = await gh('deploy', scenarios.find((s) => s.name === 'encoded jailbreak')!.requestPath, '--wait', '--json');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { blockedBy: string; gates: Array<{ gate: string; reasons: string[]; reportRef: { path: string } | null }> };
    expect(json.blockedBy).toBe('safety');
    const safety = json.gates.find((g) => g.gate === 'safety')!;
    expect(safety.reasons.join(' ')).toMatch(/jailbreak.*base64/);
    expect(safety.reportRef?.path).toMatch(/\.json$/);
  });

  test('deploy of a malformed request exits 2, names the file and field, and starts nothing', async () => {
    const bad = join(dir, 'bad-request.yaml');
    writeFileSync(bad, 'apiVersion: gatehouse/v1\nkind: DeploymentRequest\nmodel: { name: x, version: 1.0.0, kind: robot }\n');
    const result = await gh('deploy', bad, '--wait');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad-request.yaml');
    expect(result.stderr).toContain('model.kind');
  });

  test('status, list and report show the runs', async () => {
    const status = await gh('status', 'deploy-support-assistant-2.4.1-production', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ outcome: 'blocked', blockedBy: 'integrity' });
    const list = await gh('list', '--json');
    const rows = JSON.parse(list.stdout) as Array<{ workflowId: string; outcome: string }>;
    expect(rows.map((r) => r.workflowId)).toEqual(expect.arrayContaining(['deploy-support-assistant-2.4.0-production', 'deploy-support-assistant-2.4.1-production']));
    expect(rows.find((r) => r.workflowId.endsWith('2.4.0-production'))!.outcome).toBe('deployed');
    const report = await gh('report', 'deploy-support-assistant-2.4.1-production');
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('| integrity | fail |');
  });

  test('the gateway serves the deployed model', async () => {
    const response = await fetch(`http://127.0.0.1:${ports.gatewayPort}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'support-assistant', messages: [{ role: 'user', content: 'refund please' }] }),
    });
    expect(response.status).toBe(200);
  });

  test('Ctrl-C stops everything cleanly, and the next up on the same data dir finds the earlier runs and routes', async () => {
    expect(await stopUp(up!)).toBe(0);
    expect(existsSync(stackFilePath(dataDir))).toBe(false);
    up = await startUp();
    const list = await gh('list', '--json');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ workflowId: string }>).map((r) => r.workflowId)).toContain('deploy-support-assistant-2.4.0-production');
    const response = await fetch(`http://127.0.0.1:${ports.gatewayPort}/v1/models`);
    expect(JSON.stringify(await response.json())).toContain('support-assistant');
  });

  test('commands against a stopped stack exit 3 with a clear message, quickly', async () => {
    await stopUp(up!);
    const result = await runCli(['--address', `127.0.0.1:${ports.temporalPort}`, 'list']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('cannot reach the Temporal server');
  });
});
