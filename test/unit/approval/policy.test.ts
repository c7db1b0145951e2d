import { approvalPolicySchema, approverForSlackUserFrom, RiskInput, riskTier, sizeChangeRatio } from '../../../src/approval/policy';
import { describeZodError } from '../../../src/errors';
import { policySection } from './fixtures';

function problems(edit: (section: Record<string, unknown>) => void): string {
  const section = JSON.parse(JSON.stringify(policySection())) as Record<string, unknown>;
  edit(section);
  const result = approvalPolicySchema.safeParse(section);
  return result.success ? 'valid' : describeZodError(result.error);
}

type Tiers = Record<string, { approvals: number; requiredRoles: string[]; allowedRoles: string[] }>;
type Approvers = { id: string; roles: string[]; slackUserId?: string }[];

describe('approval policy section', () => {
  it('accepts a complete section', () => {
    expect(problems(() => {})).toBe('valid');
  });

  it('is strict: a misspelt key is an error, not a default', () => {
    expect(problems((s) => (s.minReviewSecs = 1))).toContain('minReviewSecs');
    expect(problems((s) => ((s.tiers as Tiers).high = { ...(s.tiers as Tiers).high!, aprovals: 1 } as never))).toContain('aprovals');
  });

  it('refuses high or critical tiers that do not demand two approvers including safety (production’s floor)', () => {
    expect(problems((s) => ((s.tiers as Tiers).high!.approvals = 1))).toContain('tiers.high: production runs are at least high');
    expect(problems((s) => ((s.tiers as Tiers).critical!.requiredRoles = []))).toContain('tiers.critical');
  });

  it('refuses a tier that no one could ever approve', () => {
    expect(problems((s) => ((s.tiers as Tiers).critical!.approvals = 9))).toContain('needs 9 approvals but only 5 approver(s) hold an allowed role');
    expect(problems((s) => ((s.tiers as Tiers).high!.requiredRoles = ['safety', 'legal']))).toContain('required role legal is not in allowedRoles');
  });

  it('refuses a higher tier needing fewer approvals than a lower one', () => {
    expect(problems((s) => ((s.tiers as Tiers).medium!.approvals = 3))).toContain('a higher tier must not need fewer approvals');
  });

  it('refuses duplicate approvers and Slack users mapped twice', () => {
    expect(problems((s) => ((s.approvers as Approvers)[1]!.id = 'alice'))).toContain('approver id alice is listed twice');
    expect(problems((s) => ((s.approvers as Approvers)[1]!.slackUserId = 'U0ALICE'))).toContain('Slack user U0ALICE is mapped to two approvers');
  });

  it('refuses Slack users without the Slack app key, an escalation role no one holds, and deadlines out of order', () => {
    expect(problems((s) => delete s.slackAppPublicKey)).toContain('slackAppPublicKey: expected the Slack app public key');
    expect(problems((s) => (s.escalationRole = 'cto'))).toContain('no approver holds the escalation role cto');
    expect(problems((s) => (s.escalateAfterSeconds = 600))).toContain('expected escalateAfterSeconds > remindAfterSeconds');
    expect(problems((s) => (s.expireAfterSeconds = 1800))).toContain('expected expireAfterSeconds > escalateAfterSeconds');
    expect(problems((s) => (s.reviewQuestionRate = 1.5))).toContain('reviewQuestionRate');
  });

  it('maps Slack users to approvers, and anyone else to null', () => {
    const lookup = approverForSlackUserFrom(policySection());
    expect(lookup('U0CAROL')).toBe('carol');
    expect(lookup('U0NOBODY')).toBeNull();
  });
});

describe('riskTier', () => {
  const quiet: RiskInput = {
    environment: 'staging',
    trafficShare: 0.1,
    changeType: 'prompt',
    modelSizeChangeRatio: 1,
    reversible: true,
    inconclusiveGates: [],
    firstDeployment: false,
  };
  const tierOf = (changes: Partial<RiskInput>) => riskTier({ ...quiet, ...changes }).tier;

  it('rates a small reversible staging prompt change low', () => {
    expect(riskTier(quiet)).toEqual({ tier: 'low', reasons: ['no risk factor applies'] });
  });

  it('never rates production below high: two distinct approvers, one from safety', () => {
    expect(tierOf({ environment: 'production' })).toBe('high');
    expect(tierOf({ environment: 'production', changeType: 'weights' })).toBe('high');
  });

  it('raises a production weights update with an inconclusive verdict to critical and names the gate', () => {
    const result = riskTier({ ...quiet, environment: 'production', changeType: 'weights', inconclusiveGates: ['bias'] });
    expect(result.tier).toBe('critical');
    expect(result.reasons).toContain('inconclusive verdict(s) to acknowledge: bias');
  });

  it('raises a first deployment (no baseline) and does not count its unknown size twice', () => {
    expect(riskTier({ ...quiet, firstDeployment: true, modelSizeChangeRatio: null })).toEqual({ tier: 'medium', reasons: ['first deployment: no baseline to compare with'] });
    expect(tierOf({ environment: 'production', changeType: 'weights', firstDeployment: true, modelSizeChangeRatio: null })).toBe('critical');
  });

  it('raises one step for each of traffic share, weights, size change, irreversibility and inconclusive gates', () => {
    expect(tierOf({ trafficShare: 0.5 })).toBe('medium');
    expect(tierOf({ changeType: 'weights' })).toBe('medium');
    expect(tierOf({ changeType: 'adapter' })).toBe('low');
    expect(tierOf({ modelSizeChangeRatio: 1.25 })).toBe('medium');
    expect(tierOf({ modelSizeChangeRatio: 0.8 })).toBe('medium');
    expect(tierOf({ modelSizeChangeRatio: 1.2 })).toBe('low');
    expect(tierOf({ reversible: false })).toBe('medium');
    expect(tierOf({ inconclusiveGates: ['regression'] })).toBe('medium');
    expect(tierOf({ changeType: 'weights', reversible: false })).toBe('high');
    expect(tierOf({ trafficShare: 1, changeType: 'weights', reversible: false, modelSizeChangeRatio: 3, inconclusiveGates: ['safety'] })).toBe('critical');
  });

  it('treats anything unknown as risky (fail closed)', () => {
    expect(riskTier({ ...quiet, modelSizeChangeRatio: null }).reasons).toEqual(['model size change unknown']);
    expect(tierOf({ trafficShare: Number.NaN })).toBe('medium');
    expect(tierOf({ trafficShare: 7 })).toBe('medium');
    expect(tierOf({ modelSizeChangeRatio: -1 })).toBe('medium');
  });
});

describe('sizeChangeRatio', () => {
  test('candidate bytes over the baseline bytes', () => {
    expect(sizeChangeRatio(150, 100)).toBe(1.5);
    expect(riskTier({ environment: 'staging', trafficShare: 0.1, changeType: 'config', modelSizeChangeRatio: sizeChangeRatio(100, 100), reversible: true, inconclusiveGates: [], firstDeployment: false }).reasons).toEqual(['no risk factor applies']);
  });
  test('unknown when either side is missing or not a positive number (counted as risky by the tier)', () => {
    for (const [candidate, baseline] of [[undefined, 100], ['12', 100], [0, 100], [100, null], [100, 0], [Number.NaN, 100]] as const) {
      expect(sizeChangeRatio(candidate, baseline)).toBeNull();
    }
  });
});
