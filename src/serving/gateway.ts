/**
 * The serving gateway (DESIGN §2): users' single entry point, routing each request to a model's
 * slot, and the only place routing changes, through attested admission (admission.ts).
 *
 * Two listeners, one concern per fastify plugin (routes/):
 *   user port:   POST /v1/chat/completions (chat-completions.ts), POST /v1/models/{name}:predict
 *                (predict.ts), POST /v1/feedback (feedback.ts), GET /v1/models and GET /metrics (models.ts)
 *   admin port:  POST|GET /admin/v1/routes, GET /admin/v1/promotions (admin-routes.ts),
 *                GET /admin/v1/metrics (admin-metrics.ts); loopback by default, every request
 *                authenticated by the configured bearer token (admin-auth.ts), bodies capped at 64 KiB.
 *                No admin endpoint answers on the user port.
 *
 * Errors: `{ error: { type, message, reason? } }` (http.ts). Status codes: 400 bad request, 401 no
 * admin token, 403 refused attestation or feedback, 404 unknown model, 502 backend failed, 503 no
 * route for this share of the model's traffic, or a backend no longer serving its attested artifact.
 *
 * Canary measurements (DESIGN §5.7) are the gateway's own observations of each routed request; the
 * answer is checked AFTER it has been sent (`off-path-queue.ts`), so measuring adds no latency.
 * Nothing a backend reports about itself is ever read (DESIGN §6, "Metric manipulation").
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import pino, { Logger } from 'pino';
import { Agent } from 'undici';
import { z } from 'zod';
import { InputError, parseWith } from '../errors';
import { gateNames, modelKinds, type ModelKind } from '../signing/attestation';
import { keyIdOf, parsePublicKeyPem } from '../signing/keys';
import { readBytes } from '../yaml-file';
import { BackendWatch } from './backend-watch';
import { SerialQueue } from './durable-json-file';
import { FeedbackTokens } from './feedback-tokens';
import { GatewayMetrics } from './gateway-metrics';
import { GatewayState } from './gateway-state';
import { AdminTlsOptions, createServingApp, ServiceHandle, ServingError } from './http';
import { installAdminAuth } from './routes/admin-auth';
import { adminMetricsRoute } from './routes/admin-metrics';
import { adminRoutesRoute } from './routes/admin-routes';
import { chatCompletionsRoute } from './routes/chat-completions';
import type { GatewayContext } from './routes/context';
import { feedbackRoute } from './routes/feedback';
import { modelsRoute } from './routes/models';
import { predictRoute } from './routes/predict';
import { slotMetricsConfigSchema, SlotObserver } from './slot-observer';
import { CanaryLeaseWatch } from './canary-leases';
import { TrafficSplit } from './traffic-split';
import { randomBytes, type KeyObject } from 'node:crypto';

export { slotMetricsConfigSchema, type SlotMetricsConfig } from './slot-observer';
export { FEEDBACK_TOKEN_HEADER, MODEL_VERSION_HEADER, RESPONSE_ID_HEADER, ROUTING_KEY_HEADER, SLOT_HEADER } from './routes/context';

/** Admin request bodies (an attestation envelope is a few KiB) are refused beyond this, unread. */
export const ADMIN_BODY_LIMIT_BYTES = 64 * 1024;

const requiredGateList = z.array(z.enum(gateNames)).min(1, 'expected at least one required gate');

export const adminListenerSchema = z
  .strictObject({
    port: z.number().int().min(0).max(65535),
    /** Loopback by default: the admin API is for the pipeline's workers and operators, never users. */
    host: z.string().min(1).default('127.0.0.1'),
    /** Bearer token every admin request must carry (`authorization: Bearer <token>`). */
    token: z.string().min(32, 'expected a token of at least 32 characters').optional(),
    /** The same, read from a file (relative paths: from the working directory). */
    tokenFile: z.string().min(1).optional(),
    /**
     * mTLS besides the token: the admin listener serves HTTPS with `cert`/`key` and accepts only
     * clients presenting a certificate signed by the CA in `ca` (PEM files; relative paths: from the
     * working directory). A client without one does not get past the TLS handshake.
     */
    tls: z.strictObject({ ca: z.string().min(1), cert: z.string().min(1), key: z.string().min(1) }).optional(),
  })
  .refine((admin) => (admin.token === undefined) !== (admin.tokenFile === undefined), {
    message: 'expected exactly one of token or tokenFile: the admin API is never open',
  });

export const gatewayConfigSchema = z.strictObject({
  port: z.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** The environment this gateway serves: attestations issued for any other environment are refused. */
  environment: z.string().min(1),
  /** The admin API's own listener (routing changes, routing table, canary metrics). */
  admin: adminListenerSchema,
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
  /** How often every routed backend is re-checked for its attested digest (backend-watch.ts). Default 10 s. */
  backendCheckMs: z.number().int().min(50).default(10_000),
  /** How often canary leases are checked, to drop unrenewed canaries to weight 0 (canary-leases.ts). Default 1 s. */
  leaseCheckMs: z.number().int().min(50).default(1000),
  /** Canary measurements: bucket length, retention, sampling, safety rules (all optional). */
  slotMetrics: slotMetricsConfigSchema.optional(),
});
export type GatewayConfig = z.input<typeof gatewayConfigSchema>;

