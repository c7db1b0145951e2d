/**
 * A SIMULATED chat model: no neural network, no inference. Its answers come from a spec file,
 * `model.json` inside the artifact, so the demo and the tests can build candidates with a precise,
 * known behaviour (a defect planted on purpose) and show each gate catching it.
 *
 * How an answer is chosen, first match wins:
 *   1. `systemPromptRules`: `systemMatch` against the system prompt and, when given, `match` against
 *      the last user message (a model that follows, or ignores, its operator's instructions);
 *   2. `rules`: `match` against the last user message;
 *   3. `defaultResponse`.
 * Patterns are case-insensitive regular expressions. `{{system}}` in a response is replaced by the
 * system prompt (a model that leaks its instructions). New behaviours (refusal styles, PII leaks,
 * per-group answers) are new optional fields or new rule kinds: the schema is strict, so a typo in a
 * spec is an error rather than a silently ignored behaviour.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseWith } from '../errors';

export const SIMULATED_CHAT_SPEC_FILE = 'model.json';
export const SIMULATED_CHAT_WEIGHTS_FILE = 'weights.bin';
export const SIMULATED_CHAT_CONFIG_FILE = 'config.json';

const regexSource = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected a valid regular expression' },
  );

export const chatRuleSchema = z.strictObject({
  /** Case-insensitive regular expression tested against the last user message. */
  match: regexSource,
  response: z.string(),
});

export const systemPromptRuleSchema = z.strictObject({
  /** Case-insensitive regular expression tested against the system prompt (all system messages, joined). */
  systemMatch: regexSource,
  /** Optional: the rule also needs the last user message to match this. */
  match: regexSource.optional(),
  response: z.string(),
});

export const simulatedChatSpecSchema = z.strictObject({
  kind: z.literal('simulated-chat'),
  /** Always true: a reader of the artifact, a report or a log must never mistake this for a real model. */
  simulated: z.literal(true),
  name: z.string().min(1),
  description: z.string().optional(),
  rules: z.array(chatRuleSchema),
  systemPromptRules: z.array(systemPromptRuleSchema).optional(),
  defaultResponse: z.string(),
  /** Simulated service time before the first token, in milliseconds: mean ± uniform jitter. */
  latencyMs: z
    .strictObject({ mean: z.number().min(0), jitter: z.number().min(0).optional() })
    .optional(),
});
export type SimulatedChatSpec = z.infer<typeof simulatedChatSpecSchema>;

/** One turn of a conversation, text only (the model host flattens OpenAI content parts). */
export interface ChatTurn {
  role: string;
  content: string;
}

interface CompiledSpec {
  systemPromptRules: { systemMatch: RegExp; match?: RegExp; response: string }[];
  rules: { match: RegExp; response: string }[];
}

// Specs are immutable once loaded; compiling their patterns once keeps answering cheap under load.
const compiledSpecs = new WeakMap<SimulatedChatSpec, CompiledSpec>();

function compile(spec: SimulatedChatSpec): CompiledSpec {
  let compiled = compiledSpecs.get(spec);
  if (!compiled) {
    compiled = {
      systemPromptRules: (spec.systemPromptRules ?? []).map((rule) => ({
        systemMatch: new RegExp(rule.systemMatch, 'i'),
        ...(rule.match !== undefined ? { match: new RegExp(rule.match, 'i') } : {}),
        response: rule.response,
      })),
      rules: spec.rules.map((rule) => ({ match: new RegExp(rule.match, 'i'), response: rule.response })),
    };
    compiledSpecs.set(spec, compiled);
  }
  return compiled;
}

/** The simulated model's answer to a conversation (see the module comment for the rule order). */
export function answerChat(spec: SimulatedChatSpec, messages: readonly ChatTurn[]): string {
  const compiled = compile(spec);
  const systemPrompt = messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => m.content)
    .join('\n');
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const render = (response: string): string => response.split('{{system}}').join(systemPrompt);

  if (systemPrompt !== '') {
    for (const rule of compiled.systemPromptRules) {
      if (rule.systemMatch.test(systemPrompt) && (!rule.match || rule.match.test(lastUser))) return render(rule.response);
    }
  }
  for (const rule of compiled.rules) {
    if (rule.match.test(lastUser)) return render(rule.response);
  }
  return render(spec.defaultResponse);
}

/** A service time drawn from the spec's latency (0 when it has none). */
export function simulatedLatencyMs(spec: SimulatedChatSpec, random: () => number = Math.random): number {
  if (!spec.latencyMs) return 0;
  const jitter = spec.latencyMs.jitter ?? 0;
  return Math.max(0, spec.latencyMs.mean + (random() * 2 - 1) * jitter);
}

export interface SimulatedChatArtifactOptions {
  /** Size of `weights.bin`: lets tests and benchmarks build artifacts of realistic sizes. */
  weightsBytes: number;
  /** Seeds the pseudo-random weights; the same seed gives the same bytes. Default: the spec's name. */
  seed?: string;
}

export interface SimulatedChatArtifact {
  dir: string;
  files: string[];
}

const WEIGHTS_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Writes a simulated chat artifact into `dir` (created if needed): `model.json` (the spec),
 * `weights.bin` (deterministic pseudo-random bytes, written chunk by chunk so multi-GB artifacts
 * need no large buffer) and `config.json` (says what the weights are: filler, not a model).
 */
export async function writeSimulatedChatArtifact(
  dir: string,
  spec: SimulatedChatSpec,
  options: SimulatedChatArtifactOptions,
): Promise<SimulatedChatArtifact> {
  const validSpec = parseWith(simulatedChatSpecSchema, spec, 'simulated chat spec');
  if (!Number.isSafeInteger(options.weightsBytes) || options.weightsBytes < 0) {
    throw new RangeError(`weightsBytes: expected a non-negative integer, got ${options.weightsBytes}`);
  }
  const seed = options.seed ?? validSpec.name;
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(join(dir, SIMULATED_CHAT_SPEC_FILE), JSON.stringify(validSpec, null, 2) + '\n');
  await writePseudoRandomFile(join(dir, SIMULATED_CHAT_WEIGHTS_FILE), options.weightsBytes, seed);
  const config = {
    kind: 'simulated-chat',
    simulated: true,
    name: validSpec.name,
    weights: {
      file: SIMULATED_CHAT_WEIGHTS_FILE,
      bytes: options.weightsBytes,
      content: 'pseudo-random filler (AES-256-CTR keystream keyed by sha256(seed)); not model parameters',
      seed,
    },
  };
  await fs.writeFile(join(dir, SIMULATED_CHAT_CONFIG_FILE), JSON.stringify(config, null, 2) + '\n');
  return { dir, files: [SIMULATED_CHAT_CONFIG_FILE, SIMULATED_CHAT_SPEC_FILE, SIMULATED_CHAT_WEIGHTS_FILE] };
}

/** AES-CTR over zeros is a fast deterministic byte stream (GB/s), continuous across chunks. */
async function writePseudoRandomFile(path: string, bytes: number, seed: string): Promise<void> {
  const key = createHash('sha256').update(seed, 'utf8').digest();
  const keystream = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(Math.min(WEIGHTS_CHUNK_BYTES, Math.max(bytes, 1)));
  const file = await fs.open(path, 'w');
  try {
    for (let written = 0; written < bytes; ) {
      const chunk = keystream.update(zeros.subarray(0, Math.min(zeros.length, bytes - written)));
      for (let offset = 0; offset < chunk.length; ) {
        offset += (await file.write(chunk, offset, chunk.length - offset)).bytesWritten;
      }
      written += chunk.length;
    }
  } finally {
    await file.close();
  }
}
