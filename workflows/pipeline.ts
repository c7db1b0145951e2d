/**
 * deploymentPipeline: DESIGN §3, top to bottom. Each gate is one awaited activity whose verdict is
 * recorded; the first gate that does not pass blocks the run (fail closed), and only a run whose every
 * required gate passed reaches promotion. A saga: each step that changes the world pushes its undo
 * onto `compensations`; a run that ends without deploying, for any reason (a gate, a rollback, an
 * unexpected failure, a cancellation), unwinds them in a non-cancellable scope, and the report is
 * written either way.
 */
import {
  CancellationScope,
  defineQuery,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BlobRef, GateResult, Outcome, PipelineRequest, PipelineStatus, Stage } from '../src/pipeline-types';
import type { Policy } from '../src/policy/schema';
import { GatehouseOutcome, GatehouseStage } from '../src/temporal/search-attributes';
import { evalTaskQueueFor } from '../src/temporal/task-queues';
import { evaluationPlan, PlannedGate } from '../src/evaluation-plan';
import { acknowledgementQuestions, chooseReviewQuestions, ReviewQuestion } from '../src/approval/book';
import { riskTier, sizeChangeRatio } from '../src/approval/policy';
import { evaluationJudgements, heartbeatingWork, modelEvaluations, shortCalls } from './activity-profiles';
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

const quick = proxyActivities<Activities>(shortCalls);

/** An undo step of the saga: what to call to take back one change to the world. */
type Compensation = () => Promise<unknown>;

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
   * the policy hands it to the approvers (`toApprovers`); a gate the pipeline itself found not to
   * apply goes on; anything else that is not a pass blocks.
   */
  record(result: GateResult, toApprovers = false): boolean {
    this.status.gates.push(result);
    if (result.verdict === 'pass' || result.verdict === 'not_applicable' || (result.verdict === 'inconclusive' && toApprovers)) return true;
    this.status.blockedBy ??= result.gate;
    return false;
  }

  /**
   * Gates the policy requires that have not passed (or, like a first deployment's canary, do not
   * apply), apart from `still` (gates that run after this check and are judged by their own verdict).
   */
  missingGates(policy: Policy, still: string[] = []): string[] {
    return policy.requiredGates.filter(
      (gate) => !still.includes(gate) && !this.status.gates.some((g) => g.gate === gate && (g.verdict === 'pass' || g.verdict === 'not_applicable')),
    );
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
  // Runs recorded before the saga existed replay without it (workflows/README.md: `patched()`).
  const saga = patched('pipeline-saga');
  const compensations: Compensation[] = [];
  const unwind = () =>
    // Undoing must finish even when the run is being cancelled; the front of the list is the latest
    // change. An undo that fails is reported, and the ones after it still run.
    CancellationScope.nonCancellable(async () => {
      for (const undo of compensations.splice(0)) {
        await undo().catch((err: unknown) => run.status.warnings.push(`could not undo a step of this run: ${messageOf(err)}`));
      }
    });
  let outcome: Outcome;
  try {
    outcome = await runPipeline(request, run, compensations);
  } catch (err) {
    if (!saga) throw err;
    // An unexpected failure (an activity out of retries, a cancellation) never deploys: undo, report, rethrow.
    await unwind();
    run.status.warnings.push(`the run failed before a verdict: ${messageOf(err)}`);
    await CancellationScope.nonCancellable(() => run.finish('failed'));
    throw err;
  }
  if (outcome !== 'deployed' && saga) await unwind();
  return run.finish(outcome);
}

