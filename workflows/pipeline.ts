/**
 * deploymentPipeline: DESIGN §3, top to bottom. Each gate is one awaited activity whose verdict is
 * recorded; the first gate that does not pass blocks the run (fail closed), the report is written
 * either way, and only a run whose every required gate passed reaches promotion.
 */
import { defineQuery, executeChild, patched, proxyActivities, setHandler, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BlobRef, GateResult, Outcome, PipelineRequest, PipelineStatus, Stage } from '../src/pipeline-types';
import type { Policy } from '../src/policy/schema';
import { GatehouseOutcome, GatehouseStage } from '../src/temporal/search-attributes';
import { evalTaskQueueFor } from '../src/temporal/task-queues';
import { acknowledgementQuestions, chooseReviewQuestions, ReviewQuestion } from '../src/approval/book';
import { riskTier, sizeChangeRatio } from '../src/approval/policy';
import { ApprovalDesk } from './approval';
import { canaryRollout } from './canary';
import { runSafety } from './safety';

/** Questions whose answers are in the report, for randomized detailed review (DESIGN §5.6). */
function reviewQuestionsFrom(gates: GateResult[]): ReviewQuestion[] {
  const lowest = gates.find((g) => g.gate === 'safety')?.metrics['lowest.category'];
  return typeof lowest === 'string'
    ? [{ id: 'lowest-safety-category', prompt: 'Which safety category has the lowest pass rate in the report?', acceptedAnswers: [lowest] }]
    : [];
}

export const statusQuery = defineQuery<PipelineStatus>('status');

const quick = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
});

/** Long activities (hashing, evaluation) heartbeat, so a dead worker's work moves to another one quickly. */
function longActivities(policy: Policy) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '6 hours',
    heartbeatTimeout: `${policy.execution.heartbeatTimeoutSeconds} seconds`,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
  });
}

/** Model evaluations run on their own task queue, so evaluation capacity scales on its own. */
function evaluationActivities(policy: Policy) {
  return proxyActivities<Activities>({
    taskQueue: evalTaskQueueFor(workflowInfo().taskQueue),
    startToCloseTimeout: '12 hours',
    heartbeatTimeout: `${policy.execution.heartbeatTimeoutSeconds} seconds`,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
  });
}

/**
 * Short activities on the evaluation queue (the sharded safety gate's judge reads what the shards
 * stored there): no model calls, so no heartbeat; a stuck one is retried after minutes, not hours.
 */
function evaluationJudgements() {
  return proxyActivities<Activities>({
    taskQueue: evalTaskQueueFor(workflowInfo().taskQueue),
    startToCloseTimeout: '10 minutes',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
  });
}

/** The run's state, readable at any time through the `status` query. */
class PipelineRun {
  readonly status: PipelineStatus;

  constructor(request: PipelineRequest) {
    this.status = {
      workflowId: workflowInfo().workflowId,
      model: request.model,
      environment: request.environment,
      requestedBy: request.requestedBy,
      outcome: 'running',
      stage: 'policy',
      blockedBy: null,
      gates: [],
      approvals: [],
      approval: null,
      canary: null,
      policyDigest: null,
      artifactRootDigest: null,
      baseline: null,
      reportPath: null,
      reportDigest: null,
      warnings: [],
    };
  }

  enter(stage: Stage): void {
    this.status.stage = stage;
    upsertSearchAttributes([{ key: GatehouseStage, value: stage }]);
  }

  /**
   * Records a gate's verdict; true when the run may go on. An `inconclusive` verdict goes on only when
   * the policy hands it to the approvers (`toApprovers`); anything else that is not a pass blocks.
   */
  record(result: GateResult, toApprovers = false): boolean {
    this.status.gates.push(result);
    if (result.verdict === 'pass' || (result.verdict === 'inconclusive' && toApprovers)) return true;
    this.status.blockedBy ??= result.gate;
    return false;
  }

  /** Gates the policy requires that have not passed (or, like a first deployment's canary, do not apply). */
  missingGates(policy: Policy): string[] {
    return policy.requiredGates.filter((gate) => !this.status.gates.some((g) => g.gate === gate && (g.verdict === 'pass' || g.verdict === 'not_applicable')));
  }

