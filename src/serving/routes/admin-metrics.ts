/**
 * `GET /admin/v1/metrics?model=M&since=ISO&until=ISO[&canaryDigest=D][&stableDigest=D]` (admin listener only) → per slot, the interval
 * buckets the canary judge reads (slot-metrics.ts): counts, errors by kind, latency samples,
 * flagged/checked, feedback up/down.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { querySchema, ServingError } from '../http';
import type { GatewayContext } from './context';

const metricsQuerySchema = querySchema({
  model: z.string().min(1, 'expected the model whose metrics to read'),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  /** Only the canary buckets of this artifact (the candidate the canary judges): never another canary's numbers. */
  canaryDigest: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex root digest').optional(),
  /** Only the stable buckets of this artifact. */
  stableDigest: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex root digest').optional(),
});

export const adminMetricsRoute: FastifyPluginAsync<{ gateway: GatewayContext }> = async (app, { gateway }) => {
  app.get<{ Querystring: z.output<typeof metricsQuerySchema> }>('/admin/v1/metrics', { schema: { querystring: metricsQuerySchema } }, async (request) => {
    const query = request.query;
    const since = query.since ? Date.parse(query.since) : undefined;
    const until = query.until ? Date.parse(query.until) : undefined;
    if (since !== undefined && until !== undefined && until <= since) {
      throw new ServingError(400, 'invalid_request', 'until: expected a time after since');
    }
    return gateway.observer.report(query.model, since, until, {
      ...(query.canaryDigest !== undefined ? { canary: query.canaryDigest } : {}),
      ...(query.stableDigest !== undefined ? { stable: query.stableDigest } : {}),
    });
  });
};
