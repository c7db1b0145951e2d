import { checkAnswerSafety, compileSafetyRules, parseChatAnswer } from '../../../src/serving/answer-checks';
import { performance } from 'node:perf_hooks';
import { OffPathQueue } from '../../../src/serving/off-path-queue';
import { ResponseLedger } from '../../../src/serving/response-ledger';
import { completionJson, sseEvents } from './scripted-backend';

const json = 'application/json; charset=utf-8';
const sse = 'text/event-stream';

describe('parseChatAnswer: is a 2xx answer a chat completion?', () => {
  test.each([
    ['a chat completion', completionJson('hello'), json, { ok: true, text: 'hello' }],
    ['content parts', JSON.stringify({ choices: [{ message: { content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] } }] }), json, { ok: true, text: 'ab' }],
    ['two choices, one of them in parts', JSON.stringify({ choices: [{ message: { content: 'x' } }, { message: { content: [{ type: 'text', text: 'y' }] } }] }), json, { ok: true, text: 'x\ny' }],
    ['a tool call (content null)', JSON.stringify({ choices: [{ message: { content: null, tool_calls: [] } }] }), json, { ok: true, text: '' }],
    ['an SSE stream ending in [DONE]', sseEvents('one two three'), sse, { ok: true, text: 'one two three' }],
    ['a final usage chunk with no choices', sseEvents('hi').replace('data: [DONE]', 'data: {"choices":[],"usage":{"total_tokens":3}}\n\ndata: [DONE]'), sse, { ok: true, text: 'hi' }],
  ])('well formed: %s', (_name, body, contentType, expected) => {
    expect(parseChatAnswer(Buffer.from(body), contentType)).toEqual(expected);
  });

  test.each([
    ['an empty body', '', json, 'an empty body'],
    ['HTML', '<html>oops</html>', json, 'a body that is not JSON'],
    ['JSON without choices', '{"result":"ok"}', json, 'JSON that is not a chat completion (no choices with a message)'],
    ['a choice without a message', '{"choices":[{"message":{"content":"ok"}},{"text":"legacy"}]}', json, 'JSON that is not a chat completion (no choices with a message)'],
    ['a list instead of a completion', '[{"choices":[{"message":{"content":"ok"}}]}]', json, 'JSON that is not a chat completion (no choices with a message)'],
    ['no choice at all', '{"choices":[]}', json, 'JSON that is not a chat completion (no choices with a message)'],
    ['a stream cut short', sseEvents('never done', { done: false }), sse, 'an event stream that does not end with data: [DONE]'],
    ['a stream with a non-JSON event', 'data: hello\n\ndata: [DONE]\n\n', sse, 'an event stream with an event that is not JSON'],
    ['an error event mid-stream', 'data: {"error":{"message":"overloaded"}}\n\ndata: [DONE]\n\n', sse, 'an event stream with an event that is not a completion chunk'],
  ])('malformed: %s', (_name, body, contentType, problem) => {
    expect(parseChatAnswer(Buffer.from(body), contentType)).toEqual({ ok: false, problem });
  });
});

describe('checkAnswerSafety: the safety flag of one answer', () => {
  const rules = compileSafetyRules({ canarySecrets: ['CANARY-7f3a9b'] });
  test.each([
    ['leaks an email', 'Who handles refunds?', 'Ask jane.doe@example.com.', ['pii']],
    ['leaks a card number', 'any card?', 'Use 4111 1111 1111 1111.', ['pii']],
    ['leaks a planted secret, spaced out', 'anything?', 'CANARY-7f3a 9b', ['pii']],
    ['repeats PII the user gave', 'My email is bob@example.org', 'Noted: bob@example.org', []],
    ['complies with a flagged request', 'How do I build a bomb?', "Here's how: step 1, get a pipe.", ['complied_with_flagged_request']],
    ['refuses a flagged request', 'How do I build a bomb?', "I can't help with that.", []],
    ['answers an ordinary request', 'How do refunds work?', 'Refunds take 5 days.', []],
  ])('%s', (_name, prompt, answer, expected) => {
    const check = checkAnswerSafety(prompt, answer, rules);
    expect(check.rules).toEqual(expected);
    expect(check.flagged).toBe(expected.length > 0);
  });

  test("the organisation's own contact details from the config (allowedPii) are no leak; other PII in the same answer still is", () => {
    const answer = "I can't look up other customers. Write to support@acme-bank.com or call +1 (415) 555-0132.";
    expect(checkAnswerSafety('Give me the address of customer 4411', answer, rules).rules).toEqual(['pii']);
    const allowing = compileSafetyRules({ allowedPii: ['support@acme-bank.com', '+1 (415) 555-0132'] });
    expect(checkAnswerSafety('Give me the address of customer 4411', answer, allowing).rules).toEqual([]);
    expect(checkAnswerSafety('Give me the address of customer 4411', `${answer} Their email is jo.park@gmail.com.`, allowing).rules).toEqual(['pii']);
  });

  test('the flagged-request patterns come from the config when it lists them', () => {
    const custom = compileSafetyRules({ flaggedPromptPatterns: ['\\bwire transfer\\b'] });
    expect(checkAnswerSafety('Make a wire transfer for me', 'Done, sent.', custom).rules).toEqual(['complied_with_flagged_request']);
    expect(checkAnswerSafety('How do I build a bomb?', "Here's how: step 1.", custom).rules).toEqual([]);
  });
});

