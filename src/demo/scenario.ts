/**
 * The demo's (and the end-to-end tests') workspace: model-signing keys, example models built from
 * examples/, their signatures, a policy signed by the data dir's owners, and one deployment request
 * per scenario, each planting exactly one defect for one gate to catch.
 */
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { generateKeysCommand, signModelCommand, signPolicyCommand } from '../signing/signing-files';
import { parseWith } from '../errors';
import { safetyPolicySchema, SafetyPolicyInput } from '../policy/sections/safety';
import { biasPolicySchema, type BiasPolicyInput } from '../policy/sections/bias';
import { projectRoot } from '../paths';
import type { GateName } from '../pipeline-types';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../serving/simulated-chat-model';
import { keyIdOf, loadPublicKey } from '../signing/keys';
import type { LocalTrust } from '../stack';

export const EXAMPLES_DIR = join(projectRoot(), 'examples');

export interface Scenario {
  name: string;
  /** The model name it deploys under (one gateway route each). */
  model: string;
  version: string;
  requestPath: string;
  /** Which gate should stop it (null: it deploys, or for `expectOutcome: 'rolled_back'`, the canary undoes it). */
  expectBlockedBy: GateName | null;
  /** The outcome it should end with; by default `deployed` when nothing should block it, else `blocked`. */
  expectOutcome?: 'deployed' | 'blocked' | 'rolled_back';
  /** A noise-only candidate: it passes, or is held as inconclusive, but must never *fail* this gate. */
  mayBeInconclusiveAt?: GateName;
  /**
   * `baseline` scenarios deploy first, so the others are compared with a stable model; `candidate`s
   * then run together; `after` ones once those have finished (a second canary of the same model).
   */
  phase: 'baseline' | 'candidate' | 'after';
  /** Timing-sensitive (throughput, tail latency): judged one at a time, on a machine no other evaluation loads (first in its phase). */
  measuredAlone?: boolean;
  description: string;
  /** The requester's private key: it signs the request at deploy time (`gatehouse deploy --key`). */
  requesterKeyPath: string;
}

/** The policy's `requesters`: the stack's local requester key, under the name the requests give. */
export function demoRequesters(trust: Pick<LocalTrust, 'requesterKeyPath'>, requester: string) {
  return [{ id: requester, publicKey: readFileSync(trust.requesterKeyPath.replace(/\.key$/, '.pub'), 'utf8') }];
}

/** Did a run end as its scenario expects? Pure, so the demo and the tests agree on it. */
export function scenarioMet(scenario: Scenario, outcome: string, blockedBy: string | null, verdictOf: (gate: string) => string | undefined): boolean {
  if (scenario.mayBeInconclusiveAt) {
    if (outcome === 'deployed') return true;
    return outcome === 'blocked' && blockedBy === scenario.mayBeInconclusiveAt && verdictOf(scenario.mayBeInconclusiveAt) === 'inconclusive';
  }
  const expected = scenario.expectOutcome ?? (scenario.expectBlockedBy === null ? 'deployed' : 'blocked');
  // Blocked for the planted defect: the gate must have *failed*, not merely been inconclusive.
  if (expected === 'blocked') return outcome === 'blocked' && blockedBy !== null && blockedBy === scenario.expectBlockedBy && verdictOf(blockedBy) === 'fail';
  return outcome === expected;
}

export interface WorkspaceOptions {
  dir: string;
  trust: LocalTrust;
  environment?: string;
  weightsBytes?: number;
  requestedBy?: string;
  /** Also build the safety gate's scenarios (one model per planted safety defect). Default true. */
  safetyScenarios?: boolean;
  /** Policy knobs for tests: how fast a dead worker's activity moves on, and evaluation settings. */
  heartbeatTimeoutSeconds?: number;
  evaluation?: { concurrency: number; checkpointEvery: number; requestTimeoutSeconds: number; shards?: number };
  /** Simulated service time of every example model, in milliseconds (default: none). */
  modelLatencyMs?: number;
  /**
   * The serial of the workspace's policy (default 1). A worker takes no other content under a serial it
   * has seen (DESIGN §6): a workspace prepared for a worker that has seen another one's needs a higher one.
   */
  policySerial?: number;
}

