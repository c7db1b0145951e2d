import fc from 'fast-check';
import {
  acknowledgementQuestions,
  ApprovalBook,
  chooseReviewQuestions,
  normalizeAnswer,
  ReviewQuestion,
} from '../../../src/approval/book';
import { after, book, decision, ESCALATE_S, EXPIRE_S, lowestSafetyRate, MIN_REVIEW_S, OLD_REPORT, REMIND_S } from './fixtures';

const T = after(120); // comfortably past minReviewSeconds, before any reminder

describe('ApprovalBook: dual approval (DESIGN §5.6)', () => {
  it('production (tier high) needs two distinct approvers, one of them from the safety role', () => {
    const b = book();
    expect(b.attempt(decision('bob'), true, T)).toMatchObject({ accepted: true });
    expect(b.state(T)).toMatchObject({ status: 'pending', approvedBy: ['bob'], missingRoles: ['safety'], approvalsRequired: 2 });
    expect(b.attempt(decision('carol'), true, T + 1000)).toMatchObject({ accepted: true });
    expect(b.state(T + 1000)).toMatchObject({ status: 'approved', approvedBy: ['bob', 'carol'], missingRoles: [] });
  });

  it('two approvals without the safety role stay pending until a safety approver signs', () => {
    const b = book();
    b.attempt(decision('bob'), true, T);
    b.attempt(decision('gina'), true, T);
    expect(b.state(T)).toMatchObject({ status: 'pending', missingRoles: ['safety'] });
    b.attempt(decision('carol'), true, T);
    expect(b.state(T).status).toBe('approved');
  });

  it('one safety approver alone is not enough for two required approvals', () => {
    const b = book();
    b.attempt(decision('carol'), true, T);
    expect(b.state(T)).toMatchObject({ status: 'pending', approvedBy: ['carol'], missingRoles: [] });
  });

  it('a low tier is approved by one allowed approver', () => {
    const b = book({}, 'low');
    b.attempt(decision('bob'), true, T);
    expect(b.state(T).status).toBe('approved');
  });
});

