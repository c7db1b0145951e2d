/**
 * The canary lease watch (DESIGN §5.7, issue 17 item 5): every canary weight the gateway holds came
 * with a signed lease, renewed by the canary workflow with each judged interval. Routing already
 * gives a lapsed canary no traffic (routing.ts, `canaryShare`); this watch makes the drop durable
 * and visible: at a fixed interval it sets each lapsed canary's weight to 0 in the gateway state,
 * with a log line (the route's workflow id on it) and a metric. So a terminated or lost canary
 * strands no traffic, and nothing of the pipeline needs to be alive for the rollback.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { SerialQueue } from './durable-json-file';
import type { GatewayState } from './gateway-state';

export interface CanaryLeaseWatchOptions {
  intervalMs: number;
  state: GatewayState;
  /** Shared with admissions: a drop never interleaves with an admission's nonce check and commit. */
  admissions: SerialQueue;
  registry: Registry;
  logger: FastifyBaseLogger;
  now: () => Date;
}

export class CanaryLeaseWatch {
  private readonly timer: NodeJS.Timeout;
  private readonly lapsed: Counter<'model'>;
  private running: Promise<void> | null = null;

  constructor(private readonly options: CanaryLeaseWatchOptions) {
    this.lapsed = new Counter({
      name: 'gatehouse_gateway_canary_leases_lapsed_total',
      help: 'Canary weights the gateway dropped back to 0 because their signed lease ran out unrenewed',
      labelNames: ['model'],
      registers: [options.registry],
    });
    this.timer = setInterval(() => void this.sweepNow(), options.intervalMs);
    this.timer.unref();
  }

  /** One pass: every canary past its lease goes to weight 0 (a pass already running is joined). */
  sweepNow(): Promise<void> {
    this.running ??= this.sweep()
      .catch((err: unknown) => this.options.logger.error({ err }, 'cannot record a lapsed canary lease; traffic already goes to stable, will retry'))
      .finally(() => (this.running = null));
    return this.running;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    const { state, admissions, logger, now } = this.options;
    if (state.routingTable.lapsedCanaries(now().getTime()).length === 0) return;
    await admissions.run(async () => {
      // Read again inside the queue: an admission may have renewed a lease meanwhile.
      const at = now();
      for (const canary of state.routingTable.lapsedCanaries(at.getTime())) {
        const dropped = await state.expireCanaryLease(canary.model, at);
        if (!dropped) continue;
        this.lapsed.inc({ model: canary.model });
        logger.warn(
          { model: canary.model, version: canary.version, workflowId: canary.workflowId, runId: canary.runId, weight: canary.weight, leaseExpiresAt: canary.leaseExpiresAt ?? null },
          'canary lease lapsed unrenewed: weight back to 0, every request of the model goes to stable',
        );
      }
    });
  }
}
