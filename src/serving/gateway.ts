/**
 * The serving gateway (DESIGN §2): users' single entry point, routing each request to a model's
 * slot, and the only place routing changes, through attested admission (admission.ts).
 *
 *   POST /v1/chat/completions   OpenAI-compatible; routed by `model` to stable/canary (sticky with
 *                               the `x-gatehouse-routing-key` header); streamed through when
 *                               `stream: true`; answers carry `x-gatehouse-slot` and
 *                               `x-gatehouse-model-version`
 *                               and `x-gatehouse-response-id` (what a rating refers to)
 *   POST /v1/models/{name}:predict  KServe V1 predict, for classifier routes only (chat models are
 *                               never served here, classifiers never on the chat route); routed and
 *                               answered with the same headers; counted in /metrics
 *   POST /v1/feedback           { responseId, rating: 'up' | 'down' } → recorded | 404 | 409 (one rating per answer)
 *   GET  /v1/models             the models users can reach
 *   GET  /metrics               Prometheus: requests, errors (by kind), latency, safety checks, feedback per model and slot
 *   GET  /admin/v1/metrics      ?model=M&since=ISO&until=ISO → per slot, the interval buckets the canary
 *                               judge reads (slot-metrics.ts): counts, errors, latency samples,
 *                               flagged/checked, feedback up/down
 *   POST /admin/v1/routes       { attestation: Envelope } → applied | unchanged | 403 attestation_refused
 *   GET  /admin/v1/routes       the routing table
 *   GET  /admin/v1/promotions   every accepted routing change, in order
 *
 * Errors: `{ error: { type, message } }`, plus `reason` for `attestation_refused` (see admission.ts).
 * Status codes: 400 bad request body, 403 refused attestation, 404 unknown model, 502 backend failed,
 * 503 no route for this share of the model's traffic.
 *
 * Canary measurements (DESIGN §5.7) are the gateway's own observations of each routed request: its
 * outcome (anything but a well-formed 2xx answer delivered in full is an error, by kind), its latency
 * on the gateway's clock, a safety check of the answer's text and users' ratings. The answer is
 * checked AFTER it has been sent (`off-path-queue.ts`), so measuring adds no latency. Nothing a
 * backend reports about itself (timing headers, `usage` fields, its own metrics) is ever read
 * (DESIGN §6, "Metric manipulation"). The buckets persist under `slot-metrics/` in the data dir.
 */
import { KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import pino, { Logger } from 'pino';
import { Agent, Dispatcher, request as httpRequest } from 'undici';
import { z } from 'zod';
import type { RequestErrorKind } from '../canary/measurements';
import { parseWith } from '../errors';
import { gateNames, modelKinds, type ModelKind } from '../signing/attestation';
import { envelopeSchema } from '../signing/dsse';
import { keyIdOf, parsePublicKeyPem } from '../signing/keys';
import { AdmissionRefused, admitAttestation } from './admission';
import { AnswerCapture } from './answer-capture';
import { SerialQueue } from './durable-json-file';
import { GatewayMetrics } from './gateway-metrics';
import { GatewayState } from './gateway-state';
import { createServingApp, parseRequestBody, ServiceHandle, serviceHandle, ServingError } from './http';
import { ChatCompletionRequest, chatCompletionRequestSchema, messageText, ModelList, modelListSchema } from './openai-schemas';
import { predictTarget } from './classifier-model';
import { RouteEntry, routeKind, stickyBucket } from './routing';
import { slotMetricsConfigSchema, SlotObserver } from './slot-observer';

export { slotMetricsConfigSchema, type SlotMetricsConfig } from './slot-observer';

const requiredGateList = z.array(z.enum(gateNames)).min(1, 'expected at least one required gate');

export const gatewayConfigSchema = z.strictObject({
  port: z.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** Where the routing table, accepted nonces and promotion log live (`gateway-state.json`). */
  dataDir: z.string().min(1),
  /** PEM (SPKI) public keys of the pipeline: the only signers whose attestations change routing. */
  pipelinePublicKeys: z.array(z.string().min(1)).min(1, 'expected at least one pipeline public key'),
  /**
   * Gates every attestation must show as passed: one list for every model, or one list per kind of
   * model (`{ chat: [..., safety], classifier: [..., bias] }`), checked against the kind the
   * attestation was issued for. `not_applicable` is never a pass.
   */
  requiredGates: z.union([
    requiredGateList,
    z.strictObject(Object.fromEntries(modelKinds.map((kind) => [kind, requiredGateList])) as Record<ModelKind, typeof requiredGateList>),
  ]),
  /** Refuse attestations issued longer ago than this, even if not yet expired. */
  attestationMaxAgeSeconds: z.number().int().positive().optional(),
  /** Longest wait for a backend's response headers, and between two chunks of its body. Default 120 s. */
  backendTimeoutMs: z.number().int().positive().optional(),
  /** Canary measurements: bucket length, retention, sampling, safety rules (all optional). */
  slotMetrics: slotMetricsConfigSchema.optional(),
});
export type GatewayConfig = z.input<typeof gatewayConfigSchema>;

export interface GatewayOptions {
  logger?: Logger;
  /** Clock for attestation expiry (tests). */
  now?: () => Date;
  /** Traffic split for requests without a routing key (tests pass a fixed one). */
  random?: () => number;
  /** Seeds the latency reservoirs and the safety sampling (tests); default: random per start. */
  metricsSeed?: string;
}

export const ROUTING_KEY_HEADER = 'x-gatehouse-routing-key';
export const SLOT_HEADER = 'x-gatehouse-slot';
export const MODEL_VERSION_HEADER = 'x-gatehouse-model-version';
export const RESPONSE_ID_HEADER = 'x-gatehouse-response-id';

const DEFAULT_BACKEND_TIMEOUT_MS = 120_000;
const ADMISSION_BACKEND_TIMEOUT_MS = 10_000;

/**
 * An envelope with no signature still parses here, so that an unsigned attestation is refused as
 * such (403 untrusted_signature) rather than as a malformed request.
 */
const admissionRequestSchema = z.strictObject({
  attestation: envelopeSchema.extend({ signatures: z.array(envelopeSchema.shape.signatures.element) }),
});

/** KServe V1 predict: `instances` is required; other fields (e.g. `parameters`) pass through. */
const predictRequestSchema = z.looseObject({ instances: z.array(z.unknown()).min(1, 'expected at least one instance') });

const feedbackRequestSchema = z.strictObject({
  responseId: z.string().min(1).max(200),
  rating: z.enum(['up', 'down']),
});

const metricsQuerySchema = z.strictObject({
  model: z.string().min(1, 'expected the model whose metrics to read'),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});

export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<ServiceHandle> {
  const settings = parseWith(gatewayConfigSchema, config, 'gateway config');
  const logger: FastifyBaseLogger = options.logger ?? pino({ name: 'gatehouse-gateway' });
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const pipelineKeys = pipelineKeysFrom(settings.pipelinePublicKeys);
  const state = await GatewayState.open(settings.dataDir);
  const metrics = new GatewayMetrics();
  // Canary measurements: restored from disk first, so a corrupt file stops the start (never a reset).
  const measuring = settings.slotMetrics ?? slotMetricsConfigSchema.parse({});
  const { observer, restoredBuckets } = await SlotObserver.open({
    config: measuring,
    dataDir: settings.dataDir,
    prometheus: metrics,
    logger,
    now,
    ...(options.metricsSeed !== undefined ? { seed: options.metricsSeed } : {}),
  });

  const backendTimeoutMs = settings.backendTimeoutMs ?? DEFAULT_BACKEND_TIMEOUT_MS;
  // One keep-alive pool per backend origin, reused across requests.
  const backends = new Agent({ keepAliveTimeout: 30_000, headersTimeout: backendTimeoutMs, bodyTimeout: backendTimeoutMs });
  // One admission at a time: the nonce check and the commit must not interleave with another's.
  const admissions = new SerialQueue();

  const app = createServingApp(logger);
  app.addHook('onClose', async () => {
    await backends.close();
    // Answers already sent still get their checks, then everything measured is written.
    await observer.close();
  });
  logger.info(
    { routes: state.routingTable.entries().length, stateFile: state.path, restoredMetricBuckets: restoredBuckets },
    'gateway state loaded',
  );

  /** The route a user's request for `model` takes, refused unless the model is served as `kind` on that route. */
  const routeFor = (model: string, kind: ModelKind, routingKey: unknown): RouteEntry => {
    const table = state.routingTable;
    if (!table.servesUsers(model)) {
      throw new ServingError(404, 'model_not_found', `model ${JSON.stringify(model)} is not served by this gateway`);
    }
    const bucket = typeof routingKey === 'string' && routingKey !== '' ? stickyBucket(model, routingKey) : random();
    const route = table.pick(model, bucket);
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
    return route;
  };

  app.post('/v1/chat/completions', async (request, reply) => {
    const body = parseRequestBody(chatCompletionRequestSchema, request.body);
    const route = routeFor(body.model, 'chat', request.headers[ROUTING_KEY_HEADER]);
    const responseId = observer.routed(route);
    void reply.header(SLOT_HEADER, route.slot).header(MODEL_VERSION_HEADER, route.version).header(RESPONSE_ID_HEADER, responseId);

    const finishMeasurement = metrics.startRequest(route.model, route.slot);
    const startedAt = performance.now();
    let responseFinished = false;
    let upstreamBroke = false;
    /** Why this request failed, once known; unset for an answer that reached the user in full. */
    let failure: RequestErrorKind | undefined;
    let capture: AnswerCapture | undefined;
    let answerContentType: string | undefined;
    const cancelUpstream = new AbortController();
    reply.raw.once('finish', () => {
      responseFinished = true;
    });
    reply.raw.once('close', () => {
      // A client gone mid-answer should not keep the backend generating.
      if (!responseFinished) cancelUpstream.abort();
      finishMeasurement({ failed: !responseFinished || upstreamBroke || reply.statusCode >= 500 });
      const latencyMs = performance.now() - startedAt;
      const kind = failure ?? (responseFinished ? undefined : 'client_aborted');
      if (kind) observer.failed(route, kind);
      else if (capture) observer.answered(route, latencyMs, capture, answerContentType, () => lastUserText(body));
      // Neither: the handler threw before the backend answered, for a reason of the gateway's own
      // (it answered 500): not the slot's doing, so not one of its measurements.
    });

    let upstream: Dispatcher.ResponseData;
    try {
      upstream = await httpRequest(`${route.backendUrl}/v1/chat/completions`, {
        dispatcher: backends,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: body.stream ? 'text/event-stream' : 'application/json' },
        // The backend may serve the artifact under its own name (e.g. a vLLM model path).
        body: JSON.stringify({ ...body, model: route.backendModel }),
        signal: cancelUpstream.signal,
      });
    } catch (err) {
      failure = isTimeout(err) ? 'timeout' : 'unreachable';
      request.log.warn({ model: route.model, slot: route.slot, backend: route.backendUrl, err }, 'backend unreachable');
      throw new ServingError(502, 'backend_unavailable', `the ${route.slot} backend of model ${route.model} did not answer`);
    }
    if (upstream.statusCode >= 500) {
      failure = 'backend_5xx';
      await upstream.body.dump();
      request.log.warn({ model: route.model, slot: route.slot, status: upstream.statusCode }, 'backend failed');
      throw new ServingError(502, 'backend_error', `the ${route.slot} backend of model ${route.model} failed (HTTP ${upstream.statusCode})`);
    }
    // Passed on to the user as it is, but not an answer: an error of this slot.
    if (upstream.statusCode >= 400) failure = 'backend_4xx';
    else if (upstream.statusCode < 200 || upstream.statusCode >= 300) failure = 'malformed';
    upstream.body.once('error', (err) => {
      upstreamBroke = true;
      failure ??= cancelUpstream.signal.aborted ? 'client_aborted' : isTimeout(err) ? 'timeout' : 'broken_stream';
    });
    const contentType = upstream.headers['content-type'];
    answerContentType = Array.isArray(contentType) ? contentType[0] : contentType;
    void reply.code(upstream.statusCode).header('content-type', answerContentType ?? 'application/json');
    if (body.stream) void reply.header('cache-control', 'no-cache');
    // Passed through as a stream either way: SSE chunks reach the client as the backend sends them.
    // Only the status, the content type and the body go on: none of the backend's other headers
    // (nor anything it says about its own timing) reaches the user or the measurements.
    if (failure) return reply.send(upstream.body);
    // A good status: a copy of the answer is kept for the checks that run once it has been sent.
    capture = new AnswerCapture(measuring.maxCapturedAnswerBytes);
    pipeline(upstream.body, capture, () => undefined);
    return reply.send(capture);
  });

  // KServe V1 predict for classifier routes: the body passes through to the attested backend's predict route.
  app.post<{ Params: { target: string } }>('/v1/models/:target', async (request, reply) => {
    const model = predictTarget(request.params.target);
    if (model === null) throw new ServingError(404, 'not_found', 'unknown route: expected POST /v1/models/{name}:predict');
    const body = parseRequestBody(predictRequestSchema, request.body);
    const route = routeFor(model, 'classifier', request.headers[ROUTING_KEY_HEADER]);
    void reply.header(SLOT_HEADER, route.slot).header(MODEL_VERSION_HEADER, route.version);
    const finishMeasurement = metrics.startRequest(route.model, route.slot);
    let failed = true;
    try {
      let upstream: Dispatcher.ResponseData;
      try {
        upstream = await httpRequest(`${route.backendUrl}/v1/models/${encodeURIComponent(route.backendModel)}:predict`, {
          dispatcher: backends,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
        });
      } catch (err) {
        request.log.warn({ model: route.model, slot: route.slot, backend: route.backendUrl, err }, 'backend unreachable');
        throw new ServingError(502, 'backend_unavailable', `the ${route.slot} backend of model ${route.model} did not answer`);
      }
      if (upstream.statusCode >= 500) {
        await upstream.body.dump();
        throw new ServingError(502, 'backend_error', `the ${route.slot} backend of model ${route.model} failed (HTTP ${upstream.statusCode})`);
      }
      const text = await upstream.body.text();
      failed = upstream.statusCode >= 400;
      const contentType = upstream.headers['content-type'];
      return reply
        .code(upstream.statusCode)
        .header('content-type', (Array.isArray(contentType) ? contentType[0] : contentType) ?? 'application/json')
        .send(text);
    } finally {
      finishMeasurement({ failed });
    }
  });

  app.post('/v1/feedback', async (request) => {
    const { responseId, rating } = parseRequestBody(feedbackRequestSchema, request.body);
    const result = observer.rate(responseId, rating);
    if (result.status === 'unknown') {
      throw new ServingError(404, 'response_not_found', 'no recent answer has this response id (unknown, or too old to rate)');
    }
    if (result.status === 'already_rated') {
      throw new ServingError(409, 'feedback_already_recorded', `this answer was already rated ${result.rating}; one rating per answer`);
    }
    return { status: 'recorded', responseId, rating };
  });

  app.get('/admin/v1/metrics', async (request) => {
    const query = parseRequestBody(metricsQuerySchema, { ...(request.query as object) });
    const since = query.since ? Date.parse(query.since) : undefined;
    const until = query.until ? Date.parse(query.until) : undefined;
    if (since !== undefined && until !== undefined && until <= since) {
      throw new ServingError(400, 'invalid_request', 'until: expected a time after since');
    }
    return observer.report(query.model, since, until);
  });

  app.get('/v1/models', async () => {
    const table = state.routingTable;
    return {
      object: 'list',
      data: table.servedModels().map((model) => {
        const stable = table.get(model, 'stable');
        return {
          id: model,
          object: 'model',
          owned_by: 'gatehouse-gateway',
          ...(stable ? { gatehouse_version: stable.version, gatehouse_root_digest: stable.rootDigest } : {}),
        };
      }),
    };
  });

  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).send(body);
  });

  app.post('/admin/v1/routes', async (request) => {
    if (!hasAttestationField(request.body)) {
      throw new ServingError(
        403,
        'attestation_refused',
        'routing changes require a deployment attestation signed by the pipeline',
        'missing_attestation',
      );
    }
    const { attestation } = parseRequestBody(admissionRequestSchema, request.body);
    const admission = admissions.run(() =>
      admitAttestation(attestation, {
        policy: { pipelineKeys, requiredGates: settings.requiredGates, maxAgeSeconds: settings.attestationMaxAgeSeconds },
        state,
        now: now(),
        fetchServedModels: (backendUrl) => fetchServedModels(backends, backendUrl),
      }),
    );
    try {
      const result = await admission;
      const { model, slot, weight, version, workflowId } = result.route;
      request.log.info({ model, slot, weight, version, workflowId, status: result.status }, 'attestation admitted');
      return result;
    } catch (err) {
      if (err instanceof AdmissionRefused) {
        request.log.warn({ reason: err.reason }, `attestation refused: ${err.message}`);
        throw new ServingError(403, 'attestation_refused', err.message, err.reason);
      }
      throw err;
    }
  });

  app.get('/admin/v1/routes', async () => ({ routes: state.routingTable.entries() }));

  app.get('/admin/v1/promotions', async () => ({ promotions: state.promotionLog() }));

  return serviceHandle(app, { port: settings.port, host: settings.host });
}