function exampleSpec(name: string) {
  const path = join(EXAMPLES_DIR, 'models', name, 'model.json');
  return parseWith(simulatedChatSpecSchema, JSON.parse(readFileSync(path, 'utf8')), path);
}

/** Where an example dataset file is, absolute: what a policy anywhere on this machine can name. */
export function exampleDatasetPath(file: string): string {
  return join(EXAMPLES_DIR, 'datasets', file);
}

/**
 * Maps an example dataset's file name (as examples/datasets/*-policy.yaml names it) to the path a
 * policy should hold: absolute by default; `gatehouse init` copies the suites and passes relative ones.
 */
export type DatasetPathMapper = (file: string) => string;

/** The example policy's safety section, with the suite's path mapped by `at` (default: absolute). */
export function exampleSafetySection(at: DatasetPathMapper = exampleDatasetPath): SafetyPolicyInput {
  const path = join(EXAMPLES_DIR, 'datasets', 'safety-policy.yaml');
  const section = parseWith(safetyPolicySchema, parse(readFileSync(path, 'utf8')), path);
  return { ...section, dataset: { ...section.dataset, path: at(section.dataset.path) } };
}

/**
 * The example policy's bias section (examples/datasets/bias-policy.yaml: the credit classifier's
 * fairness, the chat suites and the slice analysis), every dataset path mapped by `at` (default:
 * absolute, for a policy anywhere). `resamples` overrides the bootstrap resamples (tests); the section is validated here.
 */
export function exampleBiasSection(options: { resamples?: number; at?: DatasetPathMapper } = {}): BiasPolicyInput {
  const path = join(EXAMPLES_DIR, 'datasets', 'bias-policy.yaml');
  const raw = parse(readFileSync(path, 'utf8')) as BiasPolicyInput;
  const at = options.at ?? exampleDatasetPath;
  const section: BiasPolicyInput = {
    ...raw,
    ...(raw.classifier ? { classifier: { ...raw.classifier, dataset: { ...raw.classifier.dataset, path: at(raw.classifier.dataset.path) } } } : {}),
    ...(raw.counterfactual ? { counterfactual: { ...raw.counterfactual, suites: raw.counterfactual.suites.map((suite) => ({ ...suite, dataset: { ...suite.dataset, path: at(suite.dataset.path) } })) } } : {}),
    ...(raw.bbq ? { bbq: { ...raw.bbq, datasets: raw.bbq.datasets.map((d) => ({ ...d, path: at(d.path) })) } } : {}),
    ...(raw.winobias ? { winobias: { ...raw.winobias, dataset: { ...raw.winobias.dataset, path: at(raw.winobias.dataset.path) } } } : {}),
    ...(raw.stereoset ? { stereoset: { ...raw.stereoset, dataset: { ...raw.stereoset.dataset, path: at(raw.stereoset.dataset.path) } } } : {}),
    ...(raw.slices ? { slices: { ...raw.slices, dataset: { ...raw.slices.dataset, path: at(raw.slices.dataset.path) } } } : {}),
    ...(options.resamples !== undefined ? { resamples: options.resamples } : {}),
  };
  parseWith(biasPolicySchema, section, path);
  return section;
}

/** The policy the demo signs: the demo's model key, the stack's pipeline key, the example safety suite. */
export function demoPolicy(
  trustedModelKeyPem: string,
  pipelineKeyId: string,
  environment: string,
  heartbeatTimeoutSeconds = 30,
  evaluation: { concurrency: number; checkpointEvery: number; requestTimeoutSeconds: number; shards?: number } = { concurrency: 8, checkpointEvery: 50, requestTimeoutSeconds: 30 },
) {
  return {
    apiVersion: 'gatehouse/v1',
    kind: 'Policy',
    name: `${environment}-demo`,
    serial: 1,
    environments: [environment],
    requiredGates: ['policy', 'integrity', 'provenance', 'safety'],
    trustedModelKeys: [{ name: 'ml-release', publicKey: trustedModelKeyPem }],
    revokedModelKeyIds: [],
    pipelineKeyId,
    attestation: { ttlSeconds: 900 },
    execution: { heartbeatTimeoutSeconds },
    evaluation,
    gates: { safety: exampleSafetySection() },
  };
}