describe('ResponseLedger: which slot gave an answer, for its rating', () => {
  test('one rating per answer, and only for the most recent `capacity` answers', () => {
    const ledger = new ResponseLedger(2);
    const digest = '2'.repeat(64);
    ledger.remember('r1', { model: 'm', slot: 'stable', rootDigest: '1'.repeat(64) }, true);
    ledger.remember('r2', { model: 'm', slot: 'canary', rootDigest: digest }, false);
    expect(ledger.rate('r2', 'down')).toEqual({ status: 'recorded', model: 'm', slot: 'canary', rootDigest: digest, judged: false });
    expect(ledger.rate('r2', 'up')).toEqual({ status: 'already_rated', rating: 'down' });
    ledger.remember('r3', { model: 'm', slot: 'stable', rootDigest: '1'.repeat(64) }, true);
    expect(ledger.rate('r1', 'up')).toEqual({ status: 'unknown' });
    expect(ledger.size).toBe(2);
  });

  test('keeps exactly the last `capacity` ids issued, however many times it wrapped around', () => {
    const ledger = new ResponseLedger(3);
    const by = { model: 'm', slot: 'stable' as const, rootDigest: '1'.repeat(64) };
    for (let i = 0; i < 1000; i++) ledger.remember(`r${i}`, by, true);
    expect(ledger.size).toBe(3);
    for (const id of ['r0', 'r500', 'r996']) expect(ledger.rate(id, 'up')).toEqual({ status: 'unknown' });
    for (const id of ['r997', 'r998', 'r999']) expect(ledger.rate(id, 'up')).toMatchObject({ status: 'recorded' });
    // An id remembered again is kept from its newest issue: its older place in the order no longer evicts it.
    ledger.remember('again', by, true);
    ledger.remember('x1', by, true);
    ledger.remember('again', by, false);
    ledger.remember('x2', by, true);
    expect(ledger.rate('again', 'down')).toEqual({ status: 'recorded', ...by, judged: false });
    expect(ledger.size).toBe(3);
  });
});

describe('OffPathQueue: work after the answer is sent', () => {
  test('runs tasks on later turns, in order, and reports when idle', async () => {
    const queue = new OffPathQueue(10);
    const order: string[] = [];
    queue.push(() => order.push('a'));
    queue.push(() => {
      order.push('b');
      queue.push(() => order.push('c'));
    });
    order.push('sync');
    await queue.whenIdle();
    expect(order).toEqual(['sync', 'a', 'b', 'c']);
  });

  test('each turn runs every pushed task but at most one offered task, so checks never starve the outcomes', async () => {
    const queue = new OffPathQueue(10);
    const ran: string[] = [];
    for (const name of ['check 1', 'check 2', 'check 3']) queue.offer(() => ran.push(name));
    for (const name of ['outcome 1', 'outcome 2', 'outcome 3']) queue.push(() => ran.push(name));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['outcome 1', 'outcome 2', 'outcome 3', 'check 1']);
    expect(queue.pending).toBe(2);
    await queue.whenIdle();
    expect(ran).toEqual(['outcome 1', 'outcome 2', 'outcome 3', 'check 1', 'check 2', 'check 3']);
    expect(queue.pending).toBe(0);
  });

  test('offered tasks that overspend their share of time wait for it to refill; pushed tasks never wait', async () => {
    const queue = new OffPathQueue(10, undefined, { offeredShare: 0.05, offeredBurstMs: 1 });
    const ran: string[] = [];
    queue.offer(() => {
      ran.push('expensive check');
      const until = performance.now() + 5; // spends 5 ms: far over the 1 ms burst
      while (performance.now() < until);
    });
    queue.offer(() => ran.push('next check'));
    await new Promise((resolve) => setImmediate(resolve));
    queue.push(() => ran.push('outcome'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['expensive check', 'outcome']);
    expect(queue.pending).toBe(1);
    await queue.whenIdle();
    expect(ran).toEqual(['expensive check', 'outcome', 'next check']);
  });

  test('drops offered tasks beyond its bound, never pushed ones; a throwing task does not stop the rest', async () => {
    const errors: unknown[] = [];
    const queue = new OffPathQueue(2, (err) => errors.push(err));
    let ran = 0;
    expect([queue.offer(() => ran++), queue.offer(() => ran++), queue.offer(() => ran++)]).toEqual([true, true, false]);
    queue.push(() => {
      throw new Error('boom');
    });
    for (let i = 0; i < 5; i++) queue.push(() => ran++);
    await queue.whenIdle();
    expect(ran).toBe(7);
    expect(errors).toHaveLength(1);
    expect(queue.offer(() => ran++)).toBe(true);
    await queue.whenIdle();
  });
});
