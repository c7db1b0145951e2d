/**
 * The paired bootstrap's inner loop, apart from the intervals built on it (bootstrap.ts): for each
 * resample, the sums of both sides over n item indices drawn with replacement.
 */
import { indexDrawParameters, type Xoshiro128 } from './random';

// Bound once: inside a vm context (jest, Temporal's workflow sandbox) a global lookup such as `Math`
// goes through the context's global proxy and makes this loop ~100x slower.
const { floor, imul } = Math;

/** The inline index draw truncates with `| 0`, exact below 2^31; beyond 2^30 items nothing fits in memory anyway. */
export const MAX_PAIRED_ITEMS = 2 ** 30;

/**
 * For each resample r, draws n item indices uniformly with replacement and writes
 * firstSums[r] = Σ a[i] and secondSums[r] = Σ b[i] over interleaved pairs [a0, b0, a1, b1, …]
 * (both values of a draw share a cache line). This loop is the whole cost of a 10,000 × 5,000
 * bootstrap, so the xoshiro128** step is inlined on int32 locals and nothing is allocated.
 *
 * Index draws are exactly uniform (bucket rejection, as `Xoshiro128.nextIndex`): a w-bit value
 * below n·⌊2^w/n⌋ maps to ⌊value/⌊2^w/n⌋⌋, larger values are rejected. Up to 2^16 items, when that
 * rejects at most 1/32 of draws, each 32-bit output gives two 16-bit values (two indices, read from
 * a table). Pinned to the bit by test/unit/stats/bootstrap-pinned.test.ts; bootstrap.ts re-exports it for tests.
 */
export function resampledPairSums(
  rng: Xoshiro128,
  pairs: Float64Array,
  firstSums: Float64Array,
  secondSums: Float64Array,
): void {
  const n = pairs.length >>> 1;
  let s0 = rng.s0 | 0;
  let s1 = rng.s1 | 0;
  let s2 = rng.s2 | 0;
  let s3 = rng.s3 | 0;
  const halfBucket = floor(65536 / n);
  if (n <= 65536 && (65536 % n) * 32 <= 65536) {
    // Each 16-bit value's pair offset (-1: rejected), by the same expression as before, computed once.
    const inverseBucket = 1 / halfBucket;
    const acceptBelow = n * halfBucket;
    // Item indices in 16 bits (half the cache footprint of pair offsets, steadier on a busy machine). A
    // rejected value holds 0xffff, which no item has when n < 65536; at n = 65536 nothing is rejected and
    // `rejected` is -1, which no 16-bit value equals.
    const rejected = acceptBelow < 65536 ? 0xffff : -1;
    const indices = new Uint16Array(65536);
    for (let value = 0; value < 65536; value++) indices[value] = value < acceptBelow ? ((value + 0.5) * inverseBucket) | 0 : 0xffff;
    const last = n - 1;
    for (let r = 0; r < firstSums.length; r++) {
      let first = 0;
      let second = 0;
      let i = 0;
      for (;;) {
        const product = imul(s1, 5);
        const draw = imul((product << 7) | (product >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const highIndex = indices[draw >>> 16]!;
        const lowIndex = indices[draw & 0xffff]!;
        const high = highIndex === rejected ? -1 : highIndex << 1;
        const low = lowIndex === rejected ? -1 : lowIndex << 1;
        // Both halves accepted with room for both (high first, as always): the common case.
        if ((high | low) >= 0 && i < last) {
          first += pairs[high]!;
          second += pairs[high + 1]!;
          first += pairs[low]!;
          second += pairs[low + 1]!;
          i += 2;
          if (i < n) continue;
          break;
        }
        if (high >= 0) {
          first += pairs[high]!;
          second += pairs[high + 1]!;
          i++;
        }
        if (low >= 0 && i < n) {
          first += pairs[low]!;
          second += pairs[low + 1]!;
          i++;
        }
        if (i >= n) break;
      }
      firstSums[r] = first;
      secondSums[r] = second;
    }
  } else {
    const { bucket, acceptBelow } = indexDrawParameters(n);
    const inverseBucket = 1 / bucket;
    // Unsigned draw < acceptBelow as a signed int32 comparison: flip the sign bit of both sides.
    const acceptMaxFlipped = ((acceptBelow - 1) ^ 0x80000000) | 0;
    for (let r = 0; r < firstSums.length; r++) {
      let first = 0;
      let second = 0;
      for (let i = 0; i < n; i++) {
        const product = imul(s1, 5);
        const draw = imul((product << 7) | (product >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        if ((draw ^ 0x80000000) > acceptMaxFlipped) {
          i--; // rejected (probability < n / 2^32): draw again for this slot
          continue;
        }
        const offset = (((draw >>> 0) + 0.5) * inverseBucket | 0) << 1;
        first += pairs[offset]!;
        second += pairs[offset + 1]!;
      }
      firstSums[r] = first;
      secondSums[r] = second;
    }
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
}
