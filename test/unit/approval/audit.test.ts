import { auditApprovals, AuditRecord, auditRecordsOf, RUBBER_STAMP_RULE } from '../../../src/approval/book';
import { after, book, decision, MIN_REVIEW_S } from './fixtures';

const rec = (approver: string, reviewSeconds: number, d: 'approve' | 'reject' = 'approve', accepted = true): AuditRecord => ({
  approver,
  decision: d,
  accepted,
  reviewSeconds,
  minReviewSeconds: MIN_REVIEW_S,
});

describe('auditApprovals: each approver’s approval rate and review times (DESIGN §5.6)', () => {
  it('flags a rubber stamp: ≥ 5 decisions, ≥ 95% approved, median review under 2 × the minimum review time', () => {
    const [audit] = auditApprovals([61, 62, 65, 70, 119].map((s) => rec('bob', s)));
    expect(audit).toMatchObject({ approver: 'bob', decisions: 5, approvals: 5, rejections: 0, approvalRate: 1, medianReviewSeconds: 65, rubberStampSuspect: true });
    expect(audit?.why).toBe('5 decisions, 100% approved, median review 65s < 2 × 60s minimum');
  });

  it('does not flag four quick approvals: too few decisions to judge', () => {
    const [audit] = auditApprovals([61, 61, 61, 61].map((s) => rec('bob', s)));
    expect(audit).toMatchObject({ decisions: 4, rubberStampSuspect: false, why: 'too few decisions to judge (4 < 5)' });
  });

  it('does not flag a quick reviewer who also rejects (approval rate below 95%)', () => {
    const records = [...Array.from({ length: 18 }, () => rec('carol', 61)), rec('carol', 61, 'reject'), rec('carol', 61, 'reject')];
    expect(auditApprovals(records)[0]).toMatchObject({ decisions: 20, approvalRate: 0.9, rubberStampSuspect: false });
  });

  it('does not flag an approver whose median review takes at least twice the minimum', () => {
    expect(auditApprovals([100, 120, 121, 130, 3000].map((s) => rec('dave', s)))[0]).toMatchObject({ medianReviewSeconds: 121, rubberStampSuspect: false });
    expect(auditApprovals([100, 110, 120, 130, 140].map((s) => rec('dave', s)))[0]).toMatchObject({ medianReviewSeconds: 120, rubberStampSuspect: false });
  });

  it('counts refused attempts apart from decisions, and lists approvers in a stable order', () => {
    const audits = auditApprovals([rec('gina', 10, 'approve', false), rec('bob', 70), rec('gina', 70, 'reject')]);
    expect(audits.map((a) => [a.approver, a.decisions, a.refused, a.approvalRate, a.medianReviewSeconds])).toEqual([
      ['bob', 1, 0, 1, 70],
      ['gina', 1, 1, 0, 70],
    ]);
    expect(auditApprovals([rec('erin', 5, 'approve', false)])[0]).toMatchObject({ decisions: 0, approvalRate: null, medianReviewSeconds: null, rubberStampSuspect: false });
  });

  it('takes its records from the books of finished runs', () => {
    const runs = Array.from({ length: 5 }, (_, i) => {
      const b = book({ workflowId: `deploy-m-${i}-production` });
      b.attempt(decision('bob', { workflowId: `deploy-m-${i}-production` }), true, after(MIN_REVIEW_S + 5));
      b.attempt(decision('bob', { workflowId: `deploy-m-${i}-production` }), true, after(MIN_REVIEW_S + 6));
      return b.snapshot();
    });
    const [bob] = auditApprovals(runs.flatMap(auditRecordsOf));
    expect(bob).toMatchObject({ approver: 'bob', decisions: 5, refused: 5, medianReviewSeconds: MIN_REVIEW_S + 5, rubberStampSuspect: true });
    expect(RUBBER_STAMP_RULE).toEqual({ minDecisions: 5, approvalRate: 0.95, reviewFactor: 2 });
  });
});
