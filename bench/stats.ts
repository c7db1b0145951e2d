/**
 * Statistics benchmark (DESIGN §8): the library's paired bootstrap (continuous and binary, 10,000
 * resamples × 5,000 items) and Mann-Whitney U (100k vs 100k) against straightforward
 * implementations written here (plain loops, Math.random, per-resample arrays, naive ranking).
 * Prints one line per comparison with the time ratio. Run: `npm run build && node dist/bench/stats.js`.
 */
import { cpus, loadavg } from 'node:os';
import { createRng, mannWhitneyU, normalSf, pairedBootstrapBinary, pairedBootstrapDiff } from '../src/stats';

const RESAMPLES = 10_000;
const ITEMS = 5_000;
const MWU_SIZE = 100_000;
const BOOTSTRAP_TARGET_SECONDS = 0.2;
const MWU_TARGET_SECONDS = 0.5;

/**
 * Best wall time and best CPU time of `runs` calls, in seconds, and the last result. Everything here
 * runs on the main thread, so the process's CPU time is the computation's own cost; on a shared,
 * loaded machine the wall time also counts the time other processes held the core.
 */
function time<T>(runs: number, fn: () => T): { seconds: number; cpuSeconds: number; result: T } {
  let best = Infinity;
  let bestCpu = Infinity;
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    result = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
    const cpu = process.cpuUsage(cpuStarted);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
  }
  return { seconds: best, cpuSeconds: bestCpu, result: result as T };
}

// ---- Straightforward implementations -------------------------------------------------------

function naiveQuantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  return sorted[lower]! + (h - lower) * (sorted[Math.ceil(h)]! - sorted[lower]!);
}

function naivePairedBootstrap(
  candidate: number[],
  baseline: number[],
  resamples: number,
  statistic: 'mean' | 'relative_mean' = 'mean',
): [number, number] {
  const n = candidate.length;
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
  const statistics: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const indices = Array.from({ length: n }, () => Math.floor(Math.random() * n));
    const meanCandidate = mean(indices.map((i) => candidate[i]!));
    const meanBaseline = mean(indices.map((i) => baseline[i]!));
    const diff = meanCandidate - meanBaseline;
    statistics.push(statistic === 'mean' ? diff : diff / Math.abs(meanBaseline));
  }
  statistics.sort((a, b) => a - b);
  return [naiveQuantile(statistics, 0.025), naiveQuantile(statistics, 0.975)];
}

function naiveMannWhitney(x: number[], y: number[]): { u: number; pValue: number } {
  const all = [...x.map((value) => ({ value, first: true })), ...y.map((value) => ({ value, first: false }))];
  all.sort((a, b) => a.value - b.value);
  let rankSum = 0;
  let tieTerm = 0;
  for (let start = 0; start < all.length; ) {
    let end = start;
    while (end + 1 < all.length && all[end + 1]!.value === all[start]!.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) if (all[k]!.first) rankSum += rank;
    const tied = end - start + 1;
    tieTerm += tied ** 3 - tied;
    start = end + 1;
  }
  const n1 = x.length;
  const n2 = y.length;
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n1 + n2 + 1 - tieTerm / ((n1 + n2) * (n1 + n2 - 1))));
  const z = (Math.abs(u - (n1 * n2) / 2) - 0.5) / sd;
  return { u, pValue: Math.min(1, 2 * normalSf(z)) };
}

// ---- Data -----------------------------------------------------------------------------------

const rng = createRng('bench-stats');
const baseline = Array.from({ length: ITEMS }, () => 200 + 100 * rng.nextFloat());
const candidate = baseline.map((b) => b * (1.03 + 0.1 * (rng.nextFloat() - 0.5)));
const baselineCorrect = Array.from({ length: ITEMS }, () => (rng.nextFloat() < 0.8 ? 1 : 0) as 0 | 1);
const candidateCorrect = baselineCorrect.map((b) => ((rng.nextFloat() < 0.05 ? 1 - b : b) as 0 | 1));
const latenciesA = Array.from({ length: MWU_SIZE }, () => Math.round(50 + 40 * -Math.log(1 - rng.nextFloat())));
const latenciesB = Array.from({ length: MWU_SIZE }, () => Math.round(52 + 40 * -Math.log(1 - rng.nextFloat())));

function line(name: string, fast: number, naive: number, extra = ''): void {
  console.log(
    `${name}: ${fast.toFixed(3)} s vs straightforward ${naive.toFixed(3)} s, ratio ${(fast / naive).toFixed(4)} (${(naive / fast).toFixed(1)}x faster)${extra}`,
  );
}

function main(): void {
  const opts = { resamples: RESAMPLES, confidence: 0.95, seed: 'bench-run' };
  console.log(`# node ${process.version}, ${cpus().length} cpus, load average ${loadavg()[0]!.toFixed(2)}; best of several runs`);

  // Warm-up so both sides are optimized before timing (not only on-stack-replaced mid-call).
  for (const statistic of ['mean', 'relative_mean'] as const) {
    pairedBootstrapDiff(candidate.slice(0, 500), baseline.slice(0, 500), { ...opts, resamples: 400, statistic });
    naivePairedBootstrap(candidate.slice(0, 500), baseline.slice(0, 500), 400, statistic);
  }

  // The target is the computation's cost: its CPU time on the main thread (the wall time, printed
  // beside it, is the same on an idle machine and longer on a loaded one).
  const verdict = (run: { seconds: number; cpuSeconds: number }, target: number): string =>
    `; target <= ${target} s of CPU (${run.cpuSeconds.toFixed(3)} s, wall ${run.seconds.toFixed(3)} s) ${run.cpuSeconds <= target ? 'met' : 'MISSED'}`;
  for (const statistic of ['mean', 'relative_mean'] as const) {
    const continuous = time(5, () => pairedBootstrapDiff(candidate, baseline, { ...opts, statistic }));
    const continuousNaive = time(2, () => naivePairedBootstrap(candidate, baseline, RESAMPLES, statistic));
    line(
      `paired bootstrap, continuous ${statistic} (${RESAMPLES} x ${ITEMS})`,
      continuous.seconds,
      continuousNaive.seconds,
      verdict(continuous, BOOTSTRAP_TARGET_SECONDS),
    );
  }

  const binary = time(5, () => pairedBootstrapBinary(candidateCorrect, baselineCorrect, opts));
  const binaryNaive = time(2, () => naivePairedBootstrap(candidateCorrect, baselineCorrect, RESAMPLES));
  line(
    `paired bootstrap, binary (${RESAMPLES} x ${ITEMS})`,
    binary.seconds,
    binaryNaive.seconds,
    verdict(binary, BOOTSTRAP_TARGET_SECONDS),
  );

  const mwu = time(5, () => mannWhitneyU(latenciesA, latenciesB));
  const mwuNaive = time(2, () => naiveMannWhitney(latenciesA, latenciesB));
  const agree = mwu.result.status === 'ok' && mwu.result.u === mwuNaive.result.u;
  line(`Mann-Whitney U (${MWU_SIZE} vs ${MWU_SIZE})`, mwu.seconds, mwuNaive.seconds, `${verdict(mwu, MWU_TARGET_SECONDS)}${agree ? '' : '; RESULTS DIFFER'}`);
}

main();
