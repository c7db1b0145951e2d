/**
 * Gatehouse statistics: pure, deterministic functions over plain and typed arrays, shared by the
 * regression, safety, bias and canary judges. See README.md in this folder.
 */
export {
  createRng,
  fnv1a64,
  indexDrawParameters,
  type IndexDrawParameters,
  normalizeSeed,
  sampleBinomial,
  seedFromString,
  splitMix64,
  Xoshiro128,
  type Seed,
} from './random';
export {
  binomialPmf,
  binomialTestTwoSided,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
  twoSidedCriticalValue,
} from './distributions';
export {
  assertFinite,
  mean,
  quantile,
  quantileSorted,
  quantiles,
  sampleStandardDeviation,
  sampleVariance,
  sortedCopy,
} from './descriptive';
export {
  bootstrapCI,
  bootstrapIndices,
  bootstrapIndicesCI,
  pairedBinaryCells,
  pairedBootstrapBinary,
  pairedBootstrapCells,
  pairedBootstrapDiff,
  percentileInterval,
  type BootstrapInterval,
  type BootstrapOptions,
  type BootstrapResult,
  type BootstrapUndefined,
  type BootstrapUndefinedReason,
  type PairedBinaryCells,
  type PairedBootstrapOptions,
  type PairedStatistic,
} from './bootstrap';
export {
  hodgesLehmannShift,
  wilcoxonDistribution,
  wilcoxonQuantile,
  type HodgesLehmannResult,
  type HodgesLehmannUndefined,
} from './hodges-lehmann';
export { itemsNeededForWilson, wilsonInterval, type WilsonInterval, type WilsonSide } from './intervals';
export {
  cohensDPaired,
  holmAdjust,
  mannWhitneyU,
  mcnemarExact,
  twoProportionTest,
  type CohensDResult,
  type CohensDUndefined,
  type MannWhitneyOptions,
  type MannWhitneyResult,
  type MannWhitneyUndefined,
  type McNemarResult,
  type TwoProportionResult,
  type TwoProportionUndefined,
  type UndefinedTestResult,
} from './tests';
