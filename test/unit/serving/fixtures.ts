/**
 * Small builders for serving tests (unit and security): temp dirs, simulated chat artifacts,
 * a listening model host, pipeline keys and signed deployment attestations.
 */
import { KeyObject, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { request } from 'undici';
import { hashArtifact } from '../../../src/integrity/hash-artifact';
import { createGateway, GatewayConfig, GatewayHandle, GatewayOptions } from '../../../src/serving/gateway';
import { ErrorBody, ServiceHandle } from '../../../src/serving/http';
import { loadRequest } from '../../../src/serving/load-order';
import { createModelHost } from '../../../src/serving/model-host';
import { SimulatedChatSpec, writeSimulatedChatArtifact } from '../../../src/serving/simulated-chat-model';
import { AttestationPredicate, GateName, gateNames, signAttestation } from '../../../src/signing/attestation';
import { Envelope } from '../../../src/signing/dsse';
import { generateKeyPair, parsePrivateKeyPem } from '../../../src/signing/keys';

export const silentLogger = pino({ level: 'silent' });

/** Temp directories made by a test file; `removeAll` in afterAll. */
export class TempDirs {
  private readonly made: string[] = [];

  async make(prefix = 'gatehouse-serving-'): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.made.push(dir);
    return dir;
  }

  async removeAll(): Promise<void> {
    await Promise.all(this.made.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

export function chatSpec(name: string, overrides: Partial<SimulatedChatSpec> = {}): SimulatedChatSpec {
  return {
    kind: 'simulated-chat',
    simulated: true,
    name,
    description: `simulated ${name} for tests`,
    rules: [{ match: 'refund', response: `${name}: refunds take 5 days.` }],
    defaultResponse: `${name}: how can I help?`,
    ...overrides,
  };
}

export interface BuiltArtifact {
  dir: string;
  rootDigest: string;
}

export async function buildArtifact(dir: string, spec: SimulatedChatSpec, weightsBytes = 64 * 1024): Promise<BuiltArtifact> {
  await writeSimulatedChatArtifact(dir, spec, { weightsBytes });
  return { dir, rootDigest: (await hashArtifact(dir)).rootDigest };
}

export interface RunningService {
  service: ServiceHandle;
  url: string;
}

export interface PipelineKey {
  publicKeyPem: string;
  privateKey: KeyObject;
  sign(predicate: AttestationPredicate): Envelope;
}

export function pipelineKey(): PipelineKey {
  const pair = generateKeyPair();
  const privateKey = parsePrivateKeyPem(pair.privateKeyPem, 'test pipeline key');
  return { publicKeyPem: pair.publicKeyPem, privateKey, sign: (predicate) => signAttestation(predicate, privateKey) };
}

/** The pipeline key the test model hosts trust by default: signs their load orders. */
export const modelHostPipeline: PipelineKey = pipelineKey();

export async function startModelHost(dataDir: string, trusted: PipelineKey = modelHostPipeline): Promise<RunningService> {
  const service = await createModelHost({ port: 0, host: '127.0.0.1', dataDir, pipelinePublicKeys: [trusted.publicKeyPem] }, { logger: silentLogger });
  return { service, url: await service.listen() };
}

/**
 * Loads an artifact on a running model host with a load order signed by `signer`; returns the
 * deployment's base URL (the backend URL), whose id is derived from the artifact's digest.
 */
export async function deployOnModelHost(hostUrl: string, artifact: BuiltArtifact, signer: PipelineKey = modelHostPipeline): Promise<string> {
  const load = loadRequest(artifact.dir, artifact.rootDigest, signer.privateKey);
  const response = await request(`${hostUrl}${load.path}`, {
    method: load.method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(load.body),
  });
  const body = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`deploy ${artifact.rootDigest} failed: HTTP ${response.statusCode} ${body}`);
  return `${hostUrl}${load.deploymentPath}`;
}

export const allGates: readonly GateName[] = gateNames;
/** What the test gateways demand: every gate before the canary. */
export const requiredGates: GateName[] = ['policy', 'integrity', 'provenance', 'regression', 'safety', 'bias', 'approval'];

export interface AttestationTarget {
  model: string;
  version: string;
  rootDigest: string;
  backendUrl: string;
}

export function attestationPredicate(
  target: AttestationTarget,
  overrides: Partial<AttestationPredicate> = {},
): AttestationPredicate {
  const issuedAt = new Date(Date.now() - 1000);
  const predicate: AttestationPredicate = {
    model: target.model,
    version: target.version,
    environment: 'production',
    workflowId: `deploy-${target.model}-${target.version}-production`,
    runId: `run-${randomBytes(4).toString('hex')}`,
    policyDigest: 'a'.repeat(64),
    artifactRootDigest: target.rootDigest,
    gates: allGates.map((gate) => ({ gate, verdict: 'pass' as const, reportDigest: 'b'.repeat(64) })),
    approvers: ['alice', 'bob'],
    slot: 'stable',
    weight: 100,
    backend: { url: target.backendUrl },
    issuedAt: issuedAt.toISOString(),
    expiresAt: new Date(issuedAt.getTime() + 10 * 60_000).toISOString(),
    nonce: randomBytes(16).toString('hex'),
    ...overrides,
  };
  // A canary weight needs a lease (admission.ts): ten minutes unless the test names one.
  if (predicate.slot === 'canary' && predicate.weight > 0 && !('leaseExpiresAt' in overrides)) {
    predicate.leaseExpiresAt = new Date(issuedAt.getTime() + 10 * 60_000).toISOString();
  }
  return predicate;
}

/** The bearer token of the test gateways' admin listeners. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789';
export const adminHeaders = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

export async function startGateway(
  dataDir: string,
  pipelinePublicKeys: string[],
  overrides: Partial<GatewayConfig> = {},
  options: GatewayOptions = {},
): Promise<GatewayHandle> {
  return createGateway(
    {
      port: 0,
      host: '127.0.0.1',
      environment: 'production',
      admin: { port: 0, token: TEST_ADMIN_TOKEN },
      dataDir,
      pipelinePublicKeys,
      requiredGates,
      ...overrides,
    },
    { logger: silentLogger, ...options },
  );
}

/** A call to a listening gateway's admin API, with the test admin token. */
export function adminCall(gateway: Pick<GatewayHandle, 'adminUrl'>, method: 'GET' | 'POST', path: string, payload?: unknown): Promise<HttpResult> {
  return call(gateway.adminUrl, method, path, payload, adminHeaders);
}

export function chatBody(model: string, content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, messages: [{ role: 'user', content }], ...extra };
}

/** The assistant's text from an OpenAI SSE payload; throws unless it ends with `data: [DONE]`. */
export function textFromSse(payload: string): { text: string; chunks: number } {
  const events = payload
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
  if (events[events.length - 1] !== '[DONE]') throw new Error(`stream did not end with [DONE]: ${payload.slice(-200)}`);
  const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as { choices: { delta: { content?: string } }[] });
  return { text: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), chunks: chunks.length };
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  payload: string;
  json<T = unknown>(): T;
  /** The `error` object of a serving error body. */
  error(): ErrorBody['error'];
  /** The assistant's text of a (non-streamed) chat completion. */
  answer(): string;
}

/**
 * A real HTTP call. (fastify's `inject` cannot run under jest here: light-my-request requires the
 * ESM-only `cookie@2`, which jest's CommonJS runtime cannot load; so tests listen on port 0.)
 */
export async function call(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const response = await request(`${baseUrl}${path}`, {
    method,
    headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(payload === undefined ? {} : { body: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
  });
  const text = await response.body.text();
  const json = <T>(): T => JSON.parse(text) as T;
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    payload: text,
    json,
    error: () => json<ErrorBody>().error,
    answer: () => json<{ choices: { message: { content: string } }[] }>().choices[0]!.message.content,
  };
}

/** The model host's answer to a signed load order for `artifactPath` (which may or may not hash to `rootDigest`), and the deployment's base URL. */
export async function putSignedLoad(hostUrl: string, artifactPath: string, rootDigest: string, signer: PipelineKey = modelHostPipeline): Promise<{ put: HttpResult; base: string }> {
  const load = loadRequest(artifactPath, rootDigest, signer.privateKey);
  return { put: await call(hostUrl, load.method, load.path, load.body), base: `${hostUrl}${load.deploymentPath}` };
}
