/**
 * The bias gate's demo scenarios (DESIGN §5.5), in the shape of src/demo/scenario.ts's, for the demo
 * table and the tests:
 *
 *   credit-scorer 1.0.0  credit-baseline: REAL logistic regression, no group attribute   deployed (first deployment)
 *   credit-scorer 1.1.0  credit-proxy: the same plus a proxy for the group                blocked at bias (demographic parity)
 *   <chat> 2.7.1         bias-fair-chat: answers every demographic variant alike          deployed (bias passes)
 *   <chat> 2.7.2         bias-slot-chat: answers by demographic slot                      blocked at bias
 *
 * The chat candidates are versions of the demo's assistant (`support-assistant` unless told), so they
 * are judged against the assistant the gateway serves as stable; `assistantBaseline` adds that
 * baseline (assistant-safe, 2.7.0) first, for a stack that does not serve the assistant yet. Every
 * model is signed with a key of this workspace's own, and every request names this workspace's policy:
 * the demo policy's safety section plus the example bias section, bias required. The classifiers are
 * judged by the bias gate (safety: not applicable, from the kind in their verified model.json) and
 * served on the gateway's predict route.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generateKeysCommand, signModelCommand, signPolicyCommand } from '../signing/signing-files';
import { parseWith } from '../errors';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact } from '../serving/simulated-chat-model';
import { CLASSIFIER_SPEC_FILE } from '../serving/classifier-model';
import { keyIdOf, loadPublicKey } from '../signing/keys';
import type { LocalTrust } from '../stack';
import { demoPolicy, demoRequesters, EXAMPLES_DIR, exampleBiasSection, type Scenario, writeDemoRequest } from './scenario';

export interface BiasDemoOptions {
  /** A directory of the bias demo's own (keys, models, policy, requests); created. */
  dir: string;
  trust: LocalTrust;
  environment?: string;
  requestedBy?: string;
  /** Size of the pseudo-random weights file of each simulated chat model (default 1 MiB). */
  weightsBytes?: number;
  /** The chat model name the chat candidates deploy under (default `support-assistant`). */
  chatModel?: string;
  /** Deploy assistant-safe as the chat model's stable version first (default false: the stack serves it). */
  assistantBaseline?: boolean;
  /** Bootstrap resamples of the bias gate (default: the example section's 10,000). */
  resamples?: number;
  heartbeatTimeoutSeconds?: number;
  evaluation?: { concurrency: number; checkpointEvery: number; requestTimeoutSeconds: number };
}

export const CREDIT_MODEL = 'credit-scorer';

/** The bias demo's policy: the demo policy (safety) plus the example bias section, with bias required. */
export function biasDemoPolicy(
  trustedModelKeyPem: string,
  pipelineKeyId: string,
  environment: string,
  options: Pick<BiasDemoOptions, 'resamples' | 'heartbeatTimeoutSeconds' | 'evaluation'> = {},
) {
  const base = demoPolicy(trustedModelKeyPem, pipelineKeyId, environment, options.heartbeatTimeoutSeconds, options.evaluation);
  return {
    ...base,
    // The same policy name as the demo's: the worker binds one policy name to each environment.
    name: `${environment}-demo`,
    requiredGates: [...base.requiredGates, 'bias'],
    gates: { ...base.gates, bias: exampleBiasSection(options.resamples !== undefined ? { resamples: options.resamples } : {}) },
  };
}

export async function prepareBiasDemo(options: BiasDemoOptions): Promise<Scenario[]> {
  const { dir, trust } = options;
  const environment = options.environment ?? 'production';
  const requestedBy = options.requestedBy ?? 'alice';
  const chatModel = options.chatModel ?? 'support-assistant';
  const weightsBytes = options.weightsBytes ?? 1024 * 1024;
  const models = join(dir, 'models');
  mkdirSync(models, { recursive: true });
  const release = generateKeysCommand('bias-release', join(dir, 'keys'), 'ed25519');
  const quiet = () => undefined;

  const policyPath = join(dir, 'policy-bias.yaml');
  const pipelineKeyId = keyIdOf(loadPublicKey(trust.pipelinePublicKeyPath));
  const policy = { ...biasDemoPolicy(readFileSync(release.publicKeyPath, 'utf8'), pipelineKeyId, environment, options), requesters: demoRequesters(trust, requestedBy) };
  writeFileSync(policyPath, stringify(policy));
  for (const ownerKey of trust.ownerKeyPaths) signPolicyCommand(policyPath, ownerKey);

  /** A classifier artifact: the trained model.json is the whole model (its weights are in it). */
  const classifier = async (version: string, example: string) => {
    const path = join(models, `${CREDIT_MODEL}-${version}`);
    mkdirSync(path, { recursive: true });
    copyFileSync(join(EXAMPLES_DIR, 'models', example, CLASSIFIER_SPEC_FILE), join(path, CLASSIFIER_SPEC_FILE));
    await signModelCommand(path, release.privateKeyPath, undefined, CREDIT_MODEL, quiet);
    return path;
  };
  const chat = async (version: string, example: string) => {
    const path = join(models, `${chatModel}-${version}`);
    const specPath = join(EXAMPLES_DIR, 'models', example, 'model.json');
    const spec = parseWith(simulatedChatSpecSchema, JSON.parse(readFileSync(specPath, 'utf8')), specPath);
    await writeSimulatedChatArtifact(path, spec, { weightsBytes, seed: `${chatModel}-${version}` });
    await signModelCommand(path, release.privateKeyPath, undefined, chatModel, quiet);
    return path;
  };

  const scenarios: Scenario[] = [];
  const add = (s: Omit<Scenario, 'requestPath' | 'requesterKeyPath'>, kind: 'chat' | 'classifier', artifact: string) => {
    const requestPath = join(dir, `request-${s.model}-${s.version}.yaml`);
    writeDemoRequest(requestPath, { model: s.model, version: s.version, kind, artifact, description: s.description, environment, requestedBy, policy: policyPath });
    scenarios.push({ ...s, requestPath, requesterKeyPath: trust.requesterKeyPath });
  };

  add(
    { name: 'credit classifier', model: CREDIT_MODEL, version: '1.0.0', expectBlockedBy: null, phase: 'baseline', description: 'REAL logistic regression without the group attribute; first deployment of the classifier' },
    'classifier',
    await classifier('1.0.0', 'credit-baseline'),
  );
  if (options.assistantBaseline) {
    add(
      { name: 'assistant (bias baseline)', model: chatModel, version: '2.7.0', expectBlockedBy: null, phase: 'baseline', description: 'assistant-safe, the stable chat model the bias candidates are compared with' },
      'chat',
      await chat('2.7.0', 'assistant-safe'),
    );
  }
  add(
    { name: 'credit classifier with a proxy', model: CREDIT_MODEL, version: '1.1.0', expectBlockedBy: 'bias', phase: 'candidate', description: 'the same plus a neighbourhood feature that carries the group: approves creditworthy group-B applicants less often' },
    'classifier',
    await classifier('1.1.0', 'credit-proxy'),
  );
  add(
    { name: 'fair chat model', model: chatModel, version: '2.7.1', expectBlockedBy: null, phase: 'candidate', description: 'answers every demographic variant of a question alike' },
    'chat',
    await chat('2.7.1', 'bias-fair-chat'),
  );
  add(
    { name: 'chat model biased by slot', model: chatModel, version: '2.7.2', expectBlockedBy: 'bias', phase: 'candidate', description: 'answers loans, help and salaries differently by name, pronoun and location' },
    'chat',
    await chat('2.7.2', 'bias-slot-chat'),
  );
  return scenarios;
}
