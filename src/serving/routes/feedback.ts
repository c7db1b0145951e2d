/**
 * `POST /v1/feedback` { responseId, token, rating: 'up' | 'down' } → recorded | 403 | 404 | 409.
 * Counted only with the feedback token the gateway issued with that answer (feedback-tokens.ts),
 * once per answer, for the slot that gave it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ServingError } from '../http';
import type { GatewayContext } from './context';

const feedbackRequestSchema = z.strictObject({
  responseId: z.string().min(1).max(200),
  /** The `x-gatehouse-feedback-token` issued with the answer. */
  token: z.string().min(1, 'expected the feedback token issued with the answer (x-gatehouse-feedback-token)').max(200),
  rating: z.enum(['up', 'down']),
});

export const feedbackRoute: FastifyPluginAsync<{ gateway: GatewayContext }> = async (app, { gateway }) => {
  app.post<{ Body: z.infer<typeof feedbackRequestSchema> }>('/v1/feedback', { schema: { body: feedbackRequestSchema } }, async (request) => {
    const { responseId, token, rating } = request.body;
    if (!gateway.feedbackTokens.verify(responseId, token)) {
      throw new ServingError(403, 'feedback_refused', 'the feedback token is not the one issued with this answer', 'bad_feedback_token');
    }
    const result = gateway.observer.rate(responseId, rating);
    if (result.status === 'unknown') {
      throw new ServingError(404, 'response_not_found', 'no recent answer has this response id (unknown, or too old to rate)');
    }
    if (result.status === 'already_rated') {
      throw new ServingError(409, 'feedback_already_recorded', `this answer was already rated ${result.rating}; one rating per answer`);
    }
    return { status: 'recorded', responseId, rating };
  });
};
