/**
 * Work the gateway does after an answer has reached the user (validating it, safety checks), run on
 * later event-loop turns (`setImmediate`), so requests in flight keep being served between them.
 * Two kinds:
 * - `push`: a task that must run (recording a request's outcome must never be lost). Every task
 *   pushed so far runs at the next turn: they are cheap, and they must keep up with the answers, or
 *   a busy gateway would fall ever further behind (and hold every waiting answer in memory).
 * - `offer`: a task that may be dropped (a safety check). At most one runs per turn, and together
 *   they use at most `offeredShare` of the thread's time (a token bucket over wall time, refilled at
 *   that rate, up to `offeredBurstMs`); only while fewer than `maxOffered` wait is another one queued
 *   (the caller counts a refused offer as skipped). So a lightly loaded gateway checks every answer,
 *   and one at full load checks a sample, without the checks taking the time its requests need.
 */
import { performance } from 'node:perf_hooks';

export interface OffPathQueueOptions {
  /** Share of wall time offered tasks may use. Default 0.05. */
  offeredShare?: number;
  /** Most time offered tasks may use in one burst after an idle spell. Default 50 ms. */
  offeredBurstMs?: number;
}

export class OffPathQueue {
  private required: (() => void)[] = [];
  private readonly offered: (() => void)[] = [];
  private offeredHead = 0;
  private scheduled = false;
  private waiting: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly offeredShare: number;
  private readonly offeredBurstMs: number;
  /** Time offered tasks may still use, in ms (negative: overspent, waiting for the refill). */
  private credit: number;
  private creditAt = performance.now();

  constructor(
    private readonly maxOffered: number,
    private readonly onError: (err: unknown) => void = () => undefined,
    options: OffPathQueueOptions = {},
  ) {
    this.offeredShare = options.offeredShare ?? 0.05;
    this.offeredBurstMs = options.offeredBurstMs ?? 50;
    this.credit = this.offeredBurstMs;
  }

  /** Queues a task that must run. */
  push(run: () => void): void {
    this.required.push(run);
    this.schedule();
  }

  /** Whether `offer` would queue a task now (the backlog is not full). */
  canOffer(): boolean {
    return this.offeredPending < this.maxOffered;
  }

  /** Queues a task that may be dropped; false (and not queued) when the backlog is full. */
  offer(run: () => void): boolean {
    if (!this.canOffer()) return false;
    this.offered.push(run);
    this.schedule();
    return true;
  }

  get pending(): number {
    return this.required.length + this.offeredPending;
  }

  /** Resolves once every queued task (and any task they queue) has run. */
  whenIdle(): Promise<void> {
    if (this.pending === 0 && !this.scheduled && this.waiting === undefined) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private get offeredPending(): number {
    return this.offered.length - this.offeredHead;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runTurn());
  }

  /** The offered tasks' credit, refilled for the time since it was last looked at. */
  private refill(now: number): number {
    this.credit = Math.min(this.offeredBurstMs, this.credit + (now - this.creditAt) * this.offeredShare);
    this.creditAt = now;
    return this.credit;
  }

  private runTurn(): void {
    this.scheduled = false;
    const required = this.required;
    this.required = [];
    for (const run of required) this.runSafely(run);
    if (this.offeredPending > 0 && this.refill(performance.now()) > 0) {
      const run = this.offered[this.offeredHead]!;
      this.offered[this.offeredHead++] = noop;
      // Compacted now and then, so taking from the head stays O(1) without unbounded growth.
      if (this.offeredHead === this.offered.length) {
        this.offered.length = 0;
        this.offeredHead = 0;
      } else if (this.offeredHead > 1024 && this.offeredHead * 2 > this.offered.length) {
        this.offered.splice(0, this.offeredHead);
        this.offeredHead = 0;
      }
      const startedAt = performance.now();
      this.runSafely(run);
      const endedAt = performance.now();
      this.refill(endedAt);
      this.credit -= endedAt - startedAt;
    }
    if (this.required.length > 0 || (this.offeredPending > 0 && this.credit > 0)) {
      this.schedule();
      return;
    }
    if (this.offeredPending > 0) {
      // Overspent: the next offered task waits until the credit is positive again.
      this.waiting ??= setTimeout(() => {
        this.waiting = undefined;
        this.schedule();
      }, Math.ceil(-this.credit / this.offeredShare) + 1);
      return;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private runSafely(run: () => void): void {
    try {
      run();
    } catch (err) {
      this.onError(err);
    }
  }
}

function noop(): void {}
