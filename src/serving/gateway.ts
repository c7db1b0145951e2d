/**
 * The serving gateway (DESIGN §2): users' single entry point, routing each request to a model's
 * slot, and the only place routing changes, through attested admission (admission.ts).
 *
 *   POST /v1/chat/completions   OpenAI-compatible; routed by `model` to stable/canary (sticky with
 *                               the `x-gatehouse-routing-key` header); streamed through when
 *                               `stream: true`; answers carry `x-gatehouse-slot` and
 *                               `x-gatehouse-model-version`
 *   GET  /v1/models             the models users can reach
 *   GET  /metrics               Prometheus: requests, errors, latency per model and slot
 *   POST /admin/v1/routes       { attestation: Envelope } → applied | unchanged | 403 attestation_refused
 *   GET  /admin/v1/routes       the routing table
 *   GET  /admin/v1/promotions   every accepted routing change, in order
 *
 * Errors: `{ error: { type, message } }`, plus `reason` for `attestation_refused` (see admission.ts).
 * Status codes: 400 bad request body, 403 refused attestation, 404 unknown model, 502 backend failed,
 * 503 no route for this share of the model's traffic.
 */
import { KeyObject } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import pino, { Logger } from 'pino';
import { Agent, Dispatcher, request as httpRequest } from 'undici';
import { z } from 'zod';
import { parseWith } from '../errors';
import { gateNames } from '../signing/attestation';
import { envelopeSchema } from '../signing/dsse';
import { keyIdOf, parsePublicKeyPem } from '../signing/keys';
import { AdmissionRefused, admitAttestation } from './admission';
import { SerialQueue } from './durable-json-file';
import { GatewayMetrics } from './gateway-metrics';
import { GatewayState } from './gateway-state';
import { createServingApp, parseRequestBody, ServiceHandle, serviceHandle, ServingError } from './http';
import { chatCompletionRequestSchema, ModelList, modelListSchema } from './openai-schemas';
import { stickyBucket } from './routing';

export const gatewayConfigSchema = z.strictObject({
  port: z.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** Where the routing table, accepted nonces and promotion log live (`gateway-state.json`). */
  dataDir: z.string().min(1),
  /** PEM (SPKI) public keys of the pipeline: the only signers whose attestations change routing. */
  pipelinePublicKeys: z.array(z.string().min(1)).min(1, 'expected at least one pipeline public key'),
  /** Gates every attestation must show as passed. */
  requiredGates: z.array(z.enum(gateNames)).min(1, 'expected at least one required gate'),
  /** Refuse attestations issued longer ago than this, even if not yet expired. */
  attestationMaxAgeSeconds: z.number().int().positive().optional(),
  /** Longest wait for a backend's response headers, and between two chunks of its body. Default 120 s. */
  backendTimeoutMs: z.number().int().positive().optional(),
});
export type GatewayConfig = z.input<typeof gatewayConfigSchema>;

export interface GatewayOptions {
  logger?: Logger;
  /** Clock for attestation expiry (tests). */
  now?: () => Date;
  /** Traffic split for requests without a routing key (tests pass a fixed one). */
  random?: () => number;
}

export const ROUTING_KEY_HEADER = 'x-gatehouse-routing-key';
export const SLOT_HEADER = 'x-gatehouse-slot';
export const MODEL_VERSION_HEADER = 'x-gatehouse-model-version';

const DEFAULT_BACKEND_TIMEOUT_MS = 120_000;
const ADMISSION_BACKEND_TIMEOUT_MS = 10_000;

/**
 * An envelope with no signature still parses here, so that an unsigned attestation is refused as
 * such (403 untrusted_signature) rather than as a malformed request.
 */
const admissionRequestSchema = z.strictObject({
  attestation: envelopeSchema.extend({ signatures: z.array(envelopeSchema.shape.signatures.element) }),
});

export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<ServiceHandle> {
  const settings = parseWith(gatewayConfigSchema, config, 'gateway config');
  const logger: FastifyBaseLogger = options.logger ?? pino({ name: 'gatehouse-gateway' });
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const pipelineKeys = pipelineKeysFrom(settings.pipelinePublicKeys);
  const state = await GatewayState.open(settings.dataDir);
  const metrics = new GatewayMetrics();
  const backendTimeoutMs = settings.backendTimeoutMs ?? DEFAULT_BACKEND_TIMEOUT_MS;
  // One keep-alive pool per backend origin, reused across requests.
  const backends = new Agent({ keepAliveTimeout: 30_000, headersTimeout: backendTimeoutMs, bodyTimeout: backendTimeoutMs });
  // One admission at a time: the nonce check and the commit must not interleave with another's.
  const admissions = new SerialQueue();

  const app = createServingApp(logger);
  app.addHook('onClose', async () => {
    await backends.close();
  });
  logger.info({ routes: state.routingTable.entries().length, stateFile: state.path }, 'gateway state loaded');

  app.post('/v1/chat/completions', async (request, reply) => {
    const body = parseRequestBody(chatCompletionRequestSchema, request.body);
    const table = state.routingTable;
    if (!table.servesUsers(body.model)) {
      throw new ServingError(404, 'model_not_found', `model ${JSON.stringify(body.model)} is not served by this gateway`);
    }
    const routingKey = request.headers[ROUTING_KEY_HEADER];
    const bucket = typeof routingKey === 'string' && routingKey !== '' ? stickyBucket(body.model, routingKey) : random();
    const route = table.pick(body.model, bucket);
    if (!route) {
      throw new ServingError(503, 'no_route', `model ${body.model} has no stable route for this share of its traffic`);
    }
    void reply.header(SLOT_HEADER, route.slot).header(MODEL_VERSION_HEADER, route.version);

    const finishMeasurement = metrics.startRequest(route.model, route.slot);
    let responseFinished = false;
    let upstreamBroke = false;
    const cancelUpstream = new AbortController();
    reply.raw.once('finish', () => {
      responseFinished = true;
    });
    reply.raw.once('close', () => {
      // A client gone mid-answer should not keep the backend generating.
      if (!responseFinished) cancelUpstream.abort();
      finishMeasurement({ failed: !responseFinished || upstreamBroke || reply.statusCode >= 500 });
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
      request.log.warn({ model: route.model, slot: route.slot, backend: route.backendUrl, err }, 'backend unreachable');
      throw new ServingError(502, 'backend_unavailable', `the ${route.slot} backend of model ${route.model} did not answer`);
    }
    if (upstream.statusCode >= 500) {
      await upstream.body.dump();
      request.log.warn({ model: route.model, slot: route.slot, status: upstream.statusCode }, 'backend failed');
      throw new ServingError(502, 'backend_error', `the ${route.slot} backend of model ${route.model} failed (HTTP ${upstream.statusCode})`);
    }
    upstream.body.once('error', () => {
      upstreamBroke = true;
    });
    void reply.code(upstream.statusCode).header('content-type', upstream.headers['content-type'] ?? 'application/json');
    if (body.stream) void reply.header('cache-control', 'no-cache');
    // Passed through as a stream either way: SSE chunks reach the client as the backend sends them.
    return reply.send(upstream.body);
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
