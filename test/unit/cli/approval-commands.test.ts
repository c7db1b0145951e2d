import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { verifyApproval } from '../../../src/approval/decision';
import { formatAudit, formatPending, formatSubmitResult, pendingRowOf, submitDecision } from '../../../src/cli/approval-commands';
import { auditRecordsFromStatus, auditStatuses, minReviewSecondsOf } from '../../../src/approval/audit-status';
import { buildApprovalDecision, parseAnswers } from '../../../src/approval/submission';
import { CliExit, EXIT } from '../../../src/cli/exit-codes';
import { buildProgram, main } from '../../../src/cli/main';
import { InputError } from '../../../src/errors';
import type { ApprovalReceipt, ApprovalSubmission, PipelineStatus } from '../../../src/pipeline-types';
import { generateKeyPair } from '../../../src/signing/keys';
import { after, book, decision, keys, PUBLISHED, REPORT, WORKFLOW } from '../approval/fixtures';
import { awaitingApprovalRun, blockedRun } from '../report/fixtures';

const NOW = new Date(Date.UTC(2026, 10, 26, 9, 7, 0));

/** A client whose one run answers `describe`, the `status` query and updates as told. */
function fakeClient(status: PipelineStatus, update: (name: string, submission: ApprovalSubmission) => Promise<ApprovalReceipt>) {
  const updates: Array<{ name: string; submission: ApprovalSubmission }> = [];
  const handle = {
    describe: async () => ({ status: { name: 'RUNNING' }, runId: 'run-42', raw: { pendingActivities: [], workflowExecutionInfo: { firstRunId: 'run-1' } } }),
    query: async () => status,
    executeUpdate: async (name: string, options: { args: [ApprovalSubmission] }) => {
      updates.push({ name, submission: options.args[0] });
      return update(name, options.args[0]);
    },
  };
  return { client: { workflow: { getHandle: () => handle } } as unknown as Client, updates };
}

const refusal = (reason: string) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ message: reason, type: 'ApprovalRefused', nonRetryable: true }));

describe('--answer QUESTION=ANSWER', () => {
  it('turns each value into an answer, splitting at the first "="', () => {
    expect(parseAnswers(['lowest-safety-rate=jailbreak', 'acknowledge-regression=regression', 'formula=a=b+c'])).toEqual({
      'lowest-safety-rate': 'jailbreak',
      'acknowledge-regression': 'regression',
      formula: 'a=b+c',
    });
    expect(parseAnswers(undefined)).toBeUndefined();
    expect(parseAnswers([])).toBeUndefined();
  });

  it.each([['jailbreak'], ['=jailbreak'], ['q='], ['q=   ']])('refuses %j as bad input', (value) => {
    expect(() => parseAnswers([value])).toThrow(InputError);
    expect(() => parseAnswers([value])).toThrow(/expected QUESTION=ANSWER/);
  });

  it('refuses a question answered twice', () => {
    expect(() => parseAnswers(['q=a', 'q=b'])).toThrow(/question q is answered twice/);
  });
});

describe('the signed decision', () => {
  it('binds the approver, the run, and the digest of the report the run is waiting on', () => {
    const d = buildApprovalDecision({ workflowId: WORKFLOW, runId: 'run-42', reportDigest: REPORT, decision: 'approve', approver: 'bob', comment: 'ok', answers: { q: 'a' }, now: NOW });
    expect(d).toEqual({ runId: 'run-42', workflowId: WORKFLOW, reportDigest: REPORT, decision: 'approve', approver: 'bob', comment: 'ok', answers: { q: 'a' }, signedAt: NOW.toISOString(), via: 'cli' });
  });

  it('leaves out a missing comment and answers, and refuses an over-long comment as bad input', () => {
    const d = buildApprovalDecision({ workflowId: WORKFLOW, runId: 'r', reportDigest: REPORT, decision: 'reject', approver: 'carol', now: NOW });
    expect(Object.keys(d).sort()).toEqual(['approver', 'decision', 'reportDigest', 'runId', 'signedAt', 'via', 'workflowId']);
    expect(() => buildApprovalDecision({ workflowId: WORKFLOW, runId: 'r', reportDigest: REPORT, decision: 'reject', approver: 'carol', comment: 'x'.repeat(4001), now: NOW })).toThrow(
      InputError,
    );
  });
});

