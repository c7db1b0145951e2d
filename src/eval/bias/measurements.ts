/**
 * What the bias activity (activities/bias.ts) measures and the bias judge (src/gates/bias.ts) reads:
 * per model, a classifier's fairness or a chat model's suites, and the slice analysis. Types only.
 */
import type { ChatBiasMeasurement } from './chat-metrics';
import type { ClassifierFairness } from './metrics';
import type { SliceFairnessMeasurement } from './slices';

export interface ClassifierModelMeasurement {
  fairness: ClassifierFairness;
  /** Items that got no usable prediction (failed call, malformed prediction), with the reason. */
  missing: Array<{ itemId: string; reason: string }>;
}

export interface BiasMeasurements {
  kind: 'classifier' | 'chat';
  classifier?: { candidate: ClassifierModelMeasurement; baseline: ClassifierModelMeasurement | null };
  chat?: { candidate: ChatBiasMeasurement; baseline: ChatBiasMeasurement | null };
  /** Chat models, when the policy has `slices`: the regression suite's slices, candidate and baseline together. */
  slices?: SliceFairnessMeasurement;
}
