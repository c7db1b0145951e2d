/**
 * Which slot a user's request goes to, and whether it is part of the canary's judged sample
 * (DESIGN §6, "Canary steering"; issue 17 item 5).
 *
 * - The gateway assigns every request its own id (also the `x-gatehouse-response-id` users rate).
 *   A request without a routing key gets its traffic bucket from a keyed hash of that id,
 *   HMAC-SHA256(gateway secret, id) (its first 48 bits): the client chooses neither, so it cannot
 *   choose its slot, and with the secret anyone auditing the gateway can recompute every assignment
 *   from the logs. These requests, and only these, are the judged sample: their outcomes, latencies,
 *   safety checks and ratings are the slots' measurements the canary judge reads.
 * - The same HMAC of the id is the answer's feedback token (feedback-tokens.ts, under the same
 *   secret): computed once per request, not twice. The token shows its holder the bucket of a request
 *   already answered, which the slot header tells anyway, and the next request has a new id.
 * - A request with a user-chosen `x-gatehouse-routing-key` stays sticky (the same key, the same
 *   bucket: routing.ts `stickyBucket`) but is NOT in the judged sample: a client that picks keys
 *   could otherwise place its requests, its aborts and its ratings on the slot it wants to move.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { RouteEntry, RoutingTable, stickyBucket } from './routing';

/** A user's request once routed: where it goes, the id the gateway gave it, whether the canary judges it. */
export interface RoutedRequest {
  route: RouteEntry;
  requestId: string;
  /** In the judged sample: the slot's measurements count it. False for a user-chosen routing key. */
  judged: boolean;
  /** HMAC-SHA256(gateway secret, requestId) when it was computed for the bucket (judged requests): the feedback token's. */
  requestMac: Buffer | undefined;
}

export type TrafficDecision = Omit<RoutedRequest, 'route'> & { route: RouteEntry | undefined };

/** HMAC-SHA256 of a gateway-assigned id under the gateway's secret: the judged bucket's and the feedback token's. */
export function requestMac(secret: Buffer, requestId: string): Buffer {
  return createHmac('sha256', secret).update(requestId, 'utf8').digest();
}

export class TrafficSplit {
  constructor(
    private readonly secret: Buffer = randomBytes(32),
    private readonly newRequestId: () => string = randomUUID,
  ) {}

  /** The bucket in [0, 1) of a gateway-assigned request id: a keyed hash the client cannot steer. */
  sampleBucket(requestId: string): number {
    return bucketOf(requestMac(this.secret, requestId));
  }

  /** Routes one request for `model` at `nowMs`; `route` is undefined when its bucket falls to a missing stable route. */
  decide(table: RoutingTable, model: string, routingKey: unknown, nowMs: number): TrafficDecision {
    const requestId = this.newRequestId();
    if (typeof routingKey === 'string' && routingKey !== '') {
      return { route: table.pick(model, stickyBucket(model, routingKey), nowMs), requestId, judged: false, requestMac: undefined };
    }
    const mac = requestMac(this.secret, requestId);
    return { route: table.pick(model, bucketOf(mac), nowMs), requestId, judged: true, requestMac: mac };
  }
}

function bucketOf(mac: Buffer): number {
  return mac.readUIntBE(0, 6) / 2 ** 48;
}
