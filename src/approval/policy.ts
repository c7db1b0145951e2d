/**
 * The approval section of the signed policy (DESIGN §4.2, §5.6) and the risk tier of a run.
 * Pure (zod only, no I/O, no node: imports): workflow code may import it.
 *
 * The schema is strict and checks that the section can work at all, so a mistake fails when the policy
 * is loaded rather than leaving a run that no one can ever approve:
 * - approver ids and Slack user ids are unique; approvers with a Slack user id need `slackAppPublicKey`;
 * - per tier, every required role is also allowed, is held by some approver, and enough approvers
 *   hold an allowed role to reach `approvals`; a higher tier never needs fewer approvals;
 * - DESIGN §5.6's floor for production (which `riskTier` never rates below `high`): the `high` and
 *   `critical` tiers need at least two approvals, with `safety` among the required roles;
 * - someone holds `escalationRole`; remind < escalate < expire.
 */
import { z } from 'zod';

export const riskTiers = ['low', 'medium', 'high', 'critical'] as const;
export type RiskTier = (typeof riskTiers)[number];

/** The role DESIGN §5.6 requires among the approvers of every production run. */
export const SAFETY_ROLE = 'safety';

const pem = z.string().includes('-----BEGIN PUBLIC KEY-----', { message: 'expected a PEM public key ("-----BEGIN PUBLIC KEY-----")' });
const role = z.string().min(1);

export const approverSchema = z.strictObject({
  id: z.string().min(1),
  roles: z.array(role).min(1),
  publicKey: pem,
  slackUserId: z.string().min(1).optional(),
});
export type Approver = z.infer<typeof approverSchema>;

export const tierRuleSchema = z.strictObject({
  /** Distinct approvers needed. */
  approvals: z.number().int().min(1),
  /** Each of these roles must be held by at least one of the accepted approvers. */
  requiredRoles: z.array(role).default([]),
  /** An approver must hold one of these roles to decide at this tier (until escalation). */
  allowedRoles: z.array(role).min(1),
});
export type TierRule = z.infer<typeof tierRuleSchema>;

export const approvalPolicySchema = z
  .strictObject({
    approvers: z.array(approverSchema).min(1),
    /** The key the Slack app signs decisions with, on behalf of verified Slack users. */
    slackAppPublicKey: pem.optional(),
    tiers: z.strictObject({ low: tierRuleSchema, medium: tierRuleSchema, high: tierRuleSchema, critical: tierRuleSchema }),
    /** Approvals arriving sooner than this after the report was published are refused. */
    minReviewSeconds: z.number().int().min(0),
    /** Probability that a request demands answers to review questions (drawn with the workflow's deterministic random). */
    reviewQuestionRate: z.number().min(0).max(1),
    remindAfterSeconds: z.number().int().min(1),
    escalateAfterSeconds: z.number().int().min(1),
    expireAfterSeconds: z.number().int().min(1),
    /** After escalation, approvers holding this role may decide at any tier. */
    escalationRole: role,
    /**
     * Who may steer a running canary (`gatehouse canary …`), by role. Without it: any approver may
     * pause; resume and abort need a role allowed at the critical tier, or the escalation role.
     */
    canaryRoles: z.strictObject({ pause: z.array(role).min(1), resume: z.array(role).min(1), abort: z.array(role).min(1) }).optional(),
  })
  .superRefine((section, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const seenIds = new Set<string>();
    const seenSlack = new Set<string>();
    section.approvers.forEach((approver, i) => {
      if (seenIds.has(approver.id)) problem(['approvers', i, 'id'], `approver id ${approver.id} is listed twice`);
      seenIds.add(approver.id);
      if (approver.slackUserId !== undefined) {
        if (seenSlack.has(approver.slackUserId)) problem(['approvers', i, 'slackUserId'], `Slack user ${approver.slackUserId} is mapped to two approvers`);
        seenSlack.add(approver.slackUserId);
      }
    });
    if (seenSlack.size > 0 && section.slackAppPublicKey === undefined) {
      problem(['slackAppPublicKey'], 'expected the Slack app public key: some approvers have a slackUserId');
    }
    const holders = (r: string) => section.approvers.filter((a) => a.roles.includes(r)).length;
    let previous = 0;
    for (const tier of riskTiers) {
      const rule = section.tiers[tier];
      for (const required of rule.requiredRoles) {
        if (!rule.allowedRoles.includes(required)) problem(['tiers', tier, 'requiredRoles'], `required role ${required} is not in allowedRoles`);
        if (holders(required) === 0) problem(['tiers', tier, 'requiredRoles'], `no approver holds the required role ${required}`);
      }
      const eligible = section.approvers.filter((a) => a.roles.some((r) => rule.allowedRoles.includes(r))).length;
      if (eligible < rule.approvals) {
        problem(['tiers', tier, 'approvals'], `needs ${rule.approvals} approvals but only ${eligible} approver(s) hold an allowed role`);
      }
      if (rule.approvals < previous) problem(['tiers', tier, 'approvals'], 'a higher tier must not need fewer approvals than a lower one');
      previous = rule.approvals;
      if ((tier === 'high' || tier === 'critical') && (rule.approvals < 2 || !rule.requiredRoles.includes(SAFETY_ROLE))) {
        problem(['tiers', tier], `production runs are at least high: this tier needs approvals >= 2 and requiredRoles including ${SAFETY_ROLE}`);
      }
    }
    if (holders(section.escalationRole) === 0) problem(['escalationRole'], `no approver holds the escalation role ${section.escalationRole}`);
    if (!(section.remindAfterSeconds < section.escalateAfterSeconds)) problem(['escalateAfterSeconds'], 'expected escalateAfterSeconds > remindAfterSeconds');
    if (!(section.escalateAfterSeconds < section.expireAfterSeconds)) problem(['expireAfterSeconds'], 'expected expireAfterSeconds > escalateAfterSeconds');
  });

