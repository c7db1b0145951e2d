/**
 * A copy of an answer's bytes (up to `limit`), kept while the answer is relayed to the user
 * (answer-relay.ts), for the checks the gateway runs once it has been sent (`answer-checks.ts`).
 * Beyond `limit` the copy is dropped (`overflowed`), so one huge answer cannot hold unbounded memory.
 */

/** What the checks read: the answer's bytes, or undefined when it was too large to keep. */
export interface AnswerCapture {
  captured(): Buffer | undefined;
}

export class CappedCopy implements AnswerCapture {
  private chunks: Buffer[] = [];
  private bytes = 0;
  overflowed = false;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    if (this.overflowed) return;
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      this.overflowed = true;
      this.chunks = [];
    } else {
      this.chunks.push(chunk);
    }
  }

  captured(): Buffer | undefined {
    if (this.overflowed) return undefined;
    // Most answers arrive in one chunk: no copy needed (the checks only read it).
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.bytes);
  }
}
