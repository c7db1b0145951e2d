/**
 * Seeded pseudo-random numbers for resampling.
 *
 * xoshiro128** (Blackman & Vigna): 128-bit state, period 2^128 − 1, 32-bit integer arithmetic only,
 * so a seed gives bit-identical streams on every platform. A seed (a safe integer, or a string such
 * as a run id) is expanded to the state by SplitMix64, the expansion the algorithm's authors
 * recommend. Not cryptographic: never use it for keys, nonces or sampling that an adversary can
 * exploit.
 */

// Bound once: inside a vm context (jest, Temporal's workflow sandbox) each lookup of a global such as
// `Math` goes through the context's global proxy and makes hot loops ~100x slower.
const { abs, ceil, floor, imul, log, log1p, sqrt } = Math;

const MASK64 = (1n << 64n) - 1n;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/** A seed as accepted everywhere in this library: a non-negative safe integer or any string. */
export type Seed = number | string;

/** FNV-1a, 64-bit, over the UTF-8 bytes of `text`. */
export function fnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & MASK64;
  }
  return hash;
}

/**
 * A numeric seed derived from a string (e.g. a run id): FNV-1a 64 over its UTF-8 bytes, truncated to
 * 53 bits so it is an exact JavaScript number. `createRng(s)` and `createRng(seedFromString(s))` give
 * the same stream.
 */
export function seedFromString(text: string): number {
  return Number(fnv1a64(text) & ((1n << 53n) - 1n));
}

/** SplitMix64 (Steele, Lea & Flood): returns the next output and the advanced state. */
export function splitMix64(state: bigint): { value: bigint; state: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return { value: z ^ (z >> 31n), state: next };
}

