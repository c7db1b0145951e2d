/**
 * The `openai-chat` adapter (DESIGN §5.2): `POST {baseUrl}/v1/chat/completions` with `stream: true`
 * and temperature 0 unless the request says otherwise. The SSE stream gives the time to first token
 * (at the first non-empty content delta); a server that ignores `stream` and answers
 * `application/json` is read as a plain completion (no TTFT). Shapes are checked with zod; anything
 * else is `malformed`. Never throws for what the endpoint or the network does (see http-call.ts).
 */
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { request as undiciRequest } from 'undici';
import { z } from 'zod';
import { describeZodError } from '../../errors';
import { modelListSchema, type ServedModel } from '../../serving/openai-schemas';
import { BodyOutcome, HttpCallOptions, openEndpoint, postWithRetries, resolveHttpOptions, snippet } from './http-call';
import { SseDecoder } from './sse';
import type { ChatRequest, ModelAnswer } from './types';

const now = performance.now.bind(performance);
const mathRound = Math.round;
const jsonParse = JSON.parse;

export interface OpenAiChatAdapterOptions extends HttpCallOptions {
  baseUrl: string;
  /** Sent as `model`; omitted when the base URL already names one deployment (the model host). */
  model?: string;
}

export interface OpenAiChatAdapter {
  chat(request: ChatRequest): Promise<ModelAnswer>;
  /** Closes the pool's connections (waits for requests in flight). */
  close(): Promise<void>;
}

const errorObjectSchema = z.looseObject({ error: z.unknown() });

const streamChunkSchema = z.looseObject({
  choices: z.array(
    z.looseObject({
      index: z.number().int().optional(),
      delta: z.looseObject({ content: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
});

const completionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        index: z.number().int().optional(),
        message: z.looseObject({ content: z.string().nullish() }),
      }),
    )
    .min(1, 'expected at least one choice'),
});

interface ChatText {
  text: string;
  ttftMs: number | null;
}

/** The adapter option that sends `model` to an endpoint that wants one (none: the field is left out). */
export function modelField(model: string | null | undefined): { model?: string } {
  return model ? { model } : {};
}

export function createOpenAiChatAdapter(options: OpenAiChatAdapterOptions): OpenAiChatAdapter {
  const http = resolveHttpOptions(options, 'openai-chat');
  const endpoint = openEndpoint(options.baseUrl, http.connections, 'openai-chat');

  return {
    async chat(request: ChatRequest): Promise<ModelAnswer> {
      const body: Record<string, unknown> = {
        ...(options.model !== undefined ? { model: options.model } : {}),
        messages: request.messages,
        stream: true,
        temperature: request.temperature ?? 0,
        ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
      };
      const outcome = await postWithRetries<ChatText>(endpoint, http, {
        path: '/v1/chat/completions',
        body: JSON.stringify(body),
        accept: 'text/event-stream, application/json',
        read: readChatResponse,
      });
      if (!outcome.ok) return outcome;
      return { ok: true, text: outcome.value.text, latencyMs: outcome.latencyMs, ttftMs: outcome.value.ttftMs, status: outcome.status, attempts: outcome.attempts };
    },
    close: () => endpoint.pool.close(),
  };
}

type StreamChunk = z.infer<typeof streamChunkSchema>;
const isArray = Array.isArray;
const isInteger = Number.isInteger;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !isArray(value);
const isNullishString = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';

/**
 * The common case of `streamChunkSchema`, checked by hand (this runs for every event of every
 * answer). It accepts nothing the schema rejects; whatever it does not accept goes to the schema,
 * which decides and words the error.
 */
function isPlainChunk(json: unknown): json is StreamChunk {
  if (!isObject(json) || !isArray(json.choices)) return false;
  for (const choice of json.choices as unknown[]) {
    if (!isObject(choice)) return false;
    if (choice.index !== undefined && !isInteger(choice.index)) return false;
    if (!isNullishString(choice.finish_reason)) return false;
    const delta = choice.delta;
    if (delta !== undefined && delta !== null && (!isObject(delta) || !isNullishString(delta.content))) return false;
  }
  return true;
}

function readChatResponse(response: Dispatcher.ResponseData, startedAt: number): Promise<BodyOutcome<ChatText>> {
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  return type.includes('text/event-stream') ? readStream(response, startedAt) : readJson(response);
}

