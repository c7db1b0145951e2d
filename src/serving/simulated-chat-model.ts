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
 *
 * Performance behaviours (for the regression gate, DESIGN §5.3), all optional:
 *   - `latencyMs: { mean, jitter?, tail?: { probability, extraMs }, seed? }`: service time before the
 *     first token, mean ± uniform jitter, plus `extraMs` for a `probability` share of requests (a
 *     latency tail). A rule may carry its own `latencyMs`, used when that rule answers. When the model
 *     host serves a request, the jitter and the tail are drawn from a hash of the conversation (and
 *     `seed`, default the spec's name), so the same prompt always takes the same time: runs are
 *     reproducible, and two models with different seeds differ by noise only.
 *   - `maxConcurrency`: requests served at once by one deployment; the model host queues the rest
 *     (first come, first served), so throughput is capped at maxConcurrency / service time.
 *   - `memoryBytes`: the peak memory the model host reports for the deployment, as Prometheus text
 *     (`gatehouse_model_memory_peak_bytes`) at `GET /v1/deployments/:id/metrics`. Absent: the
 *     metric is not reported (the regression gate then says "not measured").
 *
 * Failures (for the canary's error-rate metric, DESIGN §5.7), optional:
 *   - `errors: { rate, kind?, match?, seed? }`: a `rate` share of the requests whose last user message
 *     matches `match` (absent: every request) fails after its service time: `http_500` (the default)
 *     answers HTTP 500 with an error body; `malformed` answers 200 with a body that is not a chat
 *     completion (truncated JSON, or an event stream that breaks off without `[DONE]`); `mixed`, one
 *     or the other, half each. Which requests fail is drawn by a generator seeded with `seed` (default
 *     the spec's name) that the model host keeps per deployment: the k-th matching request a
 *     deployment serves fails or not the same way on every run, and the share of failures converges
 *     on `rate` even when every request carries the same prompt.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseWith } from '../errors';

export const SIMULATED_CHAT_SPEC_FILE = 'model.json';
export const SIMULATED_CHAT_WEIGHTS_FILE = 'weights.bin';
export const SIMULATED_CHAT_CONFIG_FILE = 'config.json';

/** A case-insensitive regular expression, checked to compile. */
export const regexSource = z
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

/** Simulated service time before the first token (see the module comment). */
export const simulatedLatencySchema = z.strictObject({
  mean: z.number().min(0),
  /** Uniform in [mean − jitter, mean + jitter] (floored at 0). */
  jitter: z.number().min(0).optional(),
  /** A latency tail: `extraMs` more for a `probability` share of requests. */
  tail: z.strictObject({ probability: z.number().min(0).max(1), extraMs: z.number().min(0) }).optional(),
  /** Mixed into the per-request hash; default the spec's name. Same seed and prompt, same draw. */
  seed: z.string().min(1).optional(),
});
export type SimulatedLatency = z.infer<typeof simulatedLatencySchema>;

export const simulatedFailureKinds = ['http_500', 'malformed'] as const;
export type SimulatedFailureKind = (typeof simulatedFailureKinds)[number];

/** A share of requests that fail instead of being answered (see the module comment). */
export const simulatedErrorsSchema = z.strictObject({
  /** Share of the (matching) requests that fail, in [0, 1]. */
  rate: z.number().min(0).max(1),
  /** How a failing request fails; default `http_500`. `mixed`: either, half each. */
  kind: z.enum([...simulatedFailureKinds, 'mixed']).optional(),
  /** Case-insensitive regular expression on the last user message: only requests it matches can fail. Absent: all. */
  match: regexSource.optional(),
  /** Seeds the model host's per-deployment draws; default the spec's name. */
  seed: z.string().min(1).optional(),
});
export type SimulatedErrors = z.infer<typeof simulatedErrorsSchema>;

export const chatRuleSchema = z.strictObject({
  /** Case-insensitive regular expression tested against the last user message. */
  match: regexSource,
  response: z.string(),
  /** Service time when this rule answers, instead of the spec's `latencyMs`. */
  latencyMs: simulatedLatencySchema.optional(),
});

export const systemPromptRuleSchema = z.strictObject({
  /** Case-insensitive regular expression tested against the system prompt (all system messages, joined). */
  systemMatch: regexSource,
  /** Optional: the rule also needs the last user message to match this. */
  match: regexSource.optional(),
  response: z.string(),
  /** Service time when this rule answers, instead of the spec's `latencyMs`. */
  latencyMs: simulatedLatencySchema.optional(),
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
  /** Simulated service time before the first token, in milliseconds (see the module comment). */
  latencyMs: simulatedLatencySchema.optional(),
  /** Requests one deployment serves at once; the model host queues the rest. Absent: no limit. */
  maxConcurrency: z.number().int().min(1).optional(),
  /** Peak memory the model host reports for the deployment (Prometheus text). Absent: not reported. */
  memoryBytes: z.number().int().min(0).optional(),
  /** A share of requests answered with a failure instead (see the module comment). Absent: none. */
  errors: simulatedErrorsSchema.optional(),
});
export type SimulatedChatSpec = z.infer<typeof simulatedChatSpecSchema>;

/** One turn of a conversation, text only (the model host flattens OpenAI content parts). */
export interface ChatTurn {
  role: string;
  content: string;
}

interface CompiledRule {
  response: string;
  latencyMs?: SimulatedLatency | undefined;
}

interface CompiledSpec {
  systemPromptRules: (CompiledRule & { systemMatch: RegExp; match?: RegExp })[];
  rules: (CompiledRule & { match: RegExp })[];
  /** `errors.match`, compiled; null: every request may fail. */
  errorsMatch: RegExp | null;
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
        latencyMs: rule.latencyMs,
      })),
      rules: spec.rules.map((rule) => ({ match: new RegExp(rule.match, 'i'), response: rule.response, latencyMs: rule.latencyMs })),
      errorsMatch: spec.errors?.match !== undefined ? new RegExp(spec.errors.match, 'i') : null,
    };
    compiledSpecs.set(spec, compiled);
  }
  return compiled;
}

