/**
 * What the pipeline key may sign for one routing change, decided from the workers' own evidence of
 * the pipeline run (never from the workflow's input): the governing policy, every gate that policy
 * requires, the signature-checked approvals, and for canary weights and promotion the canary's own
 * judged intervals. Each refusal says which evidence is missing, so the run can say why.
 */
import { readFileSync } from 'node:fs';
import type { ModelKind } from '../signing/attestation';
import type { GateName, Verdict } from '../pipeline-types';
import { Policy, policySchema } from '../policy/schema';
import { parseYamlOrJson } from '../yaml-file';
import { sha256Hex } from '../signing/dsse';
import { blobPath } from '../store/result-store';
import { intervalsForStep } from '../canary/judge';
import { leaseSecondsOf } from '../canary/plan';
import { EvidenceStore, RunBinding } from './store';
import {
  approvalRequestEvidenceSchema,
  baselineEvidenceSchema,
  changeEvidenceSchema,
  decisionEvidenceSchema,
  gateEvidenceSchema,
  integrityEvidenceSchema,
  intervalEvidenceSchema,
  policyEvidenceSchema,
  RECORD,
  requestEvidenceSchema,
  stagedEvidenceSchema,
} from './records';

/** Where the governing policy's exact bytes are kept: named by their sha256, which the policy record holds. */
export function policyBlobPath(dataDir: string, policyDigest: string): string {
  return blobPath(dataDir, policyDigest, '.policy');
}

export interface RouteClaim {
  slot: 'stable' | 'canary';
  weight: number;
  backendUrl: string;
  artifactRootDigest: string;
  model: { name: string; version: string };
}

export interface RouteEvidence {
  policyDigest: string;
  kind: ModelKind;
  gates: Array<{ gate: GateName; verdict: Verdict; reportDigest?: string }>;
  approvers: string[];
  /** For a canary weight > 0: how long the gateway may route it without a renewal (the plan's lease). */
  leaseSeconds?: number;
}

export type RouteDecision = { ok: true; evidence: RouteEvidence } | { ok: false; reason: string };

/** A canary interval counts towards a step only when the worker's own judgement passed it. */
function intervalPassed(plan: NonNullable<Policy['canary']>, interval: { score: number; criticalFailure: boolean; collectionError: boolean }): boolean {
  return !interval.criticalFailure && !interval.collectionError && interval.score >= plan.scoreThresholds.pass;
}

