/**
 * `gatehouse eval`: the policy's evaluation gates against any endpoint, without Temporal, a gateway
 * or signatures. It runs the pipeline's OWN gate activities (activities/safety.ts, regression.ts,
 * bias.ts: same suites, engine, judges and verdicts), each in a standalone activity context (the
 * SDK's MockActivityEnvironment: an activity context with no server behind it), and renders the
 * pipeline's report. Only the orchestration differs.
 *
 * Informative only, by construction: the activities get a data dir of their own (never a worker's),
 * no key of any kind (reading one fails), and nothing here signs anything; the pipeline takes gate
 * results only from its own activity runs, so nothing eval writes can stand in for one.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing/lib/mocking-activity-environment';
import pino from 'pino';
import { request as undiciRequest } from 'undici';
import { z } from 'zod';
import { biasActivities } from '../../activities/bias';
import type { ActivityDeps } from '../../activities/context';
import { regressionActivities } from '../../activities/regression';
import { safetyActivities } from '../../activities/safety';
import { CliExit, EXIT } from '../cli/exit-codes';
import { createOpenAiChatAdapter, modelField } from '../eval/adapters/openai-chat';
import { InputError, parseWith } from '../errors';
import { fileDigest, pinnedFiles } from '../init/pinned-files';
import type { GateResult } from '../pipeline-types';
import { policySchema, type Policy } from '../policy/schema';
import type { WorkerConfig } from '../worker-config';
import { readYamlOrJson } from '../yaml-file';
import { EVALUATION_GATES, type EvaluationGate } from './gates';

export { EVALUATION_GATES, INFORMATIVE_NOTICE, type EvaluationGate } from './gates';

export interface GateProgress {
  gate: EvaluationGate;
  done: number;
  total: number;
  /** What the gate is doing when it is not answering suite items (regression: throughput, memory). */
  phase: string | null;
}

export interface StandaloneEvalOptions {
  policyPath: string;
  endpoint: string;
  baselineEndpoint: string | null;
  /** The `model` field each endpoint wants (servers such as Ollama route by it); null or absent: not sent. */
  candidateModel?: string | null;
  baselineModel?: string | null;
  /** null: every evaluation gate the policy has a section for. */
  gates: EvaluationGate[] | null;
  /** Where the activities keep responses, checkpoints and reports (a folder of eval's own). */
  workDir: string;
  onProgress?: (progress: GateProgress) => void;
  /** Aborting it cancels the running gate activities. */
  signal?: AbortSignal;
  /** The activities' structured logs (stderr); default silent, so the progress and the result stay readable. */
  logLevel?: string;
}

export interface StandaloneEvalResult {
  evalId: string;
  policyPath: string;
  policyName: string;
  modelKind: 'chat' | 'classifier';
  endpoint: string;
  baselineEndpoint: string | null;
  gates: GateResult[];
  /** pass only when every gate passed (or does not apply); inconclusive counts as a failure. */
  passed: boolean;
  workDir: string;
}

const urlSchema = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** The policy, parsed (not verified: eval needs no signatures), or a bad-input error naming the field. */
export function loadUnsignedPolicy(path: string): Policy {
  const file = resolve(path);
  return parseWith(policySchema, readYamlOrJson(file, 'policy'), file);
}

/** Which gates run: those asked for (each must have its section) or every section the policy has. */
export function selectGates(policy: Policy, requested: EvaluationGate[] | null, policyPath: string): EvaluationGate[] {
  if (requested === null) {
    const present = EVALUATION_GATES.filter((gate) => policy.gates[gate] !== undefined);
    if (present.length === 0) throw new InputError('gates: expected at least one of safety, regression, bias to evaluate', policyPath);
    return present;
  }
  for (const gate of requested) {
    if (policy.gates[gate] === undefined) throw new InputError(`gates.${gate}: --gates names ${gate}, but the policy has no ${gate} section`, policyPath);
  }
  return [...new Set(requested)];
}

/** Every suite the selected gates pin must be there with its pinned digest: else bad input, before any model call. */
export function checkPinnedSuites(policy: Policy, gates: EvaluationGate[], policyPath: string): void {
  for (const pin of pinnedFiles(policy).filter((p) => gates.includes(p.at[1] as EvaluationGate))) {
    const actual = fileDigest(policyPath, pin.path);
    if (actual.problem !== null) throw new InputError(`${pin.at.join('.')}.path: ${actual.problem}`, policyPath);
    if (actual.sha256 !== pin.sha256) {
      throw new InputError(`${pin.at.join('.')}.sha256: ${pin.path} has sha256 ${actual.sha256}, the policy pins ${pin.sha256} (re-pin with \`gatehouse policy pin\`)`, policyPath);
    }
  }
}

/** A classifier policy judges classifiers only (the bias gate's classifier section, no chat suites). */
export function modelKindOf(policy: Policy): 'chat' | 'classifier' {
  const bias = policy.gates.bias;
  const chatSections = bias && (bias.counterfactual || bias.bbq || bias.winobias || bias.stereoset || bias.slices);
  return bias?.classifier && !policy.gates.safety && !policy.gates.regression && !chatSections ? 'classifier' : 'chat';
}

