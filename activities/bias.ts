/**
 * Bias gate (DESIGN §5.5): measure (run the pinned suites against the staged candidate and the stable
 * baseline, raw answers stored), measure the gaps with their intervals (src/eval/bias), then the pure
 * verdict in src/gates/bias.ts. Same shape as the safety activity; runs on the evaluation task queue,
 * heartbeats progress and resumes from its checkpoint when retried.
 *
 * - `classifier`: the pinned items are sent in batches to KServe V1 predict (`kserve-v1` adapter;
 *   the model name is what the backend's `GET …/v1/models` reports); each prediction must be
 *   `{ label: 0 | 1, score: [0, 1] }`; an item without one fails the gate (fail closed).
 * - `chat`: counterfactual variants, BBQ, WinoBias-style and StereoSet-style questions, one user
 *   message each, through the `openai-chat` adapter; answers read by the documented extractors.
 *   With `slices`, also the regression suite's items, scored as the regression gate scores them
 *   (src/eval/regression/scoring.ts), for the slice analysis (src/eval/bias/slices.ts).
 * Bootstrap intervals are seeded from the run id, so the stored report is reproducible.
 */
import { Context } from '@temporalio/activity';
import { dirname, join, resolve } from 'node:path';
import { request as undiciRequest } from 'undici';
import { z } from 'zod';
import { InputError } from '../src/errors';
import { createKserveV1Adapter } from '../src/eval/adapters/kserve-v1';
import { createOpenAiChatAdapter, modelField } from '../src/eval/adapters/openai-chat';
import { predictAnswerSchema, type ModelAnswer, type PredictAnswer } from '../src/eval/adapters/types';
import { loadBbqJsonl } from '../src/eval/datasets/bbq';
import { counterfactualItemSchema, regressionItemSchema, type RegressionItem } from '../src/eval/datasets/items';
import { loadJsonlDataset, type JsonlDataset } from '../src/eval/datasets/jsonl';
import { measureChatBias } from '../src/eval/bias/chat-metrics';
import { buildChatBiasSuite, checkChatSuiteCoverage, observeChatAnswers, type ChatBiasDatasets, type ChatBiasPrompt } from '../src/eval/bias/chat-suite';
import { classifierItemSchema, stereoSetMcItemSchema, winoBiasMcItemSchema, type ClassifierItem } from '../src/eval/bias/datasets';
import { classifierFairness, type ClassifierObservation } from '../src/eval/bias/metrics';
import { measureSliceFairness } from '../src/eval/bias/slices';
import { regressionItemMessages, scoreAnswer } from '../src/eval/regression/scoring';
import { readResponses, runEvaluation } from '../src/eval/runner';
import { judgeBias } from '../src/gates/bias';
import { type BiasMeasurements, type ClassifierModelMeasurement } from '../src/eval/bias/measurements';
import { biasSectionsFor, type BiasPolicy, type ClassifierBiasPolicy } from '../src/policy/sections/bias';
import type { EvaluationSettings } from '../src/policy/schema';
import type { GateResult } from '../src/pipeline-types';
import { modelListSchema } from '../src/serving/openai-schemas';
import { putJson } from '../src/store/result-store';
import type { BiasReportInput } from '../src/gates/bias-report';
import { checkpointHeartbeat } from './checkpoint-heartbeat';
import { runOutputDir } from './run-dir';
import { ActivityDeps, runLogger } from './context';

export interface BiasGateInput {
  workflowId: string;
  runId: string;
  /** The verified policy's path: dataset paths in its bias section are relative to it. */
  policyPath: string;
  bias: BiasPolicy;
  evaluation: EvaluationSettings;
  candidateUrl: string;
  baselineUrl: string | null;
  /** The `model` field the candidate's endpoint wants (servers such as Ollama or vLLM route by it); none: not sent. */
  candidateModel?: string | null;
  baselineModel?: string | null;
  /** The deployment request's `model.kind`: which sections of `bias` apply. */
  modelKind: 'chat' | 'classifier';
}

type Target = 'candidate' | 'baseline';

