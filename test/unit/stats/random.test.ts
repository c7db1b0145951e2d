import fc from 'fast-check';
import { binomialPmf } from '../../../src/stats/distributions';
import {
  createRng,
  fnv1a64,
  indexDrawParameters,
  sampleBinomial,
  seedFromString,
  splitMix64,
  Xoshiro128,
} from '../../../src/stats/random';

describe('xoshiro128**', () => {
  it('matches the reference implementation from state (1, 2, 3, 4)', () => {
    // rust-random/rngs rand_xoshiro/src/xoshiro128starstar.rs, test `reference`: "These values were
    // produced with the reference implementation (v1.1): http://xoshiro.di.unimi.it/xoshiro128starstar.c"
    const expected = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804];
    const rng = new Xoshiro128(1, 2, 3, 4);
    expect(expected.map(() => rng.nextUint32())).toEqual(expected);
  });

  it('rejects the all-zero state', () => {
    expect(() => new Xoshiro128(0, 0, 0, 0)).toThrow(RangeError);
  });
});

describe('SplitMix64', () => {
  it('matches the reference implementation', () => {
    // rust-random/rngs rand_xoshiro/src/splitmix64.rs, test `reference` (seed 1477776061723855037),
    // "produced with the reference implementation: http://xoshiro.di.unimi.it/splitmix64.c"
    const expected = [1985237415132408290n, 2979275885539914483n, 13511426838097143398n, 8488337342461049707n, 15141737807933549159n];
    let state = 1477776061723855037n;
    const got = expected.map(() => {
      const next = splitMix64(state);
      state = next.state;
      return next.value;
    });
    expect(got).toEqual(expected);
  });
});

describe('seedFromString', () => {
  it('is FNV-1a 64 (published test vectors) truncated to 53 bits', () => {
    // FNV-1a 64-bit test vectors from the FNV reference test suite (Fowler/Noll/Vo):
    // "" → cbf29ce484222325, "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8.
    expect(fnv1a64('')).toBe(0xcbf29ce484222325n);
    expect(fnv1a64('a')).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64('foobar')).toBe(0x85944171f73967e8n);
    expect(seedFromString('foobar')).toBe(Number(0x85944171f73967e8n & ((1n << 53n) - 1n)));
    expect(Number.isSafeInteger(seedFromString('run-42'))).toBe(true);
  });

  it('makes a run id reproduce its stream exactly, and string and numeric seeds agree', () => {
    const a = createRng('run-2024-05-01-abc');
    const b = createRng('run-2024-05-01-abc');
    const c = createRng(seedFromString('run-2024-05-01-abc'));
    const draws = Array.from({ length: 20 }, () => [a.nextUint32(), b.nextUint32(), c.nextUint32()]);
    for (const [x, y, z] of draws) {
      expect(y).toBe(x);
      expect(z).toBe(x);
    }
    const other = createRng('run-2024-05-01-abd');
    expect(Array.from({ length: 4 }, () => other.nextUint32())).not.toEqual(draws.slice(0, 4).map(([x]) => x));
  });

  it('rejects seeds that would not reproduce', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) expect(() => createRng(bad)).toThrow(RangeError);
  });
});

describe('uniform draws', () => {
  it('nextFloat lies in [0, 1) and nextBelow in [0, bound)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 32 }), (seed, bound) => {
        const rng = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const u = rng.nextFloat();
          const k = rng.nextBelow(bound);
          if (!(u >= 0 && u < 1) || !(Number.isInteger(k) && k >= 0 && k < bound)) return false;
        }
        return true;
      }),
    );
  });

  it('splits 2^32 into equal buckets, so every index is exactly equally likely', () => {
    for (const bound of [1, 2, 3, 5000, 65537, 2 ** 21 + 1, 2 ** 32 - 1, 2 ** 32]) {
      const { bucket, acceptBelow } = indexDrawParameters(bound);
      expect(acceptBelow).toBe(bound * bucket);
      expect(acceptBelow).toBeLessThanOrEqual(2 ** 32);
      expect(2 ** 32 - acceptBelow).toBeLessThan(bound);
      // The floor of (x + 0.5) / bucket is exact at both ends of every bucket.
      for (const index of [0, 1, bound - 1]) {
        for (const x of [index * bucket, (index + 1) * bucket - 1]) {
          expect(Math.floor((x + 0.5) / bucket)).toBe(index);
          expect(Math.floor((x + 0.5) * (1 / bucket))).toBe(index);
        }
      }
    }
  });

  it('gives uniform frequencies (chi-square, 10 cells, 100k draws)', () => {
    const rng = createRng(7);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.nextBelow(10)]!++;
    const chiSquare = counts.reduce((sum, observed) => sum + (observed - 10_000) ** 2 / 10_000, 0);
    expect(chiSquare).toBeLessThan(27.88); // χ²(9) upper 0.1% point (standard tables)
  });
});

describe('sampleBinomial', () => {
  it('handles the degenerate parameters exactly', () => {
    const rng = createRng(1);
    expect(sampleBinomial(rng, 0, 0.3)).toBe(0);
    expect(sampleBinomial(rng, 100, 0)).toBe(0);
    expect(sampleBinomial(rng, 100, 1)).toBe(100);
    expect(() => sampleBinomial(rng, -1, 0.5)).toThrow(RangeError);
    expect(() => sampleBinomial(rng, 10, Number.NaN)).toThrow(RangeError);
  });

  // One case per code path: inversion (n·p < 10), BTRS (n·p ≥ 10) and the p > ½ reflection.
  it.each([
    [20, 0.1],
    [100, 0.3],
    [5000, 0.02],
    [60, 0.85],
  ])('matches the Binomial(%i, %f) pmf (chi-square over 200k draws)', (n, p) => {
    const rng = createRng(`binomial-${n}-${p}`);
    const draws = 200_000;
    const counts = new Map<number, number>();
    let outOfRange = 0;
    for (let i = 0; i < draws; i++) {
      const k = sampleBinomial(rng, n, p);
      if (!(Number.isInteger(k) && k >= 0 && k <= n)) outOfRange++;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(outOfRange).toBe(0);
    // Pool cells with expected count < 20 into the two tails.
    let chiSquare = 0;
    let cells = 0;
    let pooledExpected = 0;
    let pooledObserved = 0;
    for (let k = 0; k <= n; k++) {
      const expected = draws * binomialPmf(k, n, p);
      const observed = counts.get(k) ?? 0;
      if (expected < 20) {
        pooledExpected += expected;
        pooledObserved += observed;
        continue;
      }
      chiSquare += (observed - expected) ** 2 / expected;
      cells++;
    }
    if (pooledExpected > 0) {
      chiSquare += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
      cells++;
    }
    // Mean of χ²(df) is df, sd √(2·df): 6 sd above the mean never happens by chance at these seeds.
    const df = cells - 1;
    expect(chiSquare).toBeLessThan(df + 6 * Math.sqrt(2 * df));
  });
});
