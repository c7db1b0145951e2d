/**
 * Approvals through Slack, against a local recorder of Slack's Web API: the request is posted with
 * Approve / Reject buttons; a click signed the way Slack signs it becomes a decision signed by the
 * Slack app's key; forged, replayed and stale requests are refused and change nothing; each attempt's
 * outcome is posted in the request's thread.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { startDeployment } from '../../src/cli/deploy';
import { generateKeysCommand } from '../../src/signing/signing-files';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import type { PipelineRequest, PipelineStatus } from '../../src/pipeline-types';
import { loadDeploymentRequest } from '../../src/request';
import { startSlackInteractivity } from '../../src/slack/server';
import { approvalSection, makeApprovers, policyWithApproval } from '../helpers/approvals';
import { writeFlowPolicy } from '../helpers/flow-policy';
import { createWorld, World } from '../helpers/world';

const SIGNING_SECRET = 'test-signing-secret-0123456789';
let world: World;
let recorder: Server;
let slackApp: FastifyInstance;
let interactivityUrl: string;
const posted: Array<Record<string, string>> = [];

async function startRecorder(): Promise<string> {
  recorder = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const fields = req.headers['content-type']?.includes('json') ? (JSON.parse(body) as Record<string, string>) : Object.fromEntries(new URLSearchParams(body));
      posted.push({ method: req.url ?? '', ...fields });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, channel: 'C0APPROVALS', ts: `1700000000.${String(posted.length).padStart(6, '0')}` }));
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  const address = recorder.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/`;
}

function slackRequest(payload: unknown, options: { secret?: string; timestamp?: number } = {}) {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature } };
}

const click = (user: string, action: 'approve' | 'reject', value: string) => ({ type: 'block_actions', user: { id: user }, actions: [{ action_id: action, value }] });

beforeAll(async () => {
  const apiUrl = await startRecorder();
  const secrets = join(tmpdir(), `gatehouse-slack-${process.pid}`);
  mkdirSync(secrets, { recursive: true });
  writeFileSync(join(secrets, 'bot-token'), 'xoxb-test-token\n');
  writeFileSync(join(secrets, 'signing-secret'), `${SIGNING_SECRET}\n`);
  const appKey = generateKeysCommand(`slack-app-${Date.now()}`, secrets, 'ed25519');
  world = await createWorld({
    workerConfigExtra: {
      slack: {
        botTokenFile: join(secrets, 'bot-token'),
        signingSecretFile: join(secrets, 'signing-secret'),
        appPrivateKeyFile: appKey.privateKeyPath,
        channel: 'C0APPROVALS',
        apiUrl,
        interactivityPort: 0,
        users: { U0BOB: 'bob', U0CAROL: 'carol' },
      },
    },
  });
  await world.startWorker();
  const started = await startSlackInteractivity({ slack: world.workerConfig.slack!, client: world.client, port: 0 });
  slackApp = started.app;
  interactivityUrl = `${started.url}/slack/interactivity`;

  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 64 * 1024, safetyScenarios: false });
  const base: PipelineRequest = loadDeploymentRequest(scenarios.find((s) => s.expectBlockedBy === null)!.requestPath);
  const people = makeApprovers(world.dir);
  const section = {
    ...approvalSection([people.alice, people.bob, people.carol, people.dave], { minReviewSeconds: 0, remind: 60, escalate: 120, expire: 300 }),
    slackAppPublicKey: readFileSync(appKey.publicKeyPath, 'utf8'),
  };
  section.approvers = section.approvers.map((a) => (a.id === 'bob' ? { ...a, slackUserId: 'U0BOB' } : a.id === 'carol' ? { ...a, slackUserId: 'U0CAROL' } : a));
  // A flow safety section (helpers/flow-policy.ts): this suite is about Slack's approvals.
  const flowPolicy = writeFlowPolicy(base.policyPath, join(world.dir, 'policy-flow.yaml'), world.trust.ownerKeyPaths);
  const policyPath = policyWithApproval(flowPolicy, join(world.dir, 'policy-slack.yaml'), section, world.trust.ownerKeyPaths);
  request = { ...base, model: { ...base.model, version: '5.0.0' }, policyPath, policySignaturePath: `${policyPath}.sig.json` };
});
let request: PipelineRequest;

afterAll(async () => {
  await slackApp?.close();
  await new Promise((resolve) => recorder?.close(resolve));
  await world?.close();
});

test('a Slack approval request is posted; signed clicks approve; forged, replayed and stale requests change nothing', async () => {
  const handle = await startDeployment(world.client, world.signed(request), world.taskQueue);
  const deadline = Date.now() + 60_000;
  while (!posted.some((p) => p.method?.includes('chat.postMessage') && !p.thread_ts)) {
    if (Date.now() > deadline) throw new Error('no approval request was posted');
    await new Promise((r) => setTimeout(r, 100));
  }
  const requestMessage = posted.find((p) => !p.thread_ts)!;
  expect(requestMessage.text).toMatch(/Approval needed: support-assistant 5\.0\.0 → production/);
  const blocks = JSON.parse(requestMessage.blocks!) as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
  const approveButton = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'approve')!;
  expect(approveButton.value).toBeDefined();

  const send = (r: ReturnType<typeof slackRequest>) => fetch(interactivityUrl, { method: 'POST', headers: r.headers, body: r.body });
  const attemptsNow = async () => (await handle.query<PipelineStatus>('status')).approvals.length;

  expect((await send(slackRequest(click('U0CAROL', 'approve', approveButton.value!), { secret: 'not-the-secret' }))).status).toBe(401);
  expect((await send(slackRequest(click('U0CAROL', 'approve', approveButton.value!), { timestamp: Math.floor(Date.now() / 1000) - 600 }))).status).toBe(401);
  expect(await attemptsNow()).toBe(0);

  const carol = slackRequest(click('U0CAROL', 'approve', approveButton.value!));
  expect((await send(carol)).status).toBe(200);
  expect((await send(carol)).status).toBe(409); // the same signed request again: a replay
  // Slack is answered before the decision reaches the workflow (it wants an answer within 3 s): bob clicks
  // once carol's decision is recorded, so the order below is the order of the clicks.
  const recordedBy = Date.now() + 60_000;
  while ((await attemptsNow()) < 1) {
    if (Date.now() > recordedBy) throw new Error("carol's approval was not recorded within 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  expect((await send(slackRequest(click('U0BOB', 'approve', approveButton.value!)))).status).toBe(200);

  const status = (await handle.result()) as PipelineStatus;
  expect(status.outcome).toBe('deployed');
  expect(status.approvals.map((a) => [a.approver, a.via, a.accepted])).toEqual([
    ['carol', 'slack', true],
    ['bob', 'slack', true],
  ]);
  const threadReplies = posted.filter((p) => p.thread_ts);
  expect(threadReplies.map((p) => p.text).join('\n')).toMatch(/Accepted: carol \(approve\)/);
});
