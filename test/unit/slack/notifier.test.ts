/** The notifier against a local recorder standing in for Slack's Web API (`slackApiUrl`). */
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SlackNotifier } from '../../../src/slack/notifier';
import { ApprovalRequestView, reminderReply } from '../../../src/slack/blocks';

interface RecordedCall {
  method: string;
  authorization: string | undefined;
  contentType: string | undefined;
  params: Record<string, string>;
}

let server: Server;
let apiUrl: string;
let calls: RecordedCall[];
let failWith: string | null;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    calls.push({ method: (req.url ?? '').replace('/api/', ''), authorization: req.headers.authorization, contentType: req.headers['content-type'], params });
    res.setHeader('content-type', 'application/json');
    if (failWith) return res.end(JSON.stringify({ ok: false, error: failWith }));
    res.end(JSON.stringify({ ok: true, channel: params.channel, ts: `1700000000.00010${calls.length}`, message: {} }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  calls = [];
  failWith = null;
});

const view: ApprovalRequestView = {
  workflowId: 'deploy-support-assistant-2.4.0-production',
  runId: 'run-1',
  model: 'support-assistant',
  version: '2.4.0',
  environment: 'production',
  requester: 'alice',
  reportDigest: 'e'.repeat(64),
  reportUrl: 'https://gatehouse.example/r/1',
  tier: 'high',
  tierReasons: ['production environment'],
  gates: [{ gate: 'safety', verdict: 'pass', reason: 'all categories above threshold' }],
  approvalsRequired: 2,
  requiredRoles: ['safety'],
  expiresAt: '2026-11-27T09:00:00.000Z',
  questions: [],
};

const notifier = () => new SlackNotifier({ token: 'xoxb-test-token', channel: 'C0APPROVALS', slackApiUrl: apiUrl });

describe('SlackNotifier (chat.postMessage through @slack/web-api)', () => {
  it('posts the approval request to the channel with the bot token and the Block Kit blocks', async () => {
    const posted = await notifier().postApprovalRequest(view);
    expect(posted).toEqual({ channel: 'C0APPROVALS', ts: '1700000000.000101' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({ method: 'chat.postMessage', authorization: 'Bearer xoxb-test-token' });
    expect(call!.params.channel).toBe('C0APPROVALS');
    expect(call!.params.text).toBe('Approval needed: support-assistant 2.4.0 → production');
    const blocks = JSON.parse(call!.params.blocks!) as { type: string; elements?: { action_id: string; value: string }[] }[];
    const buttons = blocks.find((b) => b.type === 'actions')?.elements ?? [];
    expect(buttons.map((b) => b.action_id)).toEqual(['approve', 'reject']);
    expect(JSON.parse(buttons[0]!.value)).toMatchObject({ workflowId: view.workflowId, reportDigest: view.reportDigest });
    expect(call!.params.thread_ts).toBeUndefined();
  });

  it('posts reminders as replies in the request’s thread', async () => {
    const n = notifier();
    const request = await n.postApprovalRequest(view);
    const reply = reminderReply({ kind: 'remind', workflowId: view.workflowId, approvedBy: [], approvalsRequired: 2, missingRoles: ['safety'], expiresAt: view.expiresAt, escalationRole: 'release-manager' });
    await n.postThreadReply(request, reply);
    expect(calls[1]!.params).toMatchObject({ channel: 'C0APPROVALS', thread_ts: request.ts, text: reply.text });
  });

  it('fails loudly when Slack answers ok: false, so the calling activity retries', async () => {
    failWith = 'channel_not_found';
    await expect(notifier().postApprovalRequest(view)).rejects.toThrow('channel_not_found');
    expect(calls).toHaveLength(1);
  });
});