export interface GatewayOptions {
  logger?: Logger;
  /** Clock for attestation expiry (tests). */
  now?: () => Date;
  /** The request ids the traffic split hashes (tests pass fixed ones); default: random UUIDs. */
  requestIds?: () => string;
  /** The key of the traffic split and the feedback tokens (tests); default: 32 random bytes per start. */
  trafficSecret?: Buffer;
  /** Seeds the latency reservoirs and the safety sampling (tests); default: random per start. */
  metricsSeed?: string;
}

/** Both listeners: `listen()` starts them and resolves to the user URL; `adminUrl` is known from then on. */
export interface GatewayHandle extends ServiceHandle {
  readonly adminApp: FastifyInstance;
  readonly adminUrl: string;
}

const DEFAULT_BACKEND_TIMEOUT_MS = 120_000;

export async function createGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<GatewayHandle> {
  const settings = parseWith(gatewayConfigSchema, config, 'gateway config');
  const logger: FastifyBaseLogger = options.logger ?? pino({ name: 'gatehouse-gateway' });
  const now = options.now ?? (() => new Date());
  const adminToken = settings.admin.token ?? readBytes(settings.admin.tokenFile!, 'gateway admin token').toString('utf8').trim();
  if (adminToken.length < 32) throw new InputError(`admin.tokenFile: expected a token of at least 32 characters in ${settings.admin.tokenFile}`, 'gateway config');
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
  const backends = new Agent({ keepAliveTimeout: 30_000, headersTimeout: backendTimeoutMs, bodyTimeout: backendTimeoutMs });
  const admissions = new SerialQueue();
  // One secret for the judged sample's keyed hash and the feedback tokens: one HMAC per request serves both.
  const requestSecret = options.trafficSecret ?? randomBytes(32);
  const gateway: GatewayContext = {
    logger,
    now,
    traffic: new TrafficSplit(requestSecret, options.requestIds),
    leases: new CanaryLeaseWatch({ intervalMs: settings.leaseCheckMs, state, admissions, registry: metrics.registry, logger, now }),
    admissionPolicy: {
      pipelineKeys: pipelineKeysFrom(settings.pipelinePublicKeys),
      requiredGates: settings.requiredGates,
      environment: settings.environment,
      ...(settings.attestationMaxAgeSeconds !== undefined ? { maxAgeSeconds: settings.attestationMaxAgeSeconds } : {}),
    },
    state,
    metrics,
    observer,
    feedbackTokens: new FeedbackTokens(requestSecret),
    backends,
    admissions,
    watch: new BackendWatch({ intervalMs: settings.backendCheckMs, state, backends, metrics, logger }),
    maxCapturedAnswerBytes: measuring.maxCapturedAnswerBytes,
  };

  const userApp = createServingApp(logger);
  void userApp.register(chatCompletionsRoute, { gateway });
  void userApp.register(predictRoute, { gateway });
  void userApp.register(feedbackRoute, { gateway });
  void userApp.register(modelsRoute, { gateway });

  const adminTls = settings.admin.tls ? adminTlsOptions(settings.admin.tls) : undefined;
  const adminApp = createServingApp(logger.child({ listener: 'admin' }), { bodyLimit: ADMIN_BODY_LIMIT_BYTES, ...(adminTls ? { https: adminTls } : {}) });
  installAdminAuth(adminApp, adminToken, { requireClientCertificate: adminTls !== undefined });
  refuseOversizedBodies(adminApp, ADMIN_BODY_LIMIT_BYTES);
  void adminApp.register(adminRoutesRoute, { gateway });
  void adminApp.register(adminMetricsRoute, { gateway });

  userApp.addHook('onClose', async () => {
    await gateway.watch.close();
    await gateway.leases.close();
    await backends.close();
    // Answers already sent still get their checks, then everything measured is written.
    await observer.close();
  });
  logger.info(
    { routes: state.routingTable.entries().length, stateFile: state.path, restoredMetricBuckets: restoredBuckets, environment: settings.environment },
    'gateway state loaded',
  );

  let adminUrl: string | undefined;
  return {
    app: userApp,
    adminApp,
    get adminUrl(): string {
      if (adminUrl === undefined) throw new Error('the gateway admin listener is not listening yet');
      return adminUrl;
    },
    async listen(port = settings.port, host = settings.host) {
      adminUrl = await adminApp.listen({ port: settings.admin.port, host: settings.admin.host });
      return userApp.listen({ port, host });
    },
    async close() {
      await adminApp.close();
      await userApp.close();
    },
  };
}

/**
 * A declared body over the limit is refused before a byte of it is read, and the connection is
 * closed, so the sender cannot make the gateway read (and discard) the rest of it.
 */
function refuseOversizedBodies(app: FastifyInstance, limitBytes: number): void {
  app.addHook('onRequest', async (request, reply) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      void reply.header('connection', 'close');
      throw new ServingError(413, 'body_too_large', `request body of ${declared} bytes exceeds the admin limit of ${limitBytes} bytes`);
    }
  });
}

/** The admin listener's TLS: its own certificate, and client certificates required, from the configured CA only. */
function adminTlsOptions(files: { ca: string; cert: string; key: string }): AdminTlsOptions {
  return {
    ca: readBytes(files.ca, 'gateway admin.tls.ca'),
    cert: readBytes(files.cert, 'gateway admin.tls.cert'),
    key: readBytes(files.key, 'gateway admin.tls.key'),
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  };
}

function pipelineKeysFrom(pems: readonly string[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  pems.forEach((pem, index) => {
    const key = parsePublicKeyPem(pem, `gateway config: pipelinePublicKeys.${index}`);
    keys.set(keyIdOf(key), key);
  });
  return keys;
}