export type ApprovalPolicySection = z.infer<typeof approvalPolicySchema>;

/** The Slack app's lookup from Slack user id to approver id, built from the policy. */
export function approverForSlackUserFrom(section: ApprovalPolicySection): (slackUserId: string) => string | null {
  const bySlack = new Map(section.approvers.flatMap((a) => (a.slackUserId === undefined ? [] : [[a.slackUserId, a.id] as const])));
  return (slackUserId) => bySlack.get(slackUserId) ?? null;
}

export interface RiskInput {
  environment: string;
  /** Share of the model's user traffic the candidate will serve once promoted, 0..1. */
  trafficShare: number;
  changeType: 'weights' | 'adapter' | 'config' | 'prompt';
  /** Candidate size / baseline size (bytes); null when unknown or there is no baseline. */
  modelSizeChangeRatio: number | null;
  reversible: boolean;
  /** Gates whose verdict was `inconclusive` and that went to the approvers instead of blocking. */
  inconclusiveGates: string[];
  firstDeployment: boolean;
}

/**
 * Candidate size ÷ baseline size, from the candidate's integrity metrics (`bytes`) and the stable
 * backend's reported size; null when either is unknown or not a positive number (the tier counts
 * an unknown size change as risky).
 */
export function sizeChangeRatio(candidateBytes: unknown, baselineBytes: number | null): number | null {
  if (typeof candidateBytes !== 'number' || !Number.isFinite(candidateBytes) || candidateBytes <= 0) return null;
  if (baselineBytes === null || !Number.isFinite(baselineBytes) || baselineBytes <= 0) return null;
  return candidateBytes / baselineBytes;
}

export const PRODUCTION_ENVIRONMENT = 'production';
export const HIGH_TRAFFIC_SHARE = 0.5;
/** A size ratio beyond 1.25 (or below 1/1.25 = 0.8) counts as a large size change. */
export const LARGE_SIZE_CHANGE_RATIO = 1.25;

/**
 * The run's risk tier, from rules in this order (each that applies adds one step and a reason):
 *
 * | rule                                                     | effect                          |
 * |----------------------------------------------------------|---------------------------------|
 * | environment is `production`                              | +1, and never below `high`      |
 * | trafficShare ≥ 0.5 (or not a number in 0..1)             | +1                              |
 * | changeType `weights`                                     | +1                              |
 * | size ratio ≥ 1.25 or ≤ 0.8 (unknown, not first deploy)   | +1                              |
 * | not reversible                                           | +1                              |
 * | any inconclusive gate                                    | +1 (the gates are named)        |
 * | first deployment (no baseline)                           | +1                              |
 *
 * Steps count up from `low` and stop at `critical`. So a production weights update is `high`, and
 * one that also carries an inconclusive verdict, or is a first deployment, is `critical`. Anything
 * unknown counts as risky (fail closed). Never throws: a workflow can call it directly.
 */
export function riskTier(input: RiskInput): { tier: RiskTier; reasons: string[] } {
  const reasons: string[] = [];
  let steps = 0;
  let floor = 0;
  if (input.environment === PRODUCTION_ENVIRONMENT) {
    steps += 1;
    floor = riskTiers.indexOf('high');
    reasons.push('production environment (never below high: two distinct approvers, one from safety)');
  }
  if (!(Number.isFinite(input.trafficShare) && input.trafficShare >= 0 && input.trafficShare <= 1)) {
    steps += 1;
    reasons.push('traffic share unknown');
  } else if (input.trafficShare >= HIGH_TRAFFIC_SHARE) {
    steps += 1;
    reasons.push(`serves ${Math.round(input.trafficShare * 100)}% of the model's traffic (≥ ${HIGH_TRAFFIC_SHARE * 100}%)`);
  }
  if (input.changeType === 'weights') {
    steps += 1;
    reasons.push('new weights: behaviour may change everywhere');
  }
  const ratio = input.modelSizeChangeRatio;
  if (ratio === null || !Number.isFinite(ratio) || ratio <= 0) {
    if (!input.firstDeployment) {
      steps += 1;
      reasons.push('model size change unknown');
    }
  } else if (ratio >= LARGE_SIZE_CHANGE_RATIO || ratio <= 1 / LARGE_SIZE_CHANGE_RATIO) {
    steps += 1;
    reasons.push(`model size changes by a factor of ${ratio.toFixed(2)}`);
  }
  if (!input.reversible) {
    steps += 1;
    reasons.push('not reversible');
  }
  if (input.inconclusiveGates.length > 0) {
    steps += 1;
    reasons.push(`inconclusive verdict(s) to acknowledge: ${input.inconclusiveGates.join(', ')}`);
  }
  if (input.firstDeployment) {
    steps += 1;
    reasons.push('first deployment: no baseline to compare with');
  }
  const tier = riskTiers[Math.min(riskTiers.length - 1, Math.max(floor, steps))] as RiskTier;
  if (reasons.length === 0) reasons.push('no risk factor applies');
  return { tier, reasons };
}
