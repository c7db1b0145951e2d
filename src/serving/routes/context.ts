/**
 * What every gateway route plugin shares: the gateway's state and collaborators, built once by
 * `createGateway` (../gateway.ts) and handed to each plugin as its options; plus the routing
 * decision every user route makes (`routeFor`).
 */
import type { KeyObject } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Agent } from 'undici';
import type { ModelKind } from '../../signing/attestation';
import type { BackendWatch } from '../backend-watch';
import type { SerialQueue } from '../durable-json-file';
import type { FeedbackTokens } from '../feedback-tokens';
import type { GatewayMetrics } from '../gateway-metrics';
import type { GatewayState } from '../gateway-state';
import { ServingError } from '../http';
import { routeKind, type RouteEntry } from '../routing';
import type { CanaryLeaseWatch } from '../canary-leases';
import type { RoutedRequest, TrafficSplit } from '../traffic-split';
import type { AdmissionPolicy } from '../admission';
import type { SlotObserver } from '../slot-observer';

export const ROUTING_KEY_HEADER = 'x-gatehouse-routing-key';
export const SLOT_HEADER = 'x-gatehouse-slot';
export const MODEL_VERSION_HEADER = 'x-gatehouse-model-version';
export const RESPONSE_ID_HEADER = 'x-gatehouse-response-id';
/** Issued with each answer; `POST /v1/feedback` needs it (feedback-tokens.ts). */
export const FEEDBACK_TOKEN_HEADER = 'x-gatehouse-feedback-token';

export interface GatewayContext {
  logger: FastifyBaseLogger;
  now: () => Date;
  /** Slot and judged-sample assignment by a keyed hash of a gateway-assigned request id (traffic-split.ts). */
  traffic: TrafficSplit;
  /** Drops unrenewed canary weights to 0 (canary-leases.ts). */
  leases: CanaryLeaseWatch;
  /** Whom the gateway trusts and what it demands (its own configuration only). */
  admissionPolicy: AdmissionPolicy & { pipelineKeys: ReadonlyMap<string, KeyObject> };
  state: GatewayState;
  metrics: GatewayMetrics;
  observer: SlotObserver;
  feedbackTokens: FeedbackTokens;
  /** One keep-alive pool per backend origin, reused across requests. */
  backends: Agent;
  /** One admission at a time: the nonce check and the commit must not interleave with another's. */
  admissions: SerialQueue;
  watch: BackendWatch;
  /** Answers larger than this are not captured for the checks. */
  maxCapturedAnswerBytes: number;
}

/** The route a user's request for `model` takes, refused unless the model is served as `kind` on that route and its backend still serves the attested artifact. */
export function routeFor(gateway: GatewayContext, model: string, kind: ModelKind, routingKey: unknown): RoutedRequest {
  const table = gateway.state.routingTable;
  const nowMs = gateway.now().getTime();
  if (!table.servesUsers(model, nowMs)) {
    throw new ServingError(404, 'model_not_found', `model ${JSON.stringify(model)} is not served by this gateway`);
  }
  // Slot, request id and judged sample: traffic-split.ts (a keyed hash; a user's routing key is sticky, never judged).
  const { route, requestId, judged, requestMac } = gateway.traffic.decide(table, model, routingKey, nowMs);
  if (!route) {
    throw new ServingError(503, 'no_route', `model ${model} has no stable route for this share of its traffic`);
  }
  // A classifier never answers on the chat route, a chat model never on the predict route: the
  // kind is the attested one, so no request can reach a model by the other kind's route.
  const servedAs = routeKind(route);
  if (servedAs !== kind) {
    const use = servedAs === 'classifier' ? `POST /v1/models/${model}:predict` : 'POST /v1/chat/completions';
    throw new ServingError(400, 'wrong_model_kind', `model ${model} is served as a ${servedAs} model: use ${use}`);
  }
  const swapped = gateway.watch.problem(route);
  if (swapped !== undefined) throw new ServingError(503, 'backend_not_attested', swapped);
  return { route, requestId, judged, requestMac };
}

/** A backend URL split for undici's dispatch API; parsed once per route entry (entries are immutable). */
export interface BackendTarget {
  origin: string;
  /** The backend's base path (a model host deployment's `/v1/deployments/<id>`), no trailing slash. */
  basePath: string;
}

const targets = new WeakMap<RouteEntry, BackendTarget>();

export function backendTarget(route: RouteEntry): BackendTarget {
  let target = targets.get(route);
  if (!target) {
    const url = new URL(route.backendUrl);
    target = { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
    targets.set(route, target);
  }
  return target;
}

/** undici's timeouts: waiting for headers, between two body chunks, or for the connection. */
export function isTimeout(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}
