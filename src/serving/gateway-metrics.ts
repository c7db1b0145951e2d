/**
 * The gateway's Prometheus metrics, per model and slot: what the canary analysis compares
 * (DESIGN §5.7: canary metrics come from the gateway, never from the model backend).
 * Its own Registry, so several gateways in one process (tests) never share or clash.
 * Only routed requests are labelled: a request for an unknown model adds no label value, so
 * clients cannot grow the metrics' cardinality with made-up model names.
 */
import { Counter, Gauge, Registry, type Metric } from 'prom-client';
import { requestErrorKinds, type RequestErrorKind } from '../canary/measurements';
import type { Slot } from '../signing/attestation';
import type { Rating, SafetyOutcome } from './slot-metrics';

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const SAFETY_OUTCOMES = ['clean', 'flagged', 'failed', 'skipped'] as const satisfies readonly SafetyOutcome[];
const RATINGS = ['up', 'down'] as const satisfies readonly Rating[];
const indexOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value, i) => [value, i])) as Record<T, number>;
const ERROR_KIND_INDEX = indexOf(requestErrorKinds);
const SAFETY_OUTCOME_INDEX = indexOf(SAFETY_OUTCOMES);
const RATING_INDEX = indexOf(RATINGS);

export class GatewayMetrics {
  readonly registry = new Registry();
  /** Per model and slot: plain numbers on the request path, rendered only when scraped. */
  private readonly meters = new Map<string, Map<Slot, RequestMeter>>();

  constructor() {
    for (const metric of requestMetricFamilies(this.meters)) this.registry.registerMetric(metric);
  }

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
    this.requestMeter(model, slot).answerErrors[ERROR_KIND_INDEX[kind]]!++;
  }

  safetyCheck(model: string, slot: Slot, outcome: SafetyOutcome): void {
    this.requestMeter(model, slot).safetyChecks[SAFETY_OUTCOME_INDEX[outcome]]!++;
  }

  rating(model: string, slot: Slot, rating: Rating): void {
    this.requestMeter(model, slot).ratings[RATING_INDEX[rating]]!++;
  }

  /**
   * The meter of a model's slot, created on its first routed request (routed requests only, so
   * made-up model names add no label values). Call `started()` when routing a request and
   * `finished(...)` once when its response has ended.
   */
  requestMeter(model: string, slot: Slot): RequestMeter {
    let bySlot = this.meters.get(model);
    if (!bySlot) {
      bySlot = new Map();
      this.meters.set(model, bySlot);
    }
    let meter = bySlot.get(slot);
    if (!meter) {
      meter = new RequestMeter(model, slot);
      bySlot.set(slot, meter);
    }
    return meter;
  }

  /** Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * One slot's counters: requests, errors, the latency histogram, answer errors by kind, safety checks
 * by outcome and ratings, as numbers and typed arrays: recording allocates nothing and hashes no
 * labels (prom-client's own `inc(labels)` builds a label string on every call), which matters on the
 * gateway's hot path and in the checks after every answer.
 */
export class RequestMeter {
  requests = 0;
  errors = 0;
  latencySumSeconds = 0;
  /** Per bucket of LATENCY_BUCKETS_SECONDS (not cumulative), the last one for beyond the largest bound. */
  readonly latencyBuckets = new Float64Array(LATENCY_BUCKETS_SECONDS.length + 1);
  /** Per kind of `requestErrorKinds`, per outcome of SAFETY_OUTCOMES, per rating of RATINGS. */
  readonly answerErrors = new Float64Array(requestErrorKinds.length);
  readonly safetyChecks = new Float64Array(SAFETY_OUTCOMES.length);
  readonly ratings = new Float64Array(RATINGS.length);

  constructor(
    readonly model: string,
    readonly slot: Slot,
  ) {}

  started(): void {
    this.requests++;
  }

  finished(durationMs: number, failed: boolean): void {
    const seconds = durationMs / 1000;
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS_SECONDS.length && seconds > LATENCY_BUCKETS_SECONDS[bucket]!) bucket++;
    this.latencyBuckets[bucket]!++;
    this.latencySumSeconds += seconds;
    if (failed) this.errors++;
  }
}

interface ExportedValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** The request, answer, safety and feedback families, read from the meters at scrape time (prom-client's custom-collector shape). */
function requestMetricFamilies(meters: Map<string, Map<Slot, RequestMeter>>): Metric[] {
  const all = () => [...meters.values()].flatMap((bySlot) => [...bySlot.values()]);
  const family = (name: string, help: string, type: 'counter' | 'histogram', values: () => ExportedValue[]) =>
    ({
      name,
      help,
      type,
      aggregator: 'sum',
      get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
      reset: () => meters.clear(),
    }) as unknown as Metric;
  const duration = 'gatehouse_gateway_request_duration_seconds';
  /** One value per label value seen (a count above 0), labelled `name`, like prom-client's own labelled counters. */
  const byLabel = (name: string, values: readonly string[], counts: (m: RequestMeter) => Float64Array) => () =>
    all().flatMap((m) =>
      values.flatMap((value, i) => (counts(m)[i]! > 0 ? [{ labels: { model: m.model, slot: m.slot, [name]: value }, value: counts(m)[i]! }] : [])),
    );
  return [
    family(
      'gatehouse_gateway_answer_errors_total',
      'Routed requests that did not end in a well-formed answer, by kind (what the canary error rate counts)',
      'counter',
      byLabel('kind', requestErrorKinds, (m) => m.answerErrors),
    ),
    family(
      'gatehouse_gateway_safety_checks_total',
      'Answers sampled for the safety check, by outcome: clean, flagged, failed (the check threw), skipped',
      'counter',
      byLabel('outcome', SAFETY_OUTCOMES, (m) => m.safetyChecks),
    ),
    family('gatehouse_gateway_feedback_total', "Users' ratings of answers (POST /v1/feedback), by the slot that answered", 'counter', byLabel('rating', RATINGS, (m) => m.ratings)),
    family('gatehouse_gateway_requests_total', 'Requests routed to a model slot', 'counter', () =>
      all().map((m) => ({ labels: { model: m.model, slot: m.slot }, value: m.requests })),
    ),
    family('gatehouse_gateway_request_errors_total', 'Routed requests that failed: backend unreachable, a 5xx answer, or a stream broken off', 'counter', () =>
      all()
        .filter((m) => m.errors > 0)
        .map((m) => ({ labels: { model: m.model, slot: m.slot }, value: m.errors })),
    ),
    family(duration, 'Time from routing a request to the end of its response (whole stream included)', 'histogram', () =>
      all().flatMap((m) => {
        const labels = { model: m.model, slot: m.slot };
        let cumulative = 0;
        const values: ExportedValue[] = LATENCY_BUCKETS_SECONDS.map((le, i) => {
          cumulative += m.latencyBuckets[i]!;
          return { labels: { ...labels, le }, value: cumulative, metricName: `${duration}_bucket` };
        });
        const count = cumulative + m.latencyBuckets[LATENCY_BUCKETS_SECONDS.length]!;
        values.push(
          { labels: { ...labels, le: '+Inf' }, value: count, metricName: `${duration}_bucket` },
          { labels, value: m.latencySumSeconds, metricName: `${duration}_sum` },
          { labels, value: count, metricName: `${duration}_count` },
        );
        return values;
      }),
    ),
  ];
}
