/**
 * `POST /v1/models/{name}:predict`, KServe V1, for classifier routes only (chat models are never
 * served here, classifiers never on the chat route): the body passes through to the attested
 * backend's predict route; answered with the slot and version headers; counted in /metrics.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyPluginAsync } from 'fastify';
import { Dispatcher, request as httpRequest } from 'undici';
import { z } from 'zod';
import { predictTarget } from '../classifier-model';
import { ServingError } from '../http';
import { GatewayContext, MODEL_VERSION_HEADER, ROUTING_KEY_HEADER, routeFor, SLOT_HEADER } from './context';

/** KServe V1 predict: `instances` is required; other fields (e.g. `parameters`) pass through. */
const predictRequestSchema = z.looseObject({ instances: z.array(z.unknown()).min(1, 'expected at least one instance') });
const predictParamsSchema = z.strictObject({ target: z.string() });

export const predictRoute: FastifyPluginAsync<{ gateway: GatewayContext }> = async (app, { gateway }) => {
  const { metrics, backends } = gateway;
  app.post<{ Params: z.infer<typeof predictParamsSchema>; Body: z.infer<typeof predictRequestSchema> }>(
    '/v1/models/:target',
    // The target is checked before the body (preValidation): an unknown verb is a 404 whatever it was sent.
    { schema: { params: predictParamsSchema, body: predictRequestSchema }, preValidation: async (request) => void checkTarget(request.params) },
    async (request, reply) => {
      const model = checkTarget(request.params);
      const { route } = routeFor(gateway, model, 'classifier', request.headers[ROUTING_KEY_HEADER]);
      void reply.header(SLOT_HEADER, route.slot).header(MODEL_VERSION_HEADER, route.version);
      const meter = metrics.requestMeter(route.model, route.slot);
      meter.started();
      const startedAt = performance.now();
      let failed = true;
      // Measured when the answer has been streamed through in full (or the client went away).
      reply.raw.once('close', () => meter.finished(performance.now() - startedAt, failed || !reply.raw.writableFinished));
      let upstream: Dispatcher.ResponseData;
      try {
        upstream = await httpRequest(`${route.backendUrl}/v1/models/${encodeURIComponent(route.backendModel)}:predict`, {
          dispatcher: backends,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(request.body),
        });
      } catch (err) {
        request.log.warn({ model: route.model, slot: route.slot, backend: route.backendUrl, err }, 'backend unreachable');
        throw new ServingError(502, 'backend_unavailable', `the ${route.slot} backend of model ${route.model} did not answer`);
      }
      if (upstream.statusCode >= 500) {
        await upstream.body.dump();
        throw new ServingError(502, 'backend_error', `the ${route.slot} backend of model ${route.model} failed (HTTP ${upstream.statusCode})`);
      }
      failed = upstream.statusCode >= 400;
      const contentType = upstream.headers['content-type'];
      // Streamed through as it arrives, never re-serialised.
      return reply
        .code(upstream.statusCode)
        .header('content-type', (Array.isArray(contentType) ? contentType[0] : contentType) ?? 'application/json')
        .send(upstream.body);
    },
  );
};

function checkTarget(params: { target: string }): string {
  const model = predictTarget(params.target);
  if (model === null) throw new ServingError(404, 'not_found', 'unknown route: expected POST /v1/models/{name}:predict');
  return model;
}
