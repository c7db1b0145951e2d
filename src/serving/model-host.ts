/**
 * The embedded model backend (DESIGN §2 "Model backends"): loads a verified artifact into a
 * deployment and serves it, OpenAI-compatible, under the deployment's base URL.
 *
 *   PUT    /v1/deployments/:id                         { artifactPath, rootDigest, order } → load (verified)
 *   GET    /v1/deployments/:id                         → { id, rootDigest, model, simulated }
 *   DELETE /v1/deployments/:id                         { order } → unload (idempotent)
 *   GET    /v1/deployments/:id/v1/models               → what this deployment serves, with its root digest
 *   POST   /v1/deployments/:id/v1/chat/completions     → OpenAI chat completion (SSE when `stream: true`)
 *   POST   /v1/deployments/:id/v1/models/{name}:predict → KServe V1 predict (classifier artifacts only)
 *   GET    /v1/deployments/:id/metrics                 → Prometheus text (peak memory when the model declares it)
 *
 * Loading and unloading need a load order signed by the pipeline key (load-order.ts), for this very
 * action, deployment id and digest, unexpired: 403 `load_order_refused` otherwise. The id is derived
 * from the digest (`sha256-<root digest>`), so a deployment can never be swapped for other content.
 * An artifact is loaded only when its root digest, hashed here, equals the digest the caller expects;
 * the spec that is served is the very `model.json` that was hashed. Deployments are persisted and
 * re-verified at every start: an artifact changed on disk since is not served. Every model served
 * here is SIMULATED (see simulated-chat-model.ts) and says so, except a classifier artifact
 * (`model.json` of kind `logistic-regression`, classifier-model.ts): a small real model whose
 * predictions are computed from its weights, served only through the predict route. A spec's
 * `maxConcurrency` caps the requests one deployment serves at once (the rest queue for their service
 * time). A spec's `errors` makes a share of requests fail after their service time (HTTP 500, or a
 * 200 whose body is not a chat completion), drawn from a generator seeded per deployment.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import pino, { Logger } from 'pino';
import { z } from 'zod';
import { InputError, parseWith } from '../errors';
import { keyIdOf, parsePublicKeyPem } from '../signing/keys';
import { deploymentIdFor, LoadAction, OrderRefused, signedOrderSchema, verifyLoadOrder } from './load-order';
import { hashArtifact } from '../integrity/hash-artifact';
import { DurableJsonFile, KeyedSerialQueue } from './durable-json-file';
import { createServingApp, parseRequestBody, ServiceHandle, serviceHandle, ServingError } from './http';
import { chatCompletionRequestSchema, messageText } from './openai-schemas';
import { createRng } from '../stats';
import {
  ConcurrencyLimiter,
  failureSeed,
  respondChat,
  SIMULATED_CHAT_SPEC_FILE,
  SimulatedChatSpec,
  simulatedChatSpecSchema,
  simulatedFailure,
  SimulatedFailureKind,
  simulatedModelMetrics,
} from './simulated-chat-model';
import { classifierModelMetrics, ClassifierSpec, classifierSpecSchema, modelKindOfSpec, predictClassifier, predictTarget } from './classifier-model';
import type { ModelKind } from '../signing/attestation';

/** What a deployment serves: a simulated chat model or a (real) classifier, told apart by `kind`. */
type ServedSpec = SimulatedChatSpec | ClassifierSpec;

export const modelHostConfigSchema = z.strictObject({
  port: z.number().int().min(0).max(65535),
  host: z.string().min(1),
  /** Where the deployment list is persisted (file `model-host-deployments.json`). */
  dataDir: z.string().min(1),
  /** PEM (SPKI) public keys of the pipeline: the only signers whose load orders load or unload a model. */
  pipelinePublicKeys: z.array(z.string().min(1)).min(1, 'expected at least one pipeline public key'),
});
export type ModelHostConfig = z.input<typeof modelHostConfigSchema>;

