/**
 * Logistic regression trained by full-batch gradient descent: short, deterministic, dependency-free.
 * Used to train the example credit classifiers (`examples/bias/build-examples.ts`); the model host
 * serves the result through `src/serving/classifier-model.ts`, which holds the scoring function.
 *
 * Training: features are standardised with the training data's mean and (population) standard
 * deviation; weights and bias start at 0; each epoch takes one step against the gradient of the mean
 * log loss plus an L2 penalty on the weights (not the bias):
 *   L(w, b) = −(1/n) Σ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] + (λ/2)·‖w‖²,   pᵢ = σ(b + w·zᵢ)
 *   ∂L/∂w = (1/n) Σ (pᵢ − yᵢ) zᵢ + λw,   ∂L/∂b = (1/n) Σ (pᵢ − yᵢ).
 * No randomness and a fixed summation order: the same data and settings give bit-identical weights.
 */
import { logisticScore, sigmoid } from '../../serving/classifier-model';

const mathLog = Math.log;
const mathSqrt = Math.sqrt;
const mathMax = Math.max;
const mathMin = Math.min;

export interface LogisticRegressionOptions {
  /** Step size of gradient descent (on standardised features). */
  learningRate: number;
  /** Number of full-batch steps. */
  epochs: number;
  /** L2 penalty λ on the weights; 0 for none. */
  l2: number;
}

export interface LogisticRegressionModel {
  weights: number[];
  bias: number;
  standardization: { mean: number[]; std: number[] };
  /** Mean log loss (without the penalty) on the training data after the last step. */
  trainingLoss: number;
  epochs: number;
}

function validate(x: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>, options: LogisticRegressionOptions): number {
  if (x.length === 0) throw new RangeError('training data must not be empty');
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} rows but y has ${y.length} labels`);
  const k = x[0]!.length;
  if (k === 0) throw new RangeError('expected at least one feature');
  for (let i = 0; i < x.length; i++) {
    const row = x[i]!;
    if (row.length !== k) throw new RangeError(`row ${i} has ${row.length} features, expected ${k}`);
    for (let j = 0; j < k; j++) if (!Number.isFinite(row[j]!)) throw new RangeError(`x[${i}][${j}] is not a finite number`);
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`y[${i}] must be 0 or 1, got ${String(y[i])}`);
  }
  if (!(options.learningRate > 0)) throw new RangeError(`learningRate must be positive, got ${options.learningRate}`);
  if (!Number.isInteger(options.epochs) || options.epochs < 1) throw new RangeError(`epochs must be a positive integer, got ${options.epochs}`);
  if (!(options.l2 >= 0)) throw new RangeError(`l2 must be ≥ 0, got ${options.l2}`);
  return k;
}

/** Mean log loss of probabilities p against labels y (probabilities clipped to [1e-15, 1 − 1e-15]). */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const q = mathMin(mathMax(p[i]!, 1e-15), 1 - 1e-15);
    sum -= y[i] === 1 ? mathLog(q) : mathLog(1 - q);
  }
  return sum / p.length;
}

/** Trains a logistic regression (see the module comment). */
export function trainLogisticRegression(
  x: ReadonlyArray<ArrayLike<number>>,
  y: ArrayLike<number>,
  options: LogisticRegressionOptions,
): LogisticRegressionModel {
  const k = validate(x, y, options);
  const n = x.length;
  const mean = new Array<number>(k).fill(0);
  const std = new Array<number>(k).fill(0);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i]![j]!;
    mean[j] = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[i]![j]! - mean[j]!) ** 2;
    // A constant feature carries nothing: std 1 keeps it finite (its weight then stays near 0).
    std[j] = mathSqrt(v / n) || 1;
  }
  const z = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) z[i * k + j] = (x[i]![j]! - mean[j]!) / std[j]!;

  const w = new Float64Array(k);
  let b = 0;
  const gradient = new Float64Array(k);
  const p = new Float64Array(n);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    let gradientB = 0;
    for (let i = 0; i < n; i++) {
      let logit = b;
      for (let j = 0; j < k; j++) logit += w[j]! * z[i * k + j]!;
      const residual = sigmoid(logit) - y[i]!;
      gradientB += residual;
      for (let j = 0; j < k; j++) gradient[j] += residual * z[i * k + j]!;
    }
    for (let j = 0; j < k; j++) w[j] -= options.learningRate * (gradient[j]! / n + options.l2 * w[j]!);
    b -= options.learningRate * (gradientB / n);
  }
  const model = { weights: Array.from(w), bias: b, standardization: { mean, std } };
  for (let i = 0; i < n; i++) p[i] = logisticScore(model, x[i]!);
  return { ...model, trainingLoss: logLoss(p, y), epochs: options.epochs };
}
