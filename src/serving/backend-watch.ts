/**
 * Re-checks, at a fixed interval, that every routed backend still serves the artifact its route was
 * attested for (DESIGN §6, "Backend swap"): `GET ${backendUrl}/v1/models` must list the route's root
 * digest. A backend that answers with anything else (another digest, no digest, 4xx, not a model
 * list) stops being routed: its requests get 503 `backend_not_attested` until a check sees the
 * attested digest again (the route's attestation still binds what may be served there). Each change
 * is a log line and a metric. A backend that cannot be reached is left as it was: its requests fail
 * on their own (502), and a network blip must not take a healthy slot out.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Agent } from 'undici';
import { AdmissionRefused } from './admission';
import type { GatewayMetrics } from './gateway-metrics';
import type { GatewayState } from './gateway-state';
import type { RouteEntry } from './routing';
import { fetchServedModels } from './served-models';

/** One route's attestation: a new admission for the slot is a new key, so an old finding never sticks to it. */
const keyOf = (route: Pick<RouteEntry, 'model' | 'slot' | 'attestationDigest'>) => `${route.model}\n${route.slot}\n${route.attestationDigest}`;

export class BackendWatch {
  /** Routes whose backend was last seen serving something other than the attested artifact → what it served. */
  private readonly unattested = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly options: { intervalMs: number; state: GatewayState; backends: Agent; metrics: GatewayMetrics; logger: FastifyBaseLogger },
  ) {
    this.timer = setInterval(() => void this.checkNow(), options.intervalMs);
    this.timer.unref();
  }

  /** Why `route` must not be served now, or undefined when its backend was last seen serving the attested digest. */
  problem(route: RouteEntry): string | undefined {
    return this.unattested.size === 0 ? undefined : this.unattested.get(keyOf(route));
  }

  /** One pass over every route (a pass already running is joined, never doubled). */
  checkNow(): Promise<void> {
    this.running ??= this.checkAll().finally(() => (this.running = null));
    return this.running;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async checkAll(): Promise<void> {
    const routes = this.options.state.routingTable.entries();
    const current = new Set(routes.map(keyOf));
    for (const key of this.unattested.keys()) if (!current.has(key)) this.unattested.delete(key);
    await Promise.all(routes.map((route) => this.check(route)));
  }

  private async check(route: RouteEntry): Promise<void> {
    const { logger, metrics } = this.options;
    let served: string;
    try {
      const list = await fetchServedModels(this.options.backends, route.backendUrl);
      if (list.data.some((model) => model.gatehouse_root_digest === route.rootDigest)) {
        if (this.unattested.delete(keyOf(route))) {
          logger.info({ model: route.model, slot: route.slot, backend: route.backendUrl }, 'backend serves the attested artifact again; routing to it');
        }
        metrics.backendAttested(route.model, route.slot, true);
        return;
      }
      served = list.data.map((model) => `${model.id}=${model.gatehouse_root_digest ?? 'no digest'}`).join(', ') || 'nothing';
    } catch (err) {
      if (!(err instanceof AdmissionRefused)) {
        logger.warn({ model: route.model, slot: route.slot, backend: route.backendUrl, problem: (err as Error).message }, 'cannot re-check the backend');
        return;
      }
      served = err.message;
    }
    const problem = `the ${route.slot} backend of model ${route.model} no longer serves the attested artifact ${route.rootDigest} (it serves: ${served})`;
    if (!this.unattested.has(keyOf(route))) {
      logger.error({ model: route.model, slot: route.slot, backend: route.backendUrl, attested: route.rootDigest, served }, 'backend swapped: not routing to it');
      metrics.backendSwapped(route.model, route.slot);
    }
    this.unattested.set(keyOf(route), problem);
    metrics.backendAttested(route.model, route.slot, false);
  }
}
