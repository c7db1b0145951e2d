export { bleuStatistics, regressionItemMessages, scoreAnswer } from './scoring';
export { measureThroughput, throughputRun } from './throughput';
export type { ThroughputOptions, ThroughputRun } from './throughput';
export { memoryFromPrometheus, metricsUrlOf, parsePrometheusText, scrapeMemory } from './memory';
export type { PrometheusSample } from './memory';
export { checkRegressionCoverage, measureRegression } from './measure';
export type { MeasureRegressionOptions, RegressionMeasurementRun, RegressionProgress } from './measure';
