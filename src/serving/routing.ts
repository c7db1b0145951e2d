/**
 * The gateway's routing table and the pure rules that read and change it (no I/O here).
 *
 * Per model, one route entry per slot. User traffic goes to `stable` and `canary` only (`staging`
 * is for the pipeline's evaluations, never users). A canary with weight w (percent) takes w% of the
 * model's requests; `stable` takes every request the canary does not. A stable entry's own weight is
 * recorded as attested (100 = full deployment) but does not shrink the stable share: traffic is
 * split by the canary's weight alone, so each canary step needs one attestation, not two.
 *
 * Leases (DESIGN §5.7): a canary's share holds only until its signed `leaseExpiresAt`; from then on
 * (or without a lease at all) the canary takes 0% and every request goes to stable, whether or not
 * the lease watch (canary-leases.ts) has yet written the drop down. So a canary whose workflow was
 * terminated or lost strands no traffic beyond one lease.
 *
 * Stickiness: a request with a routing key lands in a fixed bucket in [0, 1) derived from
 * sha256(model, key); it goes to the canary when its bucket is below the canary's share. Raising
 * the weight only moves more buckets over, so a user in the canary stays there as it grows.
 */
import * as crypto from 'node:crypto';
import { z } from 'zod';
import { ModelKind, modelKinds, Slot, slots } from '../signing/attestation';

const hexDigest = z.string().regex(/^[0-9a-f]{64}$/);

export const routeEntrySchema = z.strictObject({
  model: z.string().min(1),
  slot: z.enum(slots),
  /** Percent of the model's user traffic (for `canary`); as attested, for the record (`stable`). */
  weight: z.number().min(0).max(100),
  /** The backend's base URL: requests go to `${backendUrl}/v1/chat/completions`. */
  backendUrl: z.url(),
  /** The id the backend serves this artifact under (from its `/v1/models`), sent as `model` upstream. */
  backendModel: z.string().min(1),
  rootDigest: hexDigest,
  /**
   * The attested kind: `chat` routes answer `POST /v1/chat/completions` only, `classifier` routes
   * `POST /v1/models/{name}:predict` only. Absent (routes admitted before kinds existed): `chat`.
   */
  kind: z.enum(modelKinds).optional(),
  version: z.string().min(1),
  workflowId: z.string().min(1),
  runId: z.string().min(1),
  /** The attestation that set this route: its nonce and the sha256 of its payload (idempotency). */
  nonce: z.string().min(1),
  attestationDigest: hexDigest,
  updatedAt: z.iso.datetime(),
  /** A canary's lease, from its attestation: past it the canary takes no traffic (see `liveWeight`). */
  leaseExpiresAt: z.iso.datetime().optional(),
  /** Set when the gateway itself dropped an unrenewed canary to weight 0 (canary-leases.ts). */
  leaseExpiredAt: z.iso.datetime().optional(),
});
export type RouteEntry = z.infer<typeof routeEntrySchema>;

/** The kind a route serves (`chat` for routes admitted before kinds existed). */
export function routeKind(entry: Pick<RouteEntry, 'kind'>): ModelKind {
  return entry.kind ?? 'chat';
}

/** When a canary entry's share ends (ms since the epoch): its lease, or at once when it has none. */
export function leaseEndMs(entry: Pick<RouteEntry, 'leaseExpiresAt'>): number {
  return entry.leaseExpiresAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(entry.leaseExpiresAt);
}

/** The share (percent) an entry takes at `nowMs`: a canary's weight while its lease holds, else 0. */
export function liveWeight(entry: Pick<RouteEntry, 'slot' | 'weight' | 'leaseExpiresAt'>, nowMs: number): number {
  if (entry.slot !== 'canary') return entry.weight;
  return entry.weight > 0 && leaseEndMs(entry) > nowMs ? entry.weight : 0;
}

export class RoutingTable {
  private readonly byModel = new Map<string, Map<Slot, RouteEntry>>();
  /** model → its canary's lease end (ms), parsed once rather than per request. */
  private readonly canaryLeaseEnds = new Map<string, number>();

