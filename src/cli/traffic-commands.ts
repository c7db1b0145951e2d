/**
 * `gatehouse traffic --model NAME`: realistic user load on the serving gateway for one model (for
 * example while a canary bakes), with live progress on stderr and a per-slot summary on stdout
 * (`--json` for a machine-readable one). The load itself is src/demo/traffic.ts.
 *
 * Exit codes: 0 the run finished (failed requests are part of what it reports, not a failure of the
 * command); 2 bad flags, or a model the gateway does not serve (nothing was sent); 3 the gateway
 * could not be reached.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import type { ClientSettings } from '../config';
import { describeZodError, InputError } from '../errors';
import type { TrafficOptions } from '../demo/traffic';
import { readStackFile } from './connect';
import { CliExit, EXIT } from './exit-codes';

const DEFAULT_GATEWAY = 'http://127.0.0.1:8080';

/** "30s", "2m", "1500ms", "1h", or a plain number of seconds → milliseconds. */
const duration = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?(ms|s|m|h)?$/, 'expected a duration such as 30s, 2m, 1500ms or a number of seconds')
  .transform((text) => {
    const [, value, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text)!;
    return Number(value) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(unit ?? 's') as 'ms' | 's' | 'm' | 'h'];
  })
  .refine((ms) => ms > 0, 'expected a duration above 0');

const decimal = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, `expected ${what}`)
    .transform(Number);
const share = decimal('a share between 0 and 1, e.g. 0.2').refine((x) => x <= 1, 'expected a share between 0 and 1, e.g. 0.2');
const whole = (what: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `expected ${what}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected ${what} (${min} to ${max})`);

/** The raw flags (strings from commander), keyed by flag so every error names the flag. */
const trafficFlagsSchema = z.strictObject({
  '--model': z.string().trim().min(1, 'expected the model name users ask for'),
  '--gateway': z.url({ protocol: /^https?$/, error: 'expected the http(s) URL of the gateway, e.g. http://127.0.0.1:8080' }).optional(),
  '--rate': decimal('requests per second, e.g. 20').refine((x) => x > 0 && x <= 100_000, 'expected requests per second above 0 (at most 100000)'),
  '--duration': duration,
  '--concurrency': whole('a whole number of requests in flight', 1, 10_000),
  '--routing-keys': whole('a whole number of users (0: no routing key)', 0, 10_000_000),
  '--feedback-share': share,
  '--stream-share': share,
  '--timeout': duration,
  '--seed': z.string().min(1, 'expected a non-empty seed').optional(),
});

