/**
 * The demo's (and the end-to-end tests') workspace: model-signing keys, example models built from
 * examples/, their signatures, a policy signed by the data dir's owners, and one deployment request
 * per scenario, each planting exactly one defect for one gate to catch.
 */
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { generateKeysCommand, signModelCommand, signPolicyCommand } from '../cli/signing-commands';
import { parseWith } from '../errors';
import { safetyPolicySchema, SafetyPolicyInput } from '../gates/safety-policy';
import { projectRoot } from '../paths';
import type { GateName } from '../pipeline-types';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../serving/simulated-chat-model';
import { keyIdOf, loadPublicKey } from '../signing/keys';
import type { LocalTrust } from '../stack';

export const EXAMPLES_DIR = join(projectRoot(), 'examples');

export interface Scenario {
  name: string;
  version: string;
  requestPath: string;
  /** Which gate should stop it (null: it deploys). */
  expectBlockedBy: GateName | null;
  /** `baseline` scenarios deploy first, so the others are compared with a stable model. */
  phase: 'baseline' | 'candidate';
  description: string;
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
  evaluation?: { concurrency: number; checkpointEvery: number; requestTimeoutSeconds: number };
  /** Simulated service time of every example model, in milliseconds (default: none). */
  modelLatencyMs?: number;
}

function exampleSpec(name: string) {
  const path = join(EXAMPLES_DIR, 'models', name, 'model.json');
  return parseWith(simulatedChatSpecSchema, JSON.parse(readFileSync(path, 'utf8')), path);
}

/** The example policy's safety section, with the suite's path made absolute for a policy anywhere. */
export function exampleSafetySection(): SafetyPolicyInput {
  const path = join(EXAMPLES_DIR, 'datasets', 'safety-policy.yaml');
  const section = parseWith(safetyPolicySchema, parse(readFileSync(path, 'utf8')), path);
  return { ...section, dataset: { ...section.dataset, path: join(EXAMPLES_DIR, 'datasets', section.dataset.path) } };
}

/** The policy the demo signs: the demo's model key, the stack's pipeline key, the example safety suite. */
export function demoPolicy(
  trustedModelKeyPem: string,
  pipelineKeyId: string,
  environment: string,
  heartbeatTimeoutSeconds = 30,
  evaluation = { concurrency: 8, checkpointEvery: 50, requestTimeoutSeconds: 30 },
) {
  return {
    apiVersion: 'gatehouse/v1',
    kind: 'Policy',
    name: `${environment}-demo`,
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

export async function prepareDemoWorkspace(options: WorkspaceOptions): Promise<Scenario[]> {
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

  const build = async (version: string, specName: string, signer = release.privateKeyPath) => {
    const path = join(models, `support-assistant-${version}`);
    const spec = exampleSpec(specName);
    const withLatency = options.modelLatencyMs ? { ...spec, latencyMs: { mean: options.modelLatencyMs } } : spec;
    await writeSimulatedChatArtifact(path, withLatency, { weightsBytes, seed: `support-assistant-${version}` });
    await signModelCommand(path, signer, undefined, 'support-assistant', quiet);
    return path;
  };

  // The policy, signed by both owners the stack's worker trusts.
  const pipelineKeyId = keyIdOf(loadPublicKey(trust.pipelinePublicKeyPath));
  const policyPath = join(dir, 'policy.yaml');
  writeFileSync(
    policyPath,
    stringify(demoPolicy(readFileSync(release.publicKeyPath, 'utf8'), pipelineKeyId, environment, options.heartbeatTimeoutSeconds, options.evaluation)),
  );
  for (const ownerKey of trust.ownerKeyPaths) signPolicyCommand(policyPath, ownerKey);

  // A copy whose signature no longer matches: someone loosened a threshold after the owners signed.
  const editedPolicyDir = join(dir, 'edited-policy');
  mkdirSync(editedPolicyDir, { recursive: true });
  cpSync(policyPath, join(editedPolicyDir, 'policy.yaml'));
  cpSync(`${policyPath}.sig.json`, join(editedPolicyDir, 'policy.yaml.sig.json'));
  const edited = readFileSync(join(editedPolicyDir, 'policy.yaml'), 'utf8').replace(/minPassRate: 0\.99/, 'minPassRate: 0.5');
  writeFileSync(join(editedPolicyDir, 'policy.yaml'), edited);

  const scenarios: Scenario[] = [];
  const add = (name: string, version: string, artifact: string, expectBlockedBy: GateName | null, description: string, policy = policyPath, phase: Scenario['phase'] = 'candidate') => {
    const requestPath = join(dir, `request-${version}.yaml`);
    writeFileSync(
      requestPath,
      stringify({
        apiVersion: 'gatehouse/v1',
        kind: 'DeploymentRequest',
        model: { name: 'support-assistant', version, kind: 'chat' },
        artifact,
        signature: `${artifact}.sig.json`,
        change: { type: 'weights', summary: description },
        environment,
        requestedBy,
        policy,
      }),
    );
    scenarios.push({ name, version, requestPath, expectBlockedBy, phase, description });
  };

  add('good model', '2.4.0', await build('2.4.0', 'assistant-safe'), null, 'signed by the release key, nothing changed; first deployment', policyPath, 'baseline');

  const tampered = await build('2.4.1', 'assistant-safe');
  appendFileSync(join(tampered, 'config.json'), ' ');
  add('changed file', '2.4.1', tampered, 'integrity', 'config.json edited after signing');
  add('untrusted signer', '2.4.2', await build('2.4.2', 'assistant-safe', rogue.privateKeyPath), 'provenance', 'signed by a key the policy does not trust');
  add('edited policy', '2.4.3', await build('2.4.3', 'assistant-safe'), 'policy', 'a jailbreak threshold lowered after the owners signed', join(editedPolicyDir, 'policy.yaml'));

  if (options.safetyScenarios ?? true) {
    add('encoded jailbreak', '2.5.0', await build('2.5.0', 'assistant-encoded-jailbreak'), 'safety', 'complies when a request is encoded or role-played');
    add('canary leak', '2.5.1', await build('2.5.1', 'assistant-canary-leak'), 'safety', 'leaks a canary secret planted in its training data');
    add('system prompt leak', '2.5.2', await build('2.5.2', 'assistant-system-prompt-leak'), 'safety', 'gives up its system prompt under pressure');
    add('inconsistent', '2.5.3', await build('2.5.3', 'assistant-inconsistent'), 'safety', 'answers paraphrases of one request differently');
    add('safe candidate', '2.6.0', await build('2.6.0', 'assistant-safe'), null, 'as safe as the baseline, compared with it');
  }
  return scenarios;
}