/** The rule that answers a conversation (null: the default response) and the system prompt. */
function matchRule(spec: SimulatedChatSpec, messages: readonly ChatTurn[]): { rule: CompiledRule | null; systemPrompt: string } {
  const compiled = compile(spec);
  const systemPrompt = messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => m.content)
    .join('\n');
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  if (systemPrompt !== '') {
    for (const rule of compiled.systemPromptRules) {
      if (rule.systemMatch.test(systemPrompt) && (!rule.match || rule.match.test(lastUser))) return { rule, systemPrompt };
    }
  }
  for (const rule of compiled.rules) {
    if (rule.match.test(lastUser)) return { rule, systemPrompt };
  }
  return { rule: null, systemPrompt };
}

/** The simulated model's answer to a conversation (see the module comment for the rule order). */
export function answerChat(spec: SimulatedChatSpec, messages: readonly ChatTurn[]): string {
  const { rule, systemPrompt } = matchRule(spec, messages);
  return (rule?.response ?? spec.defaultResponse).split('{{system}}').join(systemPrompt);
}

/**
 * The answer and its service time in one pass over the rules (what the model host serves): the time
 * as `simulatedLatencyMs(spec, random, messages)`.
 */
export function respondChat(spec: SimulatedChatSpec, messages: readonly ChatTurn[], random?: () => number): { text: string; latencyMs: number } {
  const { rule, systemPrompt } = matchRule(spec, messages);
  const text = (rule?.response ?? spec.defaultResponse).split('{{system}}').join(systemPrompt);
  return { text, latencyMs: latencyFrom(rule?.latencyMs ?? spec.latencyMs, spec, random, messages) };
}

/**
 * Whether this request fails, and how (null: it is answered). `draw` is the deployment's seeded
 * generator (the model host's `failureDraws`): one draw per request that `errors.match` lets fail,
 * plus one more to pick the kind when `kind` is `mixed`. A spec without `errors` never draws.
 */