export interface ModelHostOptions {
  logger?: Logger;
  /** Hashing threads per artifact (default: one per core). */
  hashConcurrency?: number;
  /** Clock for load-order expiry (tests). */
  now?: () => Date;
  /**
   * Source of randomness for simulated latency jitter and tail (tests pass a fixed one). Default: a
   * hash of each request's conversation, so the same prompt always takes the same simulated time.
   */
  random?: () => number;
}

export const MODEL_HOST_DEPLOYMENTS_FILE = 'model-host-deployments.json';
export const MODEL_HOST_OWNER = 'gatehouse-model-host';

const hexDigest = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 digest: 64 lowercase hex characters');
export const deploymentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'expected 1-128 characters: letters, digits, ".", "_", "-"');

export const deployRequestSchema = z.strictObject({
  artifactPath: z.string().min(1).refine(isAbsolute, 'expected an absolute path to the artifact directory'),
  rootDigest: hexDigest,
  /** A load order signed by the pipeline key (load-order.ts). */
  order: signedOrderSchema,
});
const undeployRequestSchema = z.strictObject({ order: signedOrderSchema });
export type DeployRequest = z.infer<typeof deployRequestSchema>;

const deploymentRecordSchema = z.strictObject({
  id: deploymentIdSchema,
  artifactPath: z.string().min(1),
  rootDigest: hexDigest,
  deployedAt: z.iso.datetime(),
  /** The runs holding this deployment (load orders' `holder`): the last one to unload takes it down. */
  holders: z.array(z.string()).default([]),
});
type DeploymentRecord = z.infer<typeof deploymentRecordSchema>;

const deploymentsFileSchema = z.strictObject({
  formatVersion: z.literal(1),
  deployments: z.array(deploymentRecordSchema),
});

/** `ready`: verified and served; `unverified`: persisted, but failed re-verification at start. */
type HostedDeployment =
  | (DeploymentRecord & { state: 'ready'; spec: ServedSpec; sizeBytes: number })
  | (DeploymentRecord & { state: 'unverified'; problem: string });
type ReadyDeployment = Extract<HostedDeployment, { state: 'ready' }>;

/** The public view of a deployment (`GET /v1/deployments/:id`). */
export interface DeploymentView {
  id: string;
  rootDigest: string;
  model: string;
  /** true for simulated chat models, false for a classifier. */
  simulated: boolean;
  /** What the verified `model.json` is: the pipeline takes the model's kind from here, never from a request. */
  kind: ModelKind;
}

/** The holders with `holder` added once (an order without a holder adds none). */
function withHolder(holders: readonly string[], holder: string | undefined): string[] {
  return holder === undefined || holders.includes(holder) ? [...holders] : [...holders, holder];
}

