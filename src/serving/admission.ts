/**
 * Gateway admission (DESIGN §6, "Pipeline skip" and "Direct deployment"): a routing change is made
 * only for a deployment attestation that
 *   1. is signed by a pipeline key from the gateway's OWN configuration (at most
 *      MAX_ATTESTATION_SIGNATURES signatures, each tried against the key its keyid names only),
 *      unexpired, with every required gate passed (verifyAttestation), not older than the configured
 *      maximum age, and issued for the environment this gateway serves;
 *   2. carries a nonce never accepted before (accepted nonces are persisted with the routes);
 *   3. names an artifact that the backend it points to really serves (`gatehouse_root_digest` of
 *      `${backend.url}/v1/models` equals the attested root digest);
 *   4. is for the kind of model (chat | classifier) the model's other routes serve, and, when the
 *      backend says which kind it serves (`gatehouse_kind`), for that kind: the route records the
 *      attested kind, and the gateway serves a chat model on the chat route only and a classifier on
 *      the predict route only. The gates required are those the configuration lists for that kind.
 *   5. names as its backend a model host deployment of that very artifact: a URL ending in
 *      `/v1/deployments/sha256-<attested root digest>` (load-order.ts), the deployment a model host
 *      loaded and hashed itself on a pipeline-signed order. An external endpoint is evaluated by the
 *      pipeline, never served (DESIGN §6, "Backend swap").
 *   6. for a canary with traffic: no other candidate's canary of this model has traffic (one active
 *      canary per model, so two canaries never share one slot's measurements); a canary at weight 0
 *      (rolled back, or not started) or past its lease is no obstacle.
 *   7. for a canary with traffic: a signed lease (`leaseExpiresAt`) still in the future. The canary
 *      renews it with a newer attestation; unrenewed, the share lapses to 0 (routing.ts, canary-leases.ts).
 * Only then is the backend contacted at all: its URL comes from the signed payload.
 *
 * Idempotency: the very attestation that set the current route for its model and slot is answered
 * `unchanged` (a retried promotion activity must neither fail nor deploy twice); any other reuse of
 * a nonce is a replay and is refused.
 * Callers must run admissions one at a time: the nonce check and the commit form one step.
 */
import { createHash, KeyObject } from 'node:crypto';
import type { Envelope } from '../signing/dsse';
import { deploymentIdFor } from './load-order';
import {
  AttestationPredicate,
  AttestationRefusal,
  AttestationRefused,
  attestedKind,
  RequiredGates,
  verifyAttestation,
} from '../signing/attestation';
import type { ModelList } from './openai-schemas';
import type { GatewayState, PromotionRecord } from './gateway-state';
import { liveWeight, type RouteEntry } from './routing';

export type AdmissionRefusalReason = AttestationRefusal | 'missing_attestation' | 'replayed_nonce' | 'digest_mismatch' | 'kind_mismatch' | 'not_a_model_host' | 'canary_in_progress' | 'missing_lease';

