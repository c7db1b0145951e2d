/**
 * The paired bootstrap's numbers, pinned to the bit for fixed seeds (issue 13): a faster loop must give
 * exactly these resample sums and intervals, or every stored report's interval would change. The
 * hashes were taken from the loop as it was before it was optimised.
 */
import { createHash } from 'node:crypto';
import { pairedBootstrapDiff, resampledPairSums } from '../../../src/stats/bootstrap';
import { createRng } from '../../../src/stats/random';

function sha256(values: Float64Array): string {
  return createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');
}

/** bench/stats's data shape: baselines of 200-300 and candidates about 3% above, from a fixed seed. */
function benchLikeData(items: number, seed: string): { candidate: number[]; baseline: number[] } {
  const rng = createRng(seed);
  const baseline = Array.from({ length: items }, () => 200 + 100 * rng.nextFloat());
  const candidate = baseline.map((b) => b * (1.03 + 0.1 * (rng.nextFloat() - 0.5)));
  return { candidate, baseline };
}

function pairsOf(candidate: number[], baseline: number[]): Float64Array {
  const pairs = new Float64Array(2 * candidate.length);
  candidate.forEach((c, i) => {
    pairs[2 * i] = c - baseline[i]!;
    pairs[2 * i + 1] = baseline[i]!;
  });
  return pairs;
}

const ok = (estimate: number, ci: [number, number], resamples: number, n: number) => ({ status: 'ok', estimate, ci, resamples, n, confidence: 0.95, infiniteResamples: 0 });

describe('paired bootstrap: the same numbers to the bit for a given seed', () => {
  test.each([
    // The 16-bit fast path at the benchmark's size (5,000 items × 10,000 resamples) …
    {
      items: 5000, resamples: 10_000, dataSeed: 'pin-data', runSeed: 'pin-run' as string | number,
      first: 'dee99eddc9caebb386fd148f216c194697f042dbc95bf23b613b4e01808f18f3',
      second: '952eb62d51431c7cba33178f9b3e1b2c03937908dd1f818e68373bd9752261f6',
      mean: ok(7.305727463650285, [7.104793434890652, 7.509592244934623], 10_000, 5000),
      relative: ok(0.029222116362979365, [0.028433151680039934, 0.03002655426092444], 10_000, 5000),
    },
    // … the 32-bit path beyond 2^16 items …
    {
      items: 70_000, resamples: 20, dataSeed: 'pin-data-large', runSeed: 'pin-run-large',
      first: '625b969857045aae68b684f10a8240d9a4298fa0a193891a5415ab65ef93c93c',
      second: '2e2bf9413b7daae47973b853114eaeb3232526873c1aba7c9c37f0434674f5c6',
      mean: ok(7.4962616778103115, [7.448435259773368, 7.544377283321127], 20, 70_000),
      relative: ok(0.030001470768250854, [0.02980011315230885, 0.030188978533731734], 20, 70_000),
    },
    // … and three items from a numeric seed.
    {
      items: 3, resamples: 500, dataSeed: 'pin-data-tiny', runSeed: 7,
      first: 'b40f90adeec61302dace95721034de3709a2085b2aff97fb102ded1e1d50ff85',
      second: '8def5d4a7d4fdf2beebae1abdfb5de1ac3673b26a9645e22be1c41cf181abd21',
      mean: ok(3.98758057260423, [-0.9691294856394848, 6.923817224737064], 500, 3),
      relative: ok(0.016672638897957417, [-0.004533400686237474, 0.029547980694064432], 500, 3),
    },
  ])('$items items × $resamples resamples', ({ items, resamples, dataSeed, runSeed, first, second, mean, relative }) => {
    const { candidate, baseline } = benchLikeData(items, dataSeed);
    const firstSums = new Float64Array(resamples);
    const secondSums = new Float64Array(resamples);
    resampledPairSums(createRng(runSeed), pairsOf(candidate, baseline), firstSums, secondSums);
    expect({ first: sha256(firstSums), second: sha256(secondSums) }).toEqual({ first, second });
    const options = { resamples, confidence: 0.95, seed: runSeed };
    expect(pairedBootstrapDiff(candidate, baseline, { ...options, statistic: 'mean' })).toEqual(mean);
    expect(pairedBootstrapDiff(candidate, baseline, { ...options, statistic: 'relative_mean' })).toEqual(relative);
  });
});
