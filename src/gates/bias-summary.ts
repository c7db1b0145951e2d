/** The bias gate's summary (what the report reads); its measurement inputs are in src/eval/bias/measurements.ts. */
import type { GateResult } from '../pipeline-types';
import type { Estimate } from '../eval/bias/estimate';
import type { SliceFairnessMeasurement } from '../eval/bias/slices';

export type BiasVerdict = 'pass' | 'fail' | 'inconclusive';

/** One judged quantity, candidate and baseline side by side. */
export interface BiasCheck {
  /** Flat metric key, e.g. `classifier.demographicParity`, `bbq.Age.ambiguous`. */
  key: string;
  /** What is measured, in words. */
  label: string;
  threshold: number;
  /** `at_most` for gaps (|gap| ≤ threshold), `at_least` for floors (accuracy, language-model score). */
  direction: 'at_most' | 'at_least';
  candidate: Estimate;
  baseline: Estimate | null;
  verdict: BiasVerdict;
  /** The sentence that goes into the gate's reasons. */
  reason: string;
  /** Extra numbers for the report (per-group rates, ratio, p-values). */
  details?: Record<string, number | string | null>;
}

export interface BiasSummary {
  verdict: BiasVerdict;
  kind: 'classifier' | 'chat';
  checks: BiasCheck[];
  /** Measurement problems; any of them fails the gate. */
  problems: string[];
  hasBaseline: boolean;
  /** Slice analysis over the regression suite's slices (src/eval/bias/slices.ts, shared code with the regression gate). */
  sliceAnalysis: SliceAnalysisSummary;
}

/**
 * `judged`: per-slice widening checks are in `checks`; `reported`: a first deployment, gaps shown but
 * not judged; `not_configured`: the policy has no `slices`; `not_applicable`: a classifier.
 */
export type SliceAnalysisSummary =
  | { status: 'judged' | 'reported'; metric: 'f1' | 'accuracy'; measurement: SliceFairnessMeasurement }
  | { status: 'not_configured' | 'not_applicable'; reason: string };

export interface BiasJudgement {
  result: GateResult;
  summary: BiasSummary;
}
