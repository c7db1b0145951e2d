/**
 * A REAL (small) classifier the model host can serve: logistic regression over named numeric
 * features, its trained weights stored as JSON in the artifact's `model.json`. Unlike the simulated
 * chat model, its answers are computed: score = σ(b + Σ wᵢ·(xᵢ − meanᵢ)/stdᵢ), label = score ≥
 * threshold. Served KServe V1 style by the model host:
 *
 *   POST {deployment}/v1/models/{name}:predict  { "instances": [{ "income": 52.1, … }, …] }
 *     → { "predictions": [{ "label": 1, "score": 0.83 }, …] }
 *
 * An instance is an object of named numbers; features the model does not use are ignored (so one
 * evaluation set serves models with different feature sets), a missing or non-finite feature it uses
 * is an error naming the instance and the feature. The examples (`examples/models/credit-*`) are
 * trained by `examples/bias/build-examples.ts` with `src/eval/bias/logistic-regression.ts`.
 */
import { z } from 'zod';

export const CLASSIFIER_SPEC_FILE = 'model.json';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

export const classifierSpecSchema = z
  .strictObject({
    kind: z.literal('logistic-regression'),
    /** Not simulated: the scores are computed from the weights below. */
    simulated: z.literal(false),
    name: z.string().min(1),
    description: z.string().optional(),
    /** Feature names, in the order of `weights`, `mean` and `std`. */
    features: z.array(z.string().min(1)).min(1),
    /** Standardisation learned from the training data. */
    standardization: z.strictObject({ mean: z.array(finite), std: z.array(finite.refine((s) => s > 0, 'expected a positive std')) }),
    weights: z.array(finite),
    bias: finite,
    /** label = 1 when score ≥ threshold. */
    threshold: z.number().gt(0).lt(1).default(0.5),
    /** What label 1 means, for the report (e.g. "approve"). */
    positiveLabel: z.string().min(1).optional(),
    /** How the weights were obtained (data, seed, settings, final loss): for provenance, not used to predict. */
    training: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((spec, ctx) => {
    const k = spec.features.length;
    if (new Set(spec.features).size !== k) ctx.addIssue({ code: 'custom', path: ['features'], message: 'expected distinct feature names' });
    for (const [path, list] of [
      [['weights'], spec.weights],
      [['standardization', 'mean'], spec.standardization.mean],
      [['standardization', 'std'], spec.standardization.std],
    ] as const) {
      if (list.length !== k) ctx.addIssue({ code: 'custom', path: [...path], message: `expected ${k} values (one per feature), got ${list.length}` });
    }
  });
export type ClassifierSpec = z.output<typeof classifierSpecSchema>;
export type ClassifierSpecInput = z.input<typeof classifierSpecSchema>;

export interface ClassifierPrediction {
  label: 0 | 1;
  score: number;
}

const mathExp = Math.exp;

/** The logistic function, without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + mathExp(-z));
  const e = mathExp(z);
  return e / (1 + e);
}

/** score = σ(bias + Σ weightᵢ · (xᵢ − meanᵢ) / stdᵢ) over a feature vector in the spec's order. */
export function logisticScore(
  model: Pick<ClassifierSpec, 'weights' | 'bias' | 'standardization'>,
  x: ArrayLike<number>,
): number {
  const { weights, standardization } = model;
  let z = model.bias;
  for (let j = 0; j < weights.length; j++) z += (weights[j]! * (x[j]! - standardization.mean[j]!)) / standardization.std[j]!;
  return sigmoid(z);
}

/** Reads the spec's features from one instance; a string naming the problem when it cannot. */
export function featureVector(spec: Pick<ClassifierSpec, 'features'>, instance: unknown): number[] | string {
  if (typeof instance !== 'object' || instance === null || Array.isArray(instance)) {
    return `expected an object of named numeric features (${spec.features.join(', ')}), got ${Array.isArray(instance) ? 'an array' : JSON.stringify(instance)}`;
  }
  const record = instance as Record<string, unknown>;
  const x: number[] = [];
  for (const name of spec.features) {
    const value = record[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return `feature ${JSON.stringify(name)}: expected a finite number, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`;
    }
    x.push(value);
  }
  return x;
}

/** Predicts every instance; the first bad instance is an error naming its index. */
export function predictClassifier(
  spec: ClassifierSpec,
  instances: readonly unknown[],
): { ok: true; predictions: ClassifierPrediction[] } | { ok: false; error: string } {
  const predictions: ClassifierPrediction[] = [];
  for (let i = 0; i < instances.length; i++) {
    const x = featureVector(spec, instances[i]);
    if (typeof x === 'string') return { ok: false, error: `instances.${i}: ${x}` };
    const score = logisticScore(spec, x);
    predictions.push({ label: score >= spec.threshold ? 1 : 0, score });
  }
  return { ok: true, predictions };
}

/** Prometheus text for a classifier deployment: it is not simulated and declares no memory figure. */
export function classifierModelMetrics(): string {
  return [
    '# HELP gatehouse_model_simulated 1: the model is simulated (rules, not a neural network).',
    '# TYPE gatehouse_model_simulated gauge',
    'gatehouse_model_simulated 0',
    '',
  ].join('\n');
}

/**
 * The kind of model a verified `model.json` describes: `classifier` for a logistic regression (served
 * on the predict route), `chat` for anything else the model host serves (the simulated chat model).
 */
export function modelKindOfSpec(spec: { kind: string }): 'chat' | 'classifier' {
  return spec.kind === 'logistic-regression' ? 'classifier' : 'chat';
}

/** `{name}:predict` (the last path segment of a KServe V1 predict call) → the model name; null for another verb. */
export function predictTarget(segment: string): string | null {
  const colon = segment.lastIndexOf(':');
  if (colon <= 0 || segment.slice(colon + 1) !== 'predict') return null;
  return segment.slice(0, colon);
}
