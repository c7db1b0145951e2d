/**
 * Hashing throughput (DESIGN §8): hashArtifact vs `openssl dgst -sha256` run in parallel, one process
 * per core, over the same multi-GB, multi-file artifact. Target ratio ≥ 0.9.
 *
 *   npm run build && node dist/bench/hash.js [GiB]        (or BENCH_HASH_GB; default 4)
 *   BENCH_HASH_ROUNDS=N (default 5): rounds of both tools back to back; medians reported.
 *
 * Writes the artifact as 4 shards under os.tmpdir() and removes it afterwards, also on error or ^C.
 * Both runs read the same files from the page cache (the files are fsynced first so background
 * writeback does not steal CPU from whichever runs first). Prints one line on stdout.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactDigest, hashArtifact } from '../src/integrity/hash-artifact';

const GIB = 1024 ** 3;
const SHARDS = 4;
const WRITE_CHUNK_BYTES = 64 * 1024 * 1024;

function requestedGib(): number {
  const raw = process.argv[2] ?? process.env['BENCH_HASH_GB'] ?? '4';
  const gib = Number(raw);
  if (!Number.isFinite(gib) || gib <= 0) throw new Error(`size: expected a positive number of GiB, got ${JSON.stringify(raw)}`);
  return gib;
}

function requestedRounds(): number {
  const raw = process.env['BENCH_HASH_ROUNDS'] ?? '5';
  const rounds = Number(raw);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_HASH_ROUNDS: expected a positive integer, got ${JSON.stringify(raw)}`);
  return rounds;
}

/** Writes `shards` files totalling `totalBytes` of pseudo-random data; returns their paths. */
async function writeArtifact(dir: string, totalBytes: number, shards: number): Promise<string[]> {
  const chunk = randomFillSync(Buffer.allocUnsafe(WRITE_CHUNK_BYTES));
  const shardBytes = Math.floor(totalBytes / shards);
  const paths: string[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const path = join(dir, `model-${String(shard + 1).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.bin`);
    const file = await open(path, 'w');
    try {
      for (let written = 0; written < shardBytes; ) {
        chunk.writeUInt32LE(shard, 0); // make every chunk distinct, so no two shards are identical
        chunk.writeUInt32LE(written / WRITE_CHUNK_BYTES, 4);
        written += (await file.write(chunk, 0, Math.min(chunk.length, shardBytes - written))).bytesWritten;
      }
      await file.sync();
    } finally {
      await file.close();
    }
    paths.push(path);
  }
  return paths;
}

/** Runs one `openssl dgst -sha256` per core over its share of the files; returns path → sha256. */
async function opensslParallel(paths: string[], processes: number): Promise<Map<string, string>> {
  const groups: string[][] = Array.from({ length: Math.min(processes, paths.length) }, () => []);
  paths.forEach((path, i) => groups[i % groups.length]!.push(path));
  const outputs = await Promise.all(groups.map((group) => run('openssl', ['dgst', '-sha256', ...group])));
  const digests = new Map<string, string>();
  for (const line of outputs.join('').split('\n')) {
    const match = /^SHA2?-?256\((.+)\)= ([0-9a-f]{64})$/.exec(line.trim());
    if (match) digests.set(match[1]!, match[2]!);
  }
  return digests;
}

/** Child processes still running, killed if the bench is interrupted. */
const runningChildren = new Set<ChildProcess>();

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    runningChildren.add(child);
    child.on('exit', () => runningChildren.delete(child));
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => (stdout += data));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} exited with code ${code}`))));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Fails the bench if the two tools disagree: a fast wrong hash is no result. */
function checkSameDigests(ours: ArtifactDigest, dir: string, openssl: Map<string, string>): void {
  for (const file of ours.files) {
    const theirs = openssl.get(join(dir, file.path));
    if (theirs !== file.sha256) throw new Error(`digest mismatch for ${file.path}: gatehouse ${file.sha256}, openssl ${theirs}`);
  }
}

async function main(): Promise<void> {
  const gib = requestedGib();
  const roundCount = requestedRounds();
  const cores = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-hash-'));
  const cleanUp = (): void => rmSync(dir, { recursive: true, force: true });
  const onSignal = (): void => {
    for (const child of runningChildren) child.kill();
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    process.stderr.write(`writing ${gib} GiB in ${SHARDS} shards under ${dir}; ${roundCount} rounds on ${cores} cores…\n`);
    const paths = await writeArtifact(dir, Math.round(gib * GIB), SHARDS);
    // Each round times both tools back to back, alternating which goes first; the medians of the
    // rounds are reported, and the ratio is the median of the per-round ratios, so a burst of load
    // from another process on a shared machine skews one round, not the result.
    const rounds: { gatehouse: number; openssl: number }[] = [];
    let ours: ArtifactDigest | undefined;
    let theirs = new Map<string, string>();
    for (let round = 0; round < roundCount; round++) {
      const seconds = { gatehouse: 0, openssl: 0 };
      const order = round % 2 === 0 ? (['gatehouse', 'openssl'] as const) : (['openssl', 'gatehouse'] as const);
      for (const tool of order) {
        if (tool === 'gatehouse') {
          const run = await timed(() => hashArtifact(dir));
          ours = run.result;
          seconds.gatehouse = run.seconds;
        } else {
          const run = await timed(() => opensslParallel(paths, cores));
          theirs = run.result;
          seconds.openssl = run.seconds;
        }
      }
      rounds.push(seconds);
    }
    checkSameDigests(ours!, dir, theirs);
    const gbPerSecond = (seconds: number): number => ours!.totalBytes / seconds / 1e9;
    const gatehouseRate = median(rounds.map((r) => gbPerSecond(r.gatehouse)));
    const opensslRate = median(rounds.map((r) => gbPerSecond(r.openssl)));
    const ratio = median(rounds.map((r) => r.openssl / r.gatehouse));
    process.stdout.write(
      `hash: gatehouse ${gatehouseRate.toFixed(2)} GB/s, openssl parallel ${opensslRate.toFixed(2)} GB/s, ratio ${ratio.toFixed(2)}\n`,
    );
  } finally {
    cleanUp();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/hash: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