async function readJson(response: Dispatcher.ResponseData): Promise<BodyOutcome<ChatText>> {
  const text = await response.body.text();
  let json: unknown;
  try {
    json = jsonParse(text);
  } catch {
    return { ok: false, errorKind: 'malformed', error: `expected a chat completion (JSON) or an event stream, got: ${snippet(text)}` };
  }
  const parsed = completionSchema.safeParse(json);
  if (!parsed.success) {
    const error = errorObjectSchema.safeParse(json);
    if (error.success) return { ok: false, errorKind: 'http', error: `error in a ${response.statusCode} body: ${snippet(JSON.stringify(error.data.error))}` };
    return { ok: false, errorKind: 'malformed', error: `not a chat completion: ${describeZodError(parsed.error)}` };
  }
  const choice = parsed.data.choices.find((c) => (c.index ?? 0) === 0) ?? parsed.data.choices[0]!;
  return { ok: true, value: { text: choice.message.content ?? '', ttftMs: null } };
}

async function readStream(response: Dispatcher.ResponseData, startedAt: number): Promise<BodyOutcome<ChatText>> {
  const decoder = new SseDecoder();
  let text = '';
  let ttftMs: number | null = null;
  let finished = false;
  let done = false;
  let failure: BodyOutcome<ChatText> | undefined;

  const onEvent = (data: string): void => {
    if (failure || done) return;
    if (data === '[DONE]') {
      done = true;
      return;
    }
    let json: unknown;
    try {
      json = jsonParse(data);
    } catch {
      failure = { ok: false, errorKind: 'malformed', error: `stream event is not JSON: ${snippet(data)}` };
      return;
    }
    const chunk = isPlainChunk(json) ? { success: true as const, data: json } : streamChunkSchema.safeParse(json);
    if (!chunk.success) {
      const error = errorObjectSchema.safeParse(json);
      failure = error.success
        ? { ok: false, errorKind: 'http', error: `error event in the stream: ${snippet(JSON.stringify(error.data.error))}` }
        : { ok: false, errorKind: 'malformed', error: `stream event is not a chat completion chunk: ${describeZodError(chunk.error)}` };
      return;
    }
    for (const choice of chunk.data.choices) {
      if ((choice.index ?? 0) !== 0) continue;
      const content = choice.delta?.content;
      if (content) {
        if (ttftMs === null) ttftMs = mathRound((now() - startedAt) * 1000) / 1000;
        text += content;
      }
      if (choice.finish_reason) finished = true;
    }
  };

  await new Promise<void>((resolve, reject) => {
    const body = response.body;
    body.setEncoding('utf8');
    body.on('data', (piece: string) => {
      const events = decoder.push(piece);
      for (let i = 0; i < events.length; i++) onEvent(events[i]!);
      if (failure) {
        body.destroy();
        resolve();
      }
    });
    body.once('end', resolve);
    body.once('error', reject);
  });
  if (failure) return failure;
  for (const data of decoder.end()) onEvent(data);
  if (failure) return failure;
  if (!done && !finished) return { ok: false, errorKind: 'malformed', error: 'the stream ended before `data: [DONE]` or a finish_reason' };
  return { ok: true, value: { text, ttftMs } };
}

/**
 * `GET {baseUrl}/v1/models` → the root digest the backend reports for the artifact it serves
 * (`data[0].gatehouse_root_digest`), or null when it reports none. Throws when the backend cannot be
 * asked or answers something that is not a model list: the caller treats that as unverifiable.
 */
export async function fetchServedDigest(baseUrl: string, options: { timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<string | null> {
  return (await fetchServedModel(baseUrl, options))?.gatehouse_root_digest ?? null;
}

/** The first entry of a backend's `GET {base}/v1/models` (what it says it serves), or null for an empty list. */
export async function fetchServedModel(baseUrl: string, options: { timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<ServedModel | null> {
  const url = `${baseUrl.replace(/\/+$/, '')}/v1/models`;
  const response = await undiciRequest(url, {
    method: 'GET',
    headers: { accept: 'application/json', ...(options.headers ?? {}) },
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${response.statusCode}: ${snippet(text)}`);
  let json: unknown;
  try {
    json = jsonParse(text);
  } catch {
    throw new Error(`GET ${url}: expected a JSON model list, got: ${snippet(text)}`);
  }
  const parsed = modelListSchema.safeParse(json);
  if (!parsed.success) throw new Error(`GET ${url}: not a model list: ${describeZodError(parsed.error)}`);
  return parsed.data.data[0] ?? null;
}
