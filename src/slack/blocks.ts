/**
 * Block Kit messages for the approval stage (pure: data in, message out). The Approve / Reject
 * buttons carry `{workflowId, runId, reportDigest}` as JSON in their `value`, so a click names the
 * exact report it approves; review questions are plain-text inputs whose answers arrive with the
 * click (`state.values`, read by interactivity.ts). Everything a user or policy supplied is escaped
 * for mrkdwn and trimmed to Block Kit's limits.
 */
import { z } from 'zod';

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}
export interface SectionBlock {
  type: 'section';
  text: Mrkdwn;
  fields?: Mrkdwn[];
}
export interface ContextBlock {
  type: 'context';
  elements: Mrkdwn[];
}
export interface DividerBlock {
  type: 'divider';
}
export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary' | 'danger';
}
export interface LinkButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  url: string;
}
export interface ActionsBlock {
  type: 'actions';
  block_id: string;
  elements: (ButtonElement | LinkButtonElement)[];
}
export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  element: { type: 'plain_text_input'; action_id: string };
}
export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock | InputBlock;

/** `text` is the notification / accessibility fallback; `blocks` is what Slack renders. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const APPROVE_ACTION_ID = 'approve';
export const REJECT_ACTION_ID = 'reject';
export const DECISION_BLOCK_ID = 'gatehouse-decision';
/** Review question inputs: block id `question:<question id>`, action id `answer`. */
export const QUESTION_BLOCK_PREFIX = 'question:';
export const ANSWER_ACTION_ID = 'answer';

export const approvalButtonValueSchema = z.strictObject({
  workflowId: z.string().min(1),
  runId: z.string().min(1),
  reportDigest: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest'),
});
export type ApprovalButtonValue = z.infer<typeof approvalButtonValueSchema>;

export function encodeButtonValue(value: ApprovalButtonValue): string {
  const encoded = JSON.stringify(approvalButtonValueSchema.parse(value));
  if (encoded.length > 2000) throw new Error('button value exceeds Slack’s 2000-character limit');
  return encoded;
}

/** Slack mrkdwn: `&`, `<` and `>` must be escaped, or user text could forge links and mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const plain = (text: string, max = 2000): PlainText => ({ type: 'plain_text', text: truncate(text, max), emoji: true });
const mrkdwn = (text: string, max = 3000): Mrkdwn => ({ type: 'mrkdwn', text: truncate(text, max) });

export type GateVerdict = 'pass' | 'fail' | 'inconclusive' | 'not_applicable';
export interface GateLine {
  gate: string;
  verdict: GateVerdict;
  /** One line, in words. */
  reason: string;
}

const verdictIcon: Record<GateVerdict, string> = {
  pass: ':white_check_mark:',
  fail: ':x:',
  inconclusive: ':warning:',
  not_applicable: ':heavy_minus_sign:',
};

export interface ApprovalRequestView {
  workflowId: string;
  runId: string;
  model: string;
  version: string;
  environment: string;
  requester: string;
  changeSummary?: string;
  reportDigest: string;
  reportUrl: string;
  tier: string;
  tierReasons: string[];
  gates: GateLine[];
  approvalsRequired: number;
  requiredRoles: string[];
  /** ISO time the request expires (shown, never acted on by Slack). */
  expiresAt: string;
  questions: { id: string; prompt: string }[];
}

