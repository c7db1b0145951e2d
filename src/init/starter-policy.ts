/**
 * The policy `gatehouse init` writes: the demo's policy (src/demo/scenario.ts, the same source the
 * demo and the tests sign) with every evaluation section that applies to the model's kind, its suites
 * named relative to the policy file, and a comment above each threshold saying what it means.
 */
import { Document, isMap, isScalar } from 'yaml';
import { parseWith } from '../errors';
import { demoPolicy, exampleBiasSection, exampleRegressionSection, exampleSafetySection, type DatasetPathMapper } from '../demo/scenario';
import { policySchema } from '../policy/schema';

export type ModelKind = 'chat' | 'classifier';

export interface StarterPolicyOptions {
  kind: ModelKind;
  /** The model name, for the policy's name. */
  model: string;
  environment: string;
  trustedModelKeyPem: string;
  pipelineKeyId: string;
  /** Maps an example suite's file name to the path the policy names (relative to the policy file). */
  at: DatasetPathMapper;
  /** Who may request deployments: the requester's id and public key (`gatehouse deploy --key`). */
  requester: { id: string; publicKeyPem: string };
}

/** The policy as plain data, validated against the policy schema (a starter that fails it is a bug here). */
export function starterPolicy(options: StarterPolicyOptions): Record<string, unknown> {
  const base = demoPolicy(options.trustedModelKeyPem, options.pipelineKeyId, options.environment);
  const bias = exampleBiasSection({ at: options.at });
  // A classifier is judged by the bias gate's classifier section (the safety prompt suite is for chat
  // models); a chat model by the safety suite, the regression suite and the chat bias suites.
  const { classifier, counterfactual, bbq, winobias, stereoset, slices, ...shared } = bias;
  const policy =
    options.kind === 'classifier'
      ? { ...base, requiredGates: ['policy', 'integrity', 'provenance', 'bias'], gates: { bias: { ...shared, classifier } } }
      : {
          ...base,
          requiredGates: ['policy', 'integrity', 'provenance', 'safety', 'regression', 'bias'],
          gates: { safety: exampleSafetySection(options.at), regression: exampleRegressionSection(options.at), bias: { ...shared, counterfactual, bbq, winobias, stereoset, slices } },
        };
  // The name stays the one the local stack's worker binds to the environment (src/stack.ts `policies`):
  // the worker, not the policy, decides which policy governs an environment.
  const named = { ...policy, requesters: [{ id: options.requester.id, publicKey: options.requester.publicKeyPem }] };
  const plain = JSON.parse(JSON.stringify(named)) as Record<string, unknown>; // drops the undefined sections
  parseWith(policySchema, plain, 'the starter policy');
  return plain;
}

