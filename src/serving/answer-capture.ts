/**
 * A pass-through stream between a backend's answer and the user that keeps a copy of the bytes (up
 * to `limit`) for the checks the gateway runs once the answer has been sent (`answer-checks.ts`).
 * Chunks go on to the user as they arrive: streaming and time to first token are unchanged. Beyond
 * `limit` the copy is dropped (`overflowed`), so one huge answer cannot hold unbounded memory.
 */
import { Transform, TransformCallback } from 'node:stream';

export class AnswerCapture extends Transform {
  private chunks: Buffer[] = [];
  private bytes = 0;
  overflowed = false;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.overflowed) {
      this.bytes += chunk.length;
      if (this.bytes > this.limit) {
        this.overflowed = true;
        this.chunks = [];
      } else {
        this.chunks.push(chunk);
      }
    }
    callback(null, chunk);
  }

  /** The answer's bytes, or undefined when it was larger than the limit. */
  captured(): Buffer | undefined {
    return this.overflowed ? undefined : Buffer.concat(this.chunks);
  }
}