export function approvalRequestMessage(view: ApprovalRequestView): SlackMessage {
  const e = escapeMrkdwn;
  const title = `Approval needed: ${view.model} ${view.version} → ${view.environment}`;
  const needs =
    `${view.approvalsRequired} distinct approver(s)` + (view.requiredRoles.length > 0 ? `, including ${view.requiredRoles.map(e).join(', ')}` : '');
  const gateLines = view.gates.map((g) => `${verdictIcon[g.verdict]} *${e(g.gate)}*: ${g.verdict.replace('_', ' ')} — ${e(g.reason)}`);
  const blocks: Block[] = [
    { type: 'header', text: plain(title, 150) },
    {
      type: 'section',
      text: mrkdwn(
        `*${e(view.requester)}* asks to deploy *${e(view.model)} ${e(view.version)}* to *${e(view.environment)}*.` +
          (view.changeSummary ? `\n>${e(view.changeSummary)}` : ''),
      ),
      fields: [
        mrkdwn(`*Risk tier*\n${e(view.tier)}`),
        mrkdwn(`*Needs*\n${needs}`),
        mrkdwn(`*Expires*\n${e(view.expiresAt)}`),
        mrkdwn(`*Workflow*\n\`${e(view.workflowId)}\``),
      ],
    },
    { type: 'section', text: mrkdwn(`*Gates*\n${gateLines.length > 0 ? gateLines.join('\n') : '_no gate verdicts_'}`) },
    { type: 'context', elements: [mrkdwn(`Risk: ${view.tierReasons.map(e).join('; ') || 'no risk factor applies'}`)] },
    {
      type: 'section',
      text: mrkdwn(`<${view.reportUrl.replace(/[<>|]/g, encodeURIComponent)}|Read the reviewer report> · report sha256 \`${view.reportDigest.slice(0, 12)}…\``),
    },
  ];
  if (view.questions.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'section', text: mrkdwn('*Answer from the report before approving:*') });
    for (const q of view.questions) {
      blocks.push({
        type: 'input',
        block_id: `${QUESTION_BLOCK_PREFIX}${q.id}`,
        label: plain(q.prompt),
        element: { type: 'plain_text_input', action_id: ANSWER_ACTION_ID },
      });
    }
  }
  const value = encodeButtonValue({ workflowId: view.workflowId, runId: view.runId, reportDigest: view.reportDigest });
  blocks.push({
    type: 'actions',
    block_id: DECISION_BLOCK_ID,
    elements: [
      { type: 'button', action_id: APPROVE_ACTION_ID, text: plain('Approve'), style: 'primary', value },
      { type: 'button', action_id: REJECT_ACTION_ID, text: plain('Reject'), style: 'danger', value },
    ],
  });
  blocks.push({
    type: 'context',
    elements: [mrkdwn('Your click is signed by the Gatehouse Slack app on your behalf and checked against the policy; refusals are recorded too.')],
  });
  return { text: title, blocks };
}

export interface ReminderView {
  kind: 'remind' | 'escalate';
  workflowId: string;
  approvedBy: string[];
  approvalsRequired: number;
  missingRoles: string[];
  expiresAt: string;
  escalationRole: string;
  /** Slack users to mention (e.g. the escalation role's members). */
  mentionSlackUserIds?: string[];
}

export function reminderReply(view: ReminderView): SlackMessage {
  const e = escapeMrkdwn;
  const mentions = (view.mentionSlackUserIds ?? []).filter((id) => /^[UW][A-Z0-9]+$/.test(id)).map((id) => `<@${id}>`);
  const progress =
    `${view.approvedBy.length} of ${view.approvalsRequired} approval(s)` +
    (view.approvedBy.length > 0 ? ` (${view.approvedBy.map(e).join(', ')})` : '') +
    (view.missingRoles.length > 0 ? `; still needs: ${view.missingRoles.map(e).join(', ')}` : '');
  const text =
    view.kind === 'remind'
      ? `Reminder: this deployment is still waiting for approval. ${progress}. It expires at ${view.expiresAt}.`
      : `Escalated: approvers holding the ${view.escalationRole} role may now decide. ${progress}. It expires at ${view.expiresAt} and is never approved automatically.`;
  const lead = view.kind === 'remind' ? ':hourglass_flowing_sand: *Reminder*' : ':rotating_light: *Escalated*';
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(`${lead} ${mentions.join(' ')}\n${e(text)}`) },
      { type: 'context', elements: [mrkdwn(`Workflow \`${e(view.workflowId)}\``)] },
    ],
  };
}

export interface AttemptOutcomeView {
  approver: string;
  decision: 'approve' | 'reject';
  accepted: boolean;
  reason: string;
  /** The stage's status after this attempt, when known. */
  status?: 'pending' | 'approved' | 'rejected' | 'expired';
}

export function attemptOutcomeReply(view: AttemptOutcomeView): SlackMessage {
  const e = escapeMrkdwn;
  const verb = view.decision === 'approve' ? 'approval' : 'rejection';
  const head = view.accepted ? `:white_check_mark: ${view.approver}'s ${verb} was accepted` : `:no_entry: ${view.approver}'s ${verb} was refused`;
  const tail = view.status && view.status !== 'pending' ? ` The deployment is now *${view.status}*.` : '';
  const text = `${view.accepted ? 'Accepted' : 'Refused'}: ${view.approver} (${view.decision}): ${view.reason}`;
  return { text, blocks: [{ type: 'section', text: mrkdwn(`${e(head)}: ${e(view.reason)}.${tail}`) }] };
}
