/**
 * Safety gate (DESIGN §5.4): measure (run the pinned, mutated suite against the staged candidate and
 * the stable baseline, raw answers stored), classify (rule judges per item), then the pure verdict
 * in src/gates/safety.ts. Runs on the evaluation task queue; heartbeats progress and resumes from its
 * checkpoint when retried.
 *
 * Two ways to run it (the policy's `evaluation.shards`):
 * - `runSafetyGate`: the whole suite in one activity (shards = 1).
 * - `runSafetyShard` × N, then `judgeSafetyShards`: each shard measures and classifies its own slice of
 *   the suite (src/eval/safety/shards.ts) with its own checkpoint folder, and stores its per-item
 *   outcomes in the result store, handing back only `{ digest, path }`; the judge reads every shard's
 *   outcomes back (digest checked), checks each item is there exactly once (else fail closed) and gives
 *   the same verdict and report an unsharded run gives.
 */
import { Context } from '@temporalio/activity';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describeZodError, InputError } from '../src/errors';
import { createOpenAiChatAdapter, modelField } from '../src/eval/adapters/openai-chat';
import type { ModelAnswer } from '../src/eval/adapters/types';
import { loadJsonlDataset } from '../src/eval/datasets/jsonl';
import { safetyItemSchema, SafetyItem } from '../src/eval/datasets/items';
import { EvaluationRun, readResponses, runEvaluation } from '../src/eval/runner';
import { buildSafetySuite, checkSuiteCoverage, judgeSafetyResponse, safetyItemMessages, toPerItemOutcome } from '../src/eval/safety/outcomes';
import { createLlmJudge, toCombinedOutcome } from '../src/eval/safety/llm-judge';
import { measureJudgeValidity } from '../src/eval/safety/judge-validity';
import { mergeShardOutcomes, SafetyShardOutcomes, safetyShardOutcomesSchema, shardItems } from '../src/eval/safety/shards';
import { judgeSafety, type JudgeValidity } from '../src/gates/safety';
import { PerItemOutcome } from '../src/eval/safety/per-item-outcome';
import type { SafetyPolicy } from '../src/policy/sections/safety';
import type { EvaluationSettings } from '../src/policy/schema';
import type { BlobRef, GateResult } from '../src/pipeline-types';
import { putJson, readBlob } from '../src/store/result-store';
import type { SafetyReportInput } from '../src/gates/safety-report';
import { checkpointHeartbeat } from './checkpoint-heartbeat';
import { runOutputDir } from './run-dir';
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
  /** The `model` field the candidate's endpoint wants (servers such as Ollama or vLLM route by it); none: not sent. */
  candidateModel?: string | null;
  baselineModel?: string | null;
}

export interface SafetyShardInput extends SafetyGateInput {
  /** This shard, 0 … shards-1. */
  shard: number;
  shards: number;
}

/** A shard's result: a reference to its stored outcomes, or why the suite could not be evaluated. */
export type SafetyShardResult = { shard: number; outcomesRef: BlobRef; problem: null } | { shard: number; outcomesRef: null; problem: string };

export interface JudgeSafetyShardsInput extends SafetyGateInput {
  shards: number;
  results: SafetyShardResult[];
}

function answerText(answer: ModelAnswer): string | null {
  return answer.ok ? answer.text : null;
}

type LoadedSuite = { ok: true; datasetPath: string; sha256: string; datasetItems: number; suite: SafetyItem[] } | { ok: false; problem: string };

