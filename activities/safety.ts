/**
 * Safety gate (DESIGN §5.4): measure (run the pinned, mutated suite against the staged candidate and
 * the stable baseline, raw answers stored), classify (rule judges per item), then the pure verdict
 * in src/gates/safety.ts. Runs on the evaluation task queue; heartbeats progress and resumes from its
 * checkpoint when retried.
 */
import { Context } from '@temporalio/activity';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../src/errors';
import { createOpenAiChatAdapter } from '../src/eval/adapters/openai-chat';
import type { ModelAnswer } from '../src/eval/adapters/types';
import { loadJsonlDataset } from '../src/eval/datasets/jsonl';
import { safetyItemSchema, SafetyItem } from '../src/eval/datasets/items';
import { readResponses, runEvaluation } from '../src/eval/runner';
import { buildSafetySuite, checkSuiteCoverage, judgeSafetyResponse, safetyItemMessages, toPerItemOutcome } from '../src/eval/safety/outcomes';
import { createLlmJudge, toCombinedOutcome } from '../src/eval/safety/llm-judge';
import { judgeSafety, PerItemOutcome } from '../src/gates/safety';
import type { SafetyPolicy } from '../src/gates/safety-policy';
import type { EvaluationSettings } from '../src/policy/schema';
import type { GateResult } from '../src/pipeline-types';
import { putJson } from '../src/store/result-store';
import { ActivityDeps, runLogger } from './context';

export interface SafetyGateInput {
  workflowId: string;
  runId: string;
  /** The verified policy's path: the dataset path in its safety section is relative to it. */
  policyPath: string;
  safety: SafetyPolicy;
  evaluation: EvaluationSettings;
  candidateUrl: string;
  baselineUrl: string | null;
}

function answerText(answer: ModelAnswer): string | null {
  return answer.ok ? answer.text : null;
}

export function safetyActivities(deps: ActivityDeps) {
  return {
    async runSafetyGate(input: SafetyGateInput): Promise<{ result: GateResult }> {
      const log = runLogger(deps, 'runSafetyGate');
      const fail = (reason: string): { result: GateResult } => ({ result: { gate: 'safety', verdict: 'fail', reasons: [reason], metrics: {} } });

      // The suite: pinned by digest, with a minimum count per category (evaluation data poisoning).
      const datasetPath = resolve(dirname(input.policyPath), input.safety.dataset.path);
      let dataset;
      try {
        dataset = await loadJsonlDataset(datasetPath, safetyItemSchema);
      } catch (err) {
        if (err instanceof InputError) return fail(err.message);
        throw err;
      }
      if (dataset.sha256 !== input.safety.dataset.sha256) {
        return fail(`${datasetPath} has sha256 ${dataset.sha256}, but the signed policy pins ${input.safety.dataset.sha256}: the suite was changed`);
      }
      const suite = buildSafetySuite(dataset.items, input.safety);
      const coverage = checkSuiteCoverage(suite, input.safety.dataset.minItemsPerCategory);
      if (coverage.length > 0) return fail(`the safety suite is incomplete: ${coverage.join('; ')}`);

      // Measure: candidate and baseline on the same items, interleaved; answers stored as JSONL.
      const timeoutMs = input.evaluation.requestTimeoutSeconds * 1000;
      const candidate = createOpenAiChatAdapter({ baseUrl: input.candidateUrl, timeoutMs, maxRetries: 3, connections: input.evaluation.concurrency });
      const baseline = input.baselineUrl
        ? createOpenAiChatAdapter({ baseUrl: input.baselineUrl, timeoutMs, maxRetries: 3, connections: input.evaluation.concurrency })
        : null;
      const context = Context.current();
      const outputDir = join(deps.config.dataDir, 'runs', input.workflowId, input.runId, 'safety');
      let run;
      try {
        run = await runEvaluation({
          items: suite,
          targets: [
            { name: 'candidate' as const, call: (item: SafetyItem) => candidate.chat({ messages: safetyItemMessages(item) }) },
            ...(baseline ? [{ name: 'baseline' as const, call: (item: SafetyItem) => baseline.chat({ messages: safetyItemMessages(item) }) }] : []),
          ],
          concurrency: input.evaluation.concurrency,
          checkpointEvery: input.evaluation.checkpointEvery,
          outputDir,
          onProgress: (p) => context.heartbeat({ gate: 'safety', done: p.done, total: p.total, resumed: p.resumed }),
          signal: context.cancellationSignal,
        });
      } finally {
        await candidate.close();
        await baseline?.close();
      }

      // Classify each answer with the rule judges, cross-checked by the LLM judge when the policy names
      // one: a disagreement goes to the reviewer and never counts as a pass.
      const judgeAdapter = input.safety.llmJudge
        ? createOpenAiChatAdapter({ baseUrl: input.safety.llmJudge.baseUrl, model: input.safety.llmJudge.model, timeoutMs: input.safety.llmJudge.timeoutSeconds * 1000, connections: input.evaluation.concurrency })
        : null;
      const llmJudge = judgeAdapter ? createLlmJudge({ chat: (messages) => judgeAdapter.chat({ messages }) }) : null;
      const byId = new Map(suite.map((item) => [item.id, item]));
      const outcomes: Record<'candidate' | 'baseline', PerItemOutcome[]> = { candidate: [], baseline: [] };
      try {
        for (const record of await readResponses(run.responsesPath)) {
          const item = byId.get(record.itemId);
          if (!item) continue;
          const text = answerText(record.answer);
          if (text === null) {
            const reason = `no answer from the model (${record.answer.ok ? '' : record.answer.error})`;
            outcomes[record.target].push(toPerItemOutcome(item, { passed: false, behaviour: 'complied', reason }));
            continue;
          }
          const rule = judgeSafetyResponse(item, text, { canarySecrets: input.safety.canarySecrets });
          const judged = llmJudge && record.target === 'candidate' ? toCombinedOutcome(item, rule, await llmJudge.judge(item, text)) : toPerItemOutcome(item, rule);
          outcomes[record.target].push(judged);
        }
      } finally {
        await judgeAdapter?.close();
      }

      const { result, summary } = judgeSafety({ candidate: outcomes.candidate, baseline: baseline ? outcomes.baseline : null }, input.safety);
      const reportRef = putJson(deps.config.dataDir, {
        gate: 'safety',
        dataset: { path: datasetPath, sha256: dataset.sha256, items: dataset.items.length, suiteItems: suite.length },
        responses: { path: run.responsesPath, sha256: run.responsesDigest },
        summary,
        outcomes,
      });
      log.info({ verdict: result.verdict, items: suite.length, calls: run.calls, resumed: run.resumed }, 'safety gate judged');
      return { result: { ...result, reportRef } };
    },
  };
}
