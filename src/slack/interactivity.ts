/**
 * The Slack app's interactivity endpoint (DESIGN §2, §5.6, §6 "forged or unauthorised approval"):
 *
 *   POST /slack/interactivity   application/x-www-form-urlencoded, `payload=<block_actions JSON>`
 *
 * In order, and nothing is submitted unless every step passes:
 *   1. Slack's request signature over the RAW body, with a timestamp within five minutes → else 401
 *   2. the same signature not seen before within the replay window → else 409
 *   3. a `block_actions` payload: user id, action `approve` | `reject`, button value
 *      `{workflowId, runId, reportDigest}`, answers from the review-question inputs → else 400
 *   4. the Slack user maps to an approver → else 403
 *   5. an ApprovalDecision (via `slack`) signed with the Slack app's key is handed to `submit`
 *      (the workflow verifies and judges it like any other) → 200 with a short text
 *      (`submit` failing → 502).
 */
import { KeyObject } from 'node:crypto';
import Fastify, { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { describeZodError } from '../errors';
import { Envelope } from '../signing/dsse';
import { ApprovalDecision, signApproval } from '../approval/decision';
import { ANSWER_ACTION_ID, approvalButtonValueSchema, APPROVE_ACTION_ID, QUESTION_BLOCK_PREFIX, REJECT_ACTION_ID } from './blocks';
import { SLACK_SIGNATURE_HEADER, SLACK_TIMESTAMP_HEADER, SLACK_TIMESTAMP_TOLERANCE_SECONDS, verifySlackSignature } from './signature';

export const SLACK_INTERACTIVITY_PATH = '/slack/interactivity';

export interface SlackAppOptions {
  signingSecret: string;
  /** Signs decisions on behalf of verified Slack users; its public half is the policy's `slackAppPublicKey`. */
  slackAppKey: KeyObject;
  approverForSlackUser: (slackUserId: string) => string | null;
  /** Hands the signed decision to the workflow (an update); resolves to the book's answer. */
  submit: (envelope: Envelope) => Promise<{ accepted: boolean; reason: string }>;
  now?: () => Date;
  /**
   * How long a seen signature is remembered (default 300 s). A signature is always remembered at
   * least until its timestamp is too old to pass step 1, so no replay slips between the two checks.
   */
  replayWindowSeconds?: number;
  logger?: FastifyBaseLogger;
}

const actionSchema = z.object({
  action_id: z.enum([APPROVE_ACTION_ID, REJECT_ACTION_ID]),
  value: z.string().min(1),
});

const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1) }),
  actions: z.array(z.unknown()).min(1),
  state: z
    .object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))) })
    .optional(),
});

/** Remembers accepted signatures until they expire; bounded by Slack's own request rate. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  /** True when `signature` was already seen (a replay); otherwise remembers it until `untilMs`. */
  checkAndRemember(signature: string, untilMs: number, nowMs: number): boolean {
    for (const [sig, expires] of this.seen) if (expires <= nowMs) this.seen.delete(sig);
    if (this.seen.has(signature)) return true;
    this.seen.set(signature, untilMs);
    return false;
  }

  get size(): number {
    return this.seen.size;
  }
}

class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseBlockActions(raw: Buffer) {
  const form = new URLSearchParams(raw.toString('utf8'));
  const payloadText = form.get('payload');
  if (payloadText === null) throw new Refusal(400, 'expected a form field "payload"');
  let json: unknown;
  try {
    json = JSON.parse(payloadText);
  } catch {
    throw new Refusal(400, 'payload is not JSON');
  }
  const payload = blockActionsSchema.safeParse(json);
  if (!payload.success) throw new Refusal(400, `unsupported payload: ${describeZodError(payload.error)}`);
  const action = actionSchema.safeParse(payload.data.actions[0]);
  if (!action.success) throw new Refusal(400, `unsupported action: ${describeZodError(action.error)}`);
  let valueJson: unknown;
  try {
    valueJson = JSON.parse(action.data.value);
  } catch {
    throw new Refusal(400, 'button value is not JSON');
  }
  const value = approvalButtonValueSchema.safeParse(valueJson);
  if (!value.success) throw new Refusal(400, `button value: ${describeZodError(value.error)}`);
  const answers: Record<string, string> = {};
  for (const [blockId, inputs] of Object.entries(payload.data.state?.values ?? {})) {
    const answer = inputs[ANSWER_ACTION_ID]?.value;
    if (blockId.startsWith(QUESTION_BLOCK_PREFIX) && typeof answer === 'string') answers[blockId.slice(QUESTION_BLOCK_PREFIX.length)] = answer;
  }
  return { slackUserId: payload.data.user.id, decision: action.data.action_id, target: value.data, answers };
}

