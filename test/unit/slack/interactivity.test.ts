/**
 * The Slack interactivity endpoint over real HTTP (fastify `inject` cannot run under jest here).
 * DESIGN §6 "forged or unauthorised approval": forged, replayed and stale requests never reach `submit`.
 */
import { FastifyInstance } from 'fastify';
import { request } from 'undici';
import { approverKeysFromPolicy, slackAppKeyFromPolicy, verifyApproval } from '../../../src/approval/decision';
import { approverForSlackUserFrom } from '../../../src/approval/policy';
import { Envelope } from '../../../src/signing/dsse';
import { createSlackApp, ReplayGuard, SLACK_INTERACTIVITY_PATH } from '../../../src/slack/interactivity';
import { computeSlackSignature } from '../../../src/slack/signature';
import { after, book, lowestSafetyRate, policySection, REPORT, slackApp, WORKFLOW } from '../approval/fixtures';

const SECRET = 'slack-signing-secret-for-tests';
const section = policySection();

let app: FastifyInstance;
let url: string;
let clock: Date;
let submitted: Envelope[];
let answerWith: (envelope: Envelope) => Promise<{ accepted: boolean; reason: string }>;

beforeEach(async () => {
  clock = new Date(after(300));
  submitted = [];
  answerWith = async () => ({ accepted: true, reason: 'approval by carol accepted' });
  app = createSlackApp({
    signingSecret: SECRET,
    slackAppKey: slackApp.privateKey,
    approverForSlackUser: approverForSlackUserFrom(section),
    submit: async (envelope) => {
      submitted.push(envelope);
      return answerWith(envelope);
    },
    now: () => clock,
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  await app.close();
});

interface Click {
  user?: string;
  action?: string;
  value?: unknown;
  answers?: Record<string, string>;
  type?: string;
}

/** A block_actions payload shaped like the ones Slack sends for a button click. */
function clickPayload({ user = 'U0CAROL', action = 'approve', value, answers = {}, type = 'block_actions' }: Click = {}) {
  return {
    type,
    user: { id: user, username: 'someone', team_id: 'T0GATE' },
    api_app_id: 'A0GATE',
    team: { id: 'T0GATE', domain: 'gatehouse' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0APPROVALS' },
    trigger_id: '1234.5678.abcd',
    actions: [
      {
        action_id: action,
        block_id: 'gatehouse-decision',
        type: 'button',
        text: { type: 'plain_text', text: 'Approve' },
        value: typeof value === 'string' ? value : JSON.stringify(value ?? { workflowId: WORKFLOW, runId: 'run-1', reportDigest: REPORT }),
        action_ts: '1700000001.000200',
      },
    ],
    state: {
      values: Object.fromEntries(Object.entries(answers).map(([id, text]) => [`question:${id}`, { answer: { type: 'plain_text_input', value: text } }])),
    },
  };
}

const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

interface Sending {
  timestamp?: string;
  secret?: string;
  signature?: string;
  contentType?: string;
  omitHeaders?: boolean;
}

function signedRequest(body: string, sending: Sending = {}) {
  const timestamp = sending.timestamp ?? String(Math.floor(clock.getTime() / 1000));
  const signature = sending.signature ?? computeSlackSignature(sending.secret ?? SECRET, timestamp, body);
  return {
    body,
    headers: {
      'content-type': sending.contentType ?? 'application/x-www-form-urlencoded',
      ...(sending.omitHeaders ? {} : { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }),
    },
  };
}

async function send(req: { body: string; headers: Record<string, string> }) {
  const response = await request(`${url}${SLACK_INTERACTIVITY_PATH}`, { method: 'POST', headers: req.headers, body: req.body });
  return { status: response.statusCode, text: await response.body.text() };
}

describe('POST /slack/interactivity', () => {
  it('turns a verified click into an approval signed by the Slack app for the mapped approver, and answers 200', async () => {
    const result = await send(signedRequest(form(clickPayload({ answers: { 'lowest-safety-rate': 'jailbreak' } }))));
    expect(result).toEqual({ status: 200, text: 'Recorded: approval by carol accepted' });
    expect(submitted).toHaveLength(1);
    const verified = verifyApproval(submitted[0]!, approverKeysFromPolicy(section), slackAppKeyFromPolicy(section));
    expect(verified).toEqual({
      ok: true,
      decision: {
        runId: 'run-1',
        workflowId: WORKFLOW,
        reportDigest: REPORT,
        decision: 'approve',
        approver: 'carol',
        answers: { 'lowest-safety-rate': 'jailbreak' },
        signedAt: clock.toISOString(),
        via: 'slack',
        slackUserId: 'U0CAROL',
      },
    });
  });

  it('passes on a reject click and the workflow’s refusal, still answering 200', async () => {
    answerWith = async () => ({ accepted: false, reason: 'signed a stale report digest' });
    expect(await send(signedRequest(form(clickPayload({ action: 'reject' }))))).toEqual({ status: 200, text: 'Refused: signed a stale report digest' });
    expect(verifyApproval(submitted[0]!, new Map(), slackAppKeyFromPolicy(section))).toMatchObject({ ok: true, decision: { decision: 'reject' } });
  });

  it('refuses a forged request (signed with another secret) with 401 and submits nothing', async () => {
    const result = await send(signedRequest(form(clickPayload()), { secret: 'guessed-secret' }));
    expect(result).toEqual({ status: 401, text: 'refused: request signature does not match' });
    expect(submitted).toHaveLength(0);
  });

  it('refuses a body changed after Slack signed it (another user id) with 401', async () => {
    const genuine = signedRequest(form(clickPayload({ user: 'U0BOB' })));
    const edited = { ...genuine, body: form(clickPayload({ user: 'U0CAROL' })) };
    expect((await send(edited)).status).toBe(401);
    expect(submitted).toHaveLength(0);
  });

  it('refuses a replayed request with 409 and submits it only once', async () => {
    const once = signedRequest(form(clickPayload()));
    expect((await send(once)).status).toBe(200);
    clock = new Date(clock.getTime() + 60_000);
    expect(await send(once)).toEqual({ status: 409, text: 'refused: this request was already received (replay)' });
    expect(submitted).toHaveLength(1);
  });

  it('refuses a correctly signed request whose timestamp is more than five minutes old with 401', async () => {
    const old = String(Math.floor(clock.getTime() / 1000) - 301);
    const result = await send(signedRequest(form(clickPayload()), { timestamp: old }));
    expect(result.status).toBe(401);
    expect(result.text).toContain('more than 300s');
    expect(submitted).toHaveLength(0);
  });

  it('refuses a replay after the five minutes too: stale by then', async () => {
    const once = signedRequest(form(clickPayload()));
    expect((await send(once)).status).toBe(200);
    clock = new Date(clock.getTime() + 301_000);
    expect((await send(once)).status).toBe(401);
    expect(submitted).toHaveLength(1);
  });

  it('refuses a timestamp more than five minutes in the future with 401', async () => {
    const future = String(Math.floor(clock.getTime() / 1000) + 301);
    expect((await send(signedRequest(form(clickPayload()), { timestamp: future }))).status).toBe(401);
    expect(submitted).toHaveLength(0);
  });

  it('refuses a request without Slack’s signature headers with 401', async () => {
    expect((await send(signedRequest(form(clickPayload()), { omitHeaders: true }))).status).toBe(401);
    expect(submitted).toHaveLength(0);
  });

  it('refuses a click by a Slack user who is not an approver with 403', async () => {
    expect(await send(signedRequest(form(clickPayload({ user: 'U0STRANGER' }))))).toEqual({
      status: 403,
      text: 'refused: Slack user U0STRANGER is not an approver in the policy',
    });
    expect(submitted).toHaveLength(0);
  });

  it('refuses payloads that are not an approve/reject click on a Gatehouse button with 400', async () => {
    const bad = [
      form(clickPayload({ type: 'view_submission' })),
      form(clickPayload({ action: 'approve_all' })),
      form(clickPayload({ value: 'not json' })),
      form(clickPayload({ value: { workflowId: WORKFLOW, runId: 'run-1', reportDigest: 'short' } })),
      'payload=%7Bnot-json',
      'something=else',
    ];
    for (const body of bad) expect((await send(signedRequest(body))).status).toBe(400);
    expect(submitted).toHaveLength(0);
  });

  it('accepts a form body with a charset, and refuses JSON bodies (415) without submitting', async () => {
    expect((await send(signedRequest(form(clickPayload()), { contentType: 'application/x-www-form-urlencoded; charset=utf-8' }))).status).toBe(200);
    expect((await send(signedRequest(JSON.stringify(clickPayload()), { contentType: 'application/json' }))).status).toBe(415);
    expect(submitted).toHaveLength(1);
  });

  it('answers 502 when the decision cannot be handed to the workflow', async () => {
    answerWith = async () => {
      throw new Error('temporal unavailable');
    };
    expect((await send(signedRequest(form(clickPayload())))).status).toBe(502);
  });

  it('feeds the approval book end to end: a Slack click counts for its approver, an impostor’s does not', async () => {
    const b = book({ questions: [lowestSafetyRate] });
    const approverKeys = approverKeysFromPolicy(section);
    const slackKey = slackAppKeyFromPolicy(section);
    answerWith = async (envelope) => {
      const verified = verifyApproval(envelope, approverKeys, slackKey);
      if (!verified.decision) return { accepted: false, reason: verified.ok ? '' : verified.reason };
      return b.attempt(verified.decision, verified.ok ? true : verified.reason, clock.getTime());
    };
    expect((await send(signedRequest(form(clickPayload({ user: 'U0BOB', answers: { 'lowest-safety-rate': 'Jailbreak' } }))))).text).toBe(
      'Recorded: approval by bob accepted',
    );
    expect((await send(signedRequest(form(clickPayload({ user: 'U0ALICE', answers: { 'lowest-safety-rate': 'jailbreak' } }))))).text).toBe(
      'Refused: approver alice is the requester',
    );
    clock = new Date(clock.getTime() + 1000);
    expect((await send(signedRequest(form(clickPayload({ user: 'U0CAROL', answers: { 'lowest-safety-rate': 'jailbreak' } }))))).text).toBe(
      'Recorded: approval by carol accepted',
    );
    expect(b.state(clock.getTime())).toMatchObject({ status: 'approved', approvedBy: ['bob', 'carol'] });
    expect(b.attempts.map((a) => [a.approver, a.via, a.slackUserId, a.accepted])).toEqual([
      ['bob', 'slack', 'U0BOB', true],
      ['alice', 'slack', 'U0ALICE', false],
      ['carol', 'slack', 'U0CAROL', true],
    ]);
  });
});

describe('ReplayGuard', () => {
  it('remembers a signature until its expiry, then forgets it', () => {
    const guard = new ReplayGuard();
    expect(guard.checkAndRemember('v0=aa', 1000, 0)).toBe(false);
    expect(guard.checkAndRemember('v0=aa', 1000, 999)).toBe(true);
    expect(guard.checkAndRemember('v0=bb', 5000, 1000)).toBe(false);
    expect(guard.size).toBe(1);
    expect(guard.checkAndRemember('v0=aa', 2000, 1000)).toBe(false);
  });
});
