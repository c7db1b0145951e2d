/**
 * Performance regression gate (DESIGN §5.3): measure (the pinned suite answered by the staged
 * candidate and the stable baseline, k runs, raw answers stored; throughput runs at the target
 * concurrency; each backend's peak memory), then the pure verdict in src/gates/regression.ts, seeded
 * with the run id so the report is reproducible. Runs on the evaluation task queue; heartbeats its
 * progress and resumes the evaluations from their checkpoints when retried (the throughput runs and
 * the memory reading are repeated: they are measurements of now).
 */
import { Context } from '@temporalio/activity';
import { dirname, resolve } from 'node:path';
import { InputError } from '../src/errors';
import { loadJsonlDataset } from '../src/eval/datasets/jsonl';
import { regressionItemSchema } from '../src/eval/datasets/items';
import { checkRegressionCoverage, measureRegression } from '../src/eval/regression';
import { judgeRegressionOffThread } from '../src/threads/regression-off-thread';
import type { RegressionPolicy } from '../src/policy/sections/regression';
import type { EvaluationSettings } from '../src/policy/schema';
import type { GateResult } from '../src/pipeline-types';
import { putJson } from '../src/store/result-store';
import type { RegressionReportInput } from '../src/gates/regression-report';
import { checkpointHeartbeat } from './checkpoint-heartbeat';
import { runOutputDir } from './run-dir';
import { ActivityDeps, runLogger } from './context';

export interface RegressionGateInput {
  workflowId: string;
  runId: string;
  /** The verified policy's path: the dataset path in its regression section is relative to it. */
  policyPath: string;
  regression: RegressionPolicy;
  evaluation: EvaluationSettings;
  candidateUrl: string;
  /** The stable version's backend; null on a first deployment (absolute bounds only). */
  baselineUrl: string | null;
  /** The `model` field the candidate's endpoint wants (servers such as Ollama or vLLM route by it); none: not sent. */
  candidateModel?: string | null;
  baselineModel?: string | null;
}

export function regressionActivities(deps: ActivityDeps) {
  return {
    async runRegressionGate(input: RegressionGateInput): Promise<{ result: GateResult }> {
      const log = runLogger(deps, 'runRegressionGate');
      const fail = (reason: string): { result: GateResult } => ({ result: { gate: 'regression', verdict: 'fail', reasons: [reason], metrics: {} } });

      // The suite: pinned by digest, with a minimum count per capability (evaluation data poisoning).
      const datasetPath = resolve(dirname(input.policyPath), input.regression.dataset.path);
      let dataset;
      try {
        dataset = await loadJsonlDataset(datasetPath, regressionItemSchema);
      } catch (err) {
        if (err instanceof InputError) return fail(err.message);
        throw err;
      }
      if (dataset.sha256 !== input.regression.dataset.sha256) {
        return fail(`${datasetPath} has sha256 ${dataset.sha256}, but the signed policy pins ${input.regression.dataset.sha256}: the suite was changed`);
      }
      const coverage = checkRegressionCoverage(dataset.items, input.regression);
      if (coverage.length > 0) return fail(`the regression suite is incomplete: ${coverage.join('; ')}`);

      // Measure: quality and latency (k runs), throughput, memory.
      const context = Context.current();
      const beat = checkpointHeartbeat(context);
      const outputDir = runOutputDir(deps.config.dataDir, input.workflowId, input.runId, 'regression');
      const measured = await measureRegression({
        items: dataset.items,
        policy: input.regression,
        evaluation: input.evaluation,
        candidateUrl: input.candidateUrl,
        baselineUrl: input.baselineUrl,
        candidateModel: input.candidateModel,
        baselineModel: input.baselineModel,
        outputDir,
        pins: beat.pins,
        onProgress: (progress) => beat.heartbeat({ gate: 'regression', ...progress }),
        signal: context.cancellationSignal,
      });

      // Judge (pure), seeded with the run id; off this thread, so the gates beside it keep evaluating.
      const { result, summary } = await judgeRegressionOffThread(measured.measurements, input.regression, input.runId);
      const report: RegressionReportInput = {
        gate: 'regression',
        dataset: { path: datasetPath, sha256: dataset.sha256, items: dataset.items.length },
        evaluations: measured.evaluations.map(({ responsesPath, responsesDigest }, run) => ({ run, path: responsesPath, sha256: responsesDigest })),
        throughputWindowsMs: measured.throughputWindowsMs,
        summary,
      };
      const reportRef = putJson(deps.config.dataDir, report);
      log.info(
        { verdict: result.verdict, items: dataset.items.length, runs: input.regression.runs, calls: measured.evaluations.reduce((sum, e) => sum + e.calls, 0) },
        'regression gate judged',
      );
      return { result: { ...result, reportRef } };
    },
  };
}
