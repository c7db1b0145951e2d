/**
 * How the worker's activities reach the gateway's admin API: its own listener, with the bearer token
 * from the worker's configuration (never the user port, never unauthenticated).
 */
export interface GatewayAdminTarget {
  gatewayAdminUrl: string;
  gatewayAdminToken: string;
}

/** `fetch` against the admin API: `path` starts with `/admin/v1/`. */
export function fetchGatewayAdmin(target: GatewayAdminTarget, path: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${target.gatewayAdminToken}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${target.gatewayAdminUrl.replace(/\/+$/, '')}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}