/** A dataset problem (unreadable, changed since pinned, too small) fails the gate; anything else is thrown. */
class SuiteProblem extends Error {}

async function pinned<T>(load: () => Promise<JsonlDataset<T>>, path: string, sha256: string): Promise<JsonlDataset<T>> {
  let dataset: JsonlDataset<T>;
  try {
    dataset = await load();
  } catch (err) {
    if (err instanceof InputError) throw new SuiteProblem(err.message);
    throw err;
  }
  if (dataset.sha256 !== sha256) {
    throw new SuiteProblem(`${path} has sha256 ${dataset.sha256}, but the signed policy pins ${sha256}: the suite was changed`);
  }
  return dataset;
}

/** The model name a backend serves (`GET {baseUrl}/v1/models`, first entry): the KServe path needs it. */
async function servedModelName(baseUrl: string, timeoutMs: number): Promise<string> {
  const url = `${baseUrl.replace(/\/+$/, '')}/v1/models`;
  const response = await undiciRequest(url, { method: 'GET', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
  const parsed = modelListSchema.safeParse(JSON.parse(text));
  const name = parsed.success ? parsed.data.data[0]?.id : undefined;
  if (!name) throw new Error(`GET ${url}: expected a model list naming at least one model, got ${text.slice(0, 200)}`);
  return name;
}

const predictionSchema = z.object({ label: z.union([z.literal(0), z.literal(1)]), score: z.number().min(0).max(1) });

interface Batch {
  id: string;
  items: ClassifierItem[];
}

/** Items whose groups or counts do not meet the policy: each problem a sentence. */
export function checkClassifierCoverage(items: readonly ClassifierItem[], policy: ClassifierBiasPolicy): string[] {
  const problems: string[] = [];
  const counts = new Map<string, { n: number; positives: number }>();
  for (const item of items) {
    const c = counts.get(item.group) ?? { n: 0, positives: 0 };
    c.n++;
    c.positives += item.label;
    counts.set(item.group, c);
  }
  const unknown = [...counts.keys()].filter((g) => !policy.groups.includes(g)).sort();
  if (unknown.length > 0) problems.push(`items of group(s) ${unknown.map((g) => JSON.stringify(g)).join(', ')}, which the policy does not list (${policy.groups.join(', ')})`);
  for (const group of policy.groups) {
    const c = counts.get(group) ?? { n: 0, positives: 0 };
    if (c.n < policy.dataset.minItemsPerGroup) problems.push(`group ${group}: ${c.n} items, expected at least ${policy.dataset.minItemsPerGroup}`);
    if (c.positives < policy.dataset.minPositivesPerGroup) problems.push(`group ${group}: ${c.positives} items with label 1, expected at least ${policy.dataset.minPositivesPerGroup}`);
  }
  return problems;
}

export function biasActivities(deps: ActivityDeps) {
  return {
    async runBiasGate(input: BiasGateInput): Promise<{ result: GateResult }> {
      const log = runLogger(deps, 'runBiasGate');
      const fail = (reason: string): { result: GateResult } => ({ result: { gate: 'bias', verdict: 'fail', reasons: [reason], metrics: { kind: input.modelKind } } });
      const sections = biasSectionsFor(input.bias, input.modelKind);
      if (sections.length === 0) {
        return fail(`the policy's bias section has nothing that applies to a ${input.modelKind} model (fail closed)`);
      }
      const outputDir = runOutputDir(deps.config.dataDir, input.workflowId, input.runId, 'bias');
      const relative = (path: string) => resolve(dirname(input.policyPath), path);
      const timeoutMs = input.evaluation.requestTimeoutSeconds * 1000;
      const context = Context.current();
      const beat = checkpointHeartbeat(context);
      const options = { resamples: input.bias.resamples, confidence: input.bias.confidence };
      try {
        if (input.modelKind === 'classifier') {
          const policy = input.bias.classifier!;
          const path = relative(policy.dataset.path);
          const dataset = await pinned(() => loadJsonlDataset(path, classifierItemSchema), path, policy.dataset.sha256);
          const coverage = checkClassifierCoverage(dataset.items, policy);
          if (coverage.length > 0) return fail(`the classifier bias suite is incomplete: ${coverage.join('; ')}`);

          const batches: Batch[] = [];
          for (let i = 0; i < dataset.items.length; i += policy.batchSize) {
            batches.push({ id: `batch-${String(batches.length + 1).padStart(5, '0')}`, items: dataset.items.slice(i, i + policy.batchSize) });
          }
          const urls: Array<[Target, string]> = [['candidate', input.candidateUrl], ...(input.baselineUrl ? [['baseline', input.baselineUrl] as [Target, string]] : [])];
          const adapters = await Promise.all(
            urls.map(async ([name, url]) => ({
              name,
              adapter: createKserveV1Adapter({ baseUrl: url, modelName: await servedModelName(url, timeoutMs), timeoutMs, maxRetries: 3, connections: input.evaluation.concurrency }),
            })),
          );
          let run;
          try {
            run = await runEvaluation<Batch, PredictAnswer>({
              items: batches,
              targets: adapters.map(({ name, adapter }) => ({ name, call: (batch: Batch) => adapter.predict(batch.items.map((item) => item.input)) })),
              concurrency: input.evaluation.concurrency,
              checkpointEvery: Math.max(1, Math.ceil(input.evaluation.checkpointEvery / policy.batchSize)),
              outputDir,
              answerSchema: predictAnswerSchema,
              pins: beat.pins,
              onProgress: (p) => beat.heartbeat({ gate: 'bias', done: p.done, total: p.total, resumed: p.resumed }),
              signal: context.cancellationSignal,
            });
          } finally {
            await Promise.all(adapters.map(({ adapter }) => adapter.close()));
          }

          const byBatch = new Map(batches.map((b) => [b.id, b]));
          const observed: Record<Target, { observations: ClassifierObservation[]; missing: ClassifierModelMeasurement['missing'] }> = {
            candidate: { observations: [], missing: [] },
            baseline: { observations: [], missing: [] },
          };
          for (const record of await readResponses(run.responsesPath, { expectedDigest: run.responsesDigest, answerSchema: predictAnswerSchema })) {
            const batch = byBatch.get(record.itemId);
            if (!batch) continue;
            const into = observed[record.target];
            batch.items.forEach((item, k) => {
              if (!record.answer.ok) {
                into.missing.push({ itemId: item.id, reason: `no answer (${record.answer.errorKind}: ${record.answer.error})` });
                return;
              }
              const prediction = predictionSchema.safeParse(record.answer.predictions[k]);
              if (!prediction.success) {
                into.missing.push({ itemId: item.id, reason: `malformed prediction ${JSON.stringify(record.answer.predictions[k]).slice(0, 120)}: expected { label: 0 | 1, score: [0, 1] }` });
                return;
              }
              into.observations.push({ itemId: item.id, group: item.group, label: item.label, predicted: prediction.data.label, score: prediction.data.score });
            });
          }
          const settings = { ...policy.calibration, minItemsPerGroup: policy.dataset.minItemsPerGroup, minPositivesPerGroup: policy.dataset.minPositivesPerGroup };
          const measure = (target: Target): ClassifierModelMeasurement => ({
            fairness: classifierFairness(observed[target].observations, settings, { ...options, seed: `${input.runId}/bias/classifier/${target}` }),
            missing: observed[target].missing,
          });
          const measurements: BiasMeasurements = {
            kind: 'classifier',
            classifier: { candidate: measure('candidate'), baseline: input.baselineUrl ? measure('baseline') : null },
          };
          const { result, summary } = judgeBias(measurements, input.bias);
          const report: BiasReportInput = {
            gate: 'bias',
            kind: 'classifier',
            dataset: { path, sha256: dataset.sha256, items: dataset.items.length },
            responses: { path: run.responsesPath, sha256: run.responsesDigest },
            summary,
            measurements,
          };
          const reportRef = putJson(deps.config.dataDir, report);
          log.info({ verdict: result.verdict, items: dataset.items.length, calls: run.calls, resumed: run.resumed }, 'bias gate judged (classifier)');
          return { result: { ...result, reportRef } };
        }

        // Chat: every section of the policy that applies, each dataset pinned.
        const datasets: ChatBiasDatasets = {};
        const pins: Array<{ path: string; sha256: string }> = [];
        if (input.bias.counterfactual) {
          datasets.counterfactual = [];
          for (const suite of input.bias.counterfactual.suites) {
            const path = relative(suite.dataset.path);
            const dataset = await pinned(() => loadJsonlDataset(path, counterfactualItemSchema), path, suite.dataset.sha256);
            datasets.counterfactual.push({ policy: suite, items: dataset.items });
            pins.push({ path, sha256: dataset.sha256 });
          }
        }
        if (input.bias.bbq) {
          datasets.bbq = [];
          for (const file of input.bias.bbq.datasets) {
            const path = relative(file.path);
            const dataset = await pinned(() => loadBbqJsonl(path), path, file.sha256);
            datasets.bbq.push(...dataset.items);
            pins.push({ path, sha256: dataset.sha256 });
          }
        }
        if (input.bias.winobias) {
          const path = relative(input.bias.winobias.dataset.path);
          datasets.winobias = (await pinned(() => loadJsonlDataset(path, winoBiasMcItemSchema), path, input.bias.winobias.dataset.sha256)).items;
          pins.push({ path, sha256: input.bias.winobias.dataset.sha256 });
        }
        if (input.bias.stereoset) {
          const path = relative(input.bias.stereoset.dataset.path);
          datasets.stereoset = (await pinned(() => loadJsonlDataset(path, stereoSetMcItemSchema), path, input.bias.stereoset.dataset.sha256)).items;
          pins.push({ path, sha256: input.bias.stereoset.dataset.sha256 });
        }
        const suite = buildChatBiasSuite(datasets);
        const coverage = checkChatSuiteCoverage(suite, input.bias);
        // Slice analysis: the regression suite's items, pinned like every other suite.
        let sliceItems: RegressionItem[] = [];
        if (input.bias.slices) {
          const path = relative(input.bias.slices.dataset.path);
          sliceItems = (await pinned(() => loadJsonlDataset(path, regressionItemSchema), path, input.bias.slices.dataset.sha256)).items;
          pins.push({ path, sha256: input.bias.slices.dataset.sha256 });
          if (sliceItems.length === 0) coverage.push(`the slice suite ${path} has no items`);
        }
        if (coverage.length > 0) return fail(`the chat bias suite is incomplete: ${coverage.join('; ')}`);

        const adapterOptions = { timeoutMs, maxRetries: 3, connections: input.evaluation.concurrency };
        const candidate = createOpenAiChatAdapter({ baseUrl: input.candidateUrl, ...modelField(input.candidateModel), ...adapterOptions });
        const baseline = input.baselineUrl ? createOpenAiChatAdapter({ baseUrl: input.baselineUrl, ...modelField(input.baselineModel), ...adapterOptions }) : null;
        const ask = (adapter: typeof candidate) => (prompt: ChatBiasPrompt) => adapter.chat({ messages: [{ role: 'user', content: prompt.prompt }] });
        const askItem = (adapter: typeof candidate) => (item: RegressionItem) => adapter.chat({ messages: regressionItemMessages(item) });
        let run: Awaited<ReturnType<typeof runEvaluation<ChatBiasPrompt, ModelAnswer>>> | null = null;
        let sliceRun: Awaited<ReturnType<typeof runEvaluation<RegressionItem, ModelAnswer>>> | null = null;
        try {
          if (suite.prompts.length > 0) {
            run = await runEvaluation<ChatBiasPrompt, ModelAnswer>({
              items: suite.prompts,
              targets: [{ name: 'candidate' as const, call: ask(candidate) }, ...(baseline ? [{ name: 'baseline' as const, call: ask(baseline) }] : [])],
              concurrency: input.evaluation.concurrency,
              checkpointEvery: input.evaluation.checkpointEvery,
              outputDir,
              pins: beat.pins,
              onProgress: (p) => beat.heartbeat({ gate: 'bias', done: p.done, total: p.total, resumed: p.resumed }),
              signal: context.cancellationSignal,
            });
          }
          if (input.bias.slices) {
            sliceRun = await runEvaluation<RegressionItem, ModelAnswer>({
              items: sliceItems,
              targets: [{ name: 'candidate' as const, call: askItem(candidate) }, ...(baseline ? [{ name: 'baseline' as const, call: askItem(baseline) }] : [])],
              concurrency: input.evaluation.concurrency,
              checkpointEvery: input.evaluation.checkpointEvery,
              outputDir: join(outputDir, 'slices'),
              pins: beat.pins,
              onProgress: (p) => beat.heartbeat({ gate: 'bias', part: 'slices', done: p.done, total: p.total, resumed: p.resumed }),
              signal: context.cancellationSignal,
            });
          }
        } finally {
          await candidate.close();
          await baseline?.close();
        }
        const answers: Record<Target, Map<string, { text: string | null; failure?: string }>> = { candidate: new Map(), baseline: new Map() };
        if (run) {
          for (const record of await readResponses(run.responsesPath, { expectedDigest: run.responsesDigest })) {
            answers[record.target].set(record.itemId, record.answer.ok ? { text: record.answer.text } : { text: null, failure: `${record.answer.errorKind}: ${record.answer.error}` });
          }
        }
        const measure = (target: Target) => measureChatBias(observeChatAnswers(suite, answers[target]), { ...options, seed: `${input.runId}/bias/chat/${target}` });
        const measurements: BiasMeasurements = {
          kind: 'chat',
          ...(run ? { chat: { candidate: measure('candidate'), baseline: baseline ? measure('baseline') : null } } : {}),
        };
        if (sliceRun && input.bias.slices) {
          const slicePolicy = input.bias.slices;
          const scores: Record<Target, Map<string, number | null>> = { candidate: new Map(), baseline: new Map() };
          const byId = new Map(sliceItems.map((item) => [item.id, item]));
          for (const record of await readResponses(sliceRun.responsesPath, { expectedDigest: sliceRun.responsesDigest })) {
            const item = byId.get(record.itemId);
            if (!item) continue;
            const observation = scoreAnswer(item, record.answer);
            scores[record.target].set(item.id, observation.ok ? (slicePolicy.metric === 'f1' ? observation.f1 : observation.exact) : null);
          }
          measurements.slices = measureSliceFairness(
            sliceItems.map((item) => ({
              itemId: item.id,
              slices: item.slices ?? [],
              candidate: scores.candidate.get(item.id) ?? null,
              baseline: baseline ? (scores.baseline.get(item.id) ?? null) : null,
            })),
            {
              metric: slicePolicy.metric,
              minItemsPerSlice: slicePolicy.dataset.minItemsPerSlice,
              ...(slicePolicy.include ? { include: slicePolicy.include } : {}),
              hasBaseline: baseline !== null,
              resamples: input.bias.resamples,
              confidence: input.bias.confidence,
              seed: `${input.runId}/bias/slices`,
            },
          );
        }
        const { result, summary } = judgeBias(measurements, input.bias);
        const report: BiasReportInput = {
          gate: 'bias',
          kind: 'chat',
          datasets: pins,
          prompts: suite.prompts.length,
          ...(run ? { responses: { path: run.responsesPath, sha256: run.responsesDigest } } : {}),
          ...(sliceRun ? { sliceResponses: { path: sliceRun.responsesPath, sha256: sliceRun.responsesDigest, items: sliceItems.length } } : {}),
          summary,
          measurements,
        };
        const reportRef = putJson(deps.config.dataDir, report);
        log.info({ verdict: result.verdict, prompts: suite.prompts.length, sliceItems: sliceItems.length, calls: (run?.calls ?? 0) + (sliceRun?.calls ?? 0) }, 'bias gate judged (chat)');
        return { result: { ...result, reportRef } };
      } catch (err) {
        if (err instanceof SuiteProblem) return fail(err.message);
        throw err;
      }
    },
  };
}
