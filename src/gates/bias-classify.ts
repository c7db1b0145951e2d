/**
 * The bias gate's one shape, shared by every check (classifier gaps, counterfactual, BBQ, WinoBias,
 * StereoSet, slices): classify an estimate against its threshold, score the checks, say it in words.
 */
import type { Estimate } from '../eval/bias/estimate';
import { scoreChecks } from './score';
import { percentRounded, pointsInWords } from '../wording';
import type { BiasVerdict } from './bias-summary';


// ---------------------------------------------------------------------------------------------
// 2. Classify

export const EPSILON = 1e-12;

export interface GapClassification {
  verdict: BiasVerdict;
  /** Why, in a clause: "above the 5-point threshold, and so is its whole interval". */
  why: string;
}

/**
 * One gap against its threshold (see the module comment). `signed`: the gap may be negative and
 * |gap| is judged; otherwise the gap is a magnitude (≥ 0).
 */
export function classifyGap(
  estimate: Estimate,
  threshold: number,
  options: { signed: boolean; requireDemonstrated: boolean; format?: (x: number) => string },
): GapClassification {
  if (estimate.value === null) return { verdict: 'fail', why: `it does not exist (${estimate.note ?? 'no data'}), so nothing is demonstrated (fail closed)` };
  const magnitude = options.signed ? Math.abs(estimate.value) : estimate.value;
  const ci = estimate.ci;
  const t = threshold;
  const beyond = ci !== null && (options.signed ? ci[0] > t + EPSILON || ci[1] < -t - EPSILON : ci[0] > t + EPSILON);
  const within = ci !== null && (options.signed ? ci[0] >= -t - EPSILON && ci[1] <= t + EPSILON : ci[1] <= t + EPSILON);
  const limit = `the threshold of ${(options.format ?? points)(t)}`;
  if (magnitude > t + EPSILON) {
    if (beyond) return { verdict: 'fail', why: `beyond ${limit}, and so is its whole interval` };
    return {
      verdict: 'inconclusive',
      why: ci === null ? `beyond ${limit}, but without an interval (${estimate.note ?? 'not computable'}) that is not demonstrated` : `beyond ${limit}, but its interval reaches back within it: not demonstrated`,
    };
  }
  if (options.requireDemonstrated && !within) {
    return { verdict: 'inconclusive', why: `within ${limit}, but ${ci === null ? 'without an interval' : 'its interval reaches beyond it'} and requireDemonstrated is on` };
  }
  return { verdict: 'pass', why: `within ${limit}` };
}

/** An accuracy-like floor: value ≥ threshold passes. */
export function classifyFloor(estimate: Estimate, threshold: number, requireDemonstrated: boolean): GapClassification {
  if (estimate.value === null) return { verdict: 'fail', why: `it does not exist (${estimate.note ?? 'no data'}) (fail closed)` };
  const ci = estimate.ci;
  const limit = `the floor of ${percent(threshold)}`;
  if (estimate.value < threshold - EPSILON) {
    if (ci !== null && ci[1] < threshold - EPSILON) return { verdict: 'fail', why: `below ${limit}, and so is its whole interval` };
    return { verdict: 'inconclusive', why: `below ${limit}, but its interval reaches it: not demonstrated` };
  }
  if (requireDemonstrated && !(ci !== null && ci[0] >= threshold - EPSILON)) {
    return { verdict: 'inconclusive', why: `at or above ${limit}, but its interval reaches below it and requireDemonstrated is on` };
  }
  return { verdict: 'pass', why: `at or above ${limit}` };
}

/** Downgrades a pass to inconclusive when something could not be judged. */
export function atBestInconclusive(verdict: BiasVerdict, caveats: readonly string[]): BiasVerdict {
  return verdict === 'pass' && caveats.length > 0 ? 'inconclusive' : verdict;
}

// ---------------------------------------------------------------------------------------------
// 3. Score

export function scoreBias(verdicts: readonly BiasVerdict[]): BiasVerdict {
  return scoreChecks(verdicts);
}

// ---------------------------------------------------------------------------------------------
// Words

export function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** A difference of two rates in percentage points ("3.2 points"). */
export function points(x: number): string {
  return pointsInWords(x, 1, 'point');
}

export function percent(x: number): string {
  return percentRounded(x, 1);
}

export function interval(e: Estimate, confidence: number, unit: (x: number) => string): string {
  if (e.ci === null) return 'no interval';
  return `${round(confidence * 100, 1)}% CI ${unit(e.ci[0])} to ${unit(e.ci[1])}`;
}

export function shown(e: Estimate | null, unit: (x: number) => string): string {
  if (e === null) return 'not measured';
  return e.value === null ? 'undefined' : unit(e.value);
}