function messageOf(err: unknown): string {
  // An activity's failure wraps the activity's own error, whose message says what went wrong.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

/** The steps of DESIGN §3; each change to the world pushes its undo onto the front of `compensations`. */
async function runPipeline(request: PipelineRequest, run: PipelineRun, compensations: Compensation[]): Promise<Outcome> {
  const desk = new ApprovalDesk(run.status);

  run.enter('policy');
  const policyCheck = await quick.verifyPolicy({
    policyPath: request.policyPath,
    policySignaturePath: request.policySignaturePath,
    environment: request.environment,
    request, // its requester's signature is checked against the policy (issue 16)
  });
  run.status.policyDigest = policyCheck.digest;
  if (!run.record(policyCheck.result) || !policyCheck.policy || !policyCheck.digest) return 'blocked';
  const policy = policyCheck.policy;

  run.enter('integrity');
  const hashing = proxyActivities<Activities>(heartbeatingWork(policy.execution.heartbeatTimeoutSeconds));
  const integrity = await hashing.checkIntegrity({ artifactPath: request.artifactPath, signaturePath: request.signaturePath });
  run.status.artifactRootDigest = integrity.rootDigest;
  if (!run.record(integrity.result) || !integrity.rootDigest) return 'blocked';
  const rootDigest = integrity.rootDigest;

  run.enter('provenance');
  const provenance = await quick.checkProvenance({
    signaturePath: request.signaturePath,
    rootDigest,
    trustedModelKeys: policy.trustedModelKeys,
    revokedModelKeyIds: policy.revokedModelKeyIds,
    modelName: request.model.name, // the signed statement must name it (issue 16)
  });
  if (!run.record(provenance.result)) return 'blocked';

  run.enter('stage');
  if (!request.endpoint) {
    // Pushed before the call: a load that happened before a failure is unloaded too (unloading is idempotent).
    compensations.unshift(() => quick.unstageCandidate({ model: request.model, artifactRootDigest: rootDigest }));
  }
  const staged = await quick.stageCandidate({
    model: request.model,
    artifactPath: request.artifactPath,
    artifactRootDigest: rootDigest,
    endpoint: request.endpoint ?? null,
    allowUnverifiedEndpoint: policy.evaluation.allowUnverifiedEndpoints,
  });
  if (staged.problem || !staged.kind) {
    run.record({ gate: 'provenance', verdict: 'fail', reasons: [staged.problem ?? 'the staged model\'s kind is unknown (fail closed)'], metrics: {} });
    return 'blocked';
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
      return 'blocked';
    }
    run.status.gates.find((g) => g.gate === 'provenance')?.reasons.push(...changeType.result.reasons);
  }

  // The evaluation gates run side by side; each verdict is recorded before any of them blocks,
  // so one failure never hides another gate's result. An inconclusive verdict blocks unless the
  // policy hands it to the approvers and there is an approval stage (DESIGN §3).
  run.enter('evaluation');
  const evaluationQueue = evalTaskQueueFor(workflowInfo().taskQueue);
  const evaluations = proxyActivities<Activities>(modelEvaluations(evaluationQueue, policy.execution.heartbeatTimeoutSeconds));
  const common = {
    workflowId: run.status.workflowId,
    runId: workflowInfo().runId,
    policyPath: request.policyPath,
    evaluation: policy.evaluation,
    candidateUrl: staged.backendUrl,
    baselineUrl: baseline?.backendUrl ?? null,
  };
  const evaluate = async (planned: PlannedGate): Promise<GateResult> => {
    if (planned.action === 'decided') return planned.result;
    if (planned.gate === 'safety' && policy.gates.safety) {
      // One activity, or `evaluation.shards` of them spread over the eval workers and then one judge.
      const judge = proxyActivities<Activities>(evaluationJudgements(evaluationQueue));
      return (await runSafety({ evaluate: evaluations, judge }, { ...common, safety: policy.gates.safety })).result;
    }
    if (planned.gate === 'regression' && policy.gates.regression) return (await evaluations.runRegressionGate({ ...common, regression: policy.gates.regression })).result;
    if (planned.gate === 'bias' && policy.gates.bias) return (await evaluations.runBiasGate({ ...common, bias: policy.gates.bias, modelKind: kind })).result;
    return { gate: planned.gate, verdict: 'fail', reasons: [`the policy has no gates.${planned.gate} section to evaluate (fail closed)`], metrics: {} };
  };
  const plan = evaluationPlan(policy, kind);
  const results = await Promise.all(plan.map(evaluate));
  const verdicts = results.map((result, i) => run.record(result, plan[i]!.action === 'evaluate' && plan[i]!.toApprovers));
  if (verdicts.includes(false)) return 'blocked';

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
      return approval.status === 'rejected' ? 'rejected' : 'expired';
    }
    approvers.push(...approval.approvedBy);
  }

  if (staged.warning) {
    // Results from an unverified endpoint are reported, but nothing unverified reaches users.
    run.record({ gate: 'provenance', verdict: 'fail', reasons: ['the candidate was evaluated on an unverified endpoint: it cannot be promoted'], metrics: {} });
    return 'blocked';
  }

  const canaryRuns = policy.canary !== undefined && policy.approval !== undefined && baseline !== null;
  if (policy.canary && policy.approval && !baseline) {
    const reason = 'first deployment: there is no stable version to compare a canary with';
    run.status.canary = { outcome: 'not_applicable', reason, intervalsJudged: 0, failures: 0 };
    run.status.gates.push({ gate: 'canary', verdict: 'not_applicable', reasons: [reason], metrics: {} });
  }
  // Before any user sees the candidate: a policy that requires a gate this pipeline has not run can
  // never be satisfied (fail closed). The canary, when it runs, is judged by its own verdict.
  const missing = run.missingGates(policy, canaryRuns ? ['canary'] : []);
  if (missing.length > 0) {
    run.record({ gate: 'policy', verdict: 'fail', reasons: [`the policy requires ${missing.join(', ')}, which this pipeline has not run`], metrics: {} });
    return 'blocked';
  }

  const route = {
    workflowId: run.status.workflowId,
    runId: workflowInfo().runId,
    model: request.model,
    kind,
    environment: request.environment,
    // Routing only ever points at the model host's own deployment of the verified artifact.
    backendUrl: staged.servingUrl ?? staged.backendUrl,
    artifactRootDigest: rootDigest,
    policyDigest: policyCheck.digest,
    approvers,
    ttlSeconds: policy.attestation.ttlSeconds,
  };
  const gates = () => run.attestedGates(report.digest);
  if (canaryRuns && policy.canary && policy.approval) {
    // The canary is a child workflow that undoes its own traffic shift when it fails or is aborted;
    // a completed canary leaves its share in place until promotion, so that share is undone here.
    run.enter('canary');
    const pipeline = { workflowId: workflowInfo().workflowId, runId: workflowInfo().runId };
    const canaryInput = { route: { ...route, gates: gates() }, plan: policy.canary, operators: policy.approval };
    const canary = await executeChild(canaryRollout, { workflowId: `${run.status.workflowId}-canary`, args: [canaryInput] }).catch(async (err: unknown) => {
      // A canary that ended without its own rollback (terminated, timed out) leaves its weight:
      // the pipeline takes it back to 0 itself before failing (issue 16).
      if (!patched('canary-terminated-rollback')) throw err;
      await quick.setCanaryWeight({ ...canaryInput.route, pipeline, weight: 0, issuedAt: new Date(Date.now()).toISOString(), nonce: uuid4() });
      const reason = `the canary ended without finishing (${(err as Error).message}): its traffic was returned to stable`;
      return { outcome: 'rolled_back' as const, reason, state: { intervalsJudged: 0, failures: 0 } };
    });
    if (canary.outcome === 'completed') {
      compensations.unshift(() => quick.setCanaryWeight({ ...route, gates: gates(), pipeline, weight: 0, issuedAt: new Date(Date.now()).toISOString(), nonce: uuid4() }));
    }
    run.status.canary = { outcome: canary.outcome, reason: canary.reason, intervalsJudged: canary.state.intervalsJudged, failures: canary.state.failures };
    const passed = run.record({ gate: 'canary', verdict: canary.outcome === 'completed' ? 'pass' : 'fail', reasons: [canary.reason], metrics: { intervals: canary.state.intervalsJudged, failures: canary.state.failures } });
    if (!passed) return canary.outcome === 'aborted' ? 'aborted' : 'rolled_back';
  }

  run.enter('promote');
  await quick.promote({
    ...route,
    gates: gates(),
    // Workflow time and random are deterministic, so a retried promotion signs the same attestation.
    issuedAt: new Date(Date.now()).toISOString(),
    nonce: uuid4(),
  });
  return 'deployed';
}
