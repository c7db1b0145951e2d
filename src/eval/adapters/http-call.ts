/**
 * The HTTP machinery the adapters share: one undici keep-alive `Pool` per endpoint, a per-request
 * deadline (headers and the whole body), classification of what went wrong, and retries with
 * full-jitter exponential backoff for what may succeed on a second try (transport errors, timeouts,
 * 5xx, 408, 429). A model's answer (a 2xx with a body of the protocol's shape) is never retried, and
 * neither is a 2xx with a malformed body nor another 4xx: asking again would only hide a defect.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { Dispatcher, Pool } from 'undici';
import { InputError } from '../../errors';
import type { ErrorKind, FailedCall } from './types';

const now = performance.now.bind(performance);
const mathMin = Math.min;
const mathRound = Math.round;

export interface HttpCallOptions {
  /** Deadline per attempt, headers and body included. Default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable failures. Default 2 (3 attempts in all). */
  maxRetries?: number;
  /** Backoff before retry k (k = 1, 2, …) is uniform in [0, min(max, base × 2^(k-1))). Default 200 ms. */
  retryBaseDelayMs?: number;
  /** Default 5 s. */
  retryMaxDelayMs?: number;
  /** Kept-alive connections to the endpoint: the evaluation's concurrency. Default 8. */
  connections?: number;
  /** Extra request headers, e.g. `authorization` for an external backend. */
  headers?: Record<string, string>;
  /** For tests: the jitter source. Default Math.random. */
  random?: () => number;
}

export interface ResolvedHttpOptions {
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  connections: number;
  headers: Record<string, string>;
  random: () => number;
}

export function resolveHttpOptions(options: HttpCallOptions, where: string): ResolvedHttpOptions {
  const resolved: ResolvedHttpOptions = {
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 5_000,
    connections: options.connections ?? 8,
    headers: options.headers ?? {},
    random: options.random ?? Math.random,
  };
  const check = (name: keyof ResolvedHttpOptions, ok: boolean, expected: string) => {
    if (!ok) throw new InputError(`${where}.${name}: expected ${expected}, got ${String(resolved[name])}`);
  };
  check('timeoutMs', Number.isFinite(resolved.timeoutMs) && resolved.timeoutMs > 0, 'a positive number of milliseconds');
  check('maxRetries', Number.isInteger(resolved.maxRetries) && resolved.maxRetries >= 0, 'a non-negative integer');
  check('retryBaseDelayMs', Number.isFinite(resolved.retryBaseDelayMs) && resolved.retryBaseDelayMs >= 0, 'a non-negative number');
  check('retryMaxDelayMs', Number.isFinite(resolved.retryMaxDelayMs) && resolved.retryMaxDelayMs >= 0, 'a non-negative number');
  check('connections', Number.isInteger(resolved.connections) && resolved.connections >= 1, 'a positive integer');
  return resolved;
}

export interface Endpoint {
  pool: Pool;
  /** The base URL's path without a trailing slash ('' for an origin). */
  basePath: string;
}

/** A keep-alive pool to the base URL's origin; request paths are prefixed with the base URL's path. */
export function openEndpoint(baseUrl: string, connections: number, where: string): Endpoint {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError(`${where}.baseUrl: expected an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`${where}.baseUrl: expected an http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InputError(`${where}.baseUrl: expected no query, fragment or credentials in ${JSON.stringify(baseUrl)}`);
  }
  // pipelining 1: one request at a time per connection, so `connections` bounds concurrency exactly.
  const pool = new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  return { pool, basePath: url.pathname.replace(/\/+$/, '') };
}

/** What reading a 2xx body produced: the value, or a failure that retrying would not fix. */
export type BodyOutcome<T> = { ok: true; value: T } | { ok: false; errorKind: Extract<ErrorKind, 'malformed' | 'http'>; error: string };

export interface PostRequest<T> {
  path: string;
  body: string;
  accept: string;
  /** Reads a 2xx response; `startedAt` is the attempt's start (performance.now()). Throws only on I/O errors. */
  read(response: Dispatcher.ResponseData, startedAt: number): Promise<BodyOutcome<T>>;
}

export type CallOutcome<T> = { ok: true; value: T; status: number; latencyMs: number; attempts: number } | FailedCall;

type Attempt<T> =
  | { ok: true; value: T; status: number; latencyMs: number }
  | { ok: false; failure: FailedCall; retryable: boolean };

const retryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/** POSTs, retrying what may be transient; never throws for anything the endpoint or the network does. */
export async function postWithRetries<T>(endpoint: Endpoint, options: ResolvedHttpOptions, request: PostRequest<T>): Promise<CallOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    const result = await postOnce(endpoint, options, request);
    if (result.ok) return { ...result, attempts: attempt };
    if (!result.retryable || attempt > options.maxRetries) return { ...result.failure, attempts: attempt };
    const cap = mathMin(options.retryMaxDelayMs, options.retryBaseDelayMs * 2 ** (attempt - 1));
    await sleep(options.random() * cap);
  }
}

async function postOnce<T>(endpoint: Endpoint, options: ResolvedHttpOptions, request: PostRequest<T>): Promise<Attempt<T>> {
  const startedAt = now();
  const elapsed = () => mathRound((now() - startedAt) * 1000) / 1000;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no complete answer within ${options.timeoutMs} ms`));
  }, options.timeoutMs);
  let response: Dispatcher.ResponseData | undefined;
  try {
    response = await endpoint.pool.request({
      path: endpoint.basePath + request.path,
      method: 'POST',
      headers: { ...options.headers, 'content-type': 'application/json', accept: request.accept },
      body: request.body,
      signal: controller.signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const status = response.statusCode;
    if (status < 200 || status >= 300) {
      const text = await response.body.text();
      const failure: FailedCall = { ok: false, errorKind: 'http', error: `HTTP ${status}: ${snippet(text)}`, status, latencyMs: elapsed() };
      return { ok: false, failure, retryable: retryableStatus(status) };
    }
    const outcome = await request.read(response, startedAt);
    if (outcome.ok) return { ok: true, value: outcome.value, status, latencyMs: elapsed() };
    return { ok: false, failure: { ok: false, errorKind: outcome.errorKind, error: outcome.error, status, latencyMs: elapsed() }, retryable: false };
  } catch (err) {
    if (response && !response.body.destroyed) response.body.destroy();
    const status = response?.statusCode ?? null;
    const code = (err as { code?: string }).code;
    const kind: ErrorKind = timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' ? 'timeout' : 'transport';
    const message = kind === 'timeout' ? `no complete answer within ${options.timeoutMs} ms` : `${code ? `${code}: ` : ''}${(err as Error).message}`;
    return { ok: false, failure: { ok: false, errorKind: kind, error: message, status, latencyMs: elapsed() }, retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

/** The first 300 characters of a body, on one line, for an error message. */
export function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line || '(empty body)';
}
