/**
 * What the serving apps (gateway, model host) share at the HTTP edge: the one documented error shape
 * `{ error: { type, message, reason? } }`, zod parsing of request bodies into that shape, and a
 * small handle to start and stop an app in-process (tests, `gatehouse up`).
 */
import Fastify, { FastifyBaseLogger, FastifyError, FastifyInstance, LogController } from 'fastify';
import type { SecureContextOptions } from 'node:tls';
import { z } from 'zod';
import { describeZodError } from '../errors';

/** Every error any serving endpoint returns has this shape (OpenAI's, plus `reason` for refusals). */
export interface ErrorBody {
  error: { type: string; message: string; reason?: string };
}

/** An error that becomes an HTTP response: thrown by handlers, rendered by `installErrorShape`. */
export class ServingError extends Error {
  override name = 'ServingError';
  constructor(
    readonly statusCode: number,
    readonly type: string,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { type: this.type, message: this.message, ...(this.reason ? { reason: this.reason } : {}) } };
  }
}

/**
 * A route's query schema: fastify's parsed query has no prototype, so it is copied into a plain
 * object first; unknown parameters are refused.
 */
export function querySchema<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.preprocess((query) => (typeof query === 'object' && query !== null ? { ...query } : query), z.strictObject(shape));
}

/** Parses a request body at the edge; a bad body is a 400 naming each bad field. */
export function parseRequestBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw new ServingError(400, 'invalid_request', describeZodError(result.error));
  return result.data;
}

/**
 * A fastify app with the serving conventions: the given logger, no per-request log lines (the apps
 * log what matters: admissions, refusals, backend failures), and the one error shape.
 */
/** HTTPS with required client certificates (the gateway's admin listener with `admin.tls`). */
export type AdminTlsOptions = SecureContextOptions & { requestCert: true; rejectUnauthorized: true };

export function createServingApp(logger: FastifyBaseLogger, options: { bodyLimit?: number; https?: AdminTlsOptions } = {}): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  // Route schemas are zod schemas: each route's body, params and query are parsed once, here, into
  // typed values (a bad one is a 400 naming each bad field, in the one error shape).
  app.setValidatorCompiler<z.ZodType>(({ schema }) => (data: unknown) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: new ServingError(400, 'invalid_request', describeZodError(result.error)) };
  });
  installErrorShape(app);
  return app;
}

/** Routes fastify's own errors (bad JSON, unknown route, body too large) into the same error shape. */
export function installErrorShape(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(new ServingError(404, 'not_found', `no endpoint ${request.method} ${request.url}`).toBody());
  });
  app.setErrorHandler((err: FastifyError | ServingError, request, reply) => {
    if (err instanceof ServingError) {
      if (err.statusCode >= 500) request.log.warn({ type: err.type }, err.message);
      return reply.code(err.statusCode).send(err.toBody());
    }
    const status = err.statusCode ?? 500;
    if (status < 500) return reply.code(status).send(new ServingError(status, 'invalid_request', err.message).toBody());
    request.log.error({ err }, 'unhandled error');
    // Internal details stay in the log; the client learns only that it was not its fault.
    return reply.code(500).send(new ServingError(500, 'internal_error', 'internal error').toBody());
  });
}

export interface ServiceHandle {
  readonly app: FastifyInstance;
  /** Starts listening (port 0 picks a free port); resolves to the base URL, e.g. `http://127.0.0.1:41234`. */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting requests, waits for in-flight ones, then releases the app's resources. */
  close(): Promise<void>;
}

export function serviceHandle(app: FastifyInstance, defaults: { port: number; host: string }): ServiceHandle {
  return {
    app,
    listen: (port = defaults.port, host = defaults.host) => app.listen({ port, host }),
    close: () => app.close(),
  };
}