export interface TrafficFlags {
  model: string;
  gateway?: string;
  rate: string;
  duration: string;
  concurrency: string;
  routingKeys: string;
  feedbackShare: string;
  streamShare: string;
  timeout: string;
  seed?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Validates the flags (InputError → exit 2) into the traffic options; the gateway defaults to the running `gatehouse up`'s. */
export function trafficOptionsFromFlags(flags: TrafficFlags, dataDir: string | undefined): TrafficOptions {
  const parsed = trafficFlagsSchema.safeParse({
    '--model': flags.model,
    '--gateway': flags.gateway,
    '--rate': flags.rate,
    '--duration': flags.duration,
    '--concurrency': flags.concurrency,
    '--routing-keys': flags.routingKeys,
    '--feedback-share': flags.feedbackShare,
    '--stream-share': flags.streamShare,
    '--timeout': flags.timeout,
    '--seed': flags.seed,
  });
  if (!parsed.success) throw new InputError(describeZodError(parsed.error));
  const f = parsed.data;
  const gatewayUrl = f['--gateway'] ?? (dataDir !== undefined ? readStackFile(dataDir)?.gatewayUrl : undefined) ?? DEFAULT_GATEWAY;
  return {
    gatewayUrl,
    model: f['--model'],
    requestsPerSecond: f['--rate'],
    durationMs: f['--duration'],
    concurrency: f['--concurrency'],
    routingKeys: f['--routing-keys'],
    feedbackShare: f['--feedback-share'],
    streamShare: f['--stream-share'],
    timeoutMs: Math.max(1, Math.round(f['--timeout'])),
    ...(f['--seed'] !== undefined ? { seed: f['--seed'] } : {}),
  };
}

/** Before sending anything: the gateway answers (else exit 3) and serves the model (else exit 2). */
async function checkGateway(gatewayUrl: string, model: string): Promise<void> {
  let served: string[];
  try {
    const response = await fetch(`${gatewayUrl.replace(/\/+$/, '')}/v1/models`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`GET /v1/models answered HTTP ${response.status}`);
    const body = (await response.json()) as { data?: Array<{ id?: unknown }> };
    served = (body.data ?? []).map((m) => String(m.id));
  } catch (err) {
    throw new CliExit(EXIT.infrastructure, `cannot reach the gateway at ${gatewayUrl}: ${(err as Error).message}; start one with \`gatehouse up\` or pass --gateway`);
  }
  if (!served.includes(model)) {
    throw new InputError(`--model ${model}: the gateway at ${gatewayUrl} does not serve it (it serves: ${served.length > 0 ? served.join(', ') : 'no model yet'})`);
  }
}

export async function runTrafficCommand(flags: TrafficFlags, settings: () => ClientSettings, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  // Flags first (exit 2 names the flag), then the environment (an unknown GATEHOUSE_* variable is an error too).
  trafficOptionsFromFlags(flags, undefined);
  const options = trafficOptionsFromFlags(flags, flags.gateway === undefined ? settings().dataDir : undefined);
  await checkGateway(options.gatewayUrl, options.model);
  if (!flags.quiet) {
    err(
      `sending ${options.requestsPerSecond} requests/s for ${options.model} to ${options.gatewayUrl} for ${(options.durationMs! / 1000).toFixed(1)} s ` +
        `(concurrency ${options.concurrency}, ${options.routingKeys === 0 ? 'no routing keys' : `${options.routingKeys} users`}, feedback on ${Math.round(100 * options.feedbackShare!)}% of answers); Ctrl-C stops early`,
    );
  }
  // Loaded here, not at start-up: every other command starts without the traffic generator.
  const { formatTrafficProgress, formatTrafficSummary, startTraffic, summarizeTraffic } = await import('../demo/traffic');
  const run = startTraffic(options);
  const started = Date.now();
  const progress = flags.quiet ? null : setInterval(() => err(formatTrafficProgress(run.stats, Date.now() - started)), 2000);
  const interrupt = () => void run.stop();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const stats = await run.done;
    const summary = summarizeTraffic(stats);
    out(flags.json ? JSON.stringify(summary, null, 2) : formatTrafficSummary(summary));
    return EXIT.ok;
  } finally {
    if (progress) clearInterval(progress);
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

/** `gatehouse traffic`: registered by main.ts with one line. */
export function registerTrafficCommand(program: Command, settings: () => ClientSettings): void {
  program
    .command('traffic')
    .description("realistic user load on the gateway for one model (e.g. while a canary bakes): progress on stderr, a per-slot summary on stdout")
    .requiredOption('--model <name>', 'the model name users ask the gateway for')
    .option('--gateway <url>', `gateway base URL (default: the running \`gatehouse up\`'s, else ${DEFAULT_GATEWAY})`)
    .option('--rate <n>', 'requests started per second (open loop)', '20')
    .option('--duration <d>', 'how long to send: 30s, 2m, 1500ms or seconds', '30s')
    .option('--concurrency <n>', 'at most this many requests in flight', '8')
    .option('--routing-keys <n>', 'distinct users with a sticky routing key, carried by a quarter of the requests (0: none); keyed requests are never in the canary\'s judged sample, the gateway splits the rest by a keyed hash', '400')
    .option('--feedback-share <x>', 'share of answers rated through /v1/feedback (down when failed, up otherwise)', '0.2')
    .option('--stream-share <x>', 'share of requests asking for a streamed answer', '0')
    .option('--timeout <d>', 'per-request deadline', '10s')
    .option('--seed <s>', 'seeds the prompts, users, streaming and ratings (same seed, same requests)')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress lines on stderr')
    .action(async (flags: TrafficFlags) => {
      process.exitCode = await runTrafficCommand(
        flags,
        settings,
        (line) => process.stdout.write(line + '\n'),
        (line) => process.stderr.write(line + '\n'),
      );
    });
}
