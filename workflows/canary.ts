/**
 * canaryRollout: a child workflow of the pipeline (DESIGN §5.7). Step by step it gives the candidate
 * a share of real traffic, judges every interval from the gateway's own measurements, and on any
 * failure, abort or cancellation undoes the traffic shift in a non-cancellable scope (compensation).
 * Long bakes continue-as-new with their state, so the history stays bounded.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  ContinueAsNew,
  defineQuery,
  defineUpdate,
  isCancellation,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PromoteInput } from '../activities/serving';
import type { ApprovalPolicySection } from '../src/approval/policy';
import { canaryCommandEnvelopeSchema, CanaryCommandEnvelope, MAX_COMMAND_LIFETIME_SECONDS } from '../src/canary/command-schema';
import { abortCanary, CanaryJudgeState, currentStep, decideInterval, initialCanaryState, resumeCanary } from '../src/canary/judge';
import type { CanaryPlan } from '../src/canary/plan';

export interface CanaryInput {
  /** Everything an attestation needs, except slot, weight, time and nonce. */
  route: Omit<PromoteInput, 'issuedAt' | 'nonce'>;
  plan: CanaryPlan;
  operators: ApprovalPolicySection;
  /** Carried over continue-as-new (with the accepted commands' nonces, until they expire). */
  carried?: { state: CanaryJudgeState; weight: number; aborted: string | null; nonces?: Array<{ nonce: string; expiresAtMs: number }> };
  /** Intervals judged per run before continuing as new (keeps the history bounded). */
  intervalsPerRun?: number;
}

export interface CanaryView {
  state: CanaryJudgeState;
  weight: number;
  lastReason: string | null;
}

export interface CanaryResult {
  outcome: 'completed' | 'rolled_back' | 'aborted';
  reason: string;
  state: CanaryJudgeState;
}

export const canaryStatusQuery = defineQuery<CanaryView>('canaryStatus');
export const canaryCommandUpdate = defineUpdate<{ accepted: true; status: string }, [{ envelope: CanaryCommandEnvelope }]>('canaryCommand');

const io = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 30 },
});

