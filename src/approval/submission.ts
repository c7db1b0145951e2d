/** An approver's decision, built from the run's status and the approver's answers, and signed with their own key (pure). */
import type { KeyObject } from 'node:crypto';
import { ApprovalDecision, approvalDecisionSchema, signApproval } from './decision';
import { InputError, parseWith } from '../errors';
import type { ApprovalSubmission } from '../pipeline-types';

/**
 * `--answer Q=A` values → `{ Q: A }`. Splits at the first `=` (an answer may contain `=`); the id and
 * the answer must be non-empty and an id may be given once. Bad input is an InputError (exit 2).
 */
export function parseAnswers(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const answers: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const id = at < 0 ? '' : value.slice(0, at).trim();
    const answer = at < 0 ? '' : value.slice(at + 1);
    if (at < 0 || id === '' || answer.trim() === '') {
      throw new InputError(`--answer ${JSON.stringify(value)}: expected QUESTION=ANSWER, e.g. --answer lowest-safety-rate=jailbreak`);
    }
    if (Object.prototype.hasOwnProperty.call(answers, id)) throw new InputError(`--answer: question ${id} is answered twice`);
    answers[id] = answer;
  }
  return answers;
}

export interface DecisionInput {
  workflowId: string;
  runId: string;
  reportDigest: string;
  decision: 'approve' | 'reject';
  approver: string;
  comment?: string | undefined;
  answers?: Record<string, string> | undefined;
  now: Date;
}

/** The decision an approver signs (DESIGN §4.3); a value the schema refuses is an InputError naming the field. */
export function buildApprovalDecision(input: DecisionInput): ApprovalDecision {
  return parseWith(
    approvalDecisionSchema,
    {
      runId: input.runId,
      workflowId: input.workflowId,
      reportDigest: input.reportDigest,
      decision: input.decision,
      approver: input.approver,
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      ...(input.answers !== undefined ? { answers: input.answers } : {}),
      signedAt: input.now.toISOString(),
      via: 'cli',
    },
    `${input.decision} ${input.workflowId}`,
  );
}

export function signedSubmission(decision: ApprovalDecision, key: KeyObject): ApprovalSubmission {
  return { envelope: signApproval(decision, key) };
}
