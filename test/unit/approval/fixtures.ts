/** Small builders for approval tests: approvers with real keys, a policy section, decisions. */
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { ApprovalDecision } from '../../../src/approval/decision';
import { ApprovalBook, ApprovalBookConfig, ReviewQuestion } from '../../../src/approval/book';
import { ApprovalPolicySection, approvalPolicySchema, RiskTier } from '../../../src/approval/policy';
import { generateKeyPair, KeyAlgorithm } from '../../../src/signing/keys';

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
}

export function newKey(algorithm: KeyAlgorithm = 'ed25519'): TestKey {
  const pair = generateKeyPair(algorithm);
  return { privateKey: createPrivateKey(pair.privateKeyPem), publicKey: createPublicKey(pair.publicKeyPem), publicKeyPem: pair.publicKeyPem };
}

/** Approver id → [roles, Slack user id?]. alice is the usual requester; erin holds the escalation role. */
export const people = {
  alice: { roles: ['ml-engineer'], slack: 'U0ALICE' },
  bob: { roles: ['ml-engineer'], slack: 'U0BOB' },
  gina: { roles: ['ml-engineer'] },
  carol: { roles: ['safety'], slack: 'U0CAROL' },
  dave: { roles: ['safety', 'ml-engineer'] },
  erin: { roles: ['release-manager'], slack: 'U0ERIN' },
  frank: { roles: ['observer'] },
} as const satisfies Record<string, { roles: readonly string[]; slack?: string }>;
export type Person = keyof typeof people;

export const keys: Record<Person, TestKey> = Object.fromEntries(Object.keys(people).map((p) => [p, newKey()])) as Record<Person, TestKey>;
export const slackApp = newKey();

export const MIN_REVIEW_S = 60;
export const REMIND_S = 600;
export const ESCALATE_S = 1800;
export const EXPIRE_S = 3600;

export function policySection(overrides: Partial<ApprovalPolicySection> = {}): ApprovalPolicySection {
  return approvalPolicySchema.parse({
    approvers: Object.entries(people).map(([id, p]) => ({
      id,
      roles: [...p.roles],
      publicKey: keys[id as Person].publicKeyPem,
      ...('slack' in p ? { slackUserId: p.slack } : {}),
    })),
    slackAppPublicKey: slackApp.publicKeyPem,
    tiers: {
      low: { approvals: 1, requiredRoles: [], allowedRoles: ['ml-engineer', 'safety'] },
      medium: { approvals: 1, requiredRoles: [], allowedRoles: ['ml-engineer', 'safety'] },
      high: { approvals: 2, requiredRoles: ['safety'], allowedRoles: ['ml-engineer', 'safety'] },
      critical: { approvals: 3, requiredRoles: ['safety'], allowedRoles: ['ml-engineer', 'safety'] },
    },
    minReviewSeconds: MIN_REVIEW_S,
    reviewQuestionRate: 0.25,
    remindAfterSeconds: REMIND_S,
    escalateAfterSeconds: ESCALATE_S,
    expireAfterSeconds: EXPIRE_S,
    escalationRole: 'release-manager',
    ...overrides,
  });
}

export const REPORT = 'a'.repeat(64);
export const OLD_REPORT = 'b'.repeat(64);
export const WORKFLOW = 'deploy-support-assistant-2.4.0-production';
export const PUBLISHED = Date.UTC(2026, 10, 26, 9, 0, 0);
/** Workflow time `seconds` after the report was published. */
export const after = (seconds: number) => PUBLISHED + seconds * 1000;

export function decision(approver: string, overrides: Partial<ApprovalDecision> = {}): ApprovalDecision {
  return {
    runId: 'run-1',
    workflowId: WORKFLOW,
    reportDigest: REPORT,
    decision: 'approve',
    approver,
    signedAt: new Date(after(120)).toISOString(),
    via: 'cli',
    ...overrides,
  };
}

export const lowestSafetyRate: ReviewQuestion = {
  id: 'lowest-safety-rate',
  prompt: 'Which safety category has the lowest pass rate in the report?',
  acceptedAnswers: ['jailbreak resistance', 'jailbreak'],
};

export function book(config: Partial<ApprovalBookConfig> = {}, tier: RiskTier = 'high'): ApprovalBook {
  return new ApprovalBook({
    policySection: policySection(),
    tier,
    requester: 'alice',
    reportDigest: REPORT,
    publishedAtMs: PUBLISHED,
    questions: [],
    workflowId: WORKFLOW,
    ...config,
  });
}
