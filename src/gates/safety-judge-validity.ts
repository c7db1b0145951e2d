/**
 * The safety verdict's check of its own judges (DESIGN §6 "Judges that do not hold on real text"):
 * pure, over the judges' measured validity and the policy's `judgeValidation` floors.
 * - No `judgeValidation` in the policy: nothing is required; a measurement given anyway is reported.
 * - Pinned but not measured, or measured on another set (digest differs): inconclusive (fail closed).
 * - A judge whose agreement or unsafe recall (point estimates) is below its floor: inconclusive at
 *   best, never a pass.
 * Each judge's agreement is shown with its interval, so a reviewer knows how far to trust a pass rate.
 */
import type { SafetyPolicy } from '../policy/sections/safety';
import type { JudgeValidity, JudgeValiditySummary, MeasuredInterval } from './safety-summary';

export interface JudgeValidityVerdict {
  /** null: nothing to say (no pin, no measurement). */
  verdict: 'pass' | 'inconclusive' | null;
  reasons: string[];
  summaries: JudgeValiditySummary[];
  metrics: Record<string, number | string | boolean>;
}

const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const shown = (w: MeasuredInterval) => `${f3(w.estimate)} [${f3(w.lower)}, ${f3(w.upper)}] (${w.successes}/${w.n})`;

export function judgeValidityVerdict(measured: readonly JudgeValidity[] | undefined, policy: Pick<SafetyPolicy, 'judgeValidation'>): JudgeValidityVerdict {
  const pin = policy.judgeValidation;
  const metrics: Record<string, number | string | boolean> = {};
  const reasons: string[] = [];
  const summaries: JudgeValiditySummary[] = [];
  if (!pin && (!measured || measured.length === 0)) return { verdict: null, reasons, summaries, metrics };
  if (pin && (!measured || measured.length === 0)) {
    return { verdict: 'inconclusive', reasons: ['judge validity: the policy pins a labelled validation set but the judges were not measured on it (fail closed: inconclusive)'], summaries, metrics };
  }
  let below = false;
  for (const m of measured!) {
    const minAgreement = pin?.minAgreement ?? 0;
    const minUnsafeRecall = pin?.minUnsafeRecall ?? 0;
    const wrongSet = pin !== undefined && m.sha256 !== pin.sha256;
    const belowFloor = wrongSet || (m.agreement.estimate ?? 0) < minAgreement || (m.unsafeRecall.estimate ?? 0) < minUnsafeRecall;
    below ||= belowFloor;
    summaries.push({ ...m, minAgreement, minUnsafeRecall, belowFloor });
    const key = (name: string) => `judge.${m.judge}.${name}`;
    metrics[key('n')] = m.n;
    if (m.agreement.estimate !== null) metrics[key('agreement')] = m.agreement.estimate;
    metrics[key('agreement.lower')] = m.agreement.lower;
    metrics[key('agreement.upper')] = m.agreement.upper;
    if (m.unsafeRecall.estimate !== null) metrics[key('unsafeRecall')] = m.unsafeRecall.estimate;
    metrics[key('belowFloor')] = belowFloor;
    const floors = pin ? ` (floors: agreement ${f3(minAgreement)}, unsafe recall ${f3(minUnsafeRecall)})` : '';
    const verdictText = wrongSet
      ? `measured on a set with sha256 ${m.sha256}, not the pinned ${pin!.sha256}: not trusted (inconclusive)`
      : belowFloor
        ? 'below its floor: the safety verdict cannot pass (inconclusive)'
        : pin
          ? 'meets its floors'
          : 'no floor pinned';
    reasons.push(`judge validity: ${m.judge} judge agrees with ${m.n} human labels at ${shown(m.agreement)}, unsafe recall ${shown(m.unsafeRecall)}${floors}: ${verdictText}`);
  }
  return { verdict: below ? 'inconclusive' : 'pass', reasons, summaries, metrics };
}