describe('submitting a decision', () => {
  const keysByApprover = new Map([['bob', [keys.bob.publicKey]]]);

  it('signs with the approver’s key for the pending report and sends the `approve` update; an accepted one prints the receipt', async () => {
    const { status } = awaitingApprovalRun();
    const { client, updates } = fakeClient(status, async () => ({ accepted: true, reason: 'approval by bob accepted', status: 'pending' }));
    const result = await submitDecision(client, { workflowId: WORKFLOW, decision: 'approve', approver: 'bob', key: keys.bob.privateKey, answers: { 'lowest-safety-rate': 'jailbreak' }, now: () => NOW });
    expect(result).toEqual({ accepted: true, receipt: { accepted: true, reason: 'approval by bob accepted', status: 'pending' } });
    expect(formatSubmitResult(WORKFLOW, result)).toBe(`accepted: approval by bob accepted (approval of ${WORKFLOW} is pending)`);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.name).toBe('approve');
    const verified = verifyApproval(updates[0]!.submission.envelope, keysByApprover);
    expect(verified).toEqual({
      ok: true,
      decision: {
        runId: 'run-42',
        workflowId: WORKFLOW,
        reportDigest: status.approval!.reportDigest,
        decision: 'approve',
        approver: 'bob',
        answers: { 'lowest-safety-rate': 'jailbreak' },
        signedAt: NOW.toISOString(),
        via: 'cli',
      },
    });
  });

  it('reports a refusal by the workflow with its reason (WorkflowUpdateFailedError → err.cause.message)', async () => {
    const { status } = awaitingApprovalRun();
    const { client, updates } = fakeClient(status, async () => {
      throw refusal('approver bob has already approved');
    });
    const result = await submitDecision(client, { workflowId: WORKFLOW, decision: 'reject', approver: 'bob', key: keys.bob.privateKey, now: () => NOW });
    expect(updates[0]?.name).toBe('reject');
    expect(result).toEqual({ accepted: false, reason: 'approver bob has already approved' });
    expect(formatSubmitResult(WORKFLOW, result)).toBe('refused: approver bob has already approved');
  });

  it('sends nothing when the run has no approval pending (exit 1, saying why)', async () => {
    const blocked = fakeClient(blockedRun().status, async () => {
      throw new Error('must not be called');
    });
    await expect(submitDecision(blocked.client, { workflowId: WORKFLOW, decision: 'approve', approver: 'bob', key: keys.bob.privateKey })).rejects.toThrow(
      expect.objectContaining({ code: EXIT.refused, message: expect.stringMatching(/has no approval pending \(outcome blocked, stage done, blocked by safety\)/) }),
    );
    const { status } = awaitingApprovalRun();
    const decided = { ...status, approval: { ...status.approval!, state: { ...status.approval!.state, status: 'approved' as const } } };
    const closed = fakeClient(decided, async () => {
      throw new Error('must not be called');
    });
    const error = await submitDecision(closed.client, { workflowId: WORKFLOW, decision: 'approve', approver: 'carol', key: keys.carol.privateKey }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliExit);
    expect((error as CliExit).message).toMatch(/approval is already approved/);
    expect(blocked.updates).toHaveLength(0);
    expect(closed.updates).toHaveLength(0);
  });
});

