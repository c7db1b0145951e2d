/**
 * `${backendUrl}/v1/models`, read by the gateway to learn which artifact a backend serves: at
 * admission (admission.ts) and at every re-check of the routed backends (backend-watch.ts).
 * Unreachable or failing (5xx): a 502 ServingError, so a retried promotion can succeed once the
 * backend is up. Answering but not vouching for an artifact (4xx, not a model list): a refusal.
 */
import { Agent, Dispatcher, request as httpRequest } from 'undici';
import { AdmissionRefused } from './admission';
import { ServingError } from './http';
import { ModelList, modelListSchema } from './openai-schemas';

const SERVED_MODELS_TIMEOUT_MS = 10_000;

export async function fetchServedModels(backends: Agent, backendUrl: string): Promise<ModelList> {
  const unavailable = (detail: string) =>
    new ServingError(502, 'backend_unavailable', `cannot check what the attested backend serves: ${detail}`);
  let response: Dispatcher.ResponseData;
  try {
    response = await httpRequest(`${backendUrl}/v1/models`, {
      dispatcher: backends,
      headersTimeout: SERVED_MODELS_TIMEOUT_MS,
      bodyTimeout: SERVED_MODELS_TIMEOUT_MS,
    });
  } catch (err) {
    throw unavailable((err as Error).message);
  }
  if (response.statusCode >= 500) {
    await response.body.dump();
    throw unavailable(`GET /v1/models answered HTTP ${response.statusCode}`);
  }
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new AdmissionRefused('digest_mismatch', `the backend answered HTTP ${response.statusCode} to GET /v1/models: it serves no verifiable artifact`);
  }
  let json: unknown;
  try {
    json = await response.body.json();
  } catch {
    throw new AdmissionRefused('digest_mismatch', 'the backend answered GET /v1/models with something that is not JSON');
  }
  const parsed = modelListSchema.safeParse(json);
  if (!parsed.success) {
    throw new AdmissionRefused('digest_mismatch', 'the backend answered GET /v1/models with something that is not a model list');
  }
  return parsed.data;
}
