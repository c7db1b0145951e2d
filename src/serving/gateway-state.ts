/**
 * The gateway's durable state: routing table, nonces of accepted attestations, promotion log.
 *
 * All three live in ONE file (`gateway-state.json` under the data dir), written atomically, so an
 * admission is committed as a whole: a crash can never leave a nonce spent without its route (which
 * would make the retried promotion look like a replay) nor a route without its nonce (a replay hole).
 * Memory changes only after the file is written, so what is served is always what is on disk.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { slots } from '../signing/attestation';
import { DurableJsonFile } from './durable-json-file';
import { RouteEntry, routeEntrySchema, RoutingTable } from './routing';

export const GATEWAY_STATE_FILE = 'gateway-state.json';

const hexDigest = z.string().regex(/^[0-9a-f]{64}$/);

const nonceRecordSchema = z.strictObject({
  nonce: z.string().min(1),
  attestationDigest: hexDigest,
  acceptedAt: z.iso.datetime(),
  /** The attestation's own expiry: after it, the nonce could be forgotten (expiry refuses it first). */
  expiresAt: z.iso.datetime(),
});
export type NonceRecord = z.infer<typeof nonceRecordSchema>;

const routeSummarySchema = z.strictObject({
  slot: z.enum(slots),
  version: z.string(),
  rootDigest: hexDigest,
  weight: z.number(),
});

export const promotionRecordSchema = z.strictObject({
  sequence: z.number().int().min(1),
  at: z.iso.datetime(),
  model: z.string().min(1),
  slot: z.enum(slots),
  weight: z.number().min(0).max(100),
  version: z.string().min(1),
  rootDigest: hexDigest,
  backendUrl: z.string().min(1),
  workflowId: z.string().min(1),
  runId: z.string().min(1),
  policyDigest: hexDigest,
  approvers: z.array(z.string()),
  nonce: z.string().min(1),
  attestationDigest: hexDigest,
  /** What the slot served before this change (null: the slot was empty). */
  previous: routeSummarySchema.nullable(),
  /** Routes this change removed (a canary retired by the full promotion of its artifact). */
  retired: z.array(routeSummarySchema),
});
export type PromotionRecord = z.infer<typeof promotionRecordSchema>;

const gatewayStateFileSchema = z.strictObject({
  formatVersion: z.literal(1),
  routes: z.array(routeEntrySchema),
  nonces: z.array(nonceRecordSchema),
  promotions: z.array(promotionRecordSchema),
});

/** What an accepted attestation changes, beyond the route itself. */
export interface AdmissionRecord {
  route: RouteEntry;
  expiresAt: string;
  policyDigest: string;
  approvers: string[];
}

export class GatewayState {
  private constructor(
    private readonly file: DurableJsonFile<typeof gatewayStateFileSchema>,
    private table: RoutingTable,
    private nonces: ReadonlyMap<string, NonceRecord>,
    private promotions: readonly PromotionRecord[],
  ) {}

  /** Loads the state from `dataDir` (empty when there is no file yet; an error naming the file when it is corrupt). */
  static async open(dataDir: string): Promise<GatewayState> {
    const file = new DurableJsonFile(join(dataDir, GATEWAY_STATE_FILE), gatewayStateFileSchema);
    const saved = await file.read();
    return new GatewayState(
      file,
      new RoutingTable(saved?.routes ?? []),
      new Map((saved?.nonces ?? []).map((record) => [record.nonce, record])),
      saved?.promotions ?? [],
    );
  }

  get path(): string {
    return this.file.path;
  }

  get routingTable(): RoutingTable {
    return this.table;
  }

  acceptedNonce(nonce: string): NonceRecord | undefined {
    return this.nonces.get(nonce);
  }

  promotionLog(): readonly PromotionRecord[] {
    return this.promotions;
  }

  /** Commits an accepted attestation: route, nonce and log entry in one atomic write. */
  async recordAdmission({ route, expiresAt, policyDigest, approvers }: AdmissionRecord): Promise<PromotionRecord> {
    const previous = this.table.get(route.model, route.slot);
    const { table, retired } = this.table.withRoute(route);
    const promotion: PromotionRecord = {
      sequence: this.promotions.length + 1,
      at: route.updatedAt,
      model: route.model,
      slot: route.slot,
      weight: route.weight,
      version: route.version,
      rootDigest: route.rootDigest,
      backendUrl: route.backendUrl,
      workflowId: route.workflowId,
      runId: route.runId,
      policyDigest,
      approvers,
      nonce: route.nonce,
      attestationDigest: route.attestationDigest,
      previous: previous ? summaryOf(previous) : null,
      retired: retired.map(summaryOf),
    };
    const nonces = new Map(this.nonces).set(route.nonce, {
      nonce: route.nonce,
      attestationDigest: route.attestationDigest,
      acceptedAt: route.updatedAt,
      expiresAt,
    });
    const promotions = [...this.promotions, promotion];
    await this.file.write(() => ({ formatVersion: 1, routes: table.entries(), nonces: [...nonces.values()], promotions }));
    this.table = table;
    this.nonces = nonces;
    this.promotions = promotions;
    return promotion;
  }

  /**
   * Drops an unrenewed canary to weight 0 (its lease ended at `at`): one atomic write, like an
   * admission. The entry keeps the attestation that set it, marked `leaseExpiredAt`; no nonce is
   * spent and no promotion is logged, since nothing was attested: the signed lease simply ran out.
   */
  async expireCanaryLease(model: string, at: Date): Promise<RouteEntry | undefined> {
    const canary = this.table.get(model, 'canary');
    if (!canary || canary.weight === 0) return undefined;
    const lapsed: RouteEntry = { ...canary, weight: 0, leaseExpiredAt: at.toISOString() };
    const { table } = this.table.withRoute(lapsed);
    await this.file.write(() => ({ formatVersion: 1, routes: table.entries(), nonces: [...this.nonces.values()], promotions: [...this.promotions] }));
    this.table = table;
    return lapsed;
  }
}

function summaryOf(route: RouteEntry): z.infer<typeof routeSummarySchema> {
  return { slot: route.slot, version: route.version, rootDigest: route.rootDigest, weight: route.weight };
}
