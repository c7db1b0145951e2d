/**
 * `POST /v1/chat/completions`, OpenAI-compatible: routed by `model` to stable/canary (sticky with
 * the `x-gatehouse-routing-key` header), streamed through from the backend as it arrives (SSE when
 * `stream: true`). Answers carry `x-gatehouse-slot`, `x-gatehouse-model-version`,
 * `x-gatehouse-response-id` and `x-gatehouse-feedback-token` (what a rating refers to and proves).
 *
 * Measurement: anything but a well-formed 2xx answer delivered in full is an error of the slot, by
 * kind; a client that goes away mid-answer is `client_aborted`, which the canary judge keeps apart
 * from the backend's errors. A copy of the answer is checked after it was sent (slot-observer.ts).
 */
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { Dispatcher } from 'undici';
import { request as httpRequest } from 'undici';
import type { RequestErrorKind } from '../../canary/measurements';
import { AnswerCapture } from '../answer-capture';
import { ServingError } from '../http';
import { ChatCompletionRequest, chatCompletionRequestSchema, messageText } from '../openai-schemas';
import {
  FEEDBACK_TOKEN_HEADER,
  GatewayContext,
  isTimeout,
  MODEL_VERSION_HEADER,
  RESPONSE_ID_HEADER,
  ROUTING_KEY_HEADER,
  routeFor,
  SLOT_HEADER,
} from './context';

export const chatCompletionsRoute: FastifyPluginAsync<{ gateway: GatewayContext }> = async (app, { gateway }) => {
  const { metrics, observer, backends } = gateway;

  app.post<{ Body: ChatCompletionRequest }>('/v1/chat/completions', { schema: { body: chatCompletionRequestSchema } }, async (request, reply) => {
    const body = request.body;
    const routed = routeFor(gateway, body.model, 'chat', request.headers[ROUTING_KEY_HEADER]);
    const { route } = routed;
    const responseId = observer.routed(routed);
    void reply
      .header(SLOT_HEADER, route.slot)
      .header(MODEL_VERSION_HEADER, route.version)
      .header(RESPONSE_ID_HEADER, responseId)
      .header(FEEDBACK_TOKEN_HEADER, gateway.feedbackTokens.issue(responseId));

    const finishMeasurement = metrics.startRequest(route.model, route.slot);
    const startedAt = performance.now();
    let responseFinished = false;
    let upstreamBroke = false;
    /** Why this request failed, once known; unset for an answer that reached the user in full. */
    let failure: RequestErrorKind | undefined;
    let capture: AnswerCapture | undefined;
    let answerContentType: string | undefined;
    const cancelUpstream = new AbortController();
    reply.raw.once('finish', () => {
      responseFinished = true;
    });
    reply.raw.once('close', () => {
      // A client gone mid-answer should not keep the backend generating.
      if (!responseFinished) cancelUpstream.abort();
      finishMeasurement({ failed: !responseFinished || upstreamBroke || reply.statusCode >= 500 });
      const latencyMs = performance.now() - startedAt;
      const kind = failure ?? (responseFinished ? undefined : 'client_aborted');
      if (kind) observer.failed(routed, kind);
      else if (capture) observer.answered(routed, latencyMs, capture, answerContentType, () => lastUserText(body));
      // Neither: the handler threw before the backend answered, for a reason of the gateway's own
      // (it answered 500): not the slot's doing, so not one of its measurements.
    });

    let upstream: Dispatcher.ResponseData;
    try {
      upstream = await httpRequest(`${route.backendUrl}/v1/chat/completions`, {
        dispatcher: backends,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: body.stream ? 'text/event-stream' : 'application/json' },
        // The backend may serve the artifact under its own name (e.g. a vLLM model path).
        body: JSON.stringify({ ...body, model: route.backendModel }),
        signal: cancelUpstream.signal,
      });
    } catch (err) {
      failure = cancelUpstream.signal.aborted ? 'client_aborted' : isTimeout(err) ? 'timeout' : 'unreachable';
      request.log.warn({ model: route.model, slot: route.slot, backend: route.backendUrl, err }, 'backend unreachable');
      throw new ServingError(502, 'backend_unavailable', `the ${route.slot} backend of model ${route.model} did not answer`);
    }
    if (upstream.statusCode >= 500) {
      failure = 'backend_5xx';
      await upstream.body.dump();
      request.log.warn({ model: route.model, slot: route.slot, status: upstream.statusCode }, 'backend failed');
      throw new ServingError(502, 'backend_error', `the ${route.slot} backend of model ${route.model} failed (HTTP ${upstream.statusCode})`);
    }
    // Passed on to the user as it is, but not an answer: an error of this slot.
    if (upstream.statusCode >= 400) failure = 'backend_4xx';
    else if (upstream.statusCode < 200 || upstream.statusCode >= 300) failure = 'malformed';
    upstream.body.once('error', (err) => {
      upstreamBroke = true;
      failure ??= cancelUpstream.signal.aborted ? 'client_aborted' : isTimeout(err) ? 'timeout' : 'broken_stream';
    });
    const contentType = upstream.headers['content-type'];
    answerContentType = Array.isArray(contentType) ? contentType[0] : contentType;
    void reply.code(upstream.statusCode).header('content-type', answerContentType ?? 'application/json');
    if (body.stream) void reply.header('cache-control', 'no-cache');
    // Passed through as a stream either way: SSE chunks reach the client as the backend sends them.
    // Only the status, the content type and the body go on: none of the backend's other headers
    // (nor anything it says about its own timing) reaches the user or the measurements.
    if (failure) return reply.send(upstream.body);
    // A good status: a copy of the answer is kept for the checks that run once it has been sent.
    capture = new AnswerCapture(gateway.maxCapturedAnswerBytes);
    pipeline(upstream.body, capture, () => undefined);
    return reply.send(capture);
  });
};

/** The last user message's text: what the safety check compares the answer with. */
function lastUserText(body: ChatCompletionRequest): string {
  const message = [...body.messages].reverse().find((m) => m.role === 'user');
  return message ? messageText(message) : '';
}
