/**
 * Peak memory as the backend reports it (DESIGN §5.3): Prometheus text exposition from
 * `${backendUrl}/metrics` (the model host serves `gatehouse_model_memory_peak_bytes` there for a
 * simulated model that declares `memoryBytes`). Anything short of a reading (no endpoint, an error,
 * the metric absent, a value that is not a finite non-negative number) is `not_measured` with the
 * reason: the gate then says "memory: not measured", never a silent pass.
 */
import { request } from 'undici';
import type { MemoryReading } from './measurements';

export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?\s*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/g;

function parseValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  return Number(text);
}

/** Samples of a Prometheus text exposition (format 0.0.4); comments and malformed lines are skipped. */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[3] ?? '').matchAll(LABEL)) {
      labels[label[1]!] = label[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    samples.push({ name: match[1]!, labels, value: parseValue(match[4]!) });
  }
  return samples;
}

/**
 * The metric's value from an exposition: one sample, or the sum of its labelled samples (e.g. one per
 * device); null when the metric is absent or a sample is not a finite, non-negative number.
 */
export function memoryFromPrometheus(text: string, metric: string): { bytes: number } | { problem: string } {
  const samples = parsePrometheusText(text).filter((s) => s.name === metric);
  if (samples.length === 0) return { problem: `the metrics do not include ${metric}` };
  const bad = samples.find((s) => !(Number.isFinite(s.value) && s.value >= 0));
  if (bad) return { problem: `${metric} is ${bad.value}, not a byte count` };
  return { bytes: samples.reduce((sum, s) => sum + s.value, 0) };
}

/** `${backendUrl}/metrics`, without doubling a trailing slash. */
export function metricsUrlOf(backendUrl: string): string {
  return `${backendUrl.replace(/\/+$/, '')}/metrics`;
}

/** Reads the backend's peak memory; never throws for what the endpoint does. */
export async function scrapeMemory(backendUrl: string, metric: string, options: { timeoutMs?: number } = {}): Promise<MemoryReading> {
  const url = metricsUrlOf(backendUrl);
  const timeoutMs = options.timeoutMs ?? 10_000;
  let status: number;
  let body: string;
  try {
    const response = await request(url, { method: 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs, headers: { accept: 'text/plain' } });
    status = response.statusCode;
    body = await response.body.text();
  } catch (err) {
    return { status: 'not_measured', reason: `could not read ${url}: ${(err as Error).message}` };
  }
  if (status < 200 || status >= 300) return { status: 'not_measured', reason: `${url} answered HTTP ${status}` };
  const reading = memoryFromPrometheus(body, metric);
  if ('problem' in reading) return { status: 'not_measured', reason: `${url}: ${reading.problem}` };
  return { status: 'measured', bytes: reading.bytes, source: `${url} ${metric}` };
}