/** Comment above each key (path in the policy): what the setting means, in the policy owner's words. */
const COMMENTS: Array<[string[], string]> = [
  [['name'], "The policy's name: each worker binds an environment to one policy name (worker config `policies`); `gatehouse up` binds\nproduction to production-demo and staging to staging-demo."],
  [['serial'], 'Raise it with every change: a worker refuses a serial lower than the highest it has seen for this name,\nand other content under that serial.'],
  [['requesters'], 'Who may request a deployment: `gatehouse deploy --key` signs the request, and requestedBy must be the key\'s id here.'],
  [['requiredGates'], 'Gates a deployment attestation must show passed; policy, integrity and provenance are always required.'],
  [['trustedModelKeys'], 'Keys whose model signatures are trusted (`gatehouse sign model --key keys/release.key`).'],
  [['pipelineKeyId'], "The key that signs deployment attestations: the data dir's keys/pipeline.pub (`gatehouse keys id`)."],
  [['attestation', 'ttlSeconds'], 'How long a deployment attestation is valid for, once signed.'],
  [['execution', 'heartbeatTimeoutSeconds'], "An evaluation that stops reporting progress for this long is retried on another worker."],
  [['evaluation', 'concurrency'], 'Model calls in flight at once, per evaluation.'],
  [['evaluation', 'checkpointEvery'], 'Answers between two durable checkpoints: a retried evaluation repeats at most this many.'],
  [['evaluation', 'requestTimeoutSeconds'], 'Per model call; a call that times out is retried, then counts as no answer (a failed item).'],
  [['gates', 'safety', 'dataset'], 'The safety suite, pinned by sha256 (after editing it: `gatehouse policy pin policy.yaml --write`, then sign again),\nwith the least items each category must have, so a suite with prompts removed is refused.'],
  [['gates', 'safety', 'mutators'], 'Rewrites of every harmful seed (encodings, role-play, …) added to the jailbreak category.'],
  [['gates', 'safety', 'canarySecrets'], 'Secrets planted in the training data: any of them in an answer is a leak.'],
  [['gates', 'safety', 'thresholds'], 'Least share of items each category must pass. harmful_content: harmful requests refused and benign ones\nanswered; pii_leakage: answers with no personal data or canary (0.95 = a leak rate of at most 5%);\ninstruction_following: system prompt kept under attack; jailbreak: attacks resisted; consistency: share of\nparaphrase groups answered one way.'],
  [['gates', 'safety', 'requireDemonstrated'], 'true: the lower end of the Wilson interval must clear each threshold, else the verdict is inconclusive.'],
  [['gates', 'safety', 'confidence'], 'Confidence of those intervals.'],
  [['gates', 'safety', 'baselineDropFlag'], "A category more than this (absolute) below the baseline's pass rate is flagged in the report."],
  [['gates', 'safety', 'onInconclusive'], 'What an inconclusive verdict does: block, or go to the approvers (needs an approval section).'],
  [['gates', 'regression', 'dataset'], 'The regression suite, pinned by sha256, with the least items per capability and per slice.'],
  [['gates', 'regression', 'capabilityMetrics'], 'Which quality metrics judge each capability.'],
  [['gates', 'regression', 'metrics'], "Tolerances: the relative degradation allowed against the baseline (accuracy 0.01: up to 1% worse;\nlatency_mean 0.1: up to 10% slower). A metric fails only when it is worse beyond its tolerance and significantly\nso; beyond the tolerance but not significant is inconclusive."],
  [['gates', 'regression', 'absolute'], 'First deployment only (no baseline to compare with): the bounds judged instead.'],
  [['gates', 'regression', 'bootstrap'], 'Paired bootstrap of each change: resamples and interval confidence (seeded with the run id).'],
  [['gates', 'regression', 'alpha'], 'Significance level per capability and slice, after the Holm correction.'],
  [['gates', 'regression', 'throughput'], 'Throughput runs: requests at this concurrency, repeated `runs` times (the median is judged).'],
  [['gates', 'regression', 'runs'], 'How many times the suite is answered (more runs: tighter latency estimates).'],
  [['gates', 'bias', 'classifier'], 'Group fairness of a classifier: each threshold is the largest allowed gap between groups, on a 0-1 scale\n(0.05 = 5 points) for demographic parity, equal opportunity and calibration.'],
  [['gates', 'bias', 'counterfactual'], 'The same prompt with only a demographic detail changed: maxFlipRate is the largest share of pairs whose\ndecision flips; maxOutcomeGap the largest gap between groups in the outcome (in its own unit).'],
  [['gates', 'bias', 'bbq'], 'BBQ bias scores (ambiguous and disambiguated contexts): the largest allowed absolute bias score.'],
  [['gates', 'bias', 'winobias'], 'WinoBias-style coreference: the largest allowed accuracy gap between pro- and anti-stereotypical sentences.'],
  [['gates', 'bias', 'stereoset'], 'StereoSet-style choices: the largest allowed preference for the stereotype over the anti-stereotype.'],
  [['gates', 'bias', 'slices'], "Per slice of the regression suite: the largest allowed widening of the slice's gap against the baseline."],
  [['gates', 'bias', 'requireDemonstrated'], 'true: the interval must show each gap below its threshold, else inconclusive.'],
  [['gates', 'bias', 'maxUnreadableRate'], 'Largest share of answers the extractors may fail to read before the verdict is inconclusive.'],
  [['gates', 'bias', 'onInconclusive'], 'What an inconclusive verdict does: block, or go to the approvers (needs an approval section).'],
];

const HEADER = [
  ' Gatehouse policy written by `gatehouse init`. Every threshold below is judged by the pipeline exactly as written,',
  ' and only once the policy owners have signed this file: any edit (or `gatehouse policy pin --write`) needs their',
  ' signatures again. Dataset paths are relative to this file.',
].join('\n');

/** The policy as a YAML document with the header and the per-setting comments. */
export function starterPolicyDocument(policy: Record<string, unknown>): Document {
  const doc = new Document(policy);
  doc.commentBefore = HEADER;
  for (const [path, text] of COMMENTS) commentAbove(doc, path, text);
  return doc;
}

/** Puts `text` as a comment above the key at `path`; a path the policy does not have is left alone. */
function commentAbove(doc: Document, path: string[], text: string): void {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return;
  const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === path[path.length - 1]);
  if (!pair) return;
  const key = isScalar(pair.key) ? pair.key : doc.createNode(pair.key);
  pair.key = key;
  if (isScalar(key)) key.commentBefore = text.split('\n').map((line) => ` ${line}`).join('\n');
}
