/**
 * One call to a backend whose answer is relayed to the user's response as it arrives: undici's
 * dispatch handler API, with no stream objects in between (no body Readable, no Transform, no
 * pipeline), which is most of what a proxy costs per request in Node. Backpressure is kept: when the
 * user's socket is full, the backend's connection is paused until it drains.
 *
 * Lifecycle: `dispatch` it; `started` resolves with the backend's status and content type (or rejects
 * when the backend could not be reached). Then either `relayTo(res, head)` (the answer goes to the
 * user; chunks that arrived in the meantime first) or `discard()` (read and dropped, the connection
 * stays reusable); `ended` resolves when the backend's answer is complete or has failed.
 * A copy of a relayed answer is kept up to `captureLimit` bytes for the checks that run once it has
 * been sent (answer-checks.ts); beyond that the copy is dropped, so one huge answer cannot hold
 * unbounded memory.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { CappedCopy } from './answer-capture';

export interface BackendHead {
  statusCode: number;
  contentType: string | undefined;
}

/** How the backend's answer ended: in full, or with the error that broke it. */
export type RelayEnd = { ok: true } | { ok: false; error: Error };

type DispatchController = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[0];

export class AnswerRelay implements Dispatcher.DispatchHandler {
  readonly started: Promise<BackendHead>;
  readonly ended: Promise<RelayEnd>;
  /** Set when the user went away (`cancel`): the backend call is aborted, not left generating. */
  cancelled = false;
  /** The backend's answer broke off after its headers (or was aborted). */
  broken: Error | undefined;

  private controller: DispatchController | undefined;
  private res: ServerResponse | undefined;
  private discarding = false;
  /** Chunks received before `relayTo` (the parser can hand over headers and body in one go). */
  private pending: Buffer[] | undefined = [];
  private finished = false;
  /** The copy of a relayed answer kept for the checks (when asked for). */
  copy: CappedCopy | undefined;
  private resolveStart!: (head: BackendHead) => void;
  private rejectStart!: (err: Error) => void;
  private resolveEnd!: (end: RelayEnd) => void;
  private readonly onDrain = () => this.controller?.resume();

  constructor(private readonly captureLimit: number) {
    this.started = new Promise((resolve, reject) => {
      this.resolveStart = resolve;
      this.rejectStart = reject;
    });
    this.ended = new Promise((resolve) => (this.resolveEnd = resolve));
  }

  /** Relays the answer to `res` with this status and these headers, keeping a copy when `capture`. */
  relayTo(res: ServerResponse, statusCode: number, headers: Record<string, string | number | string[] | undefined>, capture: boolean): void {
    this.res = res;
    if (capture) this.copy = new CappedCopy(this.captureLimit);
    const pending = this.pending ?? [];
    this.pending = undefined;
    if (this.finished && !this.broken && statusCode !== 204 && statusCode !== 304) {
      // The whole answer is already here (a small answer arrives with its headers): one write, with
      // its length, instead of a chunked head, a chunk and a terminator.
      const body = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      this.copy?.add(body);
      res.writeHead(statusCode, { ...headers, 'content-length': body.length } as OutgoingHttpHeaders);
      res.end(body);
      return;
    }
    res.writeHead(statusCode, headers as OutgoingHttpHeaders);
    for (const chunk of pending) this.write(chunk);
    if (this.broken) res.destroy();
    else if (this.finished) res.end();
  }

  /** Reads the answer to its end without keeping it. */
  discard(): void {
    this.discarding = true;
    this.pending = undefined;
  }

  /** The user went away: stop the backend's work. */
  cancel(): void {
    this.cancelled = true;
    this.controller?.abort(new Error('the client went away'));
  }

  onRequestStart(controller: DispatchController): void {
    this.controller = controller;
    if (this.cancelled) controller.abort(new Error('the client went away'));
  }

  onResponseStart(_controller: DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return; // informational (100 Continue): the answer's own head follows
    const contentType = headers['content-type'];
    this.resolveStart({ statusCode, contentType: Array.isArray(contentType) ? contentType[0] : contentType });
  }

  onResponseData(_controller: DispatchController, chunk: Buffer): void {
    if (this.discarding) return;
    if (this.pending) this.pending.push(chunk);
    else this.write(chunk);
  }

  onResponseEnd(): void {
    this.finished = true;
    this.res?.end();
    this.resolveEnd({ ok: true });
  }

  onResponseError(_controller: DispatchController, error: Error): void {
    this.broken = error;
    // Before the headers: the caller's `started` fails. After: the user's answer is cut off, so
    // the client sees an incomplete response, never a truncated one that looks whole.
    this.rejectStart(error);
    this.res?.destroy();
    this.resolveEnd({ ok: false, error });
  }

  private write(chunk: Buffer): void {
    this.copy?.add(chunk);
    if (!this.res!.write(chunk)) {
      this.controller?.pause();
      this.res!.once('drain', this.onDrain);
    }
  }
}