export function decideRoute(store: EvidenceStore, dataDir: string, run: RunBinding, claim: RouteClaim): RouteDecision {
  const refuse = (reason: string): RouteDecision => ({ ok: false, reason: `no evidence for ${claim.slot} weight ${claim.weight} of run ${run.workflowId}: ${reason}` });

  const policyRecord = store.get(run, RECORD.policy, policyEvidenceSchema);
  if (!policyRecord) return refuse('the workers never verified a policy for this run');
  let policy: Policy;
  try {
    const bytes = readFileSync(policyBlobPath(dataDir, policyRecord.policyDigest));
    if (sha256Hex(bytes) !== policyRecord.policyDigest) return refuse('the stored policy does not match its digest');
    policy = policySchema.parse(parseYamlOrJson(bytes.toString('utf8'), 'stored policy'));
  } catch (err) {
    return refuse(`the verified policy cannot be read back: ${(err as Error).message.slice(0, 200)}`);
  }
  const request = store.get(run, RECORD.request, requestEvidenceSchema);
  if (!request) return refuse('the workers never verified who signed the request');
  if (request.model !== claim.model.name || request.version !== claim.model.version) {
    return refuse(`the signed request is for ${request.model} ${request.version}, not ${claim.model.name} ${claim.model.version}`);
  }
  const change = store.get(run, RECORD.change, changeEvidenceSchema);
  if (!change || change.verdict !== 'pass' || change.declared !== request.changeType) return refuse('the declared change type was never checked against the baseline, or did not hold');
  const integrity = store.get(run, RECORD.integrity, integrityEvidenceSchema);
  if (!integrity || integrity.verdict !== 'pass') return refuse('the integrity gate has no passing record');
  if (integrity.artifactRootDigest !== claim.artifactRootDigest) {
    return refuse(`the artifact verified by this run is ${integrity.artifactRootDigest.slice(0, 12)}…, not ${claim.artifactRootDigest.slice(0, 12)}…`);
  }
  const staged = store.get(run, RECORD.staged, stagedEvidenceSchema);
  if (!staged || staged.backendUrl !== claim.backendUrl || staged.artifactRootDigest !== claim.artifactRootDigest) {
    return refuse(`the backend ${claim.backendUrl} is not where this run staged its verified artifact`);
  }
  if (staged.model !== claim.model.name || staged.version !== claim.model.version) {
    return refuse(`this run staged ${staged.model} ${staged.version}, not ${claim.model.name} ${claim.model.version}`);
  }
  const base = { policyDigest: policyRecord.policyDigest, kind: staged.kind };

  const gates: RouteEvidence['gates'] = [{ gate: 'policy', verdict: 'pass' }, { gate: 'integrity', verdict: 'pass' }];
  const approvalStage = policy.approval !== undefined;
  for (const gate of ['provenance', 'safety', 'regression', 'bias'] as const) {
    const configured = gate === 'provenance' || policy.gates[gate] !== undefined;
    if (!configured && !policy.requiredGates.includes(gate)) continue;
    const record = store.get(run, RECORD.gate(gate), gateEvidenceSchema);
    if (!record) {
      // A classifier is judged by the bias gate instead of the chat safety suite (the pipeline's rule).
      if (gate === 'safety' && staged.kind === 'classifier' && policy.gates.bias?.classifier) {
        gates.push({ gate, verdict: 'not_applicable' });
        continue;
      }
      return refuse(`the ${gate} gate has no stored result`);
    }
    if (record.policyDigest !== policyRecord.policyDigest || record.artifactRootDigest !== claim.artifactRootDigest) {
      return refuse(`the ${gate} gate's record is for another policy or artifact`);
    }
    const onInconclusive = gate === 'provenance' ? 'block' : policy.gates[gate]?.onInconclusive;
    const accepted = record.verdict === 'pass' || (record.verdict === 'inconclusive' && onInconclusive === 'approvers' && approvalStage);
    if (!accepted) return refuse(`the ${gate} gate's stored verdict is ${record.verdict}: ${record.reason}`);
    gates.push({ gate, verdict: record.verdict });
  }

  const approvers: string[] = [];
  let reportDigest: string | undefined;
  if (policy.approval) {
    const opened = store.get(run, RECORD.approvalRequest, approvalRequestEvidenceSchema);
    if (!opened) return refuse('the approval stage was never opened by the workers');
    reportDigest = opened.reportDigest;
    const rule = policy.approval.tiers[opened.tier];
    const decisions = store.list(run, RECORD.decisionPrefix).map((name) => store.get(run, name, decisionEvidenceSchema)!);
    const forReport = decisions.filter((d) => d.reportDigest === opened.reportDigest);
    const rejectedBy = forReport.filter((d) => d.decision === 'reject').map((d) => d.approver);
    if (rejectedBy.length > 0) return refuse(`rejected by ${rejectedBy.join(', ')}`);
    const allowed = new Set([...rule.allowedRoles, policy.approval.escalationRole]);
    for (const d of forReport) {
      const approver = policy.approval.approvers.find((a) => a.id === d.approver);
      // The requester is whoever signed the request, whatever the approval stage was told.
      if (d.decision !== 'approve' || !approver || d.approver === request.requester || d.approver === opened.requester || approvers.includes(d.approver)) continue;
      if (approver.roles.some((r) => allowed.has(r))) approvers.push(d.approver);
    }
    const rolesHeld = new Set(approvers.flatMap((id) => policy.approval!.approvers.find((a) => a.id === id)!.roles));
    const missingRoles = rule.requiredRoles.filter((r) => !rolesHeld.has(r));
    if (approvers.length < rule.approvals || missingRoles.length > 0) {
      return refuse(
        `the stored, signature-checked approvals of report ${opened.reportDigest.slice(0, 12)}… are ${approvers.length} (${approvers.join(', ') || 'none'}); tier ${opened.tier} needs ${rule.approvals}` +
          (missingRoles.length > 0 ? ` and the role(s) ${missingRoles.join(', ')}` : ''),
      );
    }
    gates.push({ gate: 'approval', verdict: 'pass' });
  } else if (policy.requiredGates.includes('approval')) {
    return refuse('the policy requires approval but has no approval section');
  }

  // Canary weights and promotion: the steps before this weight must have baked on judged intervals.
  const plan = policy.canary;
  const canaryRuns = plan !== undefined && approvalStage;
  // A rollback (weight 0) needs the same gates as the weight it takes away, but no baked steps.
  const rollback = claim.slot === 'canary' && claim.weight === 0;
  if (!rollback && (canaryRuns || policy.requiredGates.includes('canary'))) {
    if (!plan) return refuse('the policy requires a canary but has no canary plan');
    const baseline = store.get(run, RECORD.baseline, baselineEvidenceSchema);
    if (!baseline) return refuse('the workers never looked up a baseline for this run');
    const intervals = store.list(run, RECORD.intervalPrefix).map((name) => store.get(run, name, intervalEvidenceSchema)!);
    const stepsBefore = claim.slot === 'stable' ? plan.steps.length : plan.steps.findIndex((s) => s.weight === claim.weight);
    if (stepsBefore < 0) return refuse(`${claim.weight}% is not a step of the policy's canary plan (${plan.steps.map((s) => s.weight).join(', ')})`);
    if (claim.slot === 'stable' && !baseline.exists) {
      gates.push({ gate: 'canary', verdict: 'not_applicable' });
    } else {
      const needed = plan.steps.slice(0, stepsBefore).reduce((sum, step) => sum + intervalsForStep(step, plan), 0);
      const passed = intervals.filter((i) => intervalPassed(plan, i)).length;
      if (passed < needed) return refuse(`the canary has ${passed} passing judged interval(s) on record; this weight needs ${needed}`);
      if (claim.slot === 'stable') gates.push({ gate: 'canary', verdict: 'pass' });
    }
    // A weight (or its lease's renewal) only while the judged intervals have not condemned the canary.
    const condemned = condemnedBy(plan, intervals);
    if (condemned) return refuse(condemned);
  }

  // A canary weight is signed before the canary gate can have passed; promotion needs it like the rest.
  const missing = policy.requiredGates.filter((g) => !(claim.slot === 'canary' && g === 'canary') && !gates.some((r) => r.gate === g));
  if (missing.length > 0) return refuse(`no evidence for the required gate(s) ${missing.join(', ')}`);
  const lease = claim.slot === 'canary' && claim.weight > 0 && plan ? { leaseSeconds: leaseSecondsOf(plan) } : {};
  return { ok: true, evidence: { ...base, gates: gates.map((g) => (reportDigest ? { ...g, reportDigest } : g)), approvers, ...lease } };
}

