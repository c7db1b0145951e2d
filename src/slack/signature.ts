/**
 * Slack request signatures, as Slack documents them ("Verifying requests from Slack"):
 * `x-slack-signature: v0=<hex>` where hex = HMAC-SHA256(signing secret, `v0:${timestamp}:${rawBody}`)
 * over the raw request body exactly as received, and `x-slack-request-timestamp` (Unix seconds) no
 * more than five minutes from the local clock, either way. Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SLACK_SIGNATURE_HEADER = 'x-slack-signature';
export const SLACK_TIMESTAMP_HEADER = 'x-slack-request-timestamp';
/** Slack: "If the request timestamp is more than five minutes from local time, it could be a replay attack". */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export function computeSlackSignature(signingSecret: string, timestamp: string, rawBody: string | Buffer): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const mac = createHmac('sha256', signingSecret).update(Buffer.from(`v0:${timestamp}:`, 'utf8')).update(body);
  return `v0=${mac.digest('hex')}`;
}

export type SlackSignatureRefusal = 'missing_headers' | 'malformed_timestamp' | 'stale_timestamp' | 'future_timestamp' | 'bad_signature';

export type SlackSignatureCheck = { ok: true; timestampSeconds: number } | { ok: false; reason: SlackSignatureRefusal; message: string };

export interface SlackSignatureInput {
  signingSecret: string;
  /** `x-slack-request-timestamp` as received. */
  timestamp: string | undefined;
  /** `x-slack-signature` as received. */
  signature: string | undefined;
  /** The body bytes exactly as received (never a re-serialised parse). */
  rawBody: string | Buffer;
  nowMs: number;
  toleranceSeconds?: number;
}

export function verifySlackSignature(input: SlackSignatureInput): SlackSignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers', message: `missing ${SLACK_SIGNATURE_HEADER} or ${SLACK_TIMESTAMP_HEADER}` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed_timestamp', message: `${SLACK_TIMESTAMP_HEADER} is not Unix seconds` };
  const seconds = Number(timestamp);
  const tolerance = input.toleranceSeconds ?? SLACK_TIMESTAMP_TOLERANCE_SECONDS;
  const skew = input.nowMs / 1000 - seconds;
  if (skew > tolerance) return { ok: false, reason: 'stale_timestamp', message: `request timestamp is ${Math.floor(skew)}s old (more than ${tolerance}s)` };
  if (-skew > tolerance) return { ok: false, reason: 'future_timestamp', message: `request timestamp is ${Math.floor(-skew)}s in the future (more than ${tolerance}s)` };
  const expected = Buffer.from(computeSlackSignature(input.signingSecret, timestamp, input.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; a length mismatch reveals only the (public) signature format.
  const matches = given.length === expected.length && timingSafeEqual(given, expected);
  if (!matches) return { ok: false, reason: 'bad_signature', message: 'request signature does not match' };
  return { ok: true, timestampSeconds: seconds };
}
