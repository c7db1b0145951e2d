/**
 * Canary measurements: both slots' interval data read from the GATEWAY (never from a backend's own
 * numbers, DESIGN §6) and judged with the pure Kayenta-style judge; operator commands checked against
 * the policy's keys. A gateway that cannot be read yields an interval whose metrics are `Error`.
 */
import type { ApprovalPolicySection } from '../src/approval/policy';
import type { CanaryCommand } from '../src/canary/command-schema';
import { verifyCanaryCommand } from '../src/canary/command';
import { IntervalScore, judgeInterval } from '../src/canary/judge';
import { collectionFailed, intervalData, slotMetricsReportSchema } from '../src/canary/measurements';
import type { CanaryPlan } from '../src/canary/plan';
import { describeZodError } from '../src/errors';
import { parseEnvelope } from '../src/signing/dsse';
import { ActivityDeps, currentRun, evidenceStore, runLogger } from './context';
import { RECORD } from '../src/evidence/records';
import type { RunBinding } from '../src/evidence/store';
import { fetchGatewayAdmin } from '../src/serving/admin-client';

export interface JudgeIntervalInput {
  /** The pipeline run whose canary this is (`workflowInfo().parent`): the judged interval is stored as its evidence. */
  pipeline: RunBinding;
  /** 1-based number of this interval over the whole canary. */
  interval: number;
  model: string;
  /**
   * The candidate's root digest: only the canary slot's measurements of this very artifact are read,
   * never those of an earlier canary of the model. Absent in runs scheduled before it existed.
   */
  artifactRootDigest?: string;
  sinceMs: number;
  untilMs: number;
  plan: CanaryPlan;
  /** Seeds the down-sampling of latency samples, so a retried judgement is the same judgement. */
  seed: string;
}

export function canaryActivities(deps: ActivityDeps) {
  return {
    async judgeCanaryInterval(input: JudgeIntervalInput): Promise<IntervalScore & { requests: { stable: number; canary: number } }> {
      const log = runLogger(deps, 'judgeCanaryInterval');
      const path = `/admin/v1/metrics?model=${encodeURIComponent(input.model)}&since=${new Date(input.sinceMs).toISOString()}&until=${new Date(input.untilMs).toISOString()}${input.artifactRootDigest ? `&canaryDigest=${input.artifactRootDigest}` : ''}`;
      let stable;
      let canary;
      try {
        const response = await fetchGatewayAdmin(deps.config, path, { signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const parsed = slotMetricsReportSchema.safeParse(await response.json());
        if (!parsed.success) throw new Error(`not a metrics report: ${describeZodError(parsed.error)}`);
        stable = intervalData(parsed.data.slots.stable, { seed: `${input.seed}:stable` });
        canary = intervalData(parsed.data.slots.canary, { seed: `${input.seed}:canary` });
      } catch (err) {
        // Unlike Kayenta, a metric that could not be collected counts against the canary.
        const reason = `the gateway's metrics could not be read: ${(err as Error).message}`;
        stable = collectionFailed(reason);
        canary = collectionFailed(reason);
      }
      const score = judgeInterval(input.plan, stable, canary);
      // The canary's own interval records: what the signers count before a higher weight or promotion.
      const run = currentRun();
      if (run && run.workflowId === `${input.pipeline.workflowId}-canary`) {
        evidenceStore(deps).put(input.pipeline, RECORD.interval(input.interval), {
          interval: input.interval,
          score: score.score,
          criticalFailure: score.criticalFailure,
          collectionError: score.collectionError,
          canaryWorkflowId: run.workflowId,
        });
      }
      log.info({ score: score.score, stable: stable.requests, canary: canary.requests, criticalFailure: score.criticalFailure }, 'canary interval judged');
      return { ...score, requests: { stable: stable.requests, canary: canary.requests } };
    },

    async verifyCanaryCommandSubmission(input: { envelope: unknown; operators: ApprovalPolicySection }): Promise<{ ok: true; command: CanaryCommand } | { ok: false; reason: string }> {
      try {
        return verifyCanaryCommand(parseEnvelope(input.envelope, 'canary command'), input.operators);
      } catch (err) {
        return { ok: false, reason: (err as Error).message };
      }
    },
  };
}