/** Resolves a `Seed` to the numeric seed, rejecting anything that would not be reproducible. */
export function normalizeSeed(seed: Seed): number {
  if (typeof seed === 'string') return seedFromString(seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer or a string, got ${seed}`);
  }
  return seed;
}

/**
 * xoshiro128** generator. The state words are public so hot loops can copy them into locals,
 * step inline and write them back (see `bootstrap.ts`); everything else should use the methods.
 */
export class Xoshiro128 {
  s0: number;
  s1: number;
  s2: number;
  s3: number;

  /** Creates a generator from four 32-bit state words (not all zero). Prefer `createRng`. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 >>> 0;
    this.s1 = s1 >>> 0;
    this.s2 = s2 >>> 0;
    this.s3 = s3 >>> 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) {
      throw new RangeError('xoshiro128** state must not be all zero');
    }
  }

  /** Next 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const product = imul(s1, 5);
    const result = imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) * TWO_POW_MINUS_53;
  }

  /** Uniform double in (0, 1): safe to pass to `Math.log`. */
  nextOpenFloat(): number {
    let u = this.nextFloat();
    while (u === 0) u = this.nextFloat();
    return u;
  }

  /**
   * Uniform integer in [0, bound), exactly uniform: 32-bit draws at or above bound·⌊2^32/bound⌋ are
   * rejected (probability < bound/2^32) and the rest split into `bound` buckets of ⌊2^32/bound⌋.
   * `bootstrap.ts` inlines the same bucket rejection in its hot loop.
   */
  nextBelow(bound: number): number {
    return this.nextIndex(indexDrawParameters(bound));
  }

  /** `nextBelow` with its parameters computed once by `indexDrawParameters` (for loops). */
  nextIndex({ bucket, acceptBelow }: IndexDrawParameters): number {
    let x = this.nextUint32();
    while (x >= acceptBelow) x = this.nextUint32();
    return floor((x + 0.5) / bucket);
  }
}

export interface IndexDrawParameters {
  /** ⌊2^32 / bound⌋: how many 32-bit values map to each index. */
  bucket: number;
  /** bound · bucket: 32-bit values from here up are rejected. */
  acceptBelow: number;
}

/**
 * Parameters of the exactly uniform index draw over [0, bound): the bucket size ⌊2^32/bound⌋ and the
 * first rejected 32-bit value bound·bucket. (x + ½)/bucket is never within rounding error of an
 * integer, so its floor is exact whether computed by division or by multiplying with 1/bucket.
 */
export function indexDrawParameters(bound: number): IndexDrawParameters {
  if (!Number.isInteger(bound) || bound < 1 || bound > TWO_POW_32) {
    throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
  }
  const bucket = floor(TWO_POW_32 / bound);
  return { bucket, acceptBelow: bound * bucket };
}

/** A generator seeded from a non-negative safe integer or a string (e.g. the run id). */
export function createRng(seed: Seed): Xoshiro128 {
  let state = BigInt(normalizeSeed(seed));
  const first = splitMix64(state);
  state = first.state;
  const second = splitMix64(state);
  return new Xoshiro128(
    Number(first.value & 0xffffffffn),
    Number(first.value >> 32n),
    Number(second.value & 0xffffffffn),
    Number(second.value >> 32n),
  );
}

// ---------------------------------------------------------------------------------------------
// Binomial variates, for the multinomial fast path of the paired binary bootstrap.

/** log(k!) for k = 0..9, summed exactly enough (≤ 1e-15) to derive the Stirling tail table. */
function logFactorialSmall(k: number): number {
  let sum = 0;
  for (let i = 2; i <= k; i++) sum += log(i);
  return sum;
}

const HALF_LOG_TWO_PI = 0.5 * log(2 * Math.PI);

/**
 * fc(k) = log(k!) − [½·log(2π) + (k + ½)·log(k + 1) − (k + 1)]: the error of Stirling's formula at
 * k + 1, as used by Hörmann's BTRS. Exact table for k ≤ 9, asymptotic series above.
 */
const STIRLING_TAIL_TABLE = Array.from(
  { length: 10 },
  (_, k) => logFactorialSmall(k) - (HALF_LOG_TWO_PI + (k + 0.5) * log(k + 1) - (k + 1)),
);

function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL_TABLE[k]!;
  const kp1 = k + 1;
  const kp1sq = kp1 * kp1;
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / kp1;
}

/** Binomial(n, p) for small n·p by summing geometric waiting times: O(n·p) expected. */
function binomialByInversion(rng: Xoshiro128, n: number, p: number): number {
  const logQ = log1p(-p);
  let waited = 0;
  let successes = 0;
  for (;;) {
    waited += ceil(log(rng.nextOpenFloat()) / logQ);
    if (waited > n) return successes;
    successes++;
  }
}

/**
 * Binomial(n, p) by Hörmann's transformed rejection with squeeze (BTRS, 1993), valid for
 * n·p ≥ 10 and p ≤ ½: O(1) expected uniforms per variate.
 */
function binomialByBtrs(rng: Xoshiro128, n: number, p: number): number {
  const sd = sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * sd;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vR = 0.92 - 4.2 / b;
  const r = p / (1 - p);
  const alpha = (2.83 + 5.1 / b) * sd;
  const m = floor((n + 1) * p);
  for (;;) {
    const u = rng.nextFloat() - 0.5;
    let v = rng.nextFloat();
    const us = 0.5 - abs(u);
    const k = floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vR) return k;
    v = log((v * alpha) / (a / (us * us) + b));
    const bound =
      (m + 0.5) * log((m + 1) / (r * (n - m + 1))) +
      (n + 1) * log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * log((r * (n - k + 1)) / (k + 1)) +
      stirlingTail(m) +
      stirlingTail(n - m) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (v <= bound) return k;
  }
}

/** One Binomial(n, p) variate: exact in distribution for every n ≥ 0 and p in [0, 1]. */
export function sampleBinomial(rng: Xoshiro128, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - sampleBinomial(rng, n, 1 - p);
  return n * p < 10 ? binomialByInversion(rng, n, p) : binomialByBtrs(rng, n, p);
}