describe('ApprovalBook: every refusal reason (DESIGN §6 "forged or unauthorised approval")', () => {
  it('refuses a decision whose signature did not verify, keeping the activity’s reason', () => {
    const b = book();
    expect(b.attempt(decision('carol'), 'decision via cli is not signed by a key of approver carol', T)).toEqual({
      accepted: false,
      code: 'bad_signature',
      reason: 'bad signature: decision via cli is not signed by a key of approver carol',
    });
    expect(b.attempt(decision('carol'), false, T)).toMatchObject({ accepted: false, code: 'bad_signature', reason: 'bad signature' });
  });

  it('refuses an approver who is not in the policy', () => {
    expect(book().attempt(decision('mallory'), true, T)).toMatchObject({ accepted: false, code: 'not_in_policy', reason: 'approver mallory is not in the policy' });
  });

  it('refuses an approver holding no role allowed for the tier', () => {
    const result = book().attempt(decision('frank'), true, T);
    expect(result).toMatchObject({ accepted: false, code: 'role_not_allowed' });
    expect(result.reason).toContain('holds no role allowed for tier high');
  });

  it('refuses the escalation role before escalation', () => {
    expect(book().attempt(decision('erin'), true, T)).toMatchObject({ accepted: false, code: 'role_not_allowed' });
  });

  it('refuses the requester approving their own deployment, whatever the letter case', () => {
    expect(book().attempt(decision('alice'), true, T)).toMatchObject({ accepted: false, code: 'requester', reason: 'approver alice is the requester' });
    expect(book({ requester: ' Alice ' }).attempt(decision('alice'), true, T)).toMatchObject({ code: 'requester' });
  });

  it('refuses a second approval by the same approver, by CLI or Slack: approvers are counted once', () => {
    const b = book();
    b.attempt(decision('bob'), true, T);
    expect(b.attempt(decision('bob'), true, T + 1)).toMatchObject({ accepted: false, code: 'already_approved' });
    expect(b.attempt(decision('bob', { via: 'slack', slackUserId: 'U0BOB' }), true, T + 2)).toMatchObject({ code: 'already_approved' });
    expect(b.state(T + 2)).toMatchObject({ status: 'pending', approvedBy: ['bob'] });
  });

  it('refuses a decision signed over a stale report digest', () => {
    const result = book().attempt(decision('carol', { reportDigest: OLD_REPORT }), true, T);
    expect(result).toMatchObject({ accepted: false, code: 'stale_report' });
    expect(result.reason).toContain('signed a stale report digest bbbbbbbbbbbb');
  });

  it('refuses a decision for another workflow', () => {
    expect(book().attempt(decision('carol', { workflowId: 'deploy-other-1.0.0-production' }), true, T)).toMatchObject({ code: 'other_workflow' });
  });

  it('refuses a Slack decision whose Slack user is not the approver’s own', () => {
    const b = book();
    expect(b.attempt(decision('carol', { via: 'slack', slackUserId: 'U0BOB' }), true, T)).toMatchObject({ code: 'slack_user_mismatch' });
    expect(b.attempt(decision('dave', { via: 'slack', slackUserId: 'U0DAVE' }), true, T)).toMatchObject({ code: 'slack_user_mismatch' });
    expect(b.attempt(decision('carol', { via: 'slack', slackUserId: 'U0CAROL' }), true, T)).toMatchObject({ accepted: true });
  });

  it('refuses an approval given faster than minReviewSeconds after the report was published, by the workflow’s clock', () => {
    const b = book();
    // signedAt claims a long review; the workflow's own time says 59 s.
    const result = b.attempt(decision('carol', { signedAt: new Date(after(3600)).toISOString() }), true, after(MIN_REVIEW_S - 1));
    expect(result).toMatchObject({ accepted: false, code: 'too_fast' });
    expect(result.reason).toBe(`review too fast: ${MIN_REVIEW_S - 1}s since the report was published, the policy requires at least ${MIN_REVIEW_S}s`);
    expect(b.attempt(decision('carol'), true, after(MIN_REVIEW_S))).toMatchObject({ accepted: true });
  });

  it('refuses wrong or missing answers to review questions and accepts a correct answer in any case or spacing', () => {
    const b = book({ questions: [lowestSafetyRate] });
    expect(b.attempt(decision('carol'), true, T)).toMatchObject({ code: 'wrong_answers', reason: 'wrong or missing answers to review questions: lowest-safety-rate' });
    expect(b.attempt(decision('carol', { answers: { 'lowest-safety-rate': 'harmful content' } }), true, T)).toMatchObject({ code: 'wrong_answers' });
    expect(b.attempt(decision('carol', { answers: { 'lowest-safety-rate': '  Jailbreak   RESISTANCE ' } }), true, T)).toMatchObject({ accepted: true });
  });

  it('records every attempt, accepted or refused, with its reason', () => {
    const b = book();
    b.attempt(decision('mallory'), true, T);
    b.attempt(decision('carol'), 'forged', T + 1);
    b.attempt(decision('carol'), true, T + 2);
    expect(b.attempts.map((a) => [a.approver, a.accepted, a.code])).toEqual([
      ['mallory', false, 'not_in_policy'],
      ['carol', false, 'bad_signature'],
      ['carol', true, 'accepted'],
    ]);
    expect(b.attempts[1]).toMatchObject({ reason: 'bad signature: forged', atMs: T + 1, reviewSeconds: 120.001, stage: 'none', reportDigest: 'a'.repeat(64) });
  });
});

describe('ApprovalBook: rejection', () => {
  it('any valid reject makes the stage rejected, even after one approval', () => {
    const b = book();
    b.attempt(decision('bob'), true, T);
    expect(b.attempt(decision('carol', { decision: 'reject', comment: 'jailbreak rate regressed' }), true, T + 1)).toMatchObject({ accepted: true });
    expect(b.state(T + 1)).toMatchObject({ status: 'rejected', rejectedBy: ['carol'] });
    expect(b.attempt(decision('dave'), true, T + 2)).toMatchObject({ accepted: false, code: 'closed', reason: 'approval is already rejected' });
  });

  it('a reject is not held to the review time or the questions: stopping a deployment is never the risky direction', () => {
    const b = book({ questions: [lowestSafetyRate] });
    expect(b.attempt(decision('carol', { decision: 'reject' }), true, after(1))).toMatchObject({ accepted: true });
    expect(b.state(after(1)).status).toBe('rejected');
  });

  it('a reject that fails the identity checks is refused and changes nothing', () => {
    const b = book();
    expect(b.attempt(decision('frank', { decision: 'reject' }), true, T)).toMatchObject({ accepted: false, code: 'role_not_allowed' });
    expect(b.attempt(decision('carol', { decision: 'reject', reportDigest: OLD_REPORT }), true, T)).toMatchObject({ code: 'stale_report' });
    expect(b.attempt(decision('carol', { decision: 'reject' }), 'bad', T)).toMatchObject({ code: 'bad_signature' });
    expect(b.state(T).status).toBe('pending');
  });
});