export async function canaryRollout(input: CanaryInput): Promise<CanaryResult> {
  const { plan } = input;
  // Only a deployment pipeline may run a canary: the server sets `parent`, a client cannot. Every
  // weight is signed for that parent run, from its evidence; the input's claims move no traffic.
  const pipeline = workflowInfo().parent;
  if (!pipeline || workflowInfo().workflowId !== `${pipeline.workflowId}-canary`) {
    throw ApplicationFailure.nonRetryable('canaryRollout runs only as the canary child of a deploymentPipeline run; nothing was routed', 'CanaryRefused');
  }
  const parent = { workflowId: pipeline.workflowId, runId: pipeline.runId };
  let state = input.carried?.state ?? initialCanaryState();
  let weight = input.carried?.weight ?? 0;
  let aborted: string | null = input.carried?.aborted ?? null;
  let lastReason: string | null = state.reason;
  let changes = 0;
  // Accepted commands' nonces, kept until the command would have expired anyway (bounded).
  let nonces = input.carried?.nonces ?? [];
  setHandler(canaryStatusQuery, () => ({ state, weight, lastReason }));

  // Operators steer the canary with signed commands; abort wins over everything.
  setHandler(
    canaryCommandUpdate,
    async ({ envelope }) => {
      const checked = await io.verifyCanaryCommandSubmission({ envelope, operators: input.operators });
      if (!checked.ok) throw ApplicationFailure.nonRetryable(checked.reason, 'CanaryCommandRefused');
      const { command, operator, reason } = checked.command;
      if (checked.command.workflowId !== parent.workflowId || checked.command.runId !== parent.runId) {
        throw ApplicationFailure.nonRetryable(`the command is for ${checked.command.workflowId} run ${checked.command.runId}, not ${parent.workflowId} run ${parent.runId}`, 'CanaryCommandRefused');
      }
      const expiresAtMs = Date.parse(checked.command.expiresAt);
      if (!(expiresAtMs > Date.now()) || expiresAtMs - Date.parse(checked.command.signedAt) > MAX_COMMAND_LIFETIME_SECONDS * 1000) {
        throw ApplicationFailure.nonRetryable(`the command expired at ${checked.command.expiresAt} (or was signed to live longer than ${MAX_COMMAND_LIFETIME_SECONDS}s)`, 'CanaryCommandRefused');
      }
      nonces = nonces.filter((n) => n.expiresAtMs > Date.now());
      if (nonces.some((n) => n.nonce === checked.command.nonce)) {
        throw ApplicationFailure.nonRetryable(`the command with nonce ${checked.command.nonce} was already accepted: a replay changes nothing`, 'CanaryCommandRefused');
      }
      nonces.push({ nonce: checked.command.nonce, expiresAtMs });
      const why = `${command} by ${operator}${reason ? `: ${reason}` : ''}`;
      if (command === 'abort') {
        aborted = why;
        state = abortCanary(state, why);
      } else if (command === 'pause') {
        if (state.status === 'running') state = { ...state, status: 'paused', reason: why };
      } else {
        state = resumeCanary(state);
      }
      lastReason = why;
      changes += 1;
      return { accepted: true, status: state.status };
    },
    { validator: ({ envelope }) => void canaryCommandEnvelopeSchema.parse(envelope) },
  );

  const route = (w: number) => io.setCanaryWeight({ ...input.route, pipeline: parent, weight: w, issuedAt: new Date(Date.now()).toISOString(), nonce: uuid4() });
  const rollback = async (reason: string) => {
    // Compensation must finish even when the run is being cancelled.
    await CancellationScope.nonCancellable(async () => {
      await route(0);
      weight = 0;
    });
    lastReason = reason;
  };

  try {
    let judgedThisRun = 0;
    while (state.status === 'running' || state.status === 'paused') {
      const step = currentStep(state, plan);
      if (step && step.weight !== weight && state.status === 'running') {
        await route(step.weight);
        weight = step.weight;
      }
      const sinceMs = Date.now();
      const seen = changes;
      await condition(() => aborted !== null || changes !== seen, plan.analysisIntervalSeconds * 1000);
      if (aborted !== null) break;
      if (changes !== seen && Date.now() - sinceMs < plan.analysisIntervalSeconds * 1000) continue; // a pause/resume restarts the interval
      const score = await io.judgeCanaryInterval({ pipeline: parent, interval: state.intervalsJudged + 1, model: input.route.model.name, sinceMs, untilMs: Date.now(), plan, seed: `${workflowInfo().workflowId}:${state.intervalsJudged}` });
      const decision = decideInterval(score, state, plan);
      state = decision.state;
      lastReason = decision.reason;
      judgedThisRun += 1;
      if (judgedThisRun >= (input.intervalsPerRun ?? input.plan.intervalsPerRun ?? 200) && (state.status === 'running' || state.status === 'paused')) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof canaryRollout>({ ...input, carried: { state, weight, aborted, nonces } });
      }
    }
  } catch (err) {
    // continueAsNew ends this run by throwing: the canary goes on in the next run, untouched.
    if (err instanceof ContinueAsNew) throw err;
    if (isCancellation(err)) {
      await rollback('the run was cancelled: traffic returned to stable');
      throw err;
    }
    await rollback(`the canary failed: ${(err as Error).message}`);
    throw err;
  }

  if (aborted !== null) {
    await rollback(aborted);
    return { outcome: 'aborted', reason: aborted, state };
  }
  if (state.status === 'completed') return { outcome: 'completed', reason: state.reason ?? 'completed', state };
  const reason = state.reason ?? lastReason ?? 'the canary was rolled back';
  await rollback(reason);
  return { outcome: 'rolled_back', reason, state };
}
