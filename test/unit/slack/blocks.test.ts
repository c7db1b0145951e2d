import {
  approvalButtonValueSchema,
  ApprovalRequestView,
  approvalRequestMessage,
  attemptOutcomeReply,
  Block,
  escapeMrkdwn,
  reminderReply,
} from '../../../src/slack/blocks';

const digest = 'd'.repeat(64);
const view: ApprovalRequestView = {
  workflowId: 'deploy-support-assistant-2.4.0-production',
  runId: 'run-7',
  model: 'support-assistant',
  version: '2.4.0',
  environment: 'production',
  requester: 'alice',
  changeSummary: 'fine-tuned on Q3 tickets <@U0EVERYONE>',
  reportDigest: digest,
  reportUrl: 'https://gatehouse.example/reports/deploy-support-assistant-2.4.0-production',
  tier: 'critical',
  tierReasons: ['production environment', 'inconclusive verdict(s) to acknowledge: bias'],
  gates: [
    { gate: 'regression', verdict: 'pass', reason: 'accuracy −0.2% (CI −0.9%…+0.5%), within −1%' },
    { gate: 'safety', verdict: 'pass', reason: 'lowest category: jailbreak 99.4%' },
    { gate: 'bias', verdict: 'inconclusive', reason: 'parity gap 4.1 pp, CI reaches 6.3 pp' },
  ],
  approvalsRequired: 3,
  requiredRoles: ['safety'],
  expiresAt: '2026-11-27T09:00:00.000Z',
  questions: [{ id: 'acknowledge-bias', prompt: 'The bias gate was inconclusive. Type "bias" to acknowledge.' }],
};

const textOf = (blocks: Block[]) => JSON.stringify(blocks);

describe('approval request message (Block Kit)', () => {
  const message = approvalRequestMessage(view);

  it('carries the workflow id and report digest in both buttons’ value', () => {
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(actions?.type).toBe('actions');
    if (actions?.type !== 'actions') return;
    expect(actions.elements.map((e) => e.action_id)).toEqual(['approve', 'reject']);
    for (const button of actions.elements) {
      if (!('value' in button)) throw new Error('expected a value button');
      expect(approvalButtonValueSchema.parse(JSON.parse(button.value))).toEqual({ workflowId: view.workflowId, runId: 'run-7', reportDigest: digest });
    }
  });

  it('shows the summary, one line per gate verdict, the risk tier and a link to the report', () => {
    const text = textOf(message.blocks);
    expect(message.text).toBe('Approval needed: support-assistant 2.4.0 → production');
    expect(text).toContain(':warning: *bias*: inconclusive — parity gap 4.1 pp, CI reaches 6.3 pp');
    expect(text).toContain(':white_check_mark: *safety*: pass');
    expect(text).toContain('*Risk tier*\\ncritical');
    expect(text).toContain('3 distinct approver(s), including safety');
    expect(text).toContain(`<${view.reportUrl}|Read the reviewer report>`);
  });

  it('asks the review questions as text inputs whose answers arrive with the click', () => {
    expect(message.blocks).toContainEqual({
      type: 'input',
      block_id: 'question:acknowledge-bias',
      label: { type: 'plain_text', text: view.questions[0]!.prompt, emoji: true },
      element: { type: 'plain_text_input', action_id: 'answer' },
    });
    expect(approvalRequestMessage({ ...view, questions: [] }).blocks.some((b) => b.type === 'input')).toBe(false);
  });

  it('escapes user-supplied text so it cannot forge a mention or a link', () => {
    expect(textOf(message.blocks)).toContain('fine-tuned on Q3 tickets &lt;@U0EVERYONE&gt;');
    expect(textOf(message.blocks)).not.toContain('<@U0EVERYONE>');
    expect(escapeMrkdwn('a & <b> c')).toBe('a &amp; &lt;b&gt; c');
  });

  it('keeps within Block Kit’s limits (header 150 characters, section 3000)', () => {
    const long = approvalRequestMessage({ ...view, model: 'm'.repeat(400), gates: Array.from({ length: 200 }, (_, i) => ({ gate: `g${i}`, verdict: 'pass' as const, reason: 'x'.repeat(100) })) });
    for (const block of long.blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
      if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
  });
});

describe('thread replies', () => {
  const base = { workflowId: view.workflowId, approvedBy: ['bob'], approvalsRequired: 2, missingRoles: ['safety'], expiresAt: view.expiresAt, escalationRole: 'release-manager' };

  it('a reminder says what is still missing and when the request expires', () => {
    const reply = reminderReply({ ...base, kind: 'remind' });
    expect(reply.text).toBe('Reminder: this deployment is still waiting for approval. 1 of 2 approval(s) (bob); still needs: safety. It expires at 2026-11-27T09:00:00.000Z.');
  });

  it('an escalation names the escalation role, mentions its members and says it never approves by itself', () => {
    const reply = reminderReply({ ...base, kind: 'escalate', mentionSlackUserIds: ['U0ERIN', 'not-an-id'] });
    expect(reply.text).toContain('approvers holding the release-manager role may now decide');
    expect(reply.text).toContain('never approved automatically');
    expect(textOf(reply.blocks)).toContain('<@U0ERIN>');
    expect(textOf(reply.blocks)).not.toContain('not-an-id');
  });

  it('the outcome of an attempt says accepted or refused, with the reason', () => {
    expect(attemptOutcomeReply({ approver: 'carol', decision: 'approve', accepted: true, reason: 'approval by carol accepted', status: 'approved' }).text).toBe(
      'Accepted: carol (approve): approval by carol accepted',
    );
    const refused = attemptOutcomeReply({ approver: 'alice', decision: 'approve', accepted: false, reason: 'approver alice is the requester' });
    expect(refused.text).toBe('Refused: alice (approve): approver alice is the requester');
    expect(textOf(refused.blocks)).toContain(":no_entry: alice's approval was refused: approver alice is the requester.");
    expect(textOf(attemptOutcomeReply({ approver: 'carol', decision: 'reject', accepted: true, reason: 'rejection by carol accepted', status: 'rejected' }).blocks)).toContain('now *rejected*');
  });
});