describe('ApprovalBook: reminder, escalation and expiry timeline', () => {
  it('reminds at remindAfter, escalates at escalateAfter and expires at expireAfter without ever approving', () => {
    const b = book();
    const seen = [0, REMIND_S - 1, REMIND_S, ESCALATE_S - 1, ESCALATE_S, EXPIRE_S - 1, EXPIRE_S, EXPIRE_S * 10].map((s) => {
      const state = b.state(after(s));
      return [s, state.status, state.stage, state.nextDeadlineMs === null ? null : (state.nextDeadlineMs - after(0)) / 1000];
    });
    expect(seen).toEqual([
      [0, 'pending', 'none', REMIND_S],
      [REMIND_S - 1, 'pending', 'none', REMIND_S],
      [REMIND_S, 'pending', 'reminded', ESCALATE_S],
      [ESCALATE_S - 1, 'pending', 'reminded', ESCALATE_S],
      [ESCALATE_S, 'pending', 'escalated', EXPIRE_S],
      [EXPIRE_S - 1, 'pending', 'escalated', EXPIRE_S],
      [EXPIRE_S, 'expired', 'escalated', null],
      [EXPIRE_S * 10, 'expired', 'escalated', null],
    ]);
  });

  it('after escalation an approver holding the escalation role may approve, but required roles still need their holder', () => {
    const b = book();
    expect(b.attempt(decision('erin'), true, after(ESCALATE_S))).toMatchObject({ accepted: true, reason: 'approval by erin accepted (escalation role)' });
    expect(b.attempts[0]).toMatchObject({ viaEscalation: true, stage: 'escalated' });
    b.attempt(decision('bob'), true, after(ESCALATE_S + 1));
    expect(b.state(after(ESCALATE_S + 1))).toMatchObject({ status: 'pending', approvedBy: ['erin', 'bob'], missingRoles: ['safety'] });
    b.attempt(decision('carol'), true, after(ESCALATE_S + 2));
    expect(b.state(after(ESCALATE_S + 2)).status).toBe('approved');
  });

  it('refuses every attempt at or after expiry and stays expired', () => {
    const b = book();
    b.attempt(decision('bob'), true, T);
    expect(b.attempt(decision('carol'), true, after(EXPIRE_S))).toMatchObject({ accepted: false, code: 'closed', reason: 'approval is already expired' });
    expect(b.state(after(EXPIRE_S + 1))).toMatchObject({ status: 'expired', approvedBy: ['bob'] });
    expect(b.attempts).toHaveLength(2);
  });

  it('an approval reached before expiry stays approved after the expiry time, and later attempts are refused', () => {
    const b = book();
    b.attempt(decision('bob'), true, T);
    b.attempt(decision('carol'), true, after(REMIND_S + 5));
    expect(b.state(after(EXPIRE_S * 2))).toMatchObject({ status: 'approved', stage: 'reminded', nextDeadlineMs: null });
    expect(b.attempt(decision('dave', { decision: 'reject' }), true, after(EXPIRE_S * 2))).toMatchObject({ code: 'closed', reason: 'approval is already approved' });
  });

  it('names each reminder and escalation notice once, in order, until it is marked sent', () => {
    const b = book();
    expect(b.notificationsDue(after(REMIND_S - 1))).toEqual([]);
    expect(b.notificationsDue(after(REMIND_S))).toEqual(['remind']);
    b.markNotified('remind');
    expect(b.notificationsDue(after(REMIND_S + 1))).toEqual([]);
    // A workflow that slept through both deadlines sends both, reminder first.
    expect(book().notificationsDue(after(ESCALATE_S))).toEqual(['remind', 'escalate']);
    expect(b.notificationsDue(after(ESCALATE_S))).toEqual(['escalate']);
    b.markNotified('escalate');
    expect(b.notificationsDue(after(EXPIRE_S))).toEqual([]);
  });
});