/**
 * Why the judged intervals on record forbid any further traffic for the canary (the judge's rollback
 * rules: failures beyond the budget, collection errors in a row beyond the limit),
 * or undefined. A canary whose workflow should have rolled back gets no weight and no lease renewal.
 */
function condemnedBy(
  plan: NonNullable<Policy['canary']>,
  intervals: ReadonlyArray<{ interval: number; score: number; criticalFailure: boolean; collectionError: boolean }>,
): string | undefined {
  const ordered = [...intervals].sort((a, b) => a.interval - b.interval);
  // As the judge counts them: a measured interval at or below marginal (a critical metric not passing
  // scores 0) is a failure. A critical High/Low rolls back at once in the judge, whose own rollback
  // then signs weight 0; no stricter rule here, or a renewal the judge allows would fail the canary.
  const failures = ordered.filter((i) => !i.collectionError && i.score <= plan.scoreThresholds.marginal).length;
  if (failures > plan.failureLimit) return `${failures} judged intervals failed, beyond the failure limit of ${plan.failureLimit}: the canary must roll back`;
  let trailingErrors = 0;
  for (let k = ordered.length - 1; k >= 0 && ordered[k]!.collectionError; k--) trailingErrors++;
  if (trailingErrors > plan.consecutiveErrorLimit) {
    return `${trailingErrors} judged intervals in a row could not be measured, beyond the limit of ${plan.consecutiveErrorLimit}: the canary must roll back`;
  }
  return undefined;
}
