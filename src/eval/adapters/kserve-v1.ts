/**
 * The `kserve-v1` adapter (DESIGN §5.2): KServe's V1 data plane (the TensorFlow Serving REST shape),
 * `POST {baseUrl}/v1/models/{modelName}:predict` with `{ "instances": [...] }` → `{ "predictions": [...] }`.
 * V1 does not enforce the response shape; Gatehouse does: `predictions` must be an array with one
 * entry per instance, or the answer is `malformed` (a gate cannot pair predictions with inputs otherwise).
 */
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { describeZodError, InputError } from '../../errors';
import { BodyOutcome, HttpCallOptions, openEndpoint, postWithRetries, resolveHttpOptions, snippet } from './http-call';
import type { PredictAnswer } from './types';

export interface KserveV1AdapterOptions extends HttpCallOptions {
  baseUrl: string;
  modelName: string;
}

export interface KserveV1Adapter {
  predict(instances: unknown[]): Promise<PredictAnswer>;
  close(): Promise<void>;
}

const predictResponseSchema = z.looseObject({ predictions: z.array(z.unknown()) });

export function createKserveV1Adapter(options: KserveV1AdapterOptions): KserveV1Adapter {
  if (typeof options.modelName !== 'string' || options.modelName === '') {
    throw new InputError(`kserve-v1.modelName: expected a non-empty model name, got ${JSON.stringify(options.modelName)}`);
  }
  const http = resolveHttpOptions(options, 'kserve-v1');
  const endpoint = openEndpoint(options.baseUrl, http.connections, 'kserve-v1');
  const path = `/v1/models/${encodeURIComponent(options.modelName)}:predict`;

  return {
    async predict(instances: unknown[]): Promise<PredictAnswer> {
      const expected = instances.length;
      const outcome = await postWithRetries<unknown[]>(endpoint, http, {
        path,
        body: JSON.stringify({ instances }),
        accept: 'application/json',
        read: (response) => readPredictions(response, expected),
      });
      if (!outcome.ok) return outcome;
      return { ok: true, predictions: outcome.value, latencyMs: outcome.latencyMs, status: outcome.status, attempts: outcome.attempts };
    },
    close: () => endpoint.pool.close(),
  };
}

async function readPredictions(response: Dispatcher.ResponseData, expected: number): Promise<BodyOutcome<unknown[]>> {
  const text = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errorKind: 'malformed', error: `expected a JSON predict response, got: ${snippet(text)}` };
  }
  const parsed = predictResponseSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errorKind: 'malformed', error: `not a V1 predict response: ${describeZodError(parsed.error)}` };
  const { predictions } = parsed.data;
  if (predictions.length !== expected) {
    return { ok: false, errorKind: 'malformed', error: `expected ${expected} predictions (one per instance), got ${predictions.length}` };
  }
  return { ok: true, value: predictions };
}