export class AdmissionRefused extends Error {
  override name = 'AdmissionRefused';
  constructor(
    readonly reason: AdmissionRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** Whom the gateway trusts and what it demands: from its own configuration only. */
export interface AdmissionPolicy {
  pipelineKeys: ReadonlyMap<string, KeyObject>;
  /** One list for every model, or one per kind (e.g. safety for chat, bias for classifiers). */
  requiredGates: RequiredGates;
  maxAgeSeconds?: number;
  /** The gateway's own environment: an attestation for any other is refused. */
  environment: string;
}

/** Signatures accepted per attestation envelope; more is refused before any verification. */
export const MAX_ATTESTATION_SIGNATURES = 4;

export interface AdmissionContext {
  policy: AdmissionPolicy;
  state: GatewayState;
  now: Date;
  /**
   * Reads `${backendUrl}/v1/models`. Throws AdmissionRefused('digest_mismatch') when the backend
   * answers but cannot vouch for any artifact, or another error when it cannot be reached.
   */
  fetchServedModels: (backendUrl: string) => Promise<ModelList>;
}

export type AdmissionResult =
  | { status: 'applied'; route: RouteEntry; promotion: PromotionRecord }
  | { status: 'unchanged'; route: RouteEntry };

export async function admitAttestation(envelope: Envelope, context: AdmissionContext): Promise<AdmissionResult> {
  const { policy, state, now } = context;
  const predicate = verifiedPredicate(envelope, policy, now);
  const attestationDigest = createHash('sha256').update(Buffer.from(envelope.payload, 'base64')).digest('hex');

  if (state.acceptedNonce(predicate.nonce)) {
    const current = state.routingTable.get(predicate.model, predicate.slot);
    if (current?.attestationDigest === attestationDigest) return { status: 'unchanged', route: current };
    throw new AdmissionRefused('replayed_nonce', `attestation nonce ${predicate.nonce} was already used; each attestation admits one change`);
  }

  // One model name, one kind: a classifier attested under a chat model's name (or the reverse) would
  // put another kind of model behind the same routes.
  const kind = attestedKind(predicate);
  const servedKind = state.routingTable.kindOf(predicate.model);
  if (servedKind !== undefined && servedKind !== kind) {
    throw new AdmissionRefused('kind_mismatch', `model ${predicate.model} is served as a ${servedKind} model; an attestation for a ${kind} model cannot route it`);
  }

  const leaseEnd = predicate.leaseExpiresAt === undefined ? undefined : Date.parse(predicate.leaseExpiresAt);
  if (predicate.slot === 'canary' && predicate.weight > 0 && (leaseEnd === undefined || !(leaseEnd > now.getTime()))) {
    throw new AdmissionRefused(
      'missing_lease',
      predicate.leaseExpiresAt === undefined
        ? 'a canary weight above 0 needs a signed lease (leaseExpiresAt): an unrenewed canary must fall back to 0 by itself'
        : `the canary lease ended at ${predicate.leaseExpiresAt}: the canary must renew it with a newer attestation`,
    );
  }

  const activeCanary = state.routingTable.get(predicate.model, 'canary');
  if (
    predicate.slot === 'canary' &&
    predicate.weight > 0 &&
    activeCanary !== undefined &&
    liveWeight(activeCanary, now.getTime()) > 0 &&
    (activeCanary.rootDigest !== predicate.artifactRootDigest || activeCanary.workflowId !== predicate.workflowId)
  ) {
    throw new AdmissionRefused(
      'canary_in_progress',
      `model ${predicate.model} already has a canary with traffic (version ${activeCanary.version}, run ${activeCanary.workflowId}, ${activeCanary.weight}%): one active canary per model; roll it back or promote it first`,
    );
  }

  const backendUrl = predicate.backend.url.replace(/\/+$/, '');
  const deploymentPath = `/v1/deployments/${deploymentIdFor(predicate.artifactRootDigest)}`;
  if (!new URL(backendUrl).pathname.replace(/\/+$/, '').endsWith(deploymentPath)) {
    throw new AdmissionRefused(
      'not_a_model_host',
      `the attested backend ${backendUrl} is not a model host deployment of the attested artifact (expected a URL ending in ${deploymentPath}): external endpoints are evaluated, never served`,
    );
  }
  const served = await context.fetchServedModels(backendUrl);
  const match = served.data.find((model) => model.gatehouse_root_digest === predicate.artifactRootDigest);
  if (!match) {
    const reported = served.data.map((model) => `${model.id}=${model.gatehouse_root_digest ?? 'no digest'}`).join(', ') || 'nothing';
    throw new AdmissionRefused(
      'digest_mismatch',
      `the backend serves ${reported}, not the attested artifact ${predicate.artifactRootDigest}`,
    );
  }

  const reportedKind = (match as { gatehouse_kind?: unknown }).gatehouse_kind;
  if (reportedKind !== undefined && reportedKind !== kind) {
    throw new AdmissionRefused('kind_mismatch', `the backend serves the attested artifact as a ${String(reportedKind)} model, but the attestation is for a ${kind} model`);
  }

  const route: RouteEntry = {
    model: predicate.model,
    slot: predicate.slot,
    weight: predicate.weight,
    backendUrl,
    backendModel: match.id,
    rootDigest: predicate.artifactRootDigest,
    kind,
    version: predicate.version,
    workflowId: predicate.workflowId,
    runId: predicate.runId,
    nonce: predicate.nonce,
    attestationDigest,
    updatedAt: now.toISOString(),
    ...(predicate.slot === 'canary' && predicate.weight > 0 && predicate.leaseExpiresAt !== undefined ? { leaseExpiresAt: predicate.leaseExpiresAt } : {}),
  };
  const promotion = await state.recordAdmission({
    route,
    expiresAt: predicate.expiresAt,
    policyDigest: predicate.policyDigest,
    approvers: predicate.approvers,
  });
  return { status: 'applied', route, promotion };
}

function verifiedPredicate(envelope: Envelope, policy: AdmissionPolicy, now: Date): AttestationPredicate {
  let predicate: AttestationPredicate;
  try {
    predicate = verifyAttestation(envelope, policy.pipelineKeys, policy.requiredGates, now, { maxSignatures: MAX_ATTESTATION_SIGNATURES });
  } catch (err) {
    if (err instanceof AttestationRefused) throw new AdmissionRefused(err.reason, err.message);
    throw err;
  }
  if (predicate.environment !== policy.environment) {
    throw new AdmissionRefused('wrong_environment', `attestation is for environment ${predicate.environment}; this gateway serves ${policy.environment}`);
  }
  if (policy.maxAgeSeconds !== undefined && now.getTime() - Date.parse(predicate.issuedAt) > policy.maxAgeSeconds * 1000) {
    throw new AdmissionRefused('expired', `attestation issued at ${predicate.issuedAt} is older than ${policy.maxAgeSeconds} s`);
  }
  return predicate;
}
