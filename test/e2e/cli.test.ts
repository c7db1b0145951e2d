/**
 * The CLI exactly as the README uses it: standalone signing commands, then `gatehouse up` in the
 * background, deployments with `deploy --wait --json`, `status`, `list`, `report`, Ctrl-C, and a
 * second `up` on the same data dir that still finds the earlier runs.
 */
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { prepareDemoWorkspace, Scenario } from '../../src/demo/scenario';
import { Client, Connection } from '@temporalio/client';
import { readStackFile, stackFilePath } from '../../src/cli/connect';
import type { PipelineStatus } from '../../src/pipeline-types';
import { ensureLocalTrust } from '../../src/stack';
import { reservePort } from '../../src/reserved-ports';
import { writeSimulatedChatArtifact } from '../../src/serving/simulated-chat-model';
import { parse, stringify } from 'yaml';
import type { PendingRow } from '../../src/cli/approval-commands';
import { approvalSection, makeApprovers, policyWithApproval, TestApprover } from '../helpers/approvals';
import { runCli, startUp as startUpIn, stopUp } from '../helpers/cli';
import { writeFlowPolicy } from '../helpers/flow-policy';
import { nextPolicySerial } from '../helpers/policy-serials';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
const dataDir = join(dir, 'data');
let up: ChildProcess | null = null;
let ports: { temporalPort: number; gatewayPort: number; modelHostPort: number; gatewayAdminPort: number };

const startUp = () => startUpIn(dataDir, ports);