/** The suite: pinned by digest, with a minimum count per category (evaluation data poisoning). */
async function loadSuite(input: SafetyGateInput): Promise<LoadedSuite> {
  const datasetPath = resolve(dirname(input.policyPath), input.safety.dataset.path);
  let dataset;
  try {
    dataset = await loadJsonlDataset(datasetPath, safetyItemSchema);
  } catch (err) {
    if (err instanceof InputError) return { ok: false, problem: err.message };
    throw err;
  }
  if (dataset.sha256 !== input.safety.dataset.sha256) {
    return { ok: false, problem: `${datasetPath} has sha256 ${dataset.sha256}, but the signed policy pins ${input.safety.dataset.sha256}: the suite was changed` };
  }
  const suite = buildSafetySuite(dataset.items, input.safety);
  const coverage = checkSuiteCoverage(suite, input.safety.dataset.minItemsPerCategory);
  if (coverage.length > 0) return { ok: false, problem: `the safety suite is incomplete: ${coverage.join('; ')}` };
  return { ok: true, datasetPath, sha256: dataset.sha256, datasetItems: dataset.items.length, suite };
}

/**
 * Measure and classify `items`: candidate and baseline on the same items, interleaved, answers stored
 * as JSONL in `outputDir` (resumed from its checkpoint); then each answer through the rule judges,
 * cross-checked by the LLM judge when the policy names one (a disagreement goes to the reviewer and
 * never counts as a pass). Outcomes in item-id order (the order `readResponses` returns).
 */
async function measureAndClassify(
  input: SafetyGateInput,
  items: SafetyItem[],
  outputDir: string,
  heartbeat: Record<string, unknown>,
): Promise<{ run: EvaluationRun; outcomes: Record<'candidate' | 'baseline', PerItemOutcome[]> }> {
  const timeoutMs = input.evaluation.requestTimeoutSeconds * 1000;
  const candidate = createOpenAiChatAdapter({ baseUrl: input.candidateUrl, ...modelField(input.candidateModel), timeoutMs, maxRetries: 3, connections: input.evaluation.concurrency });
  const baseline = input.baselineUrl
    ? createOpenAiChatAdapter({ baseUrl: input.baselineUrl, ...modelField(input.baselineModel), timeoutMs, maxRetries: 3, connections: input.evaluation.concurrency })
    : null;
  const context = Context.current();
  const beat = checkpointHeartbeat(context);
  let run;
  try {
    run = await runEvaluation({
      items,
      targets: [
        { name: 'candidate' as const, call: (item: SafetyItem) => candidate.chat({ messages: safetyItemMessages(item) }) },
        ...(baseline ? [{ name: 'baseline' as const, call: (item: SafetyItem) => baseline.chat({ messages: safetyItemMessages(item) }) }] : []),
      ],
      concurrency: input.evaluation.concurrency,
      checkpointEvery: input.evaluation.checkpointEvery,
      outputDir,
      pins: beat.pins,
      onProgress: (p) => beat.heartbeat({ gate: 'safety', ...heartbeat, done: p.done, total: p.total, resumed: p.resumed }),
      signal: context.cancellationSignal,
    });
  } finally {
    await candidate.close();
    await baseline?.close();
  }

  const judgeAdapter = input.safety.llmJudge
    ? createOpenAiChatAdapter({ baseUrl: input.safety.llmJudge.baseUrl, model: input.safety.llmJudge.model, timeoutMs: input.safety.llmJudge.timeoutSeconds * 1000, connections: input.evaluation.concurrency })
    : null;
  const llmJudge = judgeAdapter ? createLlmJudge({ chat: (messages) => judgeAdapter.chat({ messages }), format: input.safety.llmJudge!.format }) : null;
  const byId = new Map(items.map((item) => [item.id, item]));
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
      const rule = judgeSafetyResponse(item, text, { canarySecrets: input.safety.canarySecrets, allowedPii: input.safety.allowedPii });
      const judged = llmJudge && record.target === 'candidate' ? toCombinedOutcome(item, rule, await llmJudge.judge(item, text)) : toPerItemOutcome(item, rule);
      outcomes[record.target].push(judged);
    }
  } finally {
    await judgeAdapter?.close();
  }
  return { run, outcomes };
}

/** Judge validity per (validation set digest, label field): measured once per worker, as the set is pinned by digest. */
const judgeValidityCache = new Map<string, JudgeValidity>();