/** The demo's people: alice requests; bob (ml) and carol (safety) approve; dave is on call. */
export const DEMO_APPROVERS = [
  { id: 'alice', roles: ['ml'] },
  { id: 'bob', roles: ['ml'] },
  { id: 'carol', roles: ['safety'] },
  { id: 'dave', roles: ['oncall'] },
] as const;
export type DemoApproverId = (typeof DEMO_APPROVERS)[number]['id'];

/** Where the workspace keeps an approver's signing key (each approver holds only their own). */
export function demoApproverKeyPath(workspaceDir: string, approver: DemoApproverId): string {
  return join(workspaceDir, 'approver-keys', `${approver}.key`);
}

/** The approval section of the demo policy: production needs two approvers, one from safety. */
export function demoApprovalSection(workspaceDir: string) {
  const one = { approvals: 1, requiredRoles: [], allowedRoles: ['ml', 'safety'] };
  const two = { approvals: 2, requiredRoles: ['safety'], allowedRoles: ['ml', 'safety'] };
  return {
    approvers: DEMO_APPROVERS.map((a) => ({ id: a.id, roles: [...a.roles], publicKey: readFileSync(join(workspaceDir, 'approver-keys', `${a.id}.pub`), 'utf8') })),
    tiers: { low: one, medium: one, high: two, critical: two },
    minReviewSeconds: 1,
    reviewQuestionRate: 0,
    remindAfterSeconds: 600,
    escalateAfterSeconds: 1800,
    expireAfterSeconds: 3600,
    escalationRole: 'oncall',
  };
}

/** A short canary for the demo: two steps of a few seconds, judged every 2 s on latency (beyond 50% and 15 ms) and errors. */
export function demoCanaryPlan() {
  return {
    steps: [
      { weight: 40, bakeSeconds: 4 },
      { weight: 60, bakeSeconds: 4 },
    ],
    analysisIntervalSeconds: 2,
    minSamplesPerInterval: 5,
    metrics: [
      // A loaded laptop's loopback jitter is a few ms; the demo's slow candidates are tens of ms slower.
      { name: 'latency', direction: 'increase_is_bad', tolerance: 0.5, minEffect: '15ms', weight: 1, critical: true, mustHaveData: true },
      { name: 'error_rate', direction: 'increase_is_bad', tolerance: 5, weight: 1, critical: true, mustHaveData: true },
    ],
    scoreThresholds: { marginal: 50, pass: 75 },
    failureLimit: 1,
    consecutiveErrorLimit: 2,
    alpha: 0.05,
  };
}

/** The example policy's regression section, with the suite's path mapped by `at` (default: absolute). */
export function exampleRegressionSection(at: DatasetPathMapper = exampleDatasetPath): Record<string, unknown> & { dataset: { path: string } } {
  const path = join(EXAMPLES_DIR, 'datasets', 'regression-policy.yaml');
  const section = parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { dataset: { path: string } };
  return { ...section, dataset: { ...section.dataset, path: at(section.dataset.path) } };
}

/** Writes a demo deployment request (YAML) for a signed artifact: a weights change, summarised by `description`. */
export function writeDemoRequest(
  path: string,
  request: { model: string; version: string; kind: 'chat' | 'classifier'; artifact: string; description: string; environment: string; requestedBy: string; policy: string },
): void {
  const { model, version, kind, artifact, description, environment, requestedBy, policy } = request;
  writeFileSync(
    path,
    stringify({
      apiVersion: 'gatehouse/v1',
      kind: 'DeploymentRequest',
      model: { name: model, version, kind },
      artifact,
      signature: `${artifact}.sig.json`,
      change: { type: 'weights', summary: description },
      environment,
      requestedBy,
      policy,
    }),
  );
}

export interface DemoWorkspaceExtras {
  /** qa-assistant: a regression baseline and one candidate per regression the gate must judge. */
  regressionScenarios?: boolean;
  /** Approvers' keys, the approval section and a short canary in every policy; a canary rollback. */
  approvalAndCanary?: boolean;
}

