/**
 * The demo's (and the end-to-end tests') workspace: model-signing keys, example models built from
 * examples/, their signatures, a policy signed by the data dir's owners, and one deployment request
 * per scenario, each planting exactly one defect for one gate to catch.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths';
import { stringify } from 'yaml';
import { generateKeysCommand, signModelCommand, signPolicyCommand } from '../cli/signing-commands';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../serving/simulated-chat-model';
import { keyIdOf, loadPublicKey } from '../signing/keys';
import { parseWith } from '../errors';
import type { LocalTrust } from '../stack';

export const EXAMPLES_DIR = join(projectRoot(), 'examples');

export interface Scenario {
  name: string;
  requestPath: string;
  /** What the scenario shows, and which gate should stop it (null: it deploys). */
  expectBlockedBy: 'policy' | 'integrity' | 'provenance' | null;
  description: string;
}

export interface WorkspaceOptions {
  dir: string;
  trust: LocalTrust;
  environment?: string;
  weightsBytes?: number;
  requestedBy?: string;
}

function exampleSpec(name: string) {
  const path = join(EXAMPLES_DIR, 'models', name, 'model.json');
  return parseWith(simulatedChatSpecSchema, JSON.parse(readFileSync(path, 'utf8')), path);
}

/** The policy the demo signs: the always-required gates, the demo's model key, the stack's pipeline key. */
export function demoPolicy(trustedModelKeyPem: string, pipelineKeyId: string, environment: string, heartbeatTimeoutSeconds = 30) {
  return {
    apiVersion: 'gatehouse/v1',
    kind: 'Policy',
    name: `${environment}-demo`,
    environments: [environment],
    requiredGates: ['policy', 'integrity', 'provenance'],
    trustedModelKeys: [{ name: 'ml-release', publicKey: trustedModelKeyPem }],
    revokedModelKeyIds: [],
    pipelineKeyId,
    attestation: { ttlSeconds: 900 },
    execution: { heartbeatTimeoutSeconds },
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

  const spec = exampleSpec('support-assistant');
  const build = async (version: string) => {
    const path = join(models, `support-assistant-${version}`);
    await writeSimulatedChatArtifact(path, spec, { weightsBytes, seed: `support-assistant-${version}` });
    return path;
  };

  // The policy, signed by both owners the stack's worker trusts.
  const pipelineKeyId = keyIdOf(loadPublicKey(trust.pipelinePublicKeyPath));
  const policyPath = join(dir, 'policy.yaml');
  writeFileSync(policyPath, stringify(demoPolicy(readFileSync(release.publicKeyPath, 'utf8'), pipelineKeyId, environment)));
  for (const ownerKey of trust.ownerKeyPaths) signPolicyCommand(policyPath, ownerKey);

  // A copy whose signature no longer matches: someone raised a limit after the owners signed.
  const editedPolicyDir = join(dir, 'edited-policy');
  mkdirSync(editedPolicyDir, { recursive: true });
  cpSync(policyPath, join(editedPolicyDir, 'policy.yaml'));
  cpSync(`${policyPath}.sig.json`, join(editedPolicyDir, 'policy.yaml.sig.json'));
  appendFileSync(join(editedPolicyDir, 'policy.yaml'), '# attestation lifetime raised without the owners\n');
  const edited = readFileSync(join(editedPolicyDir, 'policy.yaml'), 'utf8').replace('ttlSeconds: 900', 'ttlSeconds: 86400');
  writeFileSync(join(editedPolicyDir, 'policy.yaml'), edited);

  const request = (version: string, artifact: string, signature: string, policy: string, summary: string) => {
    const path = join(dir, `request-${version}.yaml`);
    writeFileSync(
      path,
      stringify({
        apiVersion: 'gatehouse/v1',
        kind: 'DeploymentRequest',
        model: { name: 'support-assistant', version, kind: 'chat' },
        artifact,
        signature,
        change: { type: 'weights', summary },
        environment,
        requestedBy,
        policy,
      }),
    );
    return path;
  };

  const good = await build('2.4.0');
  await signModelCommand(good, release.privateKeyPath, undefined, 'support-assistant', quiet);

  const tampered = await build('2.4.1');
  await signModelCommand(tampered, release.privateKeyPath, undefined, 'support-assistant', quiet);
  appendFileSync(join(tampered, 'config.json'), ' ');

  const untrusted = await build('2.4.2');
  await signModelCommand(untrusted, rogue.privateKeyPath, undefined, 'support-assistant', quiet);

  const withEditedPolicy = await build('2.4.3');
  await signModelCommand(withEditedPolicy, release.privateKeyPath, undefined, 'support-assistant', quiet);

  return [
    { name: 'good model', expectBlockedBy: null, description: 'signed by the release key, nothing changed', requestPath: request('2.4.0', good, `${good}.sig.json`, policyPath, 'fine-tuned on Q3 tickets') },
    { name: 'changed file', expectBlockedBy: 'integrity', description: 'config.json edited after signing', requestPath: request('2.4.1', tampered, `${tampered}.sig.json`, policyPath, 'hot-fix') },
    { name: 'untrusted signer', expectBlockedBy: 'provenance', description: 'signed by a key the policy does not trust', requestPath: request('2.4.2', untrusted, `${untrusted}.sig.json`, policyPath, 'side-loaded build') },
    { name: 'edited policy', expectBlockedBy: 'policy', description: 'a policy limit raised after the owners signed', requestPath: request('2.4.3', withEditedPolicy, `${withEditedPolicy}.sig.json`, join(editedPolicyDir, 'policy.yaml'), 'same weights, looser policy') },
  ];
}
