import { SseDecoder } from '../../../../src/eval/adapters/sse';

describe('SseDecoder', () => {
  it('returns the data of each complete event, joining multi-line data with LF and skipping comments and other fields', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: one\n\n: comment\n\nevent: x\nid: 3\ndata: two\ndata: lines\n\n')).toEqual(['one', 'two\nlines']);
  });

  it('gives the same events however the text is split, with LF, CRLF or CR line ends', () => {
    const text = 'data: {"a":1}\n\ndata:no-space\n\ndata: [DONE]\n\n';
    for (const ending of ['\n', '\r\n', '\r']) {
      const input = text.replace(/\n/g, ending);
      for (let size = 1; size <= input.length; size++) {
        const decoder = new SseDecoder();
        const events: string[] = [];
        for (let i = 0; i < input.length; i += size) events.push(...decoder.push(input.slice(i, i + size)));
        events.push(...decoder.end());
        expect(events).toEqual(['{"a":1}', 'no-space', '[DONE]']);
      }
    }
  });

  it('keeps an event whose stream ended without the final blank line', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: a\n\ndata: [DONE]')).toEqual(['a']);
    expect(decoder.end()).toEqual(['[DONE]']);
  });
});
