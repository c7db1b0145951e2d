/**
 * The demo's two rows on replayed real answers (issue 14 item 5): chat models whose answers to
 * jailbreak prompts are the responses real models gave, as JailbreakBench published them
 * (JailbreakBench/artifacts, MIT; a small attributed subset in examples/models/replay-*).
 *
 *   llama-2-7b-chat-replay 1.0.0   Llama-2-7b-chat's real answers to the JBC (AIM) prompts   deployed (safety passes)
 *   vicuna-13b-replay 1.0.0        Vicuna-13b's real answers to PAIR's prompts                blocked at safety, PAIR named
 *
 * Each replay model is packaged like the other example models (a simulated-chat artifact, signed
 * with a release key, served by the model host): its first rules answer each recorded prompt with
 * the recorded response; any other prompt gets assistant-safe's answer. Its policy is the demo
 * policy with the example safety suite plus the replayed prompts as `jailbreak` items whose
 * "mutator" is the attack method, so the gate's reason names the attack that broke the model.
 * The verdicts come from the rule judge on real text, not from the benchmark's labels.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { InputError, parseWith } from '../errors';
import type { SafetyItem } from '../eval/datasets/items';
import { generateKeysCommand, signModelCommand, signPolicyCommand } from '../signing/signing-files';
import { keyIdOf, loadPublicKey } from '../signing/keys';
import { simulatedChatSpecSchema, writeSimulatedChatArtifact, type SimulatedChatSpec } from '../serving/simulated-chat-model';
import type { GateName } from '../pipeline-types';
import type { LocalTrust } from '../stack';
import { demoPolicy, demoRequesters, EXAMPLES_DIR, exampleSafetySection, type Scenario, writeDemoRequest } from './scenario';

/** One recorded exchange, as copied from a JailbreakBench artifact (only records with a prompt). */
export const replayRecordSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  goal: z.string().min(1),
  category: z.string().min(1),
  prompt: z.string().min(1),
  response: z.string(),
  /** The benchmark's own harmfulness label (kept for the record; the gate judges the text itself). */
  jailbroken: z.boolean(),
});
export type ReplayRecord = z.output<typeof replayRecordSchema>;

export interface ReplayModel {
  /** examples/models/<folder>: replay.jsonl and the benchmark's licence. */
  folder: string;
  /** The model name it deploys under. */
  model: string;
  /** The attack method, as the gate's report names it. */
  attack: string;
  name: string;
  description: string;
  expectBlockedBy: GateName | null;
}

export const REPLAY_MODELS: readonly ReplayModel[] = [
  {
    folder: 'replay-llama-2-7b-chat-jbc',
    model: 'llama-2-7b-chat-replay',
    attack: 'JBC',
    name: 'real model that resists',
    description: "Llama-2-7b-chat's recorded real answers to JailbreakChat (AIM) prompts (JailbreakBench): it refuses them",
    expectBlockedBy: null,
  },
  {
    folder: 'replay-vicuna-13b-pair',
    model: 'vicuna-13b-replay',
    attack: 'PAIR',
    name: 'real model that falls',
    description: "Vicuna-13b's recorded real answers to PAIR jailbreak prompts (JailbreakBench): it complies with most",
    expectBlockedBy: 'safety',
  },
];

export function loadReplayRecords(folder: string): ReplayRecord[] {
  const path = join(EXAMPLES_DIR, 'models', folder, 'replay.jsonl');
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new InputError(`line ${i + 1}: expected a JSON object: ${(error as Error).message}`, path);
      }
      return [parseWith(replayRecordSchema, json, `${path}:${i + 1}`)];
    });
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The replay model: each recorded prompt answered with its recorded response, anything else as `base` answers. */
export function replaySpec(replay: ReplayModel, records: readonly ReplayRecord[], base: SimulatedChatSpec): SimulatedChatSpec {
  return parseWith(
    simulatedChatSpecSchema,
    {
      ...base,
      name: replay.folder,
      description: `REPLAY of recorded real answers, not a live model: ${replay.description}. Source: JailbreakBench/artifacts (MIT, see LICENSE-jailbreakbench in its folder). Prompts not in the recording get ${base.name}'s answers.`,
      rules: [...records.map((r) => ({ match: `^${escapeRegex(r.prompt)}$`, response: r.response })), ...base.rules],
    },
    replay.folder,
  );
}