export async function createModelHost(config: ModelHostConfig, options: ModelHostOptions = {}): Promise<ServiceHandle> {
  const { port, host, dataDir, pipelinePublicKeys } = parseWith(modelHostConfigSchema, config, 'model host config');
  const logger: FastifyBaseLogger = options.logger ?? pino({ name: 'gatehouse-model-host' });
  const now = options.now ?? (() => new Date());
  const pipelineKeys = new Map(
    pipelinePublicKeys.map((pem, index) => {
      const key = parsePublicKeyPem(pem, `model host config: pipelinePublicKeys.${index}`);
      return [keyIdOf(key), key] as const;
    }),
  );
  /** Refuses (403) anything but a pipeline-signed, unexpired order for exactly this change. */
  const checkOrder = (body: { order: z.infer<typeof signedOrderSchema> }, action: LoadAction, id: string, rootDigest?: string) => {
    try {
      return verifyLoadOrder(body.order, pipelineKeys, { action, deploymentId: id, ...(rootDigest ? { artifactRootDigest: rootDigest } : {}) }, now());
    } catch (err) {
      if (!(err instanceof OrderRefused)) throw err;
      logger.warn({ deployment: id, action, reason: err.reason }, `load order refused: ${err.message}`);
      throw new ServingError(403, 'load_order_refused', err.message, err.reason);
    }
  };
  const random = options.random;
  // One queue per loaded deployment (a redeploy gets a fresh one): the spec's maxConcurrency.
  const limiters = new WeakMap<ReadyDeployment, ConcurrencyLimiter>();
  const limiterOf = (deployment: ReadyDeployment): ConcurrencyLimiter => {
    let limiter = limiters.get(deployment);
    if (!limiter) limiters.set(deployment, (limiter = new ConcurrencyLimiter(deployment.spec.kind === 'simulated-chat' ? deployment.spec.maxConcurrency : undefined)));
    return limiter;
  };
  // One seeded generator per loaded deployment (a redeploy starts it afresh): the spec's `errors` draws.
  const failureDraws = new WeakMap<ReadyDeployment, () => number>();
  const failureDrawOf = (deployment: ReadyDeployment, spec: SimulatedChatSpec): (() => number) => {
    let draw = failureDraws.get(deployment);
    if (!draw) {
      const rng = createRng(failureSeed(spec));
      failureDraws.set(deployment, (draw = () => rng.nextFloat()));
    }
    return draw;
  };
  const verify = (artifactPath: string, rootDigest: string) =>
    loadVerifiedSpec(artifactPath, rootDigest, options.hashConcurrency);

  const stateFile = new DurableJsonFile(join(dataDir, MODEL_HOST_DEPLOYMENTS_FILE), deploymentsFileSchema);
  const deployments = new Map<string, HostedDeployment>();
  for (const record of (await stateFile.read())?.deployments ?? []) {
    try {
      if (record.id !== deploymentIdFor(record.rootDigest)) throw new Error(`deployment id ${record.id} is not derived from its digest (expected ${deploymentIdFor(record.rootDigest)})`);
      deployments.set(record.id, { ...record, state: 'ready', ...(await verify(record.artifactPath, record.rootDigest)) });
      logger.info({ deployment: record.id, rootDigest: record.rootDigest }, 'deployment re-verified and loaded');
    } catch (err) {
      // Fail closed for this deployment only: it stays on record but is not served until re-deployed.
      deployments.set(record.id, { ...record, state: 'unverified', problem: (err as Error).message });
      logger.error({ deployment: record.id, problem: (err as Error).message }, 'deployment failed re-verification; not serving it');
    }
  }
  const persist = () =>
    stateFile.write(() => ({
      formatVersion: 1 as const,
      deployments: [...deployments.values()].map(({ id, artifactPath, rootDigest, deployedAt, holders }) => ({
        id,
        artifactPath,
        rootDigest,
        deployedAt,
        holders,
      })),
    }));
  // Hashing a large artifact takes a while: two PUTs of one id must not interleave.
  const deploymentLocks = new KeyedSerialQueue();

  const app = createServingApp(logger);

  const readyDeployment = (rawId: string): ReadyDeployment => {
    const deployment = deployments.get(rawId);
    if (!deployment) throw new ServingError(404, 'deployment_not_found', `no deployment ${JSON.stringify(rawId)} on this model host`);
    if (deployment.state !== 'ready') {
      throw new ServingError(503, 'deployment_unverified', `deployment ${rawId} is not served: ${deployment.problem}`);
    }
    return deployment;
  };

  app.put<{ Params: { id: string } }>('/v1/deployments/:id', async (request, reply) => {
    const id = parseRequestBody(deploymentIdSchema, request.params.id);
    const body = parseRequestBody(deployRequestSchema, request.body);
    const { artifactPath, rootDigest } = body;
    if (id !== deploymentIdFor(rootDigest)) {
      throw new ServingError(400, 'invalid_deployment_id', `a deployment of artifact ${rootDigest} has id ${deploymentIdFor(rootDigest)}, not ${id}`);
    }
    const order = checkOrder(body, 'load', id, rootDigest);
    return deploymentLocks.run(id, async () => {
      const current = deployments.get(id);
      const holders = withHolder(current?.holders ?? [], order.holder);
      if (current?.state === 'ready' && current.rootDigest === rootDigest && current.artifactPath === artifactPath) {
        if (holders.length !== current.holders.length) {
          deployments.set(id, { ...current, holders });
          try {
            await persist();
          } catch (err) {
            deployments.set(id, current);
            throw err;
          }
        }
        return reply.code(200).send({ status: 'unchanged', ...viewOf(current) });
      }
      const { spec, sizeBytes } = await verify(artifactPath, rootDigest);
      const loaded: ReadyDeployment = { id, artifactPath, rootDigest, deployedAt: new Date().toISOString(), holders, state: 'ready', spec, sizeBytes };
      deployments.set(id, loaded);
      try {
        await persist();
      } catch (err) {
        if (current) deployments.set(id, current);
        else deployments.delete(id);
        throw err;
      }
      logger.info({ deployment: id, rootDigest, model: spec.name }, current ? 'deployment replaced' : 'deployment loaded');
      return reply.code(current ? 200 : 201).send({ status: current ? 'replaced' : 'created', ...viewOf(loaded) });
    });
  });

  app.get<{ Params: { id: string } }>('/v1/deployments/:id', async (request) => viewOf(readyDeployment(request.params.id)));

  app.delete<{ Params: { id: string } }>('/v1/deployments/:id', async (request) => {
    const id = parseRequestBody(deploymentIdSchema, request.params.id);
    const order = checkOrder(parseRequestBody(undeployRequestSchema, request.body), 'unload', id);
    return deploymentLocks.run(id, async () => {
      const current = deployments.get(id);
      if (!current) return { status: 'absent', id };
      // One run's unload leaves the deployment to the other runs that still hold it.
      const others = order.holder === undefined ? [] : current.holders.filter((h) => h !== order.holder);
      if (others.length > 0) {
        deployments.set(id, { ...current, holders: others });
        try {
          await persist();
        } catch (err) {
          deployments.set(id, current);
          throw err;
        }
        logger.info({ deployment: id, holders: others.length }, 'deployment kept: other runs still hold it');
        return { status: 'kept', id };
      }
      deployments.delete(id);
      try {
        await persist();
      } catch (err) {
        deployments.set(id, current);
        throw err;
      }
      logger.info({ deployment: id }, 'deployment unloaded');
      return { status: 'deleted', id };
    });
  });

  app.get<{ Params: { id: string } }>('/v1/deployments/:id/v1/models', async (request) => {
    const deployment = readyDeployment(request.params.id);
    return {
      object: 'list',
      data: [
        {
          id: deployment.spec.name,
          object: 'model',
          created: Math.floor(Date.parse(deployment.deployedAt) / 1000),
          owned_by: MODEL_HOST_OWNER,
          gatehouse_root_digest: deployment.rootDigest,
          gatehouse_simulated: deployment.spec.simulated,
          gatehouse_kind: modelKindOfSpec(deployment.spec),
          gatehouse_size_bytes: deployment.sizeBytes,
        },
      ],
    };
  });

  app.get<{ Params: { id: string } }>('/v1/deployments/:id/metrics', async (request, reply) => {
    const deployment = readyDeployment(request.params.id);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(deployment.spec.kind === 'simulated-chat' ? simulatedModelMetrics(deployment.spec) : classifierModelMetrics());
  });

  const hostChatRequestSchema = chatCompletionRequestSchema.extend({ model: z.string().min(1).optional() });

  app.post<{ Params: { id: string } }>('/v1/deployments/:id/v1/chat/completions', async (request, reply) => {
    const deployment = readyDeployment(request.params.id);
    const body = parseRequestBody(hostChatRequestSchema, request.body);
    const spec = deployment.spec;
    if (spec.kind !== 'simulated-chat') {
      throw new ServingError(400, 'wrong_model_kind', `deployment ${deployment.id} serves the classifier ${spec.name}: use POST …/v1/models/${spec.name}:predict`);
    }
    // The base URL already names the deployment; a different model name means the caller is confused.
    if (body.model !== undefined && body.model !== spec.name) {
      throw new ServingError(404, 'model_not_found', `deployment ${deployment.id} serves model ${spec.name}, not ${body.model}`);
    }
    const turns = body.messages.map((message) => ({ role: message.role, content: messageText(message) }));
    const { text: answer, latencyMs } = respondChat(spec, turns, random);
    const failure = simulatedFailure(spec, turns, failureDrawOf(deployment, spec));
    // The service time, taken in one of the deployment's maxConcurrency slots (queued when all are busy).
    const serve = () => limiterOf(deployment).run(() => (latencyMs > 0 ? sleep(latencyMs) : Promise.resolve()));
    const completion = {
      id: `chatcmpl-${randomUUID()}`,
      created: Math.floor(Date.now() / 1000),
      model: spec.name,
      system_fingerprint: `gatehouse-simulated-${deployment.rootDigest.slice(0, 12)}`,
    };

    if (failure) return sendSimulatedFailure(reply, failure, completion, body.stream === true, serve);
    if (body.stream) {
      void reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache');
      return reply.send(Readable.from(sseChunks(completion, answer, serve)));
    }
    await serve();
    const promptTokens = turns.reduce((sum, turn) => sum + approximateTokens(turn.content), 0);
    const completionTokens = approximateTokens(answer);
    return {
      ...completion,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: answer }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    };
  });

  // KServe V1 predict for classifier deployments: { instances: [...] } → { predictions: [{ label, score }] }.
  const predictRequestSchema = z.strictObject({ instances: z.array(z.unknown()).min(1, 'expected at least one instance') });
  app.post<{ Params: { id: string; target: string } }>('/v1/deployments/:id/v1/models/:target', async (request) => {
    const deployment = readyDeployment(request.params.id);
    const name = predictTarget(request.params.target);
    if (name === null) throw new ServingError(404, 'not_found', `unknown route: expected …/v1/models/{name}:predict`);
    const { spec } = deployment;
    if (spec.kind !== 'logistic-regression') {
      throw new ServingError(400, 'wrong_model_kind', `deployment ${deployment.id} serves the chat model ${spec.name}: use POST …/v1/chat/completions`);
    }
    if (name !== spec.name) throw new ServingError(404, 'model_not_found', `deployment ${deployment.id} serves model ${spec.name}, not ${name}`);
    const { instances } = parseRequestBody(predictRequestSchema, request.body);
    const result = predictClassifier(spec, instances);
    if (!result.ok) throw new ServingError(400, 'invalid_instance', result.error);
    return { predictions: result.predictions };
  });

  return serviceHandle(app, { port, host });
}