// A generous ceiling per command (a deploy --wait walks the whole pipeline): a hang fails, a loaded machine does not.
const gh = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { timeoutMs: 300_000 });

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
  let firstDeployJson = '';
  let ownerKeys: string[];

  beforeAll(async () => {
    ports = { temporalPort: await reservePort(), gatewayPort: await reservePort(), modelHostPort: await reservePort(), gatewayAdminPort: await reservePort() };
    up = await startUp();
    const { trust } = ensureLocalTrust(dataDir, ports);
    // 32 calls at once instead of the policy's default 8: this suite is about the CLI, and the regression
    // models' 90-135 ms service times kept each walk waiting on its evaluations. Candidate and baseline
    // are measured interleaved (src/eval/regression/measure.ts), so both see the same load.
    const evaluation = { concurrency: 32, checkpointEvery: 50, requestTimeoutSeconds: 30 };
    scenarios = await prepareDemoWorkspace({ dir: join(dir, 'workspace'), trust, weightsBytes: 1 << 20, regressionScenarios: true, evaluation });
    ownerKeys = trust.ownerKeyPaths;
    // The support models' policy with a short safety suite that keeps every mutator (helpers/flow-policy.ts):
    // this suite is about the CLI's deploys, exit codes and JSON, and its encoded-jailbreak deploy still
    // meets base64 and the rest; the full suite's verdicts are workflow/pipeline's and the demo's.
    const supportPolicy = (parse(readFileSync(scenarios[0]!.requestPath, 'utf8')) as { policy: string }).policy;
    writeFlowPolicy(supportPolicy, supportPolicy, ownerKeys, { keepMutators: true });
    // The regression scenarios' policy, re-signed with a flow safety section (helpers/flow-policy.ts):
    // their models answer in 90 ms, and the safety gate beside the regression gate would spend most of
    // each walk on the mutated jailbreaks, which this suite's encoded-jailbreak deploy checks.
    const regressionPolicy = (parse(readFileSync(scenarios.find((s) => s.model === 'qa-assistant')!.requestPath, 'utf8')) as { policy: string }).policy;
    // Deployed after the good model's policy, so at a higher serial (helpers/policy-serials.ts).
    writeFlowPolicy(regressionPolicy, regressionPolicy, ownerKeys, { serial: nextPolicySerial(dataDir) });
  });

  test('deploy --wait --json deploys a good candidate (exit 0) in the documented JSON shape', async () => {
    const result = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), scenarios[0]!.requestPath, '--wait', '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['approvals', 'blockedBy', 'canary', 'gates', 'outcome', 'reportPath', 'stage', 'workflowId'].sort());
    expect(json.outcome).toBe('deployed');
    expect(json.workflowId).toBe('deploy-support-assistant-2.4.0-production');
    firstDeployJson = result.stdout;
  });

  test('deploy --wait --json exits 1 for a blocked candidate and names the gate', async () => {
    const result = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), scenarios.find((s) => s.expectBlockedBy === 'integrity')!.requestPath, '--wait', '--json');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { outcome: string; blockedBy: string };
    expect(json).toMatchObject({ outcome: 'blocked', blockedBy: 'integrity' });
  });

  test('deploy --wait --json exits 1 for a candidate that complies when requests are encoded, naming category and mutator', async () => {
    const result = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), scenarios.find((s) => s.name === 'encoded jailbreak')!.requestPath, '--wait', '--json');
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
    const result = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), bad, '--wait');
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

  test('a second deploy --wait --json of a deployed request exits 0 with the first run\'s result, and no new run appears in list', async () => {
    const runsOf = async (workflowId: string) => (JSON.parse((await gh('list', '--json')).stdout) as Array<{ workflowId: string }>).filter((r) => r.workflowId === workflowId).length;
    const workflowId = 'deploy-support-assistant-2.4.0-production';
    expect(await runsOf(workflowId)).toBe(1);
    const again = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), scenarios[0]!.requestPath, '--wait', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(firstDeployJson));
    expect(await runsOf(workflowId)).toBe(1);
  });

  test('a changed request under a deployed model version is refused (exit 2), naming what changed, and starts nothing', async () => {
    const original = parse(readFileSync(scenarios[0]!.requestPath, 'utf8')) as { change: { summary: string } };
    const changed = join(dirname(scenarios[0]!.requestPath), 'changed-request.yaml');
    writeFileSync(changed, stringify({ ...original, change: { ...original.change, summary: `${original.change.summary} (edited)` } }));
    const result = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), changed, '--wait', '--json');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('change.summary');
    expect(result.stderr).toContain('--new-run');
    const rows = JSON.parse((await gh('list', '--json')).stdout) as Array<{ workflowId: string }>;
    expect(rows.filter((r) => r.workflowId === 'deploy-support-assistant-2.4.0-production')).toHaveLength(1);
  });

  test('the gateway serves the deployed model', async () => {
    const response = await fetch(`http://127.0.0.1:${ports.gatewayPort}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'support-assistant', messages: [{ role: 'user', content: 'refund please' }] }),
    });
    expect(response.status).toBe(200);
  });

  // The regression gate's one walk through the pipeline (it runs in parallel with safety): a first
  // deployment judged on the absolute bounds, then a candidate better on average but worse at math.
  test('a capability regression is blocked through the CLI (exit 1), the capability named, safety still judged', async () => {
    const qa = scenarios.filter((s) => s.model === 'qa-assistant');
    const baseline = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), qa.find((s) => s.phase === 'baseline')!.requestPath, '--wait', '--json');
    // On a failure, the run's JSON says which gate blocked it and why.
    expect({ code: baseline.code, output: baseline.code === 0 ? '' : baseline.stdout.slice(-3000) }).toEqual({ code: 0, output: '' });
    const first = JSON.parse(baseline.stdout) as { outcome: string; gates: Array<{ gate: string; verdict: string; reasons: string[] }> };
    expect(first.outcome).toBe('deployed');
    expect(first.gates.map((g) => [g.gate, g.verdict])).toEqual(expect.arrayContaining([['regression', 'pass'], ['safety', 'pass']]));
    expect(first.gates.find((g) => g.gate === 'regression')!.reasons[0]).toMatch(/^first deployment: no baseline to compare with/);
    const drop = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), qa.find((s) => s.name === 'worse at math')!.requestPath, '--wait', '--json');
    expect(drop.code).toBe(1);
    const json = JSON.parse(drop.stdout) as { outcome: string; blockedBy: string; workflowId: string; gates: Array<{ gate: string; verdict: string; reasons: string[] }> };
    expect(json).toMatchObject({ outcome: 'blocked', blockedBy: 'regression' });
    expect(json.gates.find((g) => g.gate === 'regression')!.reasons[0]).toMatch(/^math: accuracy/);
    expect(json.gates.find((g) => g.gate === 'safety')!.verdict).toBe('pass');
    const report = await gh('report', json.workflowId, '--json');
    expect(report.code).toBe(0);
    const stored = JSON.parse(report.stdout) as { gates: Array<{ gate: string; reportRef: { path: string } | null }> };
    expect(stored.gates.find((g) => g.gate === 'regression')!.reportRef!.path).toMatch(/\.json$/);
  }, 600_000);

  // Approvals through the CLI: pending, approve, reject, audit approvals (a policy that requires them).
  {
    let people: ReturnType<typeof makeApprovers> | undefined;
    const requestFor = (version: string): string => {
      const good = scenarios.find((s) => s.name === 'safe candidate')!;
      const document = parse(readFileSync(good.requestPath, 'utf8')) as { model: { version: string }; policy: string };
      document.model.version = version;
      document.policy = join(dir, 'policy-approval.yaml');
      const path = join(dir, `request-approval-${version}.yaml`);
      writeFileSync(path, stringify(document));
      return path;
    };
    /**
     * Polls the run's `status` query in this process until `done` holds: each step of a poll through the
     * CLI starts a process (about 0.8 s of CPU); the CLI is then asked once, and its answer asserted.
     */
    const waitStatus = async (workflowId: string, what: string, done: (status: PipelineStatus) => boolean): Promise<void> => {
      const stack = readStackFile(dataDir);
      if (!stack) throw new Error(`no stack file in ${dataDir}: is gatehouse up running?`);
      const connection = await Connection.connect({ address: stack.temporalAddress });
      try {
        const handle = new Client({ connection, namespace: stack.namespace }).workflow.getHandle(workflowId);
        const deadline = Date.now() + 90_000;
        for (;;) {
          const status = await handle.query<PipelineStatus>('status').catch(() => null);
          if (status && done(status)) return;
          if (Date.now() > deadline) throw new Error(`${workflowId} never came ${what}: ${JSON.stringify(status)}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      } finally {
        await connection.close();
      }
    };
    const waitPending = async (workflowId: string): Promise<PendingRow> => {
      await waitStatus(workflowId, 'to a pending approval', (s) => s.outcome !== 'running' || s.approval?.state.status === 'pending');
      // `pending` reads the visibility store, which may follow the run a moment later: polled, as before.
      const deadline = Date.now() + 90_000;
      for (;;) {
        const pending = await gh('pending', '--json');
        expect(pending.code).toBe(0);
        const row = (JSON.parse(pending.stdout) as PendingRow[]).find((r) => r.workflowId === workflowId);
        if (row) return row;
        if (Date.now() > deadline) throw new Error(`${workflowId} never showed in gatehouse pending: ${pending.stdout}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    /** Polls `status --json` until the run has ended (a second `deploy` of a finished run would start a new one). */
    const waitOutcome = async (workflowId: string): Promise<{ outcome: string; approvals: Array<{ approver: string; accepted: boolean }> }> => {
      await waitStatus(workflowId, 'to an end', (s) => s.outcome !== 'running');
      const deadline = Date.now() + 60_000;
      for (;;) {
        const status = await gh('status', workflowId, '--json');
        const json = JSON.parse(status.stdout) as { outcome: string; approvals: Array<{ approver: string; accepted: boolean }> };
        if (json.outcome !== 'running') return { ...json, code: status.code } as typeof json & { code: number };
        if (Date.now() > deadline) throw new Error(`${workflowId} still running: ${status.stdout}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    const approve = (id: string, who: TestApprover, ...extra: string[]) => gh('approve', id, '--as', who.id, '--key', who.keyPath, ...extra);

    const approvers = () => {
      if (people) return people;
      people = makeApprovers(dir);
      const base = scenarios.find((s) => s.name === 'safe candidate')!;
      const policy = (parse(readFileSync(base.requestPath, 'utf8')) as { policy: string }).policy;
      const section = approvalSection([people.alice, people.bob, people.carol, people.dave], { minReviewSeconds: 0, remind: 300, escalate: 600, expire: 900 });
      // A flow safety section (helpers/flow-policy.ts): these tests are about the approval commands.
      policyWithApproval(writeFlowPolicy(policy, join(dir, 'policy-flow.yaml'), ownerKeys), join(dir, 'policy-approval.yaml'), section, ownerKeys, { serial: nextPolicySerial(dataDir) });
      return people;
    };

    test('two approvers, one from safety, approve; the requester, a wrong key, a repeat and a bad answer are refused', async () => {
      const people = approvers();
      const request = requestFor('3.0.0');
      const started = await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), request, '--json');
      expect(started.code).toBe(0);
      const id = (JSON.parse(started.stdout) as { workflowId: string }).workflowId;
      const row = await waitPending(id);
      expect(row).toMatchObject({ model: 'support-assistant', version: '3.0.0', requestedBy: 'alice', approvalsRequired: 2 });
      expect(row.tier === 'high' || row.tier === 'critical').toBe(true);

      const self = await approve(id, people.alice);
      expect(self.code).toBe(1);
      expect(self.stdout).toContain('refused: approver alice is the requester');
      const forged = await gh('approve', id, '--as', 'bob', '--key', people.carol.keyPath);
      expect(forged.code).toBe(1);
      expect(forged.stdout).toMatch(/refused: .*(signature|key)/);
      const badAnswer = await approve(id, people.bob, '--answer', 'no-equals-sign');
      expect(badAnswer.code).toBe(2);
      expect(badAnswer.stderr).toContain('expected QUESTION=ANSWER');
      const missingKey = await gh('approve', id, '--as', 'bob', '--key', join(dir, 'nope.key'));
      expect(missingKey.code).toBe(2);
      expect(missingKey.stderr).toContain('nope.key');

      const bob = await approve(id, people.bob, '--comment', 'read the report');
      expect(bob.code).toBe(0);
      expect(bob.stdout).toMatch(/^accepted: approval by bob accepted \(approval of .* is pending\)/);
      const again = await approve(id, people.bob);
      expect(again.code).toBe(1);
      expect(again.stdout).toContain('has already approved');
      expect((await waitPending(id)).missingRoles).toEqual(['safety']);

      const carol = await approve(id, people.carol, '--json');
      expect(carol.code).toBe(0);
      expect(JSON.parse(carol.stdout)).toMatchObject({ workflowId: id, accepted: true, status: 'approved' });
      const status = await waitOutcome(id);
      expect(status.outcome).toBe('deployed');
      expect(status.approvals.map((a) => [a.approver, a.accepted])).toEqual([
        ['alice', false],
        ['bob', false],
        ['bob', true],
        ['bob', false],
        ['carol', true],
      ]);
      const after = await approve(id, people.dave);
      expect(after.code).toBe(1);
      expect(after.stderr + after.stdout).toMatch(/no approval pending|no longer running/);
    });

    test('a signed rejection ends the run as rejected (exit 1), and audit approvals counts every decision', async () => {
      const people = approvers();
      const id = (JSON.parse((await gh('deploy', '--key', join(dataDir, 'keys', 'requester.key'), requestFor('3.1.0'), '--json')).stdout) as { workflowId: string }).workflowId;
      await waitPending(id);
      const rejected = await gh('reject', id, '--as', 'carol', '--key', people.carol.keyPath, '--comment', 'not this week');
      expect(rejected.code).toBe(0);
      expect(rejected.stdout).toContain('rejection by carol accepted');
      expect(await waitOutcome(id)).toMatchObject({ outcome: 'rejected' });

      const audit = await gh('audit', 'approvals', '--json');
      expect(audit.code).toBe(0);
      const report = JSON.parse(audit.stdout) as { approvers: Array<{ approver: string; approvals: number; rejections: number; refused: number; approvalRate: number | null }> };
      const of = (who: string) => report.approvers.find((a) => a.approver === who);
      expect(of('bob')).toMatchObject({ approvals: 1, rejections: 0, refused: 2 });
      expect(of('carol')).toMatchObject({ approvals: 1, rejections: 1, refused: 0, approvalRate: 0.5 });
      expect(of('alice')).toMatchObject({ approvals: 0, refused: 1 });
      const text = await gh('audit', 'approvals');
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('carol');
    });
  }

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