/** The recorded prompts as jailbreak items that expect a refusal, the attack as their "mutator". */
export function replayItems(replay: ReplayModel, records: readonly ReplayRecord[]): SafetyItem[] {
  return records.map((r) => ({
    id: `jbb-${replay.attack}-${replay.model}-${r.index}`,
    input: r.prompt,
    category: 'jailbreak',
    expected: 'refuse',
    mutator: replay.attack,
    seedId: `jbb-behaviour-${r.index}`,
    subcategory: r.category,
    source: 'jailbreakbench',
  }));
}

function exampleSpec(name: string): SimulatedChatSpec {
  const path = join(EXAMPLES_DIR, 'models', name, 'model.json');
  return parseWith(simulatedChatSpecSchema, JSON.parse(readFileSync(path, 'utf8')), path);
}

/** The example safety suite plus the replayed items, and the safety section that pins it. */
export function replaySafetySection(suitePath: string, replayed: readonly SafetyItem[]) {
  const section = exampleSafetySection();
  const text = readFileSync(section.dataset.path, 'utf8').replace(/\n*$/, '\n') + replayed.map((item) => JSON.stringify(item)).join('\n') + '\n';
  writeFileSync(suitePath, text);
  const minimum = section.dataset.minItemsPerCategory ?? {};
  return {
    ...section,
    dataset: {
      path: suitePath,
      sha256: createHash('sha256').update(text).digest('hex'),
      minItemsPerCategory: { ...minimum, jailbreak: (minimum.jailbreak ?? 1) + replayed.length },
    },
  };
}

export interface ReplayDemoOptions {
  /** A directory of the replay demo's own (keys, models, suites, policies, requests); created. */
  dir: string;
  trust: LocalTrust;
  environment?: string;
  requestedBy?: string;
  weightsBytes?: number;
  heartbeatTimeoutSeconds?: number;
  evaluation?: { concurrency: number; checkpointEvery: number; requestTimeoutSeconds: number };
}

export async function prepareReplayDemo(options: ReplayDemoOptions): Promise<Scenario[]> {
  const { dir, trust } = options;
  const environment = options.environment ?? 'production';
  const requestedBy = options.requestedBy ?? 'alice';
  const weightsBytes = options.weightsBytes ?? 1024 * 1024;
  mkdirSync(join(dir, 'models'), { recursive: true });
  const release = generateKeysCommand('replay-release', join(dir, 'keys'), 'ed25519');
  const pipelineKeyId = keyIdOf(loadPublicKey(trust.pipelinePublicKeyPath));
  const base = exampleSpec('assistant-safe');
  const scenarios: Scenario[] = [];
  for (const [index, replay] of REPLAY_MODELS.entries()) {
    const records = loadReplayRecords(replay.folder);
    const policy = demoPolicy(readFileSync(release.publicKeyPath, 'utf8'), pipelineKeyId, environment, options.heartbeatTimeoutSeconds, options.evaluation);
    // The same policy name as the demo's: the worker binds one policy name to each environment.
    const document = {
      ...policy,
      // Serials 1, 2, …: a worker takes no other content under a serial it has seen, nor an older one
      // (DESIGN §6), so these deploy in REPLAY_MODELS' order (the demo signs them again in its own).
      serial: 1 + index,
      gates: { safety: replaySafetySection(join(dir, `safety-${replay.model}.jsonl`), replayItems(replay, records)) },
      requesters: demoRequesters(trust, requestedBy),
    };
    const policyPath = join(dir, `policy-${replay.model}.yaml`);
    writeFileSync(policyPath, stringify(document));
    for (const ownerKey of trust.ownerKeyPaths) signPolicyCommand(policyPath, ownerKey);

    const version = '1.0.0';
    const artifact = join(dir, 'models', `${replay.model}-${version}`);
    await writeSimulatedChatArtifact(artifact, replaySpec(replay, records, base), { weightsBytes, seed: `${replay.model}-${version}` });
    await signModelCommand(artifact, release.privateKeyPath, undefined, replay.model, () => undefined);
    const requestPath = join(dir, `request-${replay.model}-${version}.yaml`);
    writeDemoRequest(requestPath, { model: replay.model, version, kind: 'chat', artifact, description: replay.description, environment, requestedBy, policy: policyPath });
    scenarios.push({ name: replay.name, model: replay.model, version, requestPath, expectBlockedBy: replay.expectBlockedBy, phase: 'candidate', description: replay.description, requesterKeyPath: trust.requesterKeyPath });
  }
  return scenarios;
}
