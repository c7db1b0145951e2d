/**
 * Work the gateway does after an answer has reached the user (validating it, safety checks), run
 * one task per event-loop turn (`setImmediate`), so requests in flight keep being served between
 * tasks. Two kinds: `push` always queues (recording a request's outcome must never be lost);
 * `offer` queues only while fewer than `maxOffered` offered tasks wait, so a burst of safety checks
 * cannot grow memory without bound (the caller counts a refused offer as skipped).
 */
export class OffPathQueue {
  private readonly tasks: { run: () => void; offered: boolean }[] = [];
  private offeredPending = 0;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly maxOffered: number,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Queues a task that must run. */
  push(run: () => void): void {
    this.tasks.push({ run, offered: false });
    this.schedule();
  }

  /** Queues a task that may be dropped; false (and not queued) when the backlog is full. */
  offer(run: () => void): boolean {
    if (this.offeredPending >= this.maxOffered) return false;
    this.offeredPending++;
    this.tasks.push({ run, offered: true });
    this.schedule();
    return true;
  }

  get pending(): number {
    return this.tasks.length;
  }

  /** Resolves once every queued task (and any task they queue) has run. */
  whenIdle(): Promise<void> {
    if (this.tasks.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.runOne());
  }

  private runOne(): void {
    this.scheduled = false;
    const task = this.tasks.shift();
    if (task) {
      if (task.offered) this.offeredPending--;
      try {
        task.run();
      } catch (err) {
        this.onError(err);
      }
    }
    if (this.tasks.length > 0) {
      this.schedule();
      return;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