function viewOf(deployment: ReadyDeployment): DeploymentView {
  return { id: deployment.id, rootDigest: deployment.rootDigest, model: deployment.spec.name, simulated: deployment.spec.simulated, kind: modelKindOfSpec(deployment.spec) };
}

/**
 * Hashes the artifact, refuses it unless its root digest is `expectedRootDigest`, then parses the
 * `model.json` it holds, checking that the bytes parsed are the bytes hashed (no swap in between).
 */
/** The verified artifact's model spec, and its size (all files, bytes) for the approvers' risk tier. */
async function loadVerifiedSpec(artifactPath: string, expectedRootDigest: string, concurrency?: number): Promise<{ spec: ServedSpec; sizeBytes: number }> {
  let digest;
  try {
    digest = await hashArtifact(artifactPath, concurrency !== undefined ? { concurrency } : {});
  } catch (err) {
    if (err instanceof InputError) throw new ServingError(400, 'invalid_artifact', err.message);
    throw err;
  }
  if (digest.rootDigest !== expectedRootDigest) {
    throw new ServingError(
      409,
      'digest_mismatch',
      `artifact ${artifactPath} has root digest ${digest.rootDigest}, expected ${expectedRootDigest}: refusing to load it`,
    );
  }
  const specPath = join(artifactPath, SIMULATED_CHAT_SPEC_FILE);
  const specEntry = digest.files.find((file) => file.path === SIMULATED_CHAT_SPEC_FILE);
  if (!specEntry) {
    throw new ServingError(400, 'invalid_model_spec', `${specPath}: missing: expected a model spec (simulated chat or classifier) in the artifact`);
  }
  const bytes = await fs.readFile(specPath);
  if (createHash('sha256').update(bytes).digest('hex') !== specEntry.sha256) {
    throw new ServingError(409, 'digest_mismatch', `${specPath} changed after the artifact was hashed: refusing to load it`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new ServingError(400, 'invalid_model_spec', `${specPath}: not JSON (${(err as Error).message})`);
  }
  try {
    const isClassifier = typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'logistic-regression';
    const spec = isClassifier ? parseWith(classifierSpecSchema, json, specPath) : parseWith(simulatedChatSpecSchema, json, specPath);
    return { spec, sizeBytes: digest.totalBytes };
  } catch (err) {
    if (err instanceof InputError) throw new ServingError(400, 'invalid_model_spec', err.message);
    throw err;
  }
}

/**
 * A simulated failure (the spec's `errors`), after the request's service time: HTTP 500 with an error
 * body, or a 200 that is not a chat completion: a JSON body cut off mid-way, or, streamed, a role
 * chunk and then a truncated event with no `[DONE]`.
 */
async function sendSimulatedFailure(
  reply: FastifyReply,
  kind: SimulatedFailureKind,
  completion: CompletionIdentity,
  stream: boolean,
  serve: () => Promise<void>,
): Promise<FastifyReply> {
  await serve();
  if (kind === 'http_500') {
    return reply.code(500).send({ error: { type: 'simulated_failure', message: `SIMULATED failure of model ${completion.model} (its spec's errors.rate)` } });
  }
  const truncated = JSON.stringify({ ...completion, object: stream ? 'chat.completion.chunk' : 'chat.completion', choices: [{ index: 0 }] }).slice(0, -12);
  if (!stream) return reply.code(200).type('application/json').send(truncated);
  const role = JSON.stringify({ ...completion, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] });
  return reply
    .code(200)
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(`data: ${role}\n\ndata: ${truncated}\n\n`);
}

interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
  system_fingerprint: string;
}

/**
 * OpenAI streaming shape: a role chunk, content chunks (the first word alone, so time to first token is
 * measurable, then up to WORDS_PER_CHUNK words each), a final chunk with `finish_reason`, then `[DONE]`.
 * The simulated service time passes before the first chunk, as time to first token does on a real server.
 */
const WORDS_PER_CHUNK = 16;

async function* sseChunks(completion: CompletionIdentity, answer: string, serve: () => Promise<void>): AsyncGenerator<string> {
  const chunk = (delta: Record<string, string>, finishReason: string | null) =>
    `data: ${JSON.stringify({
      ...completion,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    })}\n\n`;
  await serve();
  yield chunk({ role: 'assistant', content: '' }, null);
  const words = answer.match(/\s*\S+\s*/g) ?? (answer === '' ? [] : [answer]);
  if (words.length > 0) yield chunk({ content: words[0]! }, null);
  // Words after the first in groups: a chunk per word costs a JSON event and a socket write each, which
  // on long answers (replayed real responses) was most of an evaluation's CPU.
  for (let i = 1; i < words.length; i += WORDS_PER_CHUNK) yield chunk({ content: words.slice(i, i + WORDS_PER_CHUNK).join('') }, null);
  yield chunk({}, 'stop');
  yield 'data: [DONE]\n\n';
}

/** Whitespace-separated words: a stand-in for a tokenizer, good enough for a simulated model's usage figures. */
function approximateTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