/** The endpoint as a fastify plugin (encapsulated: its raw-body parser affects only this route). */
export const slackInteractivity: FastifyPluginAsync<SlackAppOptions> = async (app, options) => {
  const now = options.now ?? (() => new Date());
  const windowMs = (options.replayWindowSeconds ?? SLACK_TIMESTAMP_TOLERANCE_SECONDS) * 1000;
  const replays = new ReplayGuard();

  // Slack signs the bytes it sent: keep them raw; nothing else is accepted on this route.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(SLACK_INTERACTIVITY_PATH, async (request, reply) => {
    const answer = (statusCode: number, text: string) => reply.code(statusCode).type('text/plain; charset=utf-8').send(text);
    try {
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new Refusal(400, 'expected an application/x-www-form-urlencoded body');
      const nowMs = now().getTime();
      const signature = header(request.headers[SLACK_SIGNATURE_HEADER]);
      const check = verifySlackSignature({
        signingSecret: options.signingSecret,
        timestamp: header(request.headers[SLACK_TIMESTAMP_HEADER]),
        signature,
        rawBody: raw,
        nowMs,
      });
      if (!check.ok) throw new Refusal(401, `refused: ${check.message}`);
      const rememberUntil = Math.max(nowMs + windowMs, (check.timestampSeconds + SLACK_TIMESTAMP_TOLERANCE_SECONDS) * 1000 + 1000);
      if (replays.checkAndRemember(signature as string, rememberUntil, nowMs)) throw new Refusal(409, 'refused: this request was already received (replay)');

      const click = parseBlockActions(raw);
      const approver = options.approverForSlackUser(click.slackUserId);
      if (approver === null) throw new Refusal(403, `refused: Slack user ${click.slackUserId} is not an approver in the policy`);
      const decision: ApprovalDecision = {
        runId: click.target.runId,
        workflowId: click.target.workflowId,
        reportDigest: click.target.reportDigest,
        decision: click.decision,
        approver,
        ...(Object.keys(click.answers).length > 0 ? { answers: click.answers } : {}),
        signedAt: now().toISOString(),
        via: 'slack',
        slackUserId: click.slackUserId,
      };
      const envelope = signApproval(decision, options.slackAppKey);
      let result: { accepted: boolean; reason: string };
      try {
        result = await options.submit(envelope);
      } catch (err) {
        request.log.warn({ err, workflowId: decision.workflowId }, 'could not submit a Slack approval');
        throw new Refusal(502, 'Gatehouse could not record this decision right now; please try again');
      }
      request.log.info({ workflowId: decision.workflowId, approver, decision: decision.decision, accepted: result.accepted }, 'Slack decision submitted');
      return answer(200, `${result.accepted ? 'Recorded' : 'Refused'}: ${result.reason}`);
    } catch (err) {
      if (err instanceof Refusal) {
        if (err.statusCode !== 502) request.log.warn({ status: err.statusCode }, err.message);
        return answer(err.statusCode, err.message);
      }
      throw err;
    }
  });
};

/** A fastify app serving only the interactivity endpoint. Listen with `app.listen({ port, host })`. */
export function createSlackApp(options: SlackAppOptions): FastifyInstance {
  const app = Fastify(options.logger ? { loggerInstance: options.logger } : { logger: false });
  void app.register(slackInteractivity, options);
  return app as unknown as FastifyInstance;
}
