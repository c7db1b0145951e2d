/**
 * The gateway's Prometheus metrics, per model and slot: what the canary analysis compares
 * (DESIGN §5.7: canary metrics come from the gateway, never from the model backend).
 * Its own Registry, so several gateways in one process (tests) never share or clash.
 * Only routed requests are labelled: a request for an unknown model adds no label value, so
 * clients cannot grow the metrics' cardinality with made-up model names.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestErrorKind } from '../canary/measurements';
import type { Slot } from '../signing/attestation';
import type { Rating, SafetyOutcome } from './slot-metrics';

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'gatehouse_gateway_requests_total',
    help: 'Requests routed to a model slot',
    labelNames: ['model', 'slot'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'gatehouse_gateway_request_errors_total',
    help: 'Routed requests that failed: backend unreachable, a 5xx answer, or a stream broken off',
    labelNames: ['model', 'slot'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'gatehouse_gateway_request_duration_seconds',
    help: 'Time from routing a request to the end of its response (whole stream included)',
    labelNames: ['model', 'slot'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [this.registry],
  });

  private readonly answerErrors = new Counter({
    name: 'gatehouse_gateway_answer_errors_total',
    help: 'Routed requests that did not end in a well-formed answer, by kind (what the canary error rate counts)',
    labelNames: ['model', 'slot', 'kind'] as const,
    registers: [this.registry],
  });
  private readonly safetyChecks = new Counter({
    name: 'gatehouse_gateway_safety_checks_total',
    help: 'Answers sampled for the safety check, by outcome: clean, flagged, failed (the check threw), skipped',
    labelNames: ['model', 'slot', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly feedback = new Counter({
    name: 'gatehouse_gateway_feedback_total',
    help: 'Users\' ratings of answers (POST /v1/feedback), by the slot that answered',
    labelNames: ['model', 'slot', 'rating'] as const,
    registers: [this.registry],
  });

  private readonly attestedBackends = new Gauge({
    name: 'gatehouse_gateway_backend_attested',
    help: 'Whether the slot\'s backend was last seen serving its attested artifact (1) or something else (0: not routed)',
    labelNames: ['model', 'slot'] as const,
    registers: [this.registry],
  });
  private readonly swappedBackends = new Counter({
    name: 'gatehouse_gateway_backend_swaps_total',
    help: 'Re-checks that found a slot\'s backend serving something other than its attested artifact',
    labelNames: ['model', 'slot'] as const,
    registers: [this.registry],
  });

  backendAttested(model: string, slot: Slot, attested: boolean): void {
    this.attestedBackends.set({ model, slot }, attested ? 1 : 0);
  }

  backendSwapped(model: string, slot: Slot): void {
    this.swappedBackends.inc({ model, slot });
  }

  /** A routed request that ended in an error of this kind (see `requestErrorKinds`). */
  answerError(model: string, slot: Slot, kind: RequestErrorKind): void {
    this.answerErrors.inc({ model, slot, kind });
  }

  safetyCheck(model: string, slot: Slot, outcome: SafetyOutcome): void {
    this.safetyChecks.inc({ model, slot, outcome });
  }

  rating(model: string, slot: Slot, rating: Rating): void {
    this.feedback.inc({ model, slot, rating });
  }

  /** Starts timing a routed request; call the returned function once, when the response has ended. */
  startRequest(model: string, slot: Slot): (outcome: { failed: boolean }) => void {
    const labels = { model, slot };
    this.requests.inc(labels);
    const stopTimer = this.latency.startTimer(labels);
    let recorded = false;
    return ({ failed }) => {
      if (recorded) return;
      recorded = true;
      stopTimer();
      if (failed) this.errors.inc(labels);
    };
  }

  /** Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