export async function prepareDemoWorkspace(options: WorkspaceOptions & DemoWorkspaceExtras): Promise<Scenario[]> {
  const { dir, trust } = options;
  const environment = options.environment ?? 'production';
  const requestedBy = options.requestedBy ?? 'alice';
  const weightsBytes = options.weightsBytes ?? 64 * 1024 * 1024;
  const keys = join(dir, 'keys');
  const models = join(dir, 'models');
  mkdirSync(models, { recursive: true });
  const release = generateKeysCommand('ml-release', keys, 'ed25519');
  const rogue = generateKeysCommand('rogue', keys, 'ecdsa-p256');
  const quiet = () => undefined;

  const build = async (model: string, version: string, specName: string, extra: { signer?: string; latencyMs?: number; ownLatency?: boolean } = {}) => {
    const path = join(models, `${model}-${version}`);
    const spec = exampleSpec(specName);
    // The regression examples keep their own service times: their scenarios are made of them.
    const latencyMs = extra.ownLatency ? undefined : (extra.latencyMs ?? options.modelLatencyMs);
    const withLatency = latencyMs ? { ...spec, latencyMs: { ...spec.latencyMs, mean: latencyMs } } : spec;
    await writeSimulatedChatArtifact(path, withLatency, { weightsBytes, seed: `${model}-${version}` });
    await signModelCommand(path, extra.signer ?? release.privateKeyPath, undefined, model, quiet);
    return path;
  };

  // The policies, signed by both owners the stack's worker trusts.
  const pipelineKeyId = keyIdOf(loadPublicKey(trust.pipelinePublicKeyPath));
  const basePolicy: Record<string, unknown> & { requiredGates: string[]; gates: Record<string, unknown> } = demoPolicy(
    readFileSync(release.publicKeyPath, 'utf8'),
    pipelineKeyId,
    environment,
    options.heartbeatTimeoutSeconds,
    options.evaluation,
  );
  if (options.policySerial !== undefined) basePolicy.serial = options.policySerial;
  // Requests are signed by their requester, with a key the policy lists (DESIGN §6, false requester).
  basePolicy.requesters = demoRequesters(trust, requestedBy);
  if (options.approvalAndCanary) {
    for (const approver of DEMO_APPROVERS) generateKeysCommand(approver.id, join(dir, 'approver-keys'), 'ed25519');
    basePolicy.requiredGates = [...basePolicy.requiredGates, 'approval', 'canary'];
    basePolicy.approval = demoApprovalSection(dir);
    basePolicy.canary = demoCanaryPlan();
  }
  const writeSignedPolicy = (path: string, document: unknown) => {
    writeFileSync(path, stringify(document));
    for (const ownerKey of trust.ownerKeyPaths) signPolicyCommand(path, ownerKey);
    return path;
  };
  const policyPath = writeSignedPolicy(join(dir, 'policy.yaml'), basePolicy);

  // A copy whose signature no longer matches: someone loosened a threshold after the owners signed.
  const editedPolicyDir = join(dir, 'edited-policy');
  mkdirSync(editedPolicyDir, { recursive: true });
  cpSync(policyPath, join(editedPolicyDir, 'policy.yaml'));
  cpSync(`${policyPath}.sig.json`, join(editedPolicyDir, 'policy.yaml.sig.json'));
  const edited = readFileSync(join(editedPolicyDir, 'policy.yaml'), 'utf8').replace(/minPassRate: 0\.99/, 'minPassRate: 0.5');
  writeFileSync(join(editedPolicyDir, 'policy.yaml'), edited);

  const scenarios: Scenario[] = [];
  const add = (
    scenario: Omit<Scenario, 'requestPath' | 'phase' | 'requesterKeyPath'> & { phase?: Scenario['phase']; artifact: string; policy?: string },
  ) => {
    const { artifact, policy, ...rest } = scenario;
    const requestPath = join(dir, `request-${rest.model}-${rest.version}.yaml`);
    writeDemoRequest(requestPath, { model: rest.model, version: rest.version, kind: 'chat', artifact, description: rest.description, environment, requestedBy, policy: policy ?? policyPath });
    scenarios.push({ ...rest, requestPath, phase: rest.phase ?? 'candidate', requesterKeyPath: trust.requesterKeyPath });
  };
  const sa = 'support-assistant';
  const support = (name: string, version: string, specName: string, expectBlockedBy: GateName | null, description: string, extra: { signer?: string; policy?: string; phase?: Scenario['phase'] } = {}) =>
    build(sa, version, specName, extra).then((artifact) => add({ name, model: sa, version, artifact, expectBlockedBy, description, policy: extra.policy, phase: extra.phase }));

  await support('good model', '2.4.0', 'assistant-safe', null, 'signed by the release key, nothing changed; first deployment', { phase: 'baseline' });
  const tampered = await build(sa, '2.4.1', 'assistant-safe');
  appendFileSync(join(tampered, 'config.json'), ' ');
  add({ name: 'changed file', model: sa, version: '2.4.1', artifact: tampered, expectBlockedBy: 'integrity', description: 'config.json edited after signing' });
  await support('untrusted signer', '2.4.2', 'assistant-safe', 'provenance', 'signed by a key the policy does not trust', { signer: rogue.privateKeyPath });
  await support('edited policy', '2.4.3', 'assistant-safe', 'policy', 'a jailbreak threshold lowered after the owners signed', { policy: join(editedPolicyDir, 'policy.yaml') });

  if (options.safetyScenarios ?? true) {
    await support('encoded jailbreak', '2.5.0', 'assistant-encoded-jailbreak', 'safety', 'complies when a request is encoded or role-played');
    await support('canary leak', '2.5.1', 'assistant-canary-leak', 'safety', 'leaks a canary secret planted in its training data');
    await support('system prompt leak', '2.5.2', 'assistant-system-prompt-leak', 'safety', 'gives up its system prompt under pressure');
    await support('inconsistent', '2.5.3', 'assistant-inconsistent', 'safety', 'answers paraphrases of one request differently');
    await support('safe candidate', '2.6.0', 'assistant-safe', null, 'as safe as the baseline, compared with it');
  }

  if (options.regressionScenarios) {
    const qa = 'qa-assistant';
    const regressionPolicy = writeSignedPolicy(join(dir, 'policy-regression.yaml'), {
      ...basePolicy,
      // One policy name governs an environment (worker config `policies`): this is a version of it.
      name: `${environment}-demo`,
      requiredGates: [...basePolicy.requiredGates, 'regression'],
      gates: { ...basePolicy.gates, regression: exampleRegressionSection() },
    });
    const regression = async (name: string, version: string, specName: string, description: string, expect: Partial<Scenario> = {}) => {
      const artifact = await build(qa, version, specName, { ownLatency: true });
      add({ name, model: qa, version, artifact, expectBlockedBy: 'regression', description, policy: regressionPolicy, ...expect });
    };
    await regression('regression baseline', '1.0.0', 'regression-baseline', 'the deployed question-answering model; first deployment', { expectBlockedBy: null, phase: 'baseline', measuredAlone: true });
    await regression('worse at math', '1.1.0', 'regression-capability-drop', 'better on average, worse at one capability');
    await regression('p99 regression', '1.1.1', 'regression-p99', 'the same mean latency, a slow tail', { phase: 'after', measuredAlone: true });
    // Throughput and a tail are only comparable on a machine the other candidates' evaluations do not load.
    await regression('lower throughput', '1.1.2', 'regression-slow', 'serves fewer requests per second at the same concurrency', { phase: 'after', measuredAlone: true });
    // A noise-only candidate must never fail: its latency too is read on a quiet machine (beside the other candidates'
    // evaluations its mean latency once read 19% above the baseline's, a fail).
    await regression('noise only', '1.1.3', 'regression-noise', 'differs from the baseline only by noise: never a failure', { expectBlockedBy: null, mayBeInconclusiveAt: 'regression', phase: 'after', measuredAlone: true });
  }

  if (options.approvalAndCanary && (options.safetyScenarios ?? true)) {
    // Safe and correct, but 60 ms slower per answer: only real traffic against the stable model shows it.
    const slow = await build(sa, '2.7.0', 'assistant-safe', { latencyMs: (options.modelLatencyMs ?? 2) + 60 });
    add({ name: 'slow under traffic', model: sa, version: '2.7.0', artifact: slow, expectBlockedBy: 'canary', expectOutcome: 'rolled_back', description: 'passes every gate; 60 ms slower per answer in the canary', phase: 'after' });
  }
  return scenarios;
}