  /** The gates as an attestation lists them, each with the reviewed report's digest. */
  attestedGates(reportDigest: string) {
    return this.status.gates.map((g) => ({ gate: g.gate, verdict: g.verdict, reportDigest }));
  }

  async writeReport(): Promise<BlobRef> {
    const ref = await quick.writeReport({ status: this.status });
    this.status.reportPath = ref.path;
    this.status.reportDigest = ref.digest;
    return ref;
  }

  async finish(outcome: Outcome): Promise<PipelineStatus> {
    this.status.outcome = outcome;
    await this.writeReport();
    this.status.stage = 'done';
    upsertSearchAttributes([
      { key: GatehouseOutcome, value: outcome },
      { key: GatehouseStage, value: 'done' },
    ]);
    return this.status;
  }
}

export async function deploymentPipeline(request: PipelineRequest): Promise<PipelineStatus> {
  const run = new PipelineRun(request);
  setHandler(statusQuery, () => run.status);
  const desk = new ApprovalDesk(run.status);

  run.enter('policy');
  const policyCheck = await quick.verifyPolicy({
    policyPath: request.policyPath,
    policySignaturePath: request.policySignaturePath,
    environment: request.environment,
    request, // its requester's signature is checked against the policy (issue 16)
  });
  run.status.policyDigest = policyCheck.digest;
  if (!run.record(policyCheck.result) || !policyCheck.policy || !policyCheck.digest) return run.finish('blocked');
  const policy = policyCheck.policy;
  const evaluation = longActivities(policy);

  run.enter('integrity');
  const integrity = await evaluation.checkIntegrity({ artifactPath: request.artifactPath, signaturePath: request.signaturePath });
  run.status.artifactRootDigest = integrity.rootDigest;
  if (!run.record(integrity.result) || !integrity.rootDigest) return run.finish('blocked');

  run.enter('provenance');
  const provenance = await quick.checkProvenance({
    signaturePath: request.signaturePath,
    rootDigest: integrity.rootDigest,
    trustedModelKeys: policy.trustedModelKeys,
    revokedModelKeyIds: policy.revokedModelKeyIds,
    modelName: request.model.name, // the signed statement must name it (issue 16)
  });
  if (!run.record(provenance.result)) return run.finish('blocked');

  run.enter('stage');
  const staged = await quick.stageCandidate({
    model: request.model,
    artifactPath: request.artifactPath,
    artifactRootDigest: integrity.rootDigest,
    endpoint: request.endpoint ?? null,
    allowUnverifiedEndpoint: policy.evaluation.allowUnverifiedEndpoints,
  });
  if (staged.problem || !staged.kind) {
    run.record({ gate: 'provenance', verdict: 'fail', reasons: [staged.problem ?? 'the staged model\'s kind is unknown (fail closed)'], metrics: {} });
    return run.finish('blocked');
  }
  // What the model is comes from the verified artifact (the model host read the very model.json it
  // hashed), never from the request: it decides which suites apply and which route serves it.
  const kind = staged.kind;
  if (staged.warning) run.status.warnings.push(staged.warning);
  const baseline = await quick.findBaseline({ model: request.model.name });
  run.status.baseline = baseline ? { version: baseline.version, rootDigest: baseline.rootDigest } : null;
  // The change type is what changed against the baseline's manifest, not the request's word (issue 16).
  if (patched('change-type-checked')) {
    const changeType = await quick.checkChangeType({ declared: request.change.type, artifactRootDigest: integrity.rootDigest, baselineRootDigest: baseline?.rootDigest ?? null });
    if (changeType.result.verdict !== 'pass') {
      run.record(changeType.result);
      return run.finish('blocked');
    }
    run.status.gates.find((g) => g.gate === 'provenance')?.reasons.push(...changeType.result.reasons);
  }

  // The evaluation gates run side by side; each verdict is recorded before any of them blocks,
  // so one failure never hides another gate's result. An inconclusive verdict blocks unless the
  // policy hands it to the approvers and there is an approval stage (DESIGN §3).
  run.enter('evaluation');
  const evaluations = evaluationActivities(policy);
  const evaluationGates: Array<Promise<{ result: GateResult; toApprovers: boolean }>> = [];
  if (policy.gates.safety && kind === 'classifier') {
    // The safety suite is prompts for chat models: a classifier is judged by the bias gate instead,
    // so safety does not apply only when the policy has that judgement for it (else fail closed).
    const reason = 'classifier: the safety prompt suite applies to chat models';
    if (policy.gates.bias?.classifier) {
      run.status.gates.push({ gate: 'safety', verdict: 'not_applicable', reasons: [`${reason}; the bias gate judges this classifier (gates.bias.classifier)`], metrics: { kind } });
    } else {
      evaluationGates.push(
        Promise.resolve({
          result: { gate: 'safety', verdict: 'fail', reasons: [`${reason}, and the policy has no classifier bias section (gates.bias.classifier) to judge this classifier instead (fail closed)`], metrics: { kind } },
          toApprovers: false,
        }),
      );
    }
  } else if (policy.gates.safety) {
    const toApprovers = policy.gates.safety.onInconclusive === 'approvers' && policy.approval !== undefined;
    // One activity, or `evaluation.shards` of them spread over the eval workers and then one judge.
    evaluationGates.push(
      runSafety(
        { evaluate: evaluations, judge: evaluationJudgements() },
        {
          workflowId: run.status.workflowId,
          runId: workflowInfo().runId,
          policyPath: request.policyPath,
          safety: policy.gates.safety,
          evaluation: policy.evaluation,
          candidateUrl: staged.backendUrl,
          baselineUrl: baseline?.backendUrl ?? null,
        },
      ).then((r) => ({ result: r.result, toApprovers })),
    );
  }
  const common = {
    workflowId: run.status.workflowId,
    runId: workflowInfo().runId,
    policyPath: request.policyPath,
    evaluation: policy.evaluation,
    candidateUrl: staged.backendUrl,
    baselineUrl: baseline?.backendUrl ?? null,
  };
  const routesToApprovers = (onInconclusive: string) => onInconclusive === 'approvers' && policy.approval !== undefined;
  if (policy.gates.regression) {
    const toApprovers = routesToApprovers(policy.gates.regression.onInconclusive);
    evaluationGates.push(evaluations.runRegressionGate({ ...common, regression: policy.gates.regression }).then((r) => ({ result: r.result, toApprovers })));
  }
  if (policy.gates.bias) {
    const toApprovers = routesToApprovers(policy.gates.bias.onInconclusive);
    evaluationGates.push(evaluations.runBiasGate({ ...common, bias: policy.gates.bias, modelKind: kind }).then((r) => ({ result: r.result, toApprovers })));
  }
  const verdicts = (await Promise.all(evaluationGates)).map(({ result, toApprovers }) => run.record(result, toApprovers));
  if (verdicts.includes(false)) return run.finish('blocked');

  // The reviewer report: what the approvers read, and the digest they sign.
  run.enter('report');
  const report = await run.writeReport();
  const approvers: string[] = [];
  if (policy.approval) {
    const inconclusive = run.status.gates.filter((g) => g.verdict === 'inconclusive').map((g) => g.gate);
    const risk = riskTier({
      environment: request.environment,
      trafficShare: 1,
      changeType: request.change.type,
      modelSizeChangeRatio: sizeChangeRatio(integrity.result.metrics.bytes, baseline?.sizeBytes ?? null),
      reversible: true,
      inconclusiveGates: inconclusive,
      firstDeployment: baseline === null,
    });
    run.enter('approval');
    const approval = await desk.run({
      section: policy.approval,
      tier: risk.tier,
      tierReasons: risk.reasons,
      requester: request.requestedBy,
      workflowId: run.status.workflowId,
      reportDigest: report.digest,
      reportPath: report.path,
      // The workflow's random is deterministic (seeded by the run), so replays pick the same questions.
      questions: [...chooseReviewQuestions(reviewQuestionsFrom(run.status.gates), policy.approval.reviewQuestionRate, Math.random), ...acknowledgementQuestions(inconclusive)],
      request: {
        runId: workflowInfo().runId,
        model: request.model.name,
        version: request.model.version,
        environment: request.environment,
        changeSummary: `${request.change.type}: ${request.change.summary}`,
        gates: run.status.gates.map((g) => ({ gate: g.gate, verdict: g.verdict, reason: g.reasons[0] ?? '' })),
      },
    });
    if (!run.record({ gate: 'approval', verdict: approval.status === 'approved' ? 'pass' : 'fail', reasons: [approval.reason], metrics: { approvals: approval.approvedBy.length, tier: risk.tier } })) {
      return run.finish(approval.status === 'rejected' ? 'rejected' : 'expired');
    }
    approvers.push(...approval.approvedBy);
  }

  // The canary: a child workflow with its own compensation; abort or failure → rolled back.
  const route = {
    workflowId: run.status.workflowId,
    runId: workflowInfo().runId,
    model: request.model,
    kind,
    environment: request.environment,
    backendUrl: staged.backendUrl,
    artifactRootDigest: integrity.rootDigest,
    policyDigest: policyCheck.digest,
    approvers,
    ttlSeconds: policy.attestation.ttlSeconds,
  };
  if (policy.canary && policy.approval && !staged.warning) {
    if (!baseline) {
      const reason = 'first deployment: there is no stable version to compare a canary with';
      run.status.canary = { outcome: 'not_applicable', reason, intervalsJudged: 0, failures: 0 };
      run.status.gates.push({ gate: 'canary', verdict: 'not_applicable', reasons: [reason], metrics: {} });
    } else {
      run.enter('canary');
      const canaryInput = { route: { ...route, gates: run.attestedGates(report.digest) }, plan: policy.canary, operators: policy.approval };
      const canary = await executeChild(canaryRollout, { workflowId: `${run.status.workflowId}-canary`, args: [canaryInput] }).catch(async (err: unknown) => {
        // A canary that ended without its own rollback (terminated, timed out) leaves its weight:
        // the pipeline takes it back to 0 itself before failing (issue 16).
        if (!patched('canary-terminated-rollback')) throw err;
        const pipeline = { workflowId: workflowInfo().workflowId, runId: workflowInfo().runId };
        await quick.setCanaryWeight({ ...canaryInput.route, pipeline, weight: 0, issuedAt: new Date(Date.now()).toISOString(), nonce: uuid4() });
        const reason = `the canary ended without finishing (${(err as Error).message}): its traffic was returned to stable`;
        return { outcome: 'rolled_back' as const, reason, state: { intervalsJudged: 0, failures: 0 } };
      });
      run.status.canary = { outcome: canary.outcome, reason: canary.reason, intervalsJudged: canary.state.intervalsJudged, failures: canary.state.failures };
      const passed = run.record({ gate: 'canary', verdict: canary.outcome === 'completed' ? 'pass' : 'fail', reasons: [canary.reason], metrics: { intervals: canary.state.intervalsJudged, failures: canary.state.failures } });
      if (!passed) return run.finish(canary.outcome === 'aborted' ? 'aborted' : 'rolled_back');
    }
  }

  if (staged.warning) {
    // Results from an unverified endpoint are reported, but nothing unverified reaches users.
    run.record({ gate: 'provenance', verdict: 'fail', reasons: ['the candidate was evaluated on an unverified endpoint: it cannot be promoted'], metrics: {} });
    return run.finish('blocked');
  }

  const missing = run.missingGates(policy);
  if (missing.length > 0) {
    // Fail closed: a policy that requires a gate this pipeline has not run can never be satisfied.
    run.record({ gate: 'policy', verdict: 'fail', reasons: [`the policy requires ${missing.join(', ')}, which this pipeline has not run`], metrics: {} });
    return run.finish('blocked');
  }

  run.enter('promote');
  await quick.promote({
    ...route,
    gates: run.attestedGates(report.digest),
    // Workflow time and random are deterministic, so a retried promotion signs the same attestation.
    issuedAt: new Date(Date.now()).toISOString(),
    nonce: uuid4(),
  });
  return run.finish('deployed');
}
