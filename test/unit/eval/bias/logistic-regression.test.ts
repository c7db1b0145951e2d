/** Logistic regression by gradient descent, and the synthetic credit data it is trained on. */
import { CREDITWORTHINESS_FEATURES, CREDIT_FEATURES, creditworthinessLogit, generateApplicants } from '../../../../src/eval/bias/credit-data';
import { logLoss, trainLogisticRegression } from '../../../../src/eval/bias/logistic-regression';
import { demographicParity } from '../../../../src/eval/bias/metrics';
import { logisticScore, sigmoid } from '../../../../src/serving/classifier-model';

describe('trainLogisticRegression', () => {
  // Linearly separable: label 1 exactly when x0 + x1 > 1.
  const x = [
    [0, 0], [0.2, 0.3], [0.4, 0.1], [0.1, 0.6], [0.3, 0.5],
    [1, 1], [0.9, 0.6], [0.7, 0.8], [1.2, 0.2], [0.5, 0.9],
  ];
  const y = x.map(([a, b]) => (a! + b! > 1 ? 1 : 0));
  const options = { learningRate: 1, epochs: 2000, l2: 0 };

  test('classifies a separable toy set perfectly, with positive weights on both features', () => {
    const model = trainLogisticRegression(x, y, options);
    const predicted = x.map((row) => (logisticScore(model, row) >= 0.5 ? 1 : 0));
    expect(predicted).toEqual(y);
    expect(model.weights.every((w) => w > 0)).toBe(true);
    expect(model.trainingLoss).toBeLessThan(0.1);
  });

  test('is deterministic: the same data and settings give bit-identical weights', () => {
    expect(trainLogisticRegression(x, y, options)).toEqual(trainLogisticRegression(x, y, options));
  });

  test('more gradient steps never increase the training loss on this convex problem', () => {
    const losses = [1, 10, 100, 1000].map((epochs) => trainLogisticRegression(x, y, { ...options, epochs }).trainingLoss);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]!);
  });

  test('balanced classes and a symmetric feature give bias 0 and the mean log loss log 2 at the start', () => {
    const model = trainLogisticRegression([[-1], [1]], [0, 1], { learningRate: 0.1, epochs: 50, l2: 0 });
    expect(model.bias).toBeCloseTo(0, 12);
    expect(logLoss([0.5, 0.5], [0, 1])).toBeCloseTo(Math.log(2), 12);
  });

  test('the L2 penalty shrinks the weights', () => {
    const free = trainLogisticRegression(x, y, options);
    const penalised = trainLogisticRegression(x, y, { ...options, l2: 0.1 });
    expect(Math.hypot(...penalised.weights)).toBeLessThan(Math.hypot(...free.weights));
  });

  test('bad input is an error naming the problem', () => {
    expect(() => trainLogisticRegression([], [], options)).toThrow('training data must not be empty');
    expect(() => trainLogisticRegression([[1], [2, 3]], [0, 1], options)).toThrow('row 1 has 2 features, expected 1');
    expect(() => trainLogisticRegression([[1]], [2], options)).toThrow('y[0] must be 0 or 1');
    expect(() => trainLogisticRegression([[Number.NaN]], [1], options)).toThrow('x[0][0] is not a finite number');
  });

  test('sigmoid does not overflow at large |z|', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
});

describe('synthetic credit applicants', () => {
  const applicants = generateApplicants({ count: 4000, seed: 'credit-test', idPrefix: 't', historicalBias: 0.8 });

  test('the same seed gives the same applicants; another seed does not', () => {
    expect(generateApplicants({ count: 50, seed: 's', idPrefix: 'x', historicalBias: 0.8 })).toEqual(generateApplicants({ count: 50, seed: 's', idPrefix: 'x', historicalBias: 0.8 }));
    expect(generateApplicants({ count: 50, seed: 't', idPrefix: 'x', historicalBias: 0.8 })).not.toEqual(generateApplicants({ count: 50, seed: 's', idPrefix: 'x', historicalBias: 0.8 }));
  });

  test('the proxy separates the groups; the creditworthiness features do not depend on them', () => {
    const mean = (group: string, f: (typeof CREDIT_FEATURES)[number]) => {
      const rows = applicants.filter((a) => a.group === group);
      return rows.reduce((s, a) => s + a.features[f], 0) / rows.length;
    };
    expect(mean('A', 'neighbourhood')).toBeGreaterThan(0.6);
    expect(mean('B', 'neighbourhood')).toBeLessThan(-0.6);
    expect(Math.abs(mean('A', 'income') - mean('B', 'income'))).toBeLessThan(2);
  });

  test('historical decisions keep the approval rate per creditworthiness level but move it from B to A', () => {
    const rate = (rows: typeof applicants, key: 'repaid' | 'historicalDecision') => rows.reduce((s, a) => s + a[key], 0) / rows.length;
    expect(Math.abs(rate(applicants, 'historicalDecision') - rate(applicants, 'repaid'))).toBeLessThan(0.03);
    const a = applicants.filter((x) => x.group === 'A');
    const b = applicants.filter((x) => x.group === 'B');
    expect(rate(a, 'historicalDecision') - rate(a, 'repaid')).toBeGreaterThan(0.05);
    expect(rate(b, 'repaid') - rate(b, 'historicalDecision')).toBeGreaterThan(0.05);
    expect(applicants[0]!.repaymentProbability).toBeCloseTo(sigmoid(creditworthinessLogit(applicants[0]!.features)), 15);
  });

  test('trained on the historical decisions, the group-blind model approves both groups alike; the proxy model does not', () => {
    const evaluation = generateApplicants({ count: 3000, seed: 'credit-test-eval', idPrefix: 'e', historicalBias: 0.8 });
    const settings = { learningRate: 0.5, epochs: 800, l2: 1e-4 };
    const gap = (features: readonly (typeof CREDIT_FEATURES)[number][]) => {
      const model = trainLogisticRegression(applicants.map((a) => features.map((f) => a.features[f])), applicants.map((a) => a.historicalDecision), settings);
      const obs = evaluation.map((a) => {
        const score = logisticScore(model, features.map((f) => a.features[f]));
        return { itemId: a.id, group: a.group, label: a.repaid, predicted: (score >= 0.5 ? 1 : 0) as 0 | 1, score };
      });
      const dp = demographicParity(obs);
      return dp.status === 'ok' ? dp.difference : Number.NaN;
    };
    expect(gap(CREDITWORTHINESS_FEATURES)).toBeLessThan(0.04);
    expect(gap(CREDIT_FEATURES)).toBeGreaterThan(0.08);
  });
});