describe('the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
  const keyPath = join(dir, 'bob.key');
  writeFileSync(keyPath, generateKeyPair().privateKeyPem);
  const silence = () => {
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  };
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Parses argv with the real program, capturing the options the command's action would get. */
  async function parsed(command: string, args: string[]): Promise<{ id: string; opts: Record<string, unknown> }> {
    const program = buildProgram();
    let captured: { id: string; opts: Record<string, unknown> } | null = null;
    program.commands.find((c) => c.name() === command)!.action((id: string, opts: Record<string, unknown>) => {
      captured = { id, opts };
    });
    await program.parseAsync(['node', 'gatehouse', command, ...args]);
    return captured!;
  }

  it('collects several answers, whether after one --answer or repeated', async () => {
    const one = await parsed('approve', ['deploy-x-1-production', '--as', 'bob', '--key', keyPath, '--answer', 'a=1', 'b=2']);
    const repeated = await parsed('approve', ['deploy-x-1-production', '--as', 'bob', '--key', keyPath, '--answer', 'a=1', '--answer', 'b=2', '--comment', 'looked at it']);
    expect(one).toEqual({ id: 'deploy-x-1-production', opts: { as: 'bob', key: keyPath, answer: ['a=1', 'b=2'] } });
    expect(repeated.opts).toEqual({ as: 'bob', key: keyPath, answer: ['a=1', 'b=2'], comment: 'looked at it' });
    expect(parseAnswers(repeated.opts.answer as string[])).toEqual({ a: '1', b: '2' });
  });

  it.each([
    ['an unreadable key', ['approve', 'deploy-x', '--as', 'bob', '--key', '/nonexistent/bob.key']],
    ['a file that is not a key', ['reject', 'deploy-x', '--as', 'bob', '--key', __filename]],
    ['a malformed --answer', ['approve', 'deploy-x', '--as', 'bob', '--key', keyPath, '--answer', 'jailbreak']],
    ['a missing --as', ['approve', 'deploy-x', '--key', keyPath]],
    ['an unknown option', ['approve', 'deploy-x', '--as', 'bob', '--key', keyPath, '--skip-review']],
    ['--answer on reject', ['reject', 'deploy-x', '--as', 'bob', '--key', keyPath, '--answer', 'a=b']],
    ['two report formats', ['report', 'deploy-x', '--json', '--html']],
    ['a bad --min-review-seconds', ['audit', 'approvals', '--min-review-seconds', 'soon']],
  ])('exits 2 on %s, before contacting Temporal', async (_what, args) => {
    silence();
    // The address is unreachable on purpose: reaching it would be exit 3, not 2.
    expect(await main(['node', 'gatehouse', '--address', '127.0.0.1:1', ...args])).toBe(EXIT.badInput);
  });

  it('with good input, gets as far as Temporal (unreachable here: exit 3)', async () => {
    silence();
    expect(await main(['node', 'gatehouse', '--address', '127.0.0.1:1', 'approve', 'deploy-x', '--as', 'bob', '--key', keyPath, '--answer', 'a=b'])).toBe(EXIT.infrastructure);
  });
});

describe('pending', () => {
  it('shows tier, approvals so far / required, missing roles, questions and deadlines', () => {
    const row = pendingRowOf(awaitingApprovalRun().status);
    expect(row).toMatchObject({
      workflowId: WORKFLOW,
      tier: 'high',
      status: 'pending',
      approvedBy: ['bob'],
      approvalsRequired: 2,
      missingRoles: ['safety'],
      questions: [{ id: 'lowest-safety-rate', prompt: expect.any(String) }],
      remindAt: new Date(after(600)).toISOString(),
      expireAt: new Date(after(3600)).toISOString(),
      nextDeadline: new Date(after(600)).toISOString(),
    });
    const text = formatPending([row]);
    expect(text.split('\n')[0]).toMatch(/^WORKFLOW ID\s+TIER\s+APPROVALS\s+MISSING ROLES\s+QUESTIONS\s+NEXT DEADLINE\s+EXPIRES$/);
    expect(text).toContain('1/2 (bob)');
    expect(text).toContain(`${WORKFLOW}: question lowest-safety-rate: Which safety category has the lowest pass rate in the report?`);
    expect(formatPending([])).toBe('no approvals pending');
  });
});

