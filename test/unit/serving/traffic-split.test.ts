/**
 * The judged sample's keyed hash and the feedback token are one HMAC of the gateway-assigned request
 * id (traffic-split.ts, feedback-tokens.ts): computed once on the request path, and still the token
 * that `POST /v1/feedback` checks by computing it again from the id alone.
 */
import { createHmac } from 'node:crypto';
import { FeedbackTokens } from '../../../src/serving/feedback-tokens';
import { RouteEntry, RoutingTable, stickyBucket } from '../../../src/serving/routing';
import { TrafficSplit } from '../../../src/serving/traffic-split';

const secret = Buffer.alloc(32, 3);
const NOW = Date.parse('2026-11-26T12:01:00.000Z');

function entry(slot: 'stable' | 'canary', weight: number): RouteEntry {
  return {
    model: 'assistant',
    slot,
    weight,
    backendUrl: `http://backend-${slot}.test`,
    backendModel: `assistant-${slot}`,
    rootDigest: (slot === 'stable' ? '1' : '2').repeat(64),
    version: slot === 'stable' ? '1.0.0' : '2.0.0',
    workflowId: 'deploy-assistant',
    runId: 'run-1',
    nonce: `nonce-${slot}`,
    attestationDigest: '0'.repeat(64),
    updatedAt: '2026-11-26T12:00:00.000Z',
    ...(slot === 'canary' ? { leaseExpiresAt: '2026-11-26T12:05:00.000Z' } : {}),
  };
}

const table = new RoutingTable([entry('stable', 100), entry('canary', 50)]);
const ids = Array.from({ length: 400 }, (_, i) => `request-${i}`);

describe('traffic split and feedback tokens: one HMAC per request', () => {
  test('a request without a routing key is judged, bucketed by the first 48 bits of HMAC-SHA256(secret, id)', () => {
    let next = 0;
    const split = new TrafficSplit(secret, () => ids[next++]!);
    const slots = ids.map(() => split.decide(table, 'assistant', undefined, NOW));
    for (const [i, decision] of slots.entries()) {
      const mac = createHmac('sha256', secret).update(ids[i]!, 'utf8').digest();
      expect(decision).toMatchObject({ requestId: ids[i], judged: true, requestMac: mac });
      expect(decision.route?.slot).toBe((mac.readUIntBE(0, 6) / 2 ** 48) * 100 < 50 ? 'canary' : 'stable');
      expect(split.sampleBucket(ids[i]!)).toBe(mac.readUIntBE(0, 6) / 2 ** 48);
    }
    const onCanary = slots.filter((d) => d.route?.slot === 'canary').length / slots.length;
    expect(onCanary).toBeGreaterThan(0.4);
    expect(onCanary).toBeLessThan(0.6);
  });

  test('a request with a routing key stays sticky, is not judged and carries no precomputed HMAC', () => {
    const split = new TrafficSplit(secret);
    const decision = split.decide(table, 'assistant', 'user-7', NOW);
    expect(decision).toMatchObject({ judged: false, requestMac: undefined });
    expect(decision.route?.slot).toBe(stickyBucket('assistant', 'user-7') * 100 < 50 ? 'canary' : 'stable');
  });

  test('the token issued from the routing HMAC is the one the feedback check recomputes; another secret\'s is refused', () => {
    const split = new TrafficSplit(secret, () => 'request-42');
    const tokens = new FeedbackTokens(secret);
    const decision = split.decide(table, 'assistant', undefined, NOW);
    const issued = tokens.issue(decision.requestId, decision.requestMac);
    expect(issued).toBe(tokens.issue('request-42'));
    expect(tokens.verify('request-42', issued)).toBe(true);
    expect(tokens.verify('request-43', issued)).toBe(false);
    expect(new FeedbackTokens(Buffer.alloc(32, 4)).verify('request-42', issued)).toBe(false);
  });
});
