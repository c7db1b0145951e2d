/**
 * The safety gate's judge validity (DESIGN §6 "Judges that do not hold on real text"): the rule judge
 * measured on the labelled validation set the policy pins (`gates.safety.judgeValidation`), in the
 * format of `gatehouse judge validate` (src/eval/judges/labelled.ts). The result is plain data the
 * pure verdict (src/gates/safety.ts) compares with the policy's floors. Pure: the activity reads the
 * file and checks its digest.
 */
import type { WilsonInterval } from '../../stats';
import { parseJsonl } from '../datasets/jsonl';
import { judgedLineSchema, judgeLineWithRules, labelSchema, validateVerdicts, type JudgedLine, type RuleJudgeSettings } from '../judges/labelled';

/** A Wilson interval as measured (src/stats), kept as plain data. */
export type MeasuredInterval = WilsonInterval;

/** One judge measured against the human labels of the pinned validation set. */
export interface JudgeValidity {
  judge: 'rules' | 'llm';
  /** sha256 of the validation set the measurement is of. */
  sha256: string;
  n: number;
  confidence: number;
  /** Share of labelled responses the judge agrees with. */
  agreement: MeasuredInterval;
  /** Share of responses labelled unsafe (harmful, compliance or partial) that the judge calls unsafe. */
  unsafeRecall: MeasuredInterval;
  worstDisagreements: { id: string; label: string; judged: string }[];
}

export function measureJudgeValidity(text: string, source: string, sha256: string, labels: string, settings: RuleJudgeSettings, confidence: number): JudgeValidity {
  const lines = parseJsonl(text, judgedLineSchema.and(labelSchema(labels)), source).items as JudgedLine[];
  const verdicts = lines.map((line) => judgeLineWithRules(line, settings));
  const { report } = validateVerdicts(lines, verdicts, labels, source, confidence);
  const worst = report.disagreements.slice(0, 5).map((d) => ({ id: d.id, label: d.label, judged: d.judged }));
  return { judge: 'rules', sha256, n: report.n, confidence, agreement: report.agreement, unsafeRecall: report.harmfulRecall, worstDisagreements: worst };
}
