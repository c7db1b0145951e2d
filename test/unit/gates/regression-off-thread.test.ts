/**
 * The regression judgement on its worker thread (so it does not stall the gates beside it) answers
 * exactly what the pure function answers on the same inputs, and a bad input fails the promise
 * instead of hanging the activity.
 */
import { judgeRegression } from '../../../src/gates/regression';
import { judgeRegressionOffThread } from '../../../src/threads/regression-off-thread';
import { item, items, measurements, obs, testPolicy } from '../eval/regression/fixtures/measurements';

const lat = (i: number, base = 100) => base + ((i * 37) % 21) - 10;

test('the worker thread returns the same judgement as judgeRegression, to the byte', async () => {
  // The candidate loses accuracy on a third of the items and is slower: rows of every kind.
  const list = items(90, (i) => item(obs({ exact: i % 3 === 0 ? 0 : 1, latencyMs: lat(i, 130), ttftMs: lat(i, 40) }), obs({ exact: 1, latencyMs: lat(i), ttftMs: lat(i, 40) })));
  const onThread = await judgeRegressionOffThread(measurements(list), testPolicy(), 'run-7');
  const here = judgeRegression(measurements(list), testPolicy(), 'run-7');
  expect(onThread.result.verdict).toBe('fail');
  expect(JSON.stringify(onThread)).toBe(JSON.stringify(here));
});

test('a judgement that throws on the thread rejects the promise with its message', async () => {
  const broken = { ...measurements(items(5, () => item(obs({ exact: 1 }), obs({ exact: 1 })))), items: null } as unknown as Parameters<typeof judgeRegression>[0];
  await expect(judgeRegressionOffThread(broken, testPolicy(), 'run-8')).rejects.toThrow();
});
