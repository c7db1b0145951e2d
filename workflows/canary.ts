/**
 * canaryRollout: a child workflow of the pipeline (DESIGN §5.7). Step by step it gives the candidate
 * a share of real traffic, judges every interval from the gateway's own measurements, and on any
 * failure, abort or cancellation undoes the traffic shift in a non-cancellable scope (compensation).
 * Long bakes continue-as-new with their state, so the history stays bounded.
 *
 * Every weight above 0 holds at the gateway for the plan's lease only; the canary renews it (a new
 * signed weight, checked against its judged intervals) after each judged interval, so a canary that
 * is terminated or lost falls back to stable at the gateway by itself within one lease.
 *
 * The run's state lives in one `CanaryRun` object whose handlers and main loop share it, as in
 * Temporal's safe-message-handlers sample.
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
  patched,
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

/** Patch marker: runs from before leases never renewed a weight; their replay must not either. */
export const LEASE_RENEWAL_PATCH = 'canary-lease-renewal';

export async function canaryRollout(input: CanaryInput): Promise<CanaryResult> {
  // Only a deployment pipeline may run a canary: the server sets `parent`, a client cannot. Every
  // weight is signed for that parent run, from its evidence; the input's claims move no traffic.
  const pipeline = workflowInfo().parent;
  if (!pipeline || workflowInfo().workflowId !== `${pipeline.workflowId}-canary`) {
    throw ApplicationFailure.nonRetryable('canaryRollout runs only as the canary child of a deploymentPipeline run; nothing was routed', 'CanaryRefused');
  }
  const canary = new CanaryRun(input, { workflowId: pipeline.workflowId, runId: pipeline.runId });
  canary.installHandlers();
  return canary.run();
}

/** One canary run's state (carried over continue-as-new), its message handlers and its main loop. */
class CanaryRun {
  private state: CanaryJudgeState;
  private weight: number;
  private aborted: string | null;
  private lastReason: string | null;
  /** Operator commands accepted in this run: a pause or resume restarts the interval being watched. */
  private changes = 0;
  /** Accepted commands' nonces, kept until the command would have expired anyway (bounded). */
  private nonces: Array<{ nonce: string; expiresAtMs: number }>;

  constructor(
    private readonly input: CanaryInput,
    private readonly parent: { workflowId: string; runId: string },
  ) {
    this.state = input.carried?.state ?? initialCanaryState();
    this.weight = input.carried?.weight ?? 0;
    this.aborted = input.carried?.aborted ?? null;
    this.lastReason = this.state.reason;
    this.nonces = input.carried?.nonces ?? [];
  }

  installHandlers(): void {
    setHandler(canaryStatusQuery, () => ({ state: this.state, weight: this.weight, lastReason: this.lastReason }));
    // Operators steer the canary with signed commands; abort wins over everything.
    setHandler(canaryCommandUpdate, (update) => this.command(update), { validator: ({ envelope }) => void canaryCommandEnvelopeSchema.parse(envelope) });
  }

  private async command({ envelope }: { envelope: CanaryCommandEnvelope }): Promise<{ accepted: true; status: string }> {
    const { parent } = this;
    const checked = await io.verifyCanaryCommandSubmission({ envelope, operators: this.input.operators });
    if (!checked.ok) throw ApplicationFailure.nonRetryable(checked.reason, 'CanaryCommandRefused');
    const { command, operator, reason } = checked.command;
    if (checked.command.workflowId !== parent.workflowId || checked.command.runId !== parent.runId) {
      throw ApplicationFailure.nonRetryable(`the command is for ${checked.command.workflowId} run ${checked.command.runId}, not ${parent.workflowId} run ${parent.runId}`, 'CanaryCommandRefused');
    }
    const expiresAtMs = Date.parse(checked.command.expiresAt);
    if (!(expiresAtMs > Date.now()) || expiresAtMs - Date.parse(checked.command.signedAt) > MAX_COMMAND_LIFETIME_SECONDS * 1000) {
      throw ApplicationFailure.nonRetryable(`the command expired at ${checked.command.expiresAt} (or was signed to live longer than ${MAX_COMMAND_LIFETIME_SECONDS}s)`, 'CanaryCommandRefused');
    }
    this.nonces = this.nonces.filter((n) => n.expiresAtMs > Date.now());
    if (this.nonces.some((n) => n.nonce === checked.command.nonce)) {
      throw ApplicationFailure.nonRetryable(`the command with nonce ${checked.command.nonce} was already accepted: a replay changes nothing`, 'CanaryCommandRefused');
    }
    this.nonces.push({ nonce: checked.command.nonce, expiresAtMs });
    const why = `${command} by ${operator}${reason ? `: ${reason}` : ''}`;
    if (command === 'abort') {
      this.aborted = why;
      this.state = abortCanary(this.state, why);
    } else if (command === 'pause') {
      if (this.state.status === 'running') this.state = { ...this.state, status: 'paused', reason: why };
    } else {
      this.state = resumeCanary(this.state);
    }
    this.lastReason = why;
    this.changes += 1;
    return { accepted: true, status: this.state.status };
  }

