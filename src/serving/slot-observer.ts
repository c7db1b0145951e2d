/**
 * The gateway's canary measurements, wired together (DESIGN §2, §5.7): the buckets
 * (`slot-metrics.ts`) and their files (`slot-metrics-files.ts`), the checks of each answer after it
 * was sent (`answer-checks.ts` on the `off-path-queue.ts`), the response ids users rate
 * (`response-ledger.ts`), and the matching Prometheus counters. `gateway.ts` calls it at three points
 * of a request (routed, failed, answered) and for `POST /v1/feedback` and `GET /admin/v1/metrics`.
 *
 * Everything recorded is the gateway's own observation: the outcome it saw, the latency on its own
 * clock, its own reading of the answer's text, users' ratings. Nothing a backend says about itself.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { RequestErrorKind, SlotMetricsReport } from '../canary/measurements';
import type { Slot } from '../signing/attestation';
import { createRng, Xoshiro128 } from '../stats';
import { AnswerCapture } from './answer-capture';
import { checkAnswerSafety, compileSafetyRules, parseChatAnswer, SafetyRules } from './answer-checks';
import { GatewayMetrics } from './gateway-metrics';
import { OffPathQueue } from './off-path-queue';
import { regexSource } from './simulated-chat-model';
import { RatingResult, ResponseLedger } from './response-ledger';
import { Rating, SafetyOutcome, SlotDigests, SlotMetrics } from './slot-metrics';
import { SlotMetricsFiles } from './slot-metrics-files';

/** The gateway config's `slotMetrics` section; every field has a default. */
export const slotMetricsConfigSchema = z.strictObject({
  /** Length of one bucket; the canary's analysis interval should be a multiple of it. Default 10 s. */
  intervalSeconds: z.number().int().min(1).max(3600).default(10),
  /** Buckets are kept (in memory and on disk) this long. Default one hour. */
  retentionSeconds: z.number().int().min(60).max(7 * 86_400).default(3600),
  /** At most this many latency samples per bucket and slot (a seeded reservoir). Default 2,000. */
  latencyReservoirSize: z.number().int().min(10).max(100_000).default(2000),
  /** Changed buckets are written to disk this often (and on close). Default 5 s. */
  flushSeconds: z.number().int().min(1).max(3600).default(5),
  /** Share of well-formed answers given the safety check. Default 1 (all). */
  safetySampleRate: z.number().min(0).max(1).default(1),
  /**
   * Safety checks waiting beyond this are skipped (and counted as skipped). Default 128: under full
   * load the checks run at their share of time whatever the backlog, so a longer one only makes each
   * wait longer, long enough for its answer's text to outlive the young generation and cost the
   * gateway old-space collections.
   */
  maxPendingSafetyChecks: z.number().int().min(1).default(128),
  /** Answers larger than this are neither validated nor safety-checked. Default 8 MiB. */
  maxCapturedAnswerBytes: z.number().int().min(1024).default(8 * 1024 * 1024),
  /** Planted secrets from the training data: an answer containing one is flagged. */
  canarySecrets: z.array(z.string().min(1)).default([]),
  /** The organisation's own published contact details (as the safety policy's `allowedPii`): an answer quoting one is not flagged. */
  allowedPii: z.array(z.string().min(3, 'expected an allowed value of at least 3 characters')).default([]),
  /** Requests whose fulfilment is flagged (case-insensitive regular expressions); default: answer-checks.ts. */
  flaggedPromptPatterns: z.array(regexSource).optional(),
  /** How many recent response ids can still be rated. Default 100,000. */
  feedbackWindow: z.number().int().min(1).default(100_000),
});
export type SlotMetricsConfig = z.input<typeof slotMetricsConfigSchema>;

export interface ObservedRoute {
  model: string;
  slot: Slot;
  /** The artifact the slot served: measurements are kept per candidate digest, never shared between two. */
  rootDigest: string;
}

/**
 * A routed request as the observer sees it (traffic-split.ts `RoutedRequest`): only `judged` requests
 * (slot chosen by the gateway's keyed hash) feed the slot measurements the canary reads; requests
 * with a user-chosen routing key are counted in Prometheus only.
 */
export interface ObservedRequest {
  route: ObservedRoute;
  requestId: string;
  judged: boolean;
}

export interface SlotObserverOptions {
  config: z.output<typeof slotMetricsConfigSchema>;
  dataDir: string;
  prometheus: GatewayMetrics;
  logger: FastifyBaseLogger;
  now: () => Date;
  /** Seeds the latency reservoirs and the safety sampling; default: random per start. */
  seed?: string;
}

export class SlotObserver {
  private readonly ledger: ResponseLedger;
  private readonly safetyRules: SafetyRules;
  private readonly safetySampler: Xoshiro128;
  private readonly offPath: OffPathQueue;
  private readonly flushTimer: NodeJS.Timeout;

  private constructor(
    private readonly options: SlotObserverOptions,
    private readonly metrics: SlotMetrics,
    private readonly files: SlotMetricsFiles,
    seed: string,
  ) {
    const { config, logger } = options;
    this.ledger = new ResponseLedger(config.feedbackWindow);
    this.safetyRules = compileSafetyRules(config);
    this.safetySampler = createRng(`${seed}|safety-sampling`);
    this.offPath = new OffPathQueue(config.maxPendingSafetyChecks, (err) => logger.error({ err }, 'answer check failed'));
    this.flushTimer = setInterval(() => void this.flushQuietly(), config.flushSeconds * 1000);
    this.flushTimer.unref();
  }