  constructor(entries: readonly RouteEntry[] = []) {
    for (const entry of entries) {
      const routes = this.byModel.get(entry.model) ?? new Map<Slot, RouteEntry>();
      routes.set(entry.slot, entry);
      this.byModel.set(entry.model, routes);
      if (entry.slot === 'canary') this.canaryLeaseEnds.set(entry.model, leaseEndMs(entry));
    }
  }

  /** The model's canary share (percent) at `nowMs`: 0 without a canary, at weight 0, or past its lease. */
  canaryShare(model: string, nowMs: number): number {
    const canary = this.get(model, 'canary');
    if (!canary || canary.weight <= 0) return 0;
    return (this.canaryLeaseEnds.get(model) ?? Number.NEGATIVE_INFINITY) > nowMs ? canary.weight : 0;
  }

  /** Canary entries with a weight > 0 whose lease has ended by `nowMs` (for the lease watch to drop). */
  lapsedCanaries(nowMs: number): RouteEntry[] {
    return this.entries().filter((entry) => entry.slot === 'canary' && entry.weight > 0 && this.canaryShare(entry.model, nowMs) === 0);
  }

  get(model: string, slot: Slot): RouteEntry | undefined {
    return this.byModel.get(model)?.get(slot);
  }

  /** Whether users can reach this model at `nowMs` (a stable route, or a canary with traffic under a live lease). */
  servesUsers(model: string, nowMs: number): boolean {
    const routes = this.byModel.get(model);
    return !!routes && (routes.has('stable') || this.canaryShare(model, nowMs) > 0);
  }

  /** Models users can reach at `nowMs`, sorted by name. */
  servedModels(nowMs: number): string[] {
    return [...this.byModel.keys()].filter((model) => this.servesUsers(model, nowMs)).sort();
  }

  /** The kind of model `model` is served as (every slot of a model has one kind; admission keeps it so); undefined when unrouted. */
  kindOf(model: string): ModelKind | undefined {
    const routes = this.byModel.get(model);
    const first = routes ? [...routes.values()][0] : undefined;
    return first ? routeKind(first) : undefined;
  }

  /** Every entry, sorted by model then slot. */
  entries(): RouteEntry[] {
    return [...this.byModel.keys()]
      .sort()
      .flatMap((model) => slots.flatMap((slot) => this.byModel.get(model)?.get(slot) ?? []));
  }

  /**
   * The route a request for `model` takes, given its traffic bucket in [0, 1); undefined when the
   * bucket falls to a stable route that does not exist (e.g. a first deployment still in canary).
   */
  pick(model: string, bucket: number, nowMs: number): RouteEntry | undefined {
    if (bucket * 100 < this.canaryShare(model, nowMs)) return this.get(model, 'canary');
    return this.get(model, 'stable');
  }

  /**
   * A new table with `entry` set. A full stable deployment (weight 100) of the artifact the canary
   * serves retires that canary: the candidate has been promoted and the two slots would be one.
   */
  withRoute(entry: RouteEntry): { table: RoutingTable; retired: RouteEntry[] } {
    const retired: RouteEntry[] = [];
    const next = this.entries().filter((existing) => {
      if (existing.model !== entry.model) return true;
      if (existing.slot === entry.slot) return false;
      const promotedCanary =
        entry.slot === 'stable' && entry.weight === 100 && existing.slot === 'canary' && existing.rootDigest === entry.rootDigest;
      if (promotedCanary) retired.push(existing);
      return !promotedCanary;
    });
    return { table: new RoutingTable([...next, entry]), retired };
  }
}

/**
 * SHA-256 in one call (`crypto.hash`, Node ≥ 20.12: no Hash object per call, a third of the cost on
 * the request path); the same digest through a Hash object on older Node 20 releases.
 */
const sha256: (data: string) => Buffer =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'buffer') : (data) => crypto.createHash('sha256').update(data, 'utf8').digest();

/** A request's fixed bucket in [0, 1) for a routing key (same model + key → same bucket, always): the first 48 bits of sha256(model, "\n", key). */
export function stickyBucket(model: string, routingKey: string): number {
  return sha256(`${model}\n${routingKey}`).readUIntBE(0, 6) / 2 ** 48;
}
