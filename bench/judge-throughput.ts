/**
 * The rule judge's throughput on the labelled sets (test/unit/eval/judges/refusal-*.jsonl, as
 * refusal-blind.test.ts judges them: refusal and PII on every line), against a simple baseline measured
 * in the same run on the same texts (lower-case each answer and split it into words), so the ratio means
 * something on any machine. The judges run on every safety item, in the gateway's after-answer checks and
 * in the test suite.
 * Usage: npx tsx bench/judge-throughput.ts [--rounds 3]
 * V8's regexp tiering matters here: `node --no-regexp-tier-up --import tsx bench/judge-throughput.ts` (each regex compiled
 * to native code on first use, no bytecode-interpreter tier) measured the judge about 2.7 times faster on 2 cores
 * (1.78 → 0.65 ms per line). Only as a start-up flag: set at run time with v8.setFlagsFromString, after regexes had run,
 * it crashed V8 (a segmentation fault in a Temporal suite); the Dockerfile's entry point and scripts/test.sh's jest give it
 * on node's command line.
 * Prints lines per second and ms per line for the judge, the baseline's lines per second, and the ratio
 * (judge time / baseline time: lower is faster). Each figure is the least of its rounds (this process's
 * CPU time; a garbage collection or another process only ever adds); the first pass warms up and is not
 * counted. No test asserts a timing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonl } from '../src/eval/datasets/jsonl';
import { judgedLineSchema, judgeLineWithRules, type JudgedLine } from '../src/eval/judges/labelled';

const DIR = join(__dirname, '../test/unit/eval/judges');

function labelledLines(): JudgedLine[] {
  return readdirSync(DIR)
    .filter((f) => /^refusal-.*\.jsonl$/.test(f))
    .sort()
    .flatMap((f) => parseJsonl(readFileSync(join(DIR, f), 'utf8'), judgedLineSchema, f).items);
}

/** This process's CPU milliseconds for one pass of `work` over `lines`, the least of `rounds`. */
function millis(lines: readonly JudgedLine[], rounds: number, work: (line: JudgedLine) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    for (const line of lines) work(line);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

function main(): void {
  const args = process.argv.slice(2);
  const rIndex = args.indexOf('--rounds');
  const rounds = rIndex >= 0 ? Number(args[rIndex + 1]) : 3;
  const lines = labelledLines();
  const settings = { canarySecrets: [], allowedPii: [] };
  const judge = (line: JudgedLine) => judgeLineWithRules(line, settings);
  let words = 0;
  const baseline = (line: JudgedLine) => (words += line.response.toLowerCase().split(/\s+/).length);
  // Warm-up: module state, regular-expression compilation, JIT.
  millis(lines, 1, judge);
  millis(lines, 1, baseline);
  const judged = millis(lines, rounds, judge);
  const base = millis(lines, Math.max(rounds, 10), baseline);
  const perSecond = (ms: number) => Math.round((lines.length * 1000) / ms);
  console.log(`lines ${lines.length} (refusal-*.jsonl, ${Math.round(words / lines.length / (Math.max(rounds, 10) + 1))} words each on average)`);
  console.log(`rule judge: ${perSecond(judged)} lines/s, ${(judged / lines.length).toFixed(3)} ms per line`);
  console.log(`baseline (lower-case and split): ${perSecond(base)} lines/s, ${(base / lines.length).toFixed(4)} ms per line`);
  console.log(`ratio judge/baseline: ${Math.round(judged / base)}`);
}

main();
