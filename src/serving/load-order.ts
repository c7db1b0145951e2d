/**
 * Load orders (DESIGN §6, "Backend swap"): the model host loads or unloads a deployment only when
 * handed a DSSE envelope signed by the pipeline key, bound to the action, the deployment id, the
 * artifact's root digest and an expiry. The deployment id is derived from the digest
 * (`deploymentIdFor`), so an id can never serve other content: "replacing" a deployment is
 * impossible, and an order can only ever (re)load or unload the very artifact it names.
 *
 * The signing half (`signLoadOrder`, `loadRequest`, `unloadRequest`) is what activities call (stage a
 * candidate; the saga's unstage step); the verifying half is the model host's edge.
 */
import { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { Envelope, envelopeSchema, signEnvelope, TooManySignatures, verifyEnvelopeByKeyId } from '../signing/dsse';

/** Its own payload type: an attestation or any other signed document can never pass as a load order. */
export const LOAD_ORDER_PAYLOAD_TYPE = 'application/vnd.gatehouse.load-order+json';
/** Signatures accepted per order; more is refused before any verification. */
export const MAX_ORDER_SIGNATURES = 4;
/** How long a freshly signed order stays valid: long enough for a large artifact's hashing to start. */
export const DEFAULT_ORDER_TTL_SECONDS = 300;

const hexDigest = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 digest: 64 lowercase hex characters');

export const loadOrderSchema = z.strictObject({
  action: z.enum(['load', 'unload']),
  deploymentId: z.string().min(1),
  artifactRootDigest: hexDigest,
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /**
   * Who holds the deployment (a pipeline run, `workflowId/runId`). One artifact has one deployment id,
   * so runs of the same artifact share it: an unload by one holder takes it down only when no other
   * holder is left. Absent: an operator's load, or an unload of every holder.
   */
  holder: z.string().min(1).max(512).optional(),
});
export type LoadOrder = z.infer<typeof loadOrderSchema>;
export type LoadAction = LoadOrder['action'];

/** A signed order as it travels: at most MAX_ORDER_SIGNATURES signatures (checked at the edge). */
export const signedOrderSchema = envelopeSchema.extend({
  signatures: envelopeSchema.shape.signatures.max(MAX_ORDER_SIGNATURES, `expected at most ${MAX_ORDER_SIGNATURES} signatures`),
});

/** The only id a deployment of this artifact can have. */
export function deploymentIdFor(artifactRootDigest: string): string {
  return `sha256-${hexDigest.parse(artifactRootDigest)}`;
}

export function signLoadOrder(order: LoadOrder, pipelineKey: KeyObject): Envelope {
  const parsed = loadOrderSchema.parse(order);
  return signEnvelope(Buffer.from(JSON.stringify(parsed), 'utf8'), LOAD_ORDER_PAYLOAD_TYPE, pipelineKey);
}

function freshOrder(action: LoadAction, artifactRootDigest: string, now: Date, ttlSeconds: number, holder: string | undefined): LoadOrder {
  return {
    action,
    deploymentId: deploymentIdFor(artifactRootDigest),
    artifactRootDigest,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
    ...(holder !== undefined ? { holder } : {}),
  };
}

export interface ModelHostCall {
  method: 'PUT' | 'DELETE';
  /** Appended to the model host's base URL. */
  path: string;
  body: { artifactPath: string; rootDigest: string; order: Envelope } | { order: Envelope };
  /** The deployment's base URL once loaded: what the gateway and the evaluation adapters call. */
  deploymentPath: string;
}

/** The signed PUT that loads `artifactPath` (which must hash to `artifactRootDigest`) on a model host. */
export function loadRequest(
  artifactPath: string,
  artifactRootDigest: string,
  pipelineKey: KeyObject,
  now = new Date(),
  ttlSeconds = DEFAULT_ORDER_TTL_SECONDS,
  holder?: string,
): ModelHostCall {
  const order = freshOrder('load', artifactRootDigest, now, ttlSeconds, holder);
  const path = `/v1/deployments/${order.deploymentId}`;
  return { method: 'PUT', path, deploymentPath: path, body: { artifactPath, rootDigest: artifactRootDigest, order: signLoadOrder(order, pipelineKey) } };
}

/** The signed DELETE that unloads the deployment of `artifactRootDigest` (idempotent at the host). */
export function unloadRequest(artifactRootDigest: string, pipelineKey: KeyObject, now = new Date(), ttlSeconds = DEFAULT_ORDER_TTL_SECONDS, holder?: string): ModelHostCall {
  const order = freshOrder('unload', artifactRootDigest, now, ttlSeconds, holder);
  const path = `/v1/deployments/${order.deploymentId}`;
  return { method: 'DELETE', path, deploymentPath: path, body: { order: signLoadOrder(order, pipelineKey) } };
}

export type OrderRefusalReason = 'untrusted_signature' | 'malformed' | 'expired' | 'not_yet_valid' | 'order_mismatch' | 'too_many_signatures';

export class OrderRefused extends Error {
  override name = 'OrderRefused';
  constructor(
    readonly reason: OrderRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The model host's check: signed by one of `pipelineKeys` (its own configuration), unexpired, and for
 * exactly this action, deployment id and digest. Returns the order; throws OrderRefused otherwise.
 */
export function verifyLoadOrder(
  envelope: Envelope,
  pipelineKeys: ReadonlyMap<string, KeyObject>,
  expected: { action: LoadAction; deploymentId: string; artifactRootDigest?: string },
  now: Date,
): LoadOrder {
  if (envelope.payloadType !== LOAD_ORDER_PAYLOAD_TYPE) {
    throw new OrderRefused('malformed', `payloadType: expected ${LOAD_ORDER_PAYLOAD_TYPE}`);
  }
  let verification;
  try {
    verification = verifyEnvelopeByKeyId(envelope, pipelineKeys, MAX_ORDER_SIGNATURES);
  } catch (err) {
    if (err instanceof TooManySignatures) throw new OrderRefused('too_many_signatures', err.message);
    throw err;
  }
  if (verification.trustedKeyIds.length === 0) {
    throw new OrderRefused('untrusted_signature', 'the load order is not signed by the pipeline key this model host trusts');
  }
  let json: unknown;
  try {
    json = JSON.parse(verification.payload.toString('utf8'));
  } catch {
    throw new OrderRefused('malformed', 'payload: expected base64-encoded JSON (a load order)');
  }
  const parsed = loadOrderSchema.safeParse(json);
  if (!parsed.success) throw new OrderRefused('malformed', `payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const order = parsed.data;
  if (order.action !== expected.action) throw new OrderRefused('order_mismatch', `the order is to ${order.action}, not to ${expected.action}`);
  if (order.deploymentId !== expected.deploymentId) {
    throw new OrderRefused('order_mismatch', `the order is for deployment ${order.deploymentId}, not ${expected.deploymentId}`);
  }
  if (order.deploymentId !== deploymentIdFor(order.artifactRootDigest)) {
    throw new OrderRefused('order_mismatch', `deployment id ${order.deploymentId} is not derived from the artifact digest ${order.artifactRootDigest}`);
  }
  if (expected.artifactRootDigest !== undefined && order.artifactRootDigest !== expected.artifactRootDigest) {
    throw new OrderRefused('order_mismatch', `the order is for artifact ${order.artifactRootDigest}, not ${expected.artifactRootDigest}`);
  }
  if (Date.parse(order.expiresAt) <= now.getTime()) throw new OrderRefused('expired', `the load order expired at ${order.expiresAt}`);
  if (Date.parse(order.issuedAt) > now.getTime() + 5 * 60_000) throw new OrderRefused('not_yet_valid', `the load order was issued in the future (${order.issuedAt})`);
  return order;
}
