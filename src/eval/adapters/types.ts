/**
 * What the evaluation adapters (DESIGN §5.2) speak: a target to call, a chat request, and a model's
 * answer as plain data. A model's answer is recorded as it came (never retried); a failure to get
 * one is `ok: false` with a kind, so the runner records it and the gate decides (fail closed).
 */
import { z } from 'zod';
import type { ChatMessage } from '../datasets/items';

export type TargetName = 'candidate' | 'baseline';

export interface ModelTarget {
  name: TargetName;
  kind: 'openai-chat' | 'kserve-v1';
  /** Everything before `/v1/…`, e.g. `http://host:8080` or `http://host/v1/deployments/staging`. */
  baseUrl: string;
  /** The `model` field (openai-chat) or the model name in the path (kserve-v1). */
  model?: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Default 0, so repeated evaluations of the same model are as deterministic as the server allows. */
  temperature?: number;
  maxTokens?: number;
}

/**
 * - `transport`: no HTTP answer (connection refused or reset, DNS, TLS), retried;
 * - `timeout`: no complete answer within `timeoutMs`, retried;
 * - `http`: a non-2xx status (5xx, 408 and 429 retried first; other 4xx not), or an error event
 *   inside a 2xx stream;
 * - `malformed`: a 2xx whose body is not the protocol's shape; never retried.
 */
export type ErrorKind = 'transport' | 'http' | 'timeout' | 'malformed';
export const errorKinds = ['transport', 'http', 'timeout', 'malformed'] as const satisfies readonly ErrorKind[];

export interface FailedCall {
  ok: false;
  error: string;
  errorKind: ErrorKind;
  /** Duration of the last attempt. */
  latencyMs: number;
  status: number | null;
  /** Attempts made (1 + retries). */
  attempts?: number;
}

export type ModelAnswer =
  | {
      ok: true;
      text: string;
      /** Duration of the attempt that produced the answer (request sent → last byte read). */
      latencyMs: number;
      /** Request sent → first non-empty content delta; null when not streamed (or nothing was said). */
      ttftMs: number | null;
      status: number;
      attempts?: number;
    }
  | FailedCall;

export type PredictAnswer =
  | { ok: true; predictions: unknown[]; latencyMs: number; status: number; attempts?: number }
  | FailedCall;

const failedCallSchema = z
  .object({
    ok: z.literal(false),
    error: z.string(),
    errorKind: z.enum(errorKinds),
    latencyMs: z.number().nonnegative(),
    status: z.number().int().nullable(),
    attempts: z.number().int().positive().optional(),
  })
  .strict();

/** Checks a stored answer when the runner's responses are read back. */
export const modelAnswerSchema: z.ZodType<ModelAnswer> = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      text: z.string(),
      latencyMs: z.number().nonnegative(),
      ttftMs: z.number().nonnegative().nullable(),
      status: z.number().int(),
      attempts: z.number().int().positive().optional(),
    })
    .strict(),
  failedCallSchema,
]);

export const predictAnswerSchema: z.ZodType<PredictAnswer> = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      predictions: z.array(z.unknown()),
      latencyMs: z.number().nonnegative(),
      status: z.number().int(),
      attempts: z.number().int().positive().optional(),
    })
    .strict(),
  failedCallSchema,
]);