describe('audit approvals', () => {
  /** One run in which bob approves `bobSeconds` after publication and carol `carolSeconds` after. */
  function run(i: number, bobSeconds: number, carolSeconds = 600): PipelineStatus {
    const workflowId = `deploy-m-1.${i}-production`;
    const b = book({ workflowId });
    b.attempt(decision('bob', { workflowId }), true, after(bobSeconds));
    b.attempt(decision('carol', { workflowId }), true, after(carolSeconds));
    const base = blockedRun().status;
    return {
      ...base,
      workflowId,
      outcome: 'deployed',
      blockedBy: null,
      approvals: b.attempts,
      approval: { state: b.state(after(700)), tierReasons: [], questions: [], reportDigest: REPORT, reportPath: '/r.json', publishedAtMs: PUBLISHED },
    };
  }

  it('reads the policy’s minimum review time from the status, or from a too-fast refusal', () => {
    const { status } = awaitingApprovalRun();
    expect(minReviewSecondsOf(status)).toBe(60);
    expect(minReviewSecondsOf({ ...status, approval: { ...status.approval!, minReviewSeconds: 90 } as PipelineStatus['approval'] })).toBe(90);
    expect(minReviewSecondsOf(run(0, 70))).toBeNull();
  });

  it('turns every attempt, accepted or refused, into an audit record', () => {
    const { records, minimumKnown } = auditRecordsFromStatus(awaitingApprovalRun().status);
    expect(minimumKnown).toBe(true);
    expect(records).toEqual([
      { approver: 'bob', decision: 'approve', accepted: false, reviewSeconds: 20, minReviewSeconds: 60, workflowId: WORKFLOW },
      { approver: 'alice', decision: 'approve', accepted: false, reviewSeconds: 90, minReviewSeconds: 60, workflowId: WORKFLOW },
      { approver: 'bob', decision: 'approve', accepted: true, reviewSeconds: 400, minReviewSeconds: 60, workflowId: WORKFLOW },
    ]);
  });

  it('flags an approver who approves everything just after the minimum review time', () => {
    const statuses = [61, 62, 65, 70, 75].map((s, i) => run(i, s));
    const report = { ...auditStatuses(statuses, 60), skipped: [] };
    expect(report.approvers.map((a) => [a.approver, a.decisions, a.rubberStampSuspect])).toEqual([
      ['bob', 5, true],
      ['carol', 5, false],
    ]);
    const text = formatAudit(report);
    const [head, bob, carol] = text.split('\n');
    expect(head).toMatch(/^APPROVER\s+DECISIONS\s+APPROVED\s+REJECTED\s+REFUSED\s+APPROVAL RATE\s+MEDIAN REVIEW\s+SUSPECT\s+WHY$/);
    expect(bob).toMatch(/^bob\s+5\s+5\s+0\s+0\s+100%\s+65s\s+SUSPECT\s+5 decisions, 100% approved, median review 65s < 2 × 60s minimum$/);
    expect(carol).toMatch(/^carol\s+5\s+5\s+0\s+0\s+100%\s+600s\s+-\s+/);
    expect(text).toContain('10 attempt(s) in 5 run(s); rubber-stamp suspects: bob');
  });

  it('says so when runs do not show their minimum review time, instead of judging against 0', () => {
    const report = { ...auditStatuses([61, 62, 65, 70, 75].map((s, i) => run(i, s))), skipped: [{ workflowId: 'deploy-gone', reason: 'run ended as TERMINATED' }] };
    expect(report.approvers.every((a) => !a.rubberStampSuspect)).toBe(true);
    expect(report.unknownMinimum).toHaveLength(5);
    const text = formatAudit(report);
    expect(text).toContain('no rubber-stamp suspects');
    expect(text).toMatch(/note: 5 run\(s\) do not show their policy's minimum review time .*pass --min-review-seconds N/);
    expect(text).toContain('skipped deploy-gone: run ended as TERMINATED');
  });

  it('prints a plain line when there is nothing to audit', () => {
    expect(formatAudit({ runs: 3, records: 0, approvers: [], unknownMinimum: [], skipped: [] })).toBe('no approval attempts in 3 run(s)');
  });
});
