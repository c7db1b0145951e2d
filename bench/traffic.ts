/**
 * The traffic generator's schedule on this machine's clock (src/demo/traffic.ts, `gatehouse traffic`):
 * open loop at a rate against a local endpoint that answers at once, for a duration. Prints
 *   traffic: asked R/s for D s, sent N (ratio N ÷ (R × D)), late L, achieved A/s
 * one line per rate. The unit test (test/unit/serving/traffic-generator.test.ts) checks the schedule
 * on a virtual clock; how close a real run gets to it depends on this machine's timers and load, so it
 * is measured here, never asserted. A ratio well below 1 on an idle machine is a regression.
 *
 *   npm run build && node dist/bench/traffic.js [--rates 25,100,400] [--seconds 2]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTraffic, summarizeTraffic } from '../src/demo/traffic';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<void> {
  const rates = option('rates', '25,100,400').split(',').map(Number);
  const seconds = Number(option('seconds', '2'));
  if (rates.some((r) => !(r > 0)) || !(seconds > 0)) throw new Error('expected --rates R1,R2,… above 0 and --seconds above 0');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-gatehouse-slot', 'stable');
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'ok' } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const rate of rates) {
      const stats = await startTraffic({ gatewayUrl: url, model: 'bench', requestsPerSecond: rate, durationMs: seconds * 1000, concurrency: 64, feedbackShare: 0 }).done;
      const summary = summarizeTraffic(stats);
      const ratio = stats.sent / (rate * seconds);
      console.log(`traffic: asked ${rate}/s for ${seconds} s, sent ${stats.sent} (ratio ${ratio.toFixed(3)}), late ${stats.delayed}, achieved ${summary.achievedRequestsPerSecond.toFixed(1)}/s`);
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