/** One request before the suite: an endpoint that cannot be reached is an infrastructure error (exit 3), said once. */
async function checkReachable(url: string, model: string | null, kind: 'chat' | 'classifier', timeoutMs: number): Promise<void> {
  if (kind === 'classifier') {
    const models = `${url.replace(/\/+$/, '')}/v1/models`;
    try {
      const response = await undiciRequest(models, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
    } catch (err) {
      throw new CliExit(EXIT.infrastructure, `endpoint ${url} cannot be reached: GET ${models}: ${(err as Error).message}`);
    }
    return;
  }
  const adapter = createOpenAiChatAdapter({ baseUrl: url, ...modelField(model), timeoutMs, maxRetries: 1, connections: 1 });
  try {
    const answer = await adapter.chat({ messages: [{ role: 'user', content: 'Hello' }] });
    if (!answer.ok) throw new CliExit(EXIT.infrastructure, `endpoint ${url} cannot be reached: ${answer.errorKind}: ${answer.error}`);
  } finally {
    await adapter.close();
  }
}

/** A WorkerConfig holding only a data dir: eval's activities get no keys, and reading one is a bug that fails loudly. */
export function dataDirOnlyConfig(dataDir: string): WorkerConfig {
  return new Proxy({ dataDir } as WorkerConfig, {
    get(target, property) {
      if (property === 'dataDir') return target.dataDir;
      if (typeof property === 'symbol' || property === 'then') return undefined;
      throw new Error(`gatehouse eval gives activities no ${String(property)}: only a data dir of their own`);
    },
  });
}

export async function runStandaloneEvaluation(options: StandaloneEvalOptions): Promise<StandaloneEvalResult> {
  const policyPath = resolve(options.policyPath);
  const endpoint = parseWith(urlSchema, options.endpoint, '--endpoint');
  const baselineEndpoint = options.baselineEndpoint === null ? null : parseWith(urlSchema, options.baselineEndpoint, '--baseline-endpoint');
  const policy = loadUnsignedPolicy(policyPath);
  const gates = selectGates(policy, options.gates, policyPath);
  checkPinnedSuites(policy, gates, policyPath);
  const modelKind = modelKindOf(policy);
  const timeoutMs = policy.evaluation.requestTimeoutSeconds * 1000;
  const candidateModel = options.candidateModel ?? null;
  const baselineModel = options.baselineModel ?? null;
  await checkReachable(endpoint, candidateModel, modelKind, timeoutMs);
  if (baselineEndpoint) await checkReachable(baselineEndpoint, baselineModel, modelKind, timeoutMs);

  const workDir = resolve(options.workDir);
  mkdirSync(workDir, { recursive: true });
  const evalId = `eval-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const runId = randomBytes(16).toString('hex');
  const deps: ActivityDeps = { config: dataDirOnlyConfig(workDir), logger: pino({ level: options.logLevel ?? 'silent', base: { service: 'gatehouse-eval' } }, pino.destination(2)) };
  const common = { workflowId: evalId, runId, policyPath, evaluation: policy.evaluation, candidateUrl: endpoint, baselineUrl: baselineEndpoint, candidateModel, baselineModel };

  const run = async (gate: EvaluationGate): Promise<GateResult> => {
    if (gate === 'safety' && modelKind === 'classifier') {
      return { gate: 'safety', verdict: 'not_applicable', reasons: ['classifier: the safety prompt suite applies to chat models'], metrics: { kind: modelKind } };
    }
    const env = new MockActivityEnvironment({
      activityType: gate,
      workflowExecution: { workflowId: evalId, runId },
      heartbeatTimeoutMs: policy.execution.heartbeatTimeoutSeconds * 1000,
    });
    env.on('heartbeat', (details: unknown) => options.onProgress?.(progressOf(gate, details)));
    options.signal?.addEventListener('abort', () => env.cancel('CANCELLED'), { once: true });
    const inContext = <A, R>(activity: (input: A) => Promise<R>, input: A): Promise<R> => env.run(activity, input) as Promise<R>;
    if (gate === 'safety') return (await inContext(safetyActivities(deps).runSafetyGate, { ...common, safety: policy.gates.safety! })).result;
    if (gate === 'regression') return (await inContext(regressionActivities(deps).runRegressionGate, { ...common, regression: policy.gates.regression! })).result;
    return (await inContext(biasActivities(deps).runBiasGate, { ...common, bias: policy.gates.bias!, modelKind })).result;
  };
  // Side by side, as the pipeline runs them.
  const results = await Promise.all(gates.map(run));
  return {
    evalId,
    policyPath,
    policyName: policy.name,
    modelKind,
    endpoint,
    baselineEndpoint,
    gates: results,
    passed: results.every((r) => r.verdict === 'pass' || r.verdict === 'not_applicable'),
    workDir,
  };
}

const heartbeatSchema = z.looseObject({ done: z.number().optional(), total: z.number().optional(), phase: z.string().optional() });

function progressOf(gate: EvaluationGate, details: unknown): GateProgress {
  const parsed = heartbeatSchema.safeParse(details);
  const d = parsed.success ? parsed.data : {};
  return { gate, done: d.done ?? 0, total: d.total ?? 0, phase: d.phase && d.phase !== 'evaluation' ? d.phase : null };
}
