/**
 * Feedback tokens (DESIGN §6, "Canary steering"): the gateway issues, with each answer, a token that
 * is an HMAC of the answer's response id under a secret drawn at start; `POST /v1/feedback` is
 * counted only with the token issued for that id. Whoever did not receive the answer cannot rate it,
 * however they learnt its response id. Tokens die with the gateway, as the response ledger does.
 * The secret is the traffic split's (traffic-split.ts): a judged request's HMAC, computed for its
 * bucket, is its token too, so the request path computes one HMAC, not two.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { requestMac } from './traffic-split';

export class FeedbackTokens {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  /** The token for `responseId`; `mac`: its HMAC under this secret when already computed (`RoutedRequest.requestMac`). */
  issue(responseId: string, mac: Buffer = requestMac(this.secret, responseId)): string {
    return mac.toString('base64url');
  }

  /** Constant-time comparison with the token issued for `responseId`. */
  verify(responseId: string, token: string): boolean {
    const expected = Buffer.from(this.issue(responseId), 'utf8');
    const given = Buffer.from(token, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