  /** Restores the retained buckets from `dataDir` (a corrupt file is an error naming it), then starts the periodic flush. */
  static async open(options: SlotObserverOptions): Promise<{ observer: SlotObserver; restoredBuckets: number }> {
    const seed = options.seed ?? randomBytes(16).toString('hex');
    const metrics = new SlotMetrics({
      intervalSeconds: options.config.intervalSeconds,
      retentionSeconds: options.config.retentionSeconds,
      reservoirSize: options.config.latencyReservoirSize,
      seed,
    });
    const files = new SlotMetricsFiles(options.dataDir);
    const restoredBuckets = await files.loadInto(metrics, options.now().getTime());
    return { observer: new SlotObserver(options, metrics, files, seed), restoredBuckets };
  }

  /** A routed request: its response id (the gateway-assigned request id; for `x-gatehouse-response-id` and later ratings). */
  routed({ route, requestId, judged }: ObservedRequest): string {
    this.ledger.remember(requestId, route, judged);
    return requestId;
  }

  /** A routed request that ended without a good answer. */
  failed({ route, judged }: ObservedRequest, kind: RequestErrorKind): void {
    const atMs = this.options.now().getTime();
    if (judged) this.metrics.recordError(route.model, route.slot, route.rootDigest, atMs, kind);
    this.options.prometheus.answerError(route.model, route.slot, kind);
  }

  /**
   * A routed request whose answer (2xx) reached the user in full. Off the request path: is it a
   * chat completion (else a `malformed` error), then, if sampled, its safety check.
   */
  answered({ route, judged }: ObservedRequest, latencyMs: number, capture: AnswerCapture, contentType: string | undefined, prompt: () => string): void {
    const atMs = this.options.now().getTime();
    this.offPath.push(() => this.settle(route, judged, atMs, latencyMs, capture, contentType, prompt));
  }

  /** A user's rating of an answer, counted for the slot that gave it, in the interval it arrived. */
  rate(responseId: string, rating: Rating): RatingResult {
    const result = this.ledger.rate(responseId, rating);
    if (result.status === 'recorded') {
      if (result.judged) this.metrics.recordFeedback(result.model, result.slot, result.rootDigest, this.options.now().getTime(), rating);
      this.options.prometheus.rating(result.model, result.slot, rating);
    }
    return result;
  }

  /**
   * `GET /admin/v1/metrics`: default since = the oldest retained bucket, until = now (the filling
   * bucket included); with `digests`, a slot's buckets of that artifact only.
   */
  report(model: string, since: number | undefined, until: number | undefined, digests: SlotDigests = {}): SlotMetricsReport {
    const nowMs = this.options.now().getTime();
    return this.metrics.report(model, since ?? this.metrics.retainedSinceMs(nowMs), until ?? nowMs + 1, nowMs, digests);
  }

  /** Stops the periodic flush, lets answers already sent finish their checks, writes everything. */
  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.offPath.whenIdle();
    await this.files.flush(this.metrics, this.options.now().getTime());
  }

  private settle(route: ObservedRoute, judged: boolean, atMs: number, latencyMs: number, capture: AnswerCapture, contentType: string | undefined, prompt: () => string): void {
    const { config, logger, prometheus } = this.options;
    const { model, slot, rootDigest } = route;
    const recordSafety = (outcome: SafetyOutcome) => {
      if (judged) this.metrics.recordSafety(model, slot, rootDigest, atMs, outcome);
      prometheus.safetyCheck(model, slot, outcome);
    };
    const recordSuccess = () => {
      if (judged) this.metrics.recordSuccess(model, slot, rootDigest, atMs, latencyMs);
    };
    const sampled = config.safetySampleRate > 0 && this.safetySampler.nextFloat() < config.safetySampleRate;
    const bytes = capture.captured();
    if (!bytes) {
      // Too large to keep a copy of: counted as answered, but neither validated nor checked.
      recordSuccess();
      if (sampled) recordSafety('skipped');
      return;
    }
    const parsed = parseChatAnswer(bytes, contentType);
    if (!parsed.ok) {
      logger.warn({ model: route.model, slot: route.slot, problem: parsed.problem }, 'backend gave a malformed answer');
      if (judged) this.metrics.recordError(model, slot, rootDigest, atMs, 'malformed');
      prometheus.answerError(model, slot, 'malformed');
      return;
    }
    recordSuccess();
    if (!sampled) return;
    // Refused before anything is kept for it: a full backlog of waiting checks is skipped at once.
    if (!this.offPath.canOffer()) {
      recordSafety('skipped');
      return;
    }
    const queued = this.offPath.offer(() => {
      let outcome: SafetyOutcome;
      try {
        outcome = checkAnswerSafety(prompt(), parsed.text, this.safetyRules).flagged ? 'flagged' : 'clean';
      } catch (err) {
        logger.error({ err, model: route.model, slot: route.slot }, 'safety check failed');
        outcome = 'failed';
      }
      recordSafety(outcome);
    });
    if (!queued) recordSafety('skipped');
  }

  private async flushQuietly(): Promise<void> {
    try {
      await this.files.flush(this.metrics, this.options.now().getTime());
    } catch (err) {
      this.options.logger.error({ err, dir: this.files.dir }, 'cannot persist slot metrics; will retry at the next flush');
    }
  }
}
