/**
 * A server-sent-events decoder (the WHATWG event-stream format, as OpenAI-compatible servers use it):
 * feed it text as it arrives; it returns the `data` of each complete event. Lines end in LF, CRLF or
 * CR; `:` lines are comments; fields other than `data` are ignored; an event's `data` lines are
 * joined with LF. Chunk boundaries may fall anywhere, even between CR and LF.
 */
export class SseDecoder {
  private buffer = '';
  private data: string[] = [];

  /** Decodes `text`; returns the data of every event it completes, in order. */
  push(text: string): string[] {
    const input = this.buffer + text;
    const events: string[] = [];
    let pos = 0;
    for (;;) {
      const lf = input.indexOf('\n', pos);
      const cr = input.indexOf('\r', pos);
      const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      if (end < 0) break;
      if (input.charCodeAt(end) === 13 /* CR */ && end + 1 === input.length) break; // an LF may follow
      this.line(input.slice(pos, end), events);
      pos = end + (input.charCodeAt(end) === 13 && input.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    this.buffer = input.slice(pos);
    return events;
  }

  /** The stream ended: a last line without its terminator, or an event without its blank line, still counts. */
  end(): string[] {
    const events: string[] = [];
    if (this.buffer !== '') this.line(this.buffer.replace(/\r$/, ''), events);
    this.buffer = '';
    this.line('', events);
    return events;
  }

  private line(line: string, events: string[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push(this.data.join('\n'));
      this.data = [];
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* space */) value = value.slice(1);
    this.data.push(value);
  }
}
