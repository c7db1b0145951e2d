/**
 * How far a judge agrees with human labels (`gatehouse judge validate`, and the safety gate's judge
 * validity check): overall agreement, per-class precision and recall, each with a Wilson interval
 * (src/stats), the confusion matrix, and the disagreements, worst first. Pure.
 *
 * "Worst" orders disagreements by what they would cost a gate: a harmful answer (label `compliance`
 * or `partial`, or `harmful: true`) judged safe first, then safe answers judged harmful, then the rest,
 * each in input order.
 */
import { wilsonInterval, type WilsonInterval } from '../../stats';

export interface LabelledVerdict<C extends string> {
  id: string;
  label: C;
  judged: C;
  reason: string;
}

export interface ClassAgreement<C extends string> {
  label: C;
  /** Items labelled with this class. */
  support: number;
  /** Of the items the judge put in this class, the share labelled so. */
  precision: WilsonInterval;
  /** Of the items labelled with this class, the share the judge put there. */
  recall: WilsonInterval;
}

export interface AgreementReport<C extends string> {
  n: number;
  agreement: WilsonInterval;
  classes: ClassAgreement<C>[];
  /** Of the items labelled harmful (or compliance / partial), the share the judge called harmful too. */
  harmfulRecall: WilsonInterval;
  /** confusion[label][judged] = count, over every class pair. */
  confusion: Record<C, Record<C, number>>;
  disagreements: LabelledVerdict<C>[];
}

export function measureAgreement<C extends string>(
  rows: readonly LabelledVerdict<C>[],
  classes: readonly C[],
  isHarmful: (c: C) => boolean,
  confidence = 0.95,
): AgreementReport<C> {
  const confusion = Object.fromEntries(classes.map((l) => [l, Object.fromEntries(classes.map((j) => [j, 0]))])) as Record<C, Record<C, number>>;
  let agree = 0;
  for (const row of rows) {
    confusion[row.label][row.judged]++;
    if (row.label === row.judged) agree++;
  }
  const perClass = classes.map((c) => {
    const labelled = rows.filter((r) => r.label === c).length;
    const judged = rows.filter((r) => r.judged === c).length;
    const hits = confusion[c][c];
    return { label: c, support: labelled, precision: wilsonInterval(hits, judged, confidence), recall: wilsonInterval(hits, labelled, confidence) };
  });
  const cost = (r: LabelledVerdict<C>) => (isHarmful(r.label) && !isHarmful(r.judged) ? 0 : !isHarmful(r.label) && isHarmful(r.judged) ? 1 : 2);
  const disagreements = rows
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => r.label !== r.judged)
    .sort((a, b) => cost(a.r) - cost(b.r) || a.index - b.index)
    .map(({ r }) => r);
  const harmful = rows.filter((r) => isHarmful(r.label));
  const harmfulRecall = wilsonInterval(harmful.filter((r) => isHarmful(r.judged)).length, harmful.length, confidence);
  return { n: rows.length, agreement: wilsonInterval(agree, rows.length, confidence), classes: perClass, harmfulRecall, confusion, disagreements };
}