describe('ApprovalBook: state survives continueAsNew', () => {
  it('round-trips through JSON and carries on counting approvers and notices', () => {
    const b = book({ questions: [lowestSafetyRate] });
    b.attempt(decision('mallory'), true, T);
    b.attempt(decision('bob', { answers: { 'lowest-safety-rate': 'jailbreak' } }), true, T);
    b.markNotified('remind');
    const wire = JSON.parse(JSON.stringify(b.snapshot())) as ReturnType<ApprovalBook['snapshot']>;
    const restored = ApprovalBook.restore(wire);
    expect(restored.snapshot()).toEqual(b.snapshot());
    expect(restored.state(T)).toEqual(b.state(T));
    expect(restored.attempt(decision('bob', { answers: { 'lowest-safety-rate': 'jailbreak' } }), true, T + 1)).toMatchObject({ code: 'already_approved' });
    expect(restored.notificationsDue(after(REMIND_S))).toEqual([]);
    restored.attempt(decision('carol', { answers: { 'lowest-safety-rate': 'jailbreak' } }), true, T + 2);
    expect(restored.state(T + 2).status).toBe('approved');
    // The original is untouched by what happened to the copy.
    expect(b.state(T + 2).status).toBe('pending');
  });

  it('shows approvers the questions without their accepted answers', () => {
    expect(book({ questions: [lowestSafetyRate] }).publicQuestions()).toEqual([{ id: 'lowest-safety-rate', prompt: lowestSafetyRate.prompt }]);
  });
});

describe('chooseReviewQuestions (anti-rubber-stamp, drawn with the workflow’s deterministic random)', () => {
  const candidates: ReviewQuestion[] = ['q1', 'q2', 'q3', 'q4'].map((id) => ({ id, prompt: `${id}?`, acceptedAnswers: [id] }));
  const sequence = (...values: number[]) => {
    let i = 0;
    return () => values[i++ % values.length] as number;
  };

  it('asks nothing when the draw is at or above the rate, and asks when it is below', () => {
    expect(chooseReviewQuestions(candidates, 0.3, sequence(0.3))).toEqual([]);
    expect(chooseReviewQuestions(candidates, 0.3, sequence(0.29, 0.6)).map((q) => q.id)).toEqual(['q3']);
  });

  it('never asks at rate 0 and always asks at rate 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (draw) => {
        expect(chooseReviewQuestions(candidates, 0, () => draw)).toEqual([]);
        expect(chooseReviewQuestions(candidates, 1, () => draw)).toHaveLength(1);
      }),
    );
  });

  it('picks distinct candidates, replays identically for the same draws, and leaves the candidates alone', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 6 }), (draws, count) => {
        const before = JSON.stringify(candidates);
        const first = chooseReviewQuestions(candidates, 1, sequence(...draws), count);
        const again = chooseReviewQuestions(candidates, 1, sequence(...draws), count);
        expect(again).toEqual(first);
        expect(first).toHaveLength(Math.min(count, candidates.length));
        expect(new Set(first.map((q) => q.id)).size).toBe(first.length);
        first.forEach((q) => expect(candidates).toContainEqual(q));
        expect(JSON.stringify(candidates)).toBe(before);
      }),
    );
  });

  it('asks nothing when there are no candidates', () => {
    expect(chooseReviewQuestions([], 1, () => 0)).toEqual([]);
  });
});

describe('acknowledging inconclusive verdicts by name (DESIGN §3)', () => {
  it('refuses an approval that does not name the inconclusive gate, and accepts one that does', () => {
    const b = book({ questions: acknowledgementQuestions(['bias']) });
    expect(b.attempt(decision('carol', { answers: { 'acknowledge-bias': 'ok' } }), true, T)).toMatchObject({ code: 'wrong_answers', reason: 'wrong or missing answers to review questions: acknowledge-bias' });
    expect(b.attempt(decision('carol', { answers: { 'acknowledge-bias': 'Bias' } }), true, T)).toMatchObject({ accepted: true });
  });
});

describe('normalizeAnswer', () => {
  it('ignores case, surrounding and repeated spaces, and compatibility forms', () => {
    expect(normalizeAnswer('  97.2 %\t')).toBe('97.2 %');
    expect(normalizeAnswer('ＪＡＩＬＢＲＥＡＫ')).toBe('jailbreak');
  });
});

describe('ApprovalBook construction', () => {
  it('refuses duplicate review question ids', () => {
    expect(() => book({ questions: [lowestSafetyRate, lowestSafetyRate] })).toThrow('review question ids must be unique');
  });

  it('uses the workflow id only when given', () => {
    const config = { ...book().config };
    delete config.workflowId;
    const b = new ApprovalBook(config);
    expect(b.attempt(decision('carol', { workflowId: 'deploy-elsewhere' }), true, T)).toMatchObject({ accepted: true });
    expect(book().attempt(decision('carol', { workflowId: 'deploy-elsewhere' }), true, T)).toMatchObject({ code: 'other_workflow' });
  });
});
