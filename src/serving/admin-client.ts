/**
 * How the worker's activities reach the gateway's admin API: its own listener, with the bearer token
 * from the worker's configuration (never the user port, never unauthenticated), and the workers'
 * client certificate when the listener requires mTLS (the gateway's `admin.tls`).
 */
import { Agent, fetch as undiciFetch } from 'undici';

export interface GatewayAdminTarget {
  gatewayAdminUrl: string;
  gatewayAdminToken: string;
  /** PEM bytes: the CA of the admin listener's certificate, and the workers' client certificate and key. */
  gatewayAdminTls?: { ca: Buffer | string; cert: Buffer | string; key: Buffer | string };
}

/** One TLS connection pool per client identity, reused across calls. */
const tlsAgents = new WeakMap<object, Agent>();

function agentFor(tls: NonNullable<GatewayAdminTarget['gatewayAdminTls']>): Agent {
  let agent = tlsAgents.get(tls);
  if (!agent) {
    agent = new Agent({ connect: { ca: tls.ca, cert: tls.cert, key: tls.key } });
    tlsAgents.set(tls, agent);
  }
  return agent;
}

/** `fetch` against the admin API: `path` starts with `/admin/v1/`. */
export function fetchGatewayAdmin(target: GatewayAdminTarget, path: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${target.gatewayAdminToken}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const url = `${target.gatewayAdminUrl.replace(/\/+$/, '')}${path}`;
  const request = {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  };
  if (target.gatewayAdminTls) return undiciFetch(url, { ...request, dispatcher: agentFor(target.gatewayAdminTls) }) as unknown as Promise<Response>;
  return fetch(url, request);
}
