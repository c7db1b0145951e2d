/**
 * Which slot a user's request goes to, and whether it is part of the canary's judged sample
 * (DESIGN §6, "Canary steering"; issue 17 item 5).
 *
 * - The gateway assigns every request its own id (also the `x-gatehouse-response-id` users rate).
 *   A request without a routing key gets its traffic bucket from a keyed hash of that id,
 *   HMAC-SHA256(gateway secret, model + id): the client chooses neither, so it cannot choose its slot,
 *   and with the secret anyone auditing the gateway can recompute every assignment from the logs.
 *   These requests, and only these, are the judged sample: their outcomes, latencies, safety checks
 *   and ratings are the slots' measurements the canary judge reads.
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
}

export type TrafficDecision = { route: RouteEntry | undefined; requestId: string; judged: boolean };

export class TrafficSplit {
  constructor(
    private readonly secret: Buffer = randomBytes(32),
    private readonly newRequestId: () => string = randomUUID,
  ) {}

  /** The bucket in [0, 1) of a gateway-assigned request id: a keyed hash the client cannot steer. */
  sampleBucket(model: string, requestId: string): number {
    const mac = createHmac('sha256', this.secret).update(model, 'utf8').update('\n').update(requestId, 'utf8').digest();
    return mac.readUIntBE(0, 6) / 2 ** 48;
  }

  /** Routes one request for `model` at `nowMs`; `route` is undefined when its bucket falls to a missing stable route. */
  decide(table: RoutingTable, model: string, routingKey: unknown, nowMs: number): TrafficDecision {
    const requestId = this.newRequestId();
    const keyed = typeof routingKey === 'string' && routingKey !== '';
    const bucket = keyed ? stickyBucket(model, routingKey) : this.sampleBucket(model, requestId);
    return { route: table.pick(model, bucket, nowMs), requestId, judged: !keyed };
  }
}