  /** Signs and hands the gateway a canary weight (with a fresh lease when above 0). */
  private route(weight: number): Promise<unknown> {
    return io.setCanaryWeight({ ...this.input.route, pipeline: this.parent, weight, issuedAt: new Date(Date.now()).toISOString(), nonce: uuid4() });
  }

  private async rollback(reason: string): Promise<void> {
    // Compensation must finish even when the run is being cancelled.
    await CancellationScope.nonCancellable(async () => {
      await this.route(0);
      this.weight = 0;
    });
    this.lastReason = reason;
  }

  private live(): boolean {
    return this.state.status === 'running' || this.state.status === 'paused';
  }

  async run(): Promise<CanaryResult> {
    const { input } = this;
    const { plan } = input;
    try {
      let judgedThisRun = 0;
      while (this.live()) {
        const step = currentStep(this.state, plan);
        if (step && step.weight !== this.weight && this.state.status === 'running') {
          await this.route(step.weight);
          this.weight = step.weight;
        }
        const sinceMs = Date.now();
        const seen = this.changes;
        await condition(() => this.aborted !== null || this.changes !== seen, plan.analysisIntervalSeconds * 1000);
        if (this.aborted !== null) break;
        if (this.changes !== seen && Date.now() - sinceMs < plan.analysisIntervalSeconds * 1000) continue; // a pause/resume restarts the interval
        const score = await io.judgeCanaryInterval({
          pipeline: this.parent,
          interval: this.state.intervalsJudged + 1,
          model: input.route.model.name,
          artifactRootDigest: input.route.artifactRootDigest,
          sinceMs,
          untilMs: Date.now(),
          plan,
          seed: `${workflowInfo().workflowId}:${this.state.intervalsJudged}`,
        });
        const decision = decideInterval(score, this.state, plan);
        this.state = decision.state;
        this.lastReason = decision.reason;
        judgedThisRun += 1;
        await this.renewLease();
        if (judgedThisRun >= (input.intervalsPerRun ?? input.plan.intervalsPerRun ?? 200) && this.live()) {
          await condition(allHandlersFinished);
          await continueAsNew<typeof canaryRollout>({ ...input, carried: { state: this.state, weight: this.weight, aborted: this.aborted, nonces: this.nonces } });
        }
      }
    } catch (err) {
      // continueAsNew ends this run by throwing: the canary goes on in the next run, untouched.
      if (err instanceof ContinueAsNew) throw err;
      if (isCancellation(err)) {
        await this.rollback('the run was cancelled: traffic returned to stable');
        throw err;
      }
      await this.rollback(`the canary failed: ${(err as Error).message}`);
      throw err;
    }

    if (this.aborted !== null) {
      await this.rollback(this.aborted);
      return { outcome: 'aborted', reason: this.aborted, state: this.state };
    }
    if (this.state.status === 'completed') return { outcome: 'completed', reason: this.state.reason ?? 'completed', state: this.state };
    const reason = this.state.reason ?? this.lastReason ?? 'the canary was rolled back';
    await this.rollback(reason);
    return { outcome: 'rolled_back', reason, state: this.state };
  }

  /**
   * After a judged interval that keeps the canary at its weight (running or paused, no step change
   * due), the same weight is signed again with a fresh lease: the signing activity checks the judged
   * intervals still allow it. A step change or the end of the canary signs its own weight instead.
   */
  private async renewLease(): Promise<void> {
    if (this.weight <= 0 || !this.live()) return;
    const step = currentStep(this.state, this.input.plan);
    if (this.state.status === 'running' && step && step.weight !== this.weight) return;
    if (!patched(LEASE_RENEWAL_PATCH)) return;
    await this.route(this.weight);
  }
}
