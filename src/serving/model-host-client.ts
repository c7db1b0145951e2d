/**
 * Sends a signed load order (load-order.ts) to a model host: what activities call to stage a
 * candidate and, in the saga's compensation, to unstage it (`unloadRequest` + `sendModelHostCall`).
 */
import type { ModelHostCall } from './load-order';

/** The model host's status and JSON answer (or its text, when not JSON) to `call`. */
export async function sendModelHostCall(modelHostUrl: string, call: ModelHostCall): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${modelHostUrl.replace(/\/+$/, '')}${call.path}`, {
    method: call.method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(call.body),
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, json: text };
  }
}
