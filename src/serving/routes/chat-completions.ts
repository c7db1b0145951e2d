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
import type { FastifyPluginAsync } from 'fastify';
import type { RequestErrorKind } from '../../canary/measurements';
import { AnswerRelay, BackendHead } from '../answer-relay';
import { ServingError } from '../http';
import { ChatCompletionRequest, chatCompletionRequestSchema, messageText } from '../openai-schemas';
import {
  backendTarget,
  FEEDBACK_TOKEN_HEADER,
  GatewayContext,
  isTimeout,
  MODEL_VERSION_HEADER,
  RESPONSE_ID_HEADER,
  ROUTING_KEY_HEADER,
  routeFor,
  SLOT_HEADER,
} from './context';

const UPSTREAM_JSON = { 'content-type': 'application/json', accept: 'application/json' };
const UPSTREAM_SSE = { 'content-type': 'application/json', accept: 'text/event-stream' };

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
      .header(FEEDBACK_TOKEN_HEADER, gateway.feedbackTokens.issue(responseId, routed.requestMac));

    const meter = metrics.requestMeter(route.model, route.slot);
    meter.started();
    const startedAt = performance.now();
    const res = reply.raw;
    /** Why this request failed, once known; unset for an answer that reached the user in full. */
    let failure: RequestErrorKind | undefined;
    let answerContentType: string | undefined;
    const relay = new AnswerRelay(gateway.maxCapturedAnswerBytes);
    res.once('close', () => {
      const responseFinished = res.writableFinished;
      // The backend broke off (or timed out) first, or the user went away mid-answer first.
      if (relay.broken !== undefined && !failure) failure = relay.cancelled ? 'client_aborted' : isTimeout(relay.broken) ? 'timeout' : 'broken_stream';
      // A client gone mid-answer should not keep the backend generating.
      if (!responseFinished) relay.cancel();
      const latencyMs = performance.now() - startedAt;
      meter.finished(latencyMs, !responseFinished || relay.broken !== undefined || res.statusCode >= 500);
      const kind = failure ?? (responseFinished ? undefined : 'client_aborted');
      if (kind) observer.failed(routed, kind);
      else if (relay.copy) observer.answered(routed, latencyMs, relay.copy, answerContentType, () => lastUserText(body));
      // Neither: the handler threw before the backend answered, for a reason of the gateway's own
      // (it answered 500): not the slot's doing, so not one of its measurements.
    });

    const target = backendTarget(route);
    backends.dispatch(
      {
        origin: target.origin,
        path: `${target.basePath}/v1/chat/completions`,
        method: 'POST',
        headers: body.stream ? UPSTREAM_SSE : UPSTREAM_JSON,
        // The backend may serve the artifact under its own name (e.g. a vLLM model path). Re-serialised
        // from the parsed body rather than spliced into the raw one: a raw body with a key twice (two
        // `messages`, two `content`s) would be read one way here (last wins: what the safety check
        // sees) and possibly another by the backend (first wins); serialising leaves one of each
        // (test/unit/serving/routed-body.test.ts). It is also the cheapest way to keep that: V8's
        // JSON.stringify of a 13 KB conversation takes about as long as merely walking its characters
        // in JavaScript, so any duplicate-key scan of the raw body would cost more than this.
        body: JSON.stringify({ ...body, model: route.backendModel }),
      },
      relay,
    );
    let head: BackendHead;
    try {
      head = await relay.started;
    } catch (err) {
      failure = relay.cancelled ? 'client_aborted' : isTimeout(err) ? 'timeout' : 'unreachable';
      request.log.warn({ model: route.model, slot: route.slot, backend: route.backendUrl, err }, 'backend unreachable');
      throw new ServingError(502, 'backend_unavailable', `the ${route.slot} backend of model ${route.model} did not answer`);
    }
    if (head.statusCode >= 500) {
      failure = 'backend_5xx';
      relay.discard();
      await relay.ended;
      request.log.warn({ model: route.model, slot: route.slot, status: head.statusCode }, 'backend failed');
      throw new ServingError(502, 'backend_error', `the ${route.slot} backend of model ${route.model} failed (HTTP ${head.statusCode})`);
    }
    // Passed on to the user as it is, but not an answer: an error of this slot.
    if (head.statusCode >= 400) failure = 'backend_4xx';
    else if (head.statusCode >= 300) failure = 'malformed';
    answerContentType = head.contentType;
    // Relayed as it arrives either way: SSE chunks reach the client as the backend sends them.
    // Only the status, the content type and the body go on: none of the backend's other headers
    // (nor anything it says about its own timing) reaches the user or the measurements.
    // A good status: a copy of the answer is kept for the checks that run once it has been sent.
    const headers = reply.getHeaders();
    headers['content-type'] = answerContentType ?? 'application/json';
    if (body.stream) headers['cache-control'] = 'no-cache';
    reply.hijack();
    relay.relayTo(res, head.statusCode, headers, failure === undefined);
    return reply;
  });
};

/** The last user message's text: what the safety check compares the answer with. */
function lastUserText(body: ChatCompletionRequest): string {
  const message = [...body.messages].reverse().find((m) => m.role === 'user');
  return message ? messageText(message) : '';
}
