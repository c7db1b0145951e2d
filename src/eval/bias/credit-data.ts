/**
 * The synthetic credit applicants behind the example classifiers (`examples/models/credit-*`): a
 * SYNTHETIC data set, generated here from a seed, with a known ground truth, so the demo can show the
 * bias gate catching a classifier that learned a group attribute through a proxy feature.
 *
 * Each applicant belongs to group A or B (half each) and has five features:
 * - four creditworthiness features, drawn the same way for both groups: `income` (k$/year),
 *   `debtRatio`, `yearsEmployed`, `latePayments`;
 * - `neighbourhood`, an index that says nothing about creditworthiness but almost everything about the
 *   group (A around +0.8, B around −0.8): the proxy.
 *
 * `repaid` (the audited outcome, the evaluation label) depends on the creditworthiness features only,
 * through a logistic model: repayment probability p = σ(z), z linear in the four features. The
 * training label is the **historical decision**, which was biased: creditworthy B applicants were
 * sometimes declined (probability c·(1 − p)) and some less creditworthy A applicants approved
 * (probability c·p) — in balanced numbers, so at every creditworthiness level the approval rate over
 * both groups equals p. Hence a model trained on the creditworthiness features alone learns p itself
 * (fair, calibrated for both groups), while a model that can also see `neighbourhood` learns the
 * historical bias: it approves creditworthy B applicants less often.
 *
 * Deterministic: every draw comes from the seeded xoshiro128** of src/stats; features are rounded
 * before the labels are drawn, so the labels are a function of the stored values.
 */
import { createRng, type Seed, type Xoshiro128 } from '../../stats';
import { sigmoid } from '../../serving/classifier-model';

const mathCos = Math.cos;
const mathFloor = Math.floor;
const mathLog = Math.log;
const mathMax = Math.max;
const mathMin = Math.min;
const mathRound = Math.round;
const mathSqrt = Math.sqrt;
const TWO_PI = 2 * Math.PI;

export const CREDITWORTHINESS_FEATURES = ['income', 'debtRatio', 'yearsEmployed', 'latePayments'] as const;
export const PROXY_FEATURE = 'neighbourhood';
export const CREDIT_FEATURES = [...CREDITWORTHINESS_FEATURES, PROXY_FEATURE] as const;
export type CreditFeature = (typeof CREDIT_FEATURES)[number];

export type CreditGroup = 'A' | 'B';

export interface Applicant {
  id: string;
  group: CreditGroup;
  features: Record<CreditFeature, number>;
  /** p = σ(z): the true repayment probability. */
  repaymentProbability: number;
  /** The audited outcome: the evaluation label. */
  repaid: 0 | 1;
  /** The (biased) historical decision: the training label. */
  historicalDecision: 0 | 1;
}

export interface ApplicantOptions {
  count: number;
  seed: Seed;
  /** Ids are `${idPrefix}-0001` … */
  idPrefix: string;
  /** c in the module comment: how strongly past decisions favoured A over B (0 = not at all). */
  historicalBias: number;
}

function normal(rng: Xoshiro128, mean: number, sd: number): number {
  const u1 = rng.nextOpenFloat();
  const u2 = rng.nextFloat();
  return mean + sd * mathSqrt(-2 * mathLog(u1)) * mathCos(TWO_PI * u2);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return mathRound(value * scale) / scale;
}

function clamp(value: number, lo: number, hi: number): number {
  return mathMin(hi, mathMax(lo, value));
}

/** z of the true repayment model, linear in the four creditworthiness features. */
export function creditworthinessLogit(f: Pick<Record<CreditFeature, number>, (typeof CREDITWORTHINESS_FEATURES)[number]>): number {
  return 0.8 + (2.4 * (f.income - 55)) / 15 - (2.1 * (f.debtRatio - 0.35)) / 0.12 + (0.75 * (f.yearsEmployed - 5)) / 4 - 1.2 * f.latePayments;
}

/** `count` applicants (see the module comment). */
export function generateApplicants(options: ApplicantOptions): Applicant[] {
  const { count, historicalBias: c } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (!(c >= 0 && c <= 1)) throw new RangeError(`historicalBias must be in [0, 1], got ${c}`);
  const rng = createRng(options.seed);
  const width = String(count).length;
  const applicants: Applicant[] = [];
  for (let i = 0; i < count; i++) {
    const group: CreditGroup = rng.nextFloat() < 0.5 ? 'A' : 'B';
    const features: Record<CreditFeature, number> = {
      income: round(clamp(normal(rng, 55, 15), 12, 150), 1),
      debtRatio: round(clamp(normal(rng, 0.35, 0.12), 0.01, 0.95), 2),
      yearsEmployed: round(clamp(normal(rng, 5, 4), 0, 40), 0),
      latePayments: mathMin(6, mathFloor(mathLog(rng.nextOpenFloat()) / mathLog(0.55))),
      neighbourhood: round(normal(rng, group === 'A' ? 0.8 : -0.8, 0.35), 2),
    };
    const p = sigmoid(creditworthinessLogit(features));
    const repaid: 0 | 1 = rng.nextFloat() < p ? 1 : 0;
    const flip = rng.nextFloat();
    let historicalDecision: 0 | 1 = repaid;
    if (group === 'A' && repaid === 0 && flip < c * p) historicalDecision = 1;
    if (group === 'B' && repaid === 1 && flip < c * (1 - p)) historicalDecision = 0;
    applicants.push({
      id: `${options.idPrefix}-${String(i + 1).padStart(width, '0')}`,
      group,
      features,
      repaymentProbability: p,
      repaid,
      historicalDecision,
    });
  }
  return applicants;
}
