/**
 * Student's t: the two-sided p-value and quantiles (via the regularized incomplete beta), and the
 * paired-runs interval the regression gate uses for its few throughput runs. Pure and deterministic.
 */
const { abs, min } = Math;
const isFiniteNumber = Number.isFinite;


const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided p-value of Student's t statistic with `df` degrees of freedom: P(|T| ≥ |t|). */
export function studentTTwoSided(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`);
  if (!isFiniteNumber(t)) return t !== t ? NaN : 0;
  return min(1, incompleteBeta(df / 2, 0.5, df / (df + t * t)));
}

/** The p-quantile (p in (½, 1)) of Student's t with `df` degrees of freedom, by bisection on the CDF. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1)) throw new RangeError(`p must be in (0.5, 1), got ${p}`);
  const tail = 2 * (1 - p); // two-sided tail of the quantile
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, df) > tail) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSided(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Paired throughput runs: the t interval (and two-sided p) of the mean log ratio candidate/baseline
 * over the run pairs, as a relative change exp(·) − 1. With 3 runs the t interval (2 degrees of
 * freedom) is wide unless the runs agree: noise between runs reads as inconclusive, not as a fail; a
 * capacity limit that halves every run still fails. Without a baseline, the same for log rates.
 */
export function pairedRunsInterval(
  candidate: readonly number[],
  baseline: readonly number[] | null,
  confidence: number,
): { ci: [number, number] | null; pValue: number | null; meanLog: number | null; sdLog: number | null } {
  const n = candidate.length;
  const logs = candidate.map((c, i) => (baseline ? Math.log(c / baseline[i]!) : Math.log(c)));
  if (n < 2 || !logs.every(isFiniteNumber)) return { ci: null, pValue: null, meanLog: null, sdLog: null };
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(logs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  const toScale = (x: number) => (baseline ? Math.exp(x) - 1 : Math.exp(x));
  const ci: [number, number] = [toScale(mean - half), toScale(mean + half)];
  let pValue: number | null = null;
  if (baseline) pValue = sd === 0 ? (mean === 0 ? 1 : 0) : studentTTwoSided(mean / (sd / Math.sqrt(n)), n - 1);
  return { ci, pValue, meanLog: mean, sdLog: sd };
}