/** undici's timeouts: waiting for headers, between two body chunks, or for the connection. */
function isTimeout(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** The last user message's text: what the safety check compares the answer with. */
function lastUserText(body: ChatCompletionRequest): string {
  const message = [...body.messages].reverse().find((m) => m.role === 'user');
  return message ? messageText(message) : '';
}

function pipelineKeysFrom(pems: readonly string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  pems.forEach((pem, index) => {
    const key = parsePublicKeyPem(pem, `gateway config: pipelinePublicKeys.${index}`);
    keys.set(keyIdOf(key), key);
  });
  return keys;
}

/** Any body without an `attestation` is an attempt to change routing unattested (§6 "Pipeline skip"). */
function hasAttestationField(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'attestation' in body && (body as { attestation: unknown }).attestation != null;
}

/**
 * `${backendUrl}/v1/models`, for the served-digest check. Unreachable or failing (5xx): a 502, so a
 * retried promotion can succeed once the backend is up. Answering but not vouching for an artifact
 * (4xx, not a model list): a refusal.
 */
async function fetchServedModels(backends: Agent, backendUrl: string): Promise<ModelList> {
  const unavailable = (detail: string) =>
    new ServingError(502, 'backend_unavailable', `cannot check what the attested backend serves: ${detail}`);
  let response: Dispatcher.ResponseData;
  try {
    response = await httpRequest(`${backendUrl}/v1/models`, {
      dispatcher: backends,
      headersTimeout: ADMISSION_BACKEND_TIMEOUT_MS,
      bodyTimeout: ADMISSION_BACKEND_TIMEOUT_MS,
    });
  } catch (err) {
    throw unavailable((err as Error).message);
  }
  if (response.statusCode >= 500) {
    await response.body.dump();
    throw unavailable(`GET /v1/models answered HTTP ${response.statusCode}`);
  }
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new AdmissionRefused('digest_mismatch', `the backend answered HTTP ${response.statusCode} to GET /v1/models: it serves no verifiable artifact`);
  }
  let json: unknown;
  try {
    json = await response.body.json();
  } catch {
    throw new AdmissionRefused('digest_mismatch', 'the backend answered GET /v1/models with something that is not JSON');
  }
  const parsed = modelListSchema.safeParse(json);
  if (!parsed.success) {
    throw new AdmissionRefused('digest_mismatch', 'the backend answered GET /v1/models with something that is not a model list');
  }
  return parsed.data;
}
