/**
 * `GET /v1/models`: the models users can reach, with the stable version and digest;
 * `GET /metrics`: Prometheus (requests, errors by kind, latency, safety checks, feedback, backend
 * re-checks per model and slot).
 */
import type { FastifyPluginAsync } from 'fastify';
import { querySchema } from '../http';
import type { GatewayContext } from './context';

const noQuery = querySchema({});

export const modelsRoute: FastifyPluginAsync<{ gateway: GatewayContext }> = async (app, { gateway }) => {
  app.get('/v1/models', { schema: { querystring: noQuery } }, async () => {
    const table = gateway.state.routingTable;
    return {
      object: 'list',
      data: table.servedModels(gateway.now().getTime()).map((model) => {
        const stable = table.get(model, 'stable');
        return {
          id: model,
          object: 'model',
          owned_by: 'gatehouse-gateway',
          ...(stable ? { gatehouse_version: stable.version, gatehouse_root_digest: stable.rootDigest } : {}),
        };
      }),
    };
  });

  app.get('/metrics', { schema: { querystring: noQuery } }, async (_request, reply) => {
    const { contentType, body } = await gateway.metrics.render();
    return reply.header('content-type', contentType).send(body);
  });
};
