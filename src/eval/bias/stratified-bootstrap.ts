/**
 * The stratified percentile bootstrap of the classifier fairness gaps (metrics.ts): each resample
 * draws, with replacement, as many items from every (group, label) cell as it has, so every rate
 * exists in every resample. Seeded: the same seed (the run id) gives the same interval.
 */
import { createRng, indexDrawParameters, percentileInterval, type BootstrapResult, type IndexDrawParameters, type Seed } from '../../stats';


export interface StratifiedBootstrapOptions {
  resamples: number;
  confidence: number;
  seed: Seed;
}

const MAX_RESAMPLES = 10_000_000;

/**
 * Runs `statistic` on the identity resample and on `resamples` stratified resamples: each stratum
 * (a list of item indices) is resampled with replacement to its own size, into the positions it holds
 * in the concatenation of the strata. `statistic` writes its `outputs` values into `out` and must not
 * keep a reference to `indices` (one buffer is reused). Returns the estimates and, per output, the
 * resampled values.
 */
export function stratifiedBootstrap(
  strata: ReadonlyArray<ArrayLike<number>>,
  outputs: number,
  options: { resamples: number; seed: Seed },
  statistic: (indices: Uint32Array, out: Float64Array) => void,
): { estimates: Float64Array; samples: Float64Array[] } {
  if (!Number.isInteger(options.resamples) || options.resamples < 1 || options.resamples > MAX_RESAMPLES) {
    throw new RangeError(`resamples must be an integer in [1, ${MAX_RESAMPLES}], got ${options.resamples}`);
  }
  const total = strata.reduce((sum, s) => sum + s.length, 0);
  const indices = new Uint32Array(total);
  const members: Uint32Array[] = strata.map((s) => Uint32Array.from(s));
  const draws: Array<IndexDrawParameters | null> = members.map((m) => (m.length > 0 ? indexDrawParameters(m.length) : null));
  let offset = 0;
  for (const m of members) {
    indices.set(m, offset);
    offset += m.length;
  }
  const out = new Float64Array(outputs);
  statistic(indices, out);
  const estimates = Float64Array.from(out);
  const samples = Array.from({ length: outputs }, () => new Float64Array(options.resamples));
  const rng = createRng(options.seed);
  for (let r = 0; r < options.resamples; r++) {
    let position = 0;
    for (let s = 0; s < members.length; s++) {
      const m = members[s]!;
      const draw = draws[s];
      if (draw) for (let i = 0; i < m.length; i++) indices[position++] = m[rng.nextIndex(draw)]!;
    }
    out.fill(Number.NaN);
    statistic(indices, out);
    for (let k = 0; k < outputs; k++) samples[k]![r] = out[k]!;
  }
  return { estimates, samples };
}

/** A percentile interval from an estimate and its bootstrap values; `undefined` when any is not finite. */
export function intervalFrom(estimate: number, values: Float64Array, n: number, options: StratifiedBootstrapOptions): BootstrapResult {
  const common = { resamples: options.resamples, n, confidence: options.confidence };
  if (!Number.isFinite(estimate)) {
    return { status: 'undefined', reason: 'statistic_not_finite', detail: 'the statistic does not exist on the observed data', ...common };
  }
  let missing = 0;
  for (let r = 0; r < values.length; r++) if (!Number.isFinite(values[r]!)) missing++;
  if (missing > 0) {
    return {
      status: 'undefined',
      reason: 'statistic_not_finite',
      detail: `the statistic does not exist in ${missing} of ${values.length} resamples`,
      ...common,
    };
  }
  const ci = percentileInterval(Float64Array.from(values), options.confidence);
  return { status: 'ok', estimate, ci, ...common, infiniteResamples: 0 };
}