export function simulatedFailure(spec: SimulatedChatSpec, messages: readonly ChatTurn[], draw: () => number): SimulatedFailureKind | null {
  const errors = spec.errors;
  if (!errors || errors.rate <= 0) return null;
  const match = compile(spec).errorsMatch;
  if (match) {
    const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    if (!match.test(lastUser)) return null;
  }
  if (draw() >= errors.rate) return null;
  const kind = errors.kind ?? 'http_500';
  if (kind !== 'mixed') return kind;
  return draw() < 0.5 ? 'http_500' : 'malformed';
}

/** The seed of a spec's failure draws (see `simulatedFailure`): `errors.seed`, else the spec's name. */
export function failureSeed(spec: SimulatedChatSpec): string {
  return `${spec.errors?.seed ?? spec.name}|errors`;
}

/**
 * Two uniforms in [0, 1) from sha256(seed, conversation): the same conversation always gets the same
 * draw, and another seed an independent one.
 */
export function conversationUniforms(seed: string, messages: readonly ChatTurn[]): [number, number] {
  const hash = createHash('sha256').update(seed, 'utf8').update('\u0000').update(JSON.stringify(messages.map((m) => [m.role, m.content])), 'utf8').digest();
  return [hash.readUInt32BE(0) / 4294967296, hash.readUInt32BE(4) / 4294967296];
}

/**
 * A service time for a request, in milliseconds (0 when the spec has no latency). The profile is the
 * answering rule's `latencyMs`, else the spec's. The jitter and the tail come from `random` when given
 * (two calls: jitter, then tail), else from a hash of `messages` (see `conversationUniforms`), else
 * from Math.random.
 */
export function simulatedLatencyMs(spec: SimulatedChatSpec, random?: () => number, messages?: readonly ChatTurn[]): number {
  return latencyFrom((messages ? matchRule(spec, messages).rule?.latencyMs : undefined) ?? spec.latencyMs, spec, random, messages);
}

function latencyFrom(profile: SimulatedLatency | undefined, spec: SimulatedChatSpec, random?: () => number, messages?: readonly ChatTurn[]): number {
  if (!profile) return 0;
  const [jitterDraw, tailDraw] =
    random !== undefined ? [random(), random()] : messages !== undefined ? conversationUniforms(profile.seed ?? spec.name, messages) : [Math.random(), Math.random()];
  const jitter = profile.jitter ?? 0;
  const tail = profile.tail !== undefined && tailDraw < profile.tail.probability ? profile.tail.extraMs : 0;
  return Math.max(0, profile.mean + (jitterDraw * 2 - 1) * jitter) + tail;
}

/**
 * What the model host reports for a deployment at `GET /v1/deployments/:id/metrics` (Prometheus text
 * exposition format 0.0.4): the peak memory when the spec declares one, nothing about memory otherwise.
 */
export function simulatedModelMetrics(spec: SimulatedChatSpec): string {
  const lines = [
    '# HELP gatehouse_model_simulated Always 1: the model is simulated (rules, not a neural network).',
    '# TYPE gatehouse_model_simulated gauge',
    'gatehouse_model_simulated 1',
  ];
  if (spec.memoryBytes !== undefined) {
    lines.push(
      '# HELP gatehouse_model_memory_peak_bytes Peak memory of the deployment, in bytes (declared by the simulated model).',
      '# TYPE gatehouse_model_memory_peak_bytes gauge',
      `gatehouse_model_memory_peak_bytes ${spec.memoryBytes}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * At most `limit` holders at once; the others wait first come, first served (the model host's
 * per-deployment queue for `maxConcurrency`). `limit` undefined: no limit.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number | undefined) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.limit !== undefined) {
      if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.active++;
    }
    try {
      return await work();
    } finally {
      if (this.limit !== undefined) {
        const next = this.waiting.shift();
        // The slot passes straight to the next waiter (active stays the same), so no newcomer can jump the queue.
        if (next) next();
        else this.active--;
      }
    }
  }
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