/**
 * The rule judge measured on the policy's labelled validation set (`judgeValidation`), or a problem when
 * the file cannot be read or is not the pinned one. Nothing pinned: no measurement.
 */
async function measurePinnedJudgeValidity(input: SafetyGateInput): Promise<{ validity: JudgeValidity[] | undefined; problem: string | null }> {
  const pin = input.safety.judgeValidation;
  if (!pin) return { validity: undefined, problem: null };
  const key = `${pin.sha256}/${pin.labels}`;
  const cached = judgeValidityCache.get(key);
  if (cached) return { validity: [cached], problem: null };
  const path = resolve(dirname(input.policyPath), pin.path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return { validity: undefined, problem: `${path}: cannot read the judge validation set (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== pin.sha256) return { validity: undefined, problem: `${path} has sha256 ${sha256}, but the signed policy pins ${pin.sha256}: the judge validation set was changed` };
  try {
    const validity = measureJudgeValidity(bytes.toString('utf8'), path, sha256, pin.labels, { canarySecrets: input.safety.canarySecrets, allowedPii: input.safety.allowedPii }, input.safety.confidence);
    judgeValidityCache.set(key, validity);
    return { validity: [validity], problem: null };
  } catch (err) {
    if (err instanceof InputError) return { validity: undefined, problem: err.message };
    throw err;
  }
}

function safetyOutputDir(deps: ActivityDeps, input: SafetyGateInput, ...segments: string[]): string {
  return runOutputDir(deps.config.dataDir, input.workflowId, input.runId, 'safety', ...segments);
}

export function safetyActivities(deps: ActivityDeps) {
  const fail = (reason: string): { result: GateResult } => ({ result: { gate: 'safety', verdict: 'fail', reasons: [reason], metrics: {} } });

  return {
    async runSafetyGate(input: SafetyGateInput): Promise<{ result: GateResult }> {
      const log = runLogger(deps, 'runSafetyGate');
      const loaded = await loadSuite(input);
      if (!loaded.ok) return fail(loaded.problem);
      const { suite } = loaded;
      const { run, outcomes } = await measureAndClassify(input, suite, safetyOutputDir(deps, input), {});

      const judges = await measurePinnedJudgeValidity(input);
      if (judges.problem !== null) return fail(judges.problem);
      const { result, summary } = judgeSafety(
        { candidate: outcomes.candidate, baseline: input.baselineUrl ? outcomes.baseline : null, ...(judges.validity ? { judgeValidity: judges.validity } : {}) },
        input.safety,
      );
      const report: SafetyReportInput = {
        gate: 'safety',
        dataset: { path: loaded.datasetPath, sha256: loaded.sha256, items: loaded.datasetItems, suiteItems: suite.length },
        responses: { path: run.responsesPath, sha256: run.responsesDigest },
        summary,
        outcomes,
      };
      const reportRef = putJson(deps.config.dataDir, report);
      log.info({ verdict: result.verdict, items: suite.length, calls: run.calls, resumed: run.resumed }, 'safety gate judged');
      return { result: { ...result, reportRef } };
    },

    /**
     * One shard of the suite (items whose index mod `shards` is `shard`), measured and classified with
     * its own checkpoint folder (`…/safety/shard-<i>/`), so a retried shard resumes. Returns only a
     * reference to its stored outcomes.
     */
    async runSafetyShard(input: SafetyShardInput): Promise<SafetyShardResult> {
      const log = runLogger(deps, 'runSafetyShard');
      const loaded = await loadSuite(input);
      if (!loaded.ok) return { shard: input.shard, outcomesRef: null, problem: loaded.problem };
      const items = shardItems(loaded.suite, input.shard, input.shards);
      const outputDir = safetyOutputDir(deps, input, `shard-${input.shard}`);
      const { run, outcomes } = await measureAndClassify(input, items, outputDir, { shard: input.shard, shards: input.shards });
      const stored: SafetyShardOutcomes = {
        gate: 'safety',
        shard: input.shard,
        shards: input.shards,
        dataset: { sha256: loaded.sha256, suiteItems: loaded.suite.length },
        responses: { path: run.responsesPath, sha256: run.responsesDigest },
        outcomes: { candidate: outcomes.candidate, baseline: input.baselineUrl ? outcomes.baseline : null },
      };
      const outcomesRef = putJson(deps.config.dataDir, stored);
      log.info({ shard: input.shard, shards: input.shards, items: items.length, calls: run.calls, resumed: run.resumed }, 'safety shard evaluated');
      return { shard: input.shard, outcomesRef, problem: null };
    },

    /** The shards' outcomes merged (every item exactly once, else fail closed) and judged as one suite. */
    async judgeSafetyShards(input: JudgeSafetyShardsInput): Promise<{ result: GateResult }> {
      const log = runLogger(deps, 'judgeSafetyShards');
      const problem = input.results.find((r) => r.problem !== null)?.problem;
      if (problem) return fail(problem);
      const loaded = await loadSuite(input);
      if (!loaded.ok) return fail(loaded.problem);
      const { suite } = loaded;

      const stored: SafetyShardOutcomes[] = [];
      for (const r of input.results) {
        if (!r.outcomesRef) return fail(`shard ${r.shard} stored no outcomes (fail closed)`);
        let json: unknown;
        try {
          json = JSON.parse(readBlob(r.outcomesRef).toString('utf8'));
        } catch (err) {
          return fail(`shard ${r.shard}'s outcomes cannot be read (fail closed): ${(err as Error).message}`);
        }
        const parsed = safetyShardOutcomesSchema.safeParse(json);
        if (!parsed.success) return fail(`shard ${r.shard}'s outcomes at ${r.outcomesRef.path} are not shard outcomes (fail closed): ${describeZodError(parsed.error)}`);
        if (parsed.data.shard !== r.shard) return fail(`the outcomes handed on as shard ${r.shard} are shard ${parsed.data.shard}'s (fail closed)`);
        if (parsed.data.dataset.sha256 !== loaded.sha256 || parsed.data.dataset.suiteItems !== suite.length) {
          return fail(`shard ${r.shard} evaluated another suite (sha256 ${parsed.data.dataset.sha256}, ${parsed.data.dataset.suiteItems} items) than the pinned one (fail closed)`);
        }
        stored.push(parsed.data);
      }
      const merged = mergeShardOutcomes({ suiteItemIds: suite.map((item) => item.id), shards: input.shards, results: stored, withBaseline: Boolean(input.baselineUrl) });
      if (!merged.ok) return fail(merged.problem);

      const judges = await measurePinnedJudgeValidity(input);
      if (judges.problem !== null) return fail(judges.problem);
      const { result, summary } = judgeSafety({ ...merged.outcomes, ...(judges.validity ? { judgeValidity: judges.validity } : {}) }, input.safety);
      const byShard = [...stored].sort((a, b) => a.shard - b.shard);
      const report: SafetyReportInput = {
        gate: 'safety',
        dataset: { path: loaded.datasetPath, sha256: loaded.sha256, items: loaded.datasetItems, suiteItems: suite.length },
        // One responses file per shard (src/report/load.ts reads them all for the diff).
        responses: byShard.map((s) => s.responses),
        shards: byShard.map((s) => ({ shard: s.shard, items: s.outcomes.candidate.length, outcomes: input.results.find((r) => r.shard === s.shard)!.outcomesRef })),
        summary,
        outcomes: { candidate: merged.outcomes.candidate, baseline: merged.outcomes.baseline ?? [] },
      };
      const reportRef = putJson(deps.config.dataDir, report);
      log.info({ verdict: result.verdict, items: suite.length, shards: input.shards }, 'sharded safety gate judged');
      return { result: { ...result, reportRef } };
    },
  };
}
