/**
 * Plain data that crosses the workflow boundary: the pipeline's input, each gate's result and the
 * run's status. Types only (and tiny pure helpers), so workflow code may import it.
 */
import type { GateName, Verdict } from './signing/attestation';
import type { ApprovalAttempt, ApprovalState } from './approval/book';

export type { GateName, Verdict };

export interface PipelineRequest {
  model: { name: string; version: string; kind: 'chat' | 'classifier' };
  artifactPath: string;
  signaturePath: string;
  change: { type: 'weights' | 'adapter' | 'config' | 'prompt'; summary: string };
  environment: string;
  requestedBy: string;
  policyPath: string;
  policySignaturePath: string;
  /** An external OpenAI-compatible server to evaluate instead of the model host; null: stage on the model host. */
  endpoint: { url: string } | null;
  /**
   * The requester's DSSE signature over every other field (src/signing/request-signature.ts): the
   * policy gate refuses a request without one, by a key the policy does not list, or whose
   * `requestedBy` is not the key's owner.
   */
  requestSignature?: { payloadType: string; payload: string; signatures: Array<{ keyid: string; sig: string }> };
}

/** A reference to a blob in the content-addressed result store; workflows carry these, never payloads. */
export interface BlobRef {
  digest: string;
  path: string;
}

export interface GateResult {
  gate: GateName;
  verdict: Verdict;
  /** One sentence each, naming what was measured and why it passed or failed. */
  reasons: string[];
  metrics: Record<string, number | string | boolean>;
  reportRef?: BlobRef;
}

export type Stage = 'policy' | 'integrity' | 'provenance' | 'stage' | 'evaluation' | 'report' | 'approval' | 'canary' | 'promote' | 'done';
/** `failed`: the run ended without a verdict (an activity out of retries, a cancellation); it never deploys. */
export type Outcome = 'running' | 'deployed' | 'blocked' | 'rejected' | 'expired' | 'rolled_back' | 'aborted' | 'failed';

export interface PipelineStatus {
  workflowId: string;
  model: PipelineRequest['model'];
  environment: string;
  requestedBy: string;
  outcome: Outcome;
  stage: Stage;
  blockedBy: GateName | null;
  gates: GateResult[];
  /** Every approval attempt, accepted or refused, in order (DESIGN §5.6). */
  approvals: ApprovalAttempt[];
  /** The approval stage while and after it runs; null before it or when the run never reached it. */
  approval: ApprovalView | null;
  /** The canary's end state (live state: the child workflow's `canaryStatus` query). */
  canary: { outcome: 'completed' | 'rolled_back' | 'aborted' | 'not_applicable'; reason: string; intervalsJudged: number; failures: number } | null;
  policyDigest: string | null;
  artifactRootDigest: string | null;
  /** The model's stable version when the run staged its candidate; null for a first deployment. */
  baseline: { version: string; rootDigest: string } | null;
  reportPath: string | null;
  reportDigest: string | null;
  /** Things the reviewer must see in red (e.g. an unverified evaluation endpoint allowed by the policy). */
  warnings: string[];
}

/** What approvers need to decide: the tier, the deadlines, the questions, the report they sign. */
export interface ApprovalView {
  state: ApprovalState;
  tierReasons: string[];
  questions: Array<{ id: string; prompt: string }>;
  reportDigest: string;
  reportPath: string;
  publishedAtMs: number;
  /** The policy's minimum review time: approvals sooner after publication are refused (absent in runs from before it was shown). */
  minReviewSeconds?: number;
}

/** The argument of the `approve` / `reject` updates and of the `decision` signal: a signed decision (DSSE). */
export interface ApprovalSubmission {
  envelope: { payloadType: string; payload: string; signatures: Array<{ keyid: string; sig: string }> };
}

/** What an accepted or refused approval update answers (a refusal arrives as an `ApprovalRefused` failure). */
export interface ApprovalReceipt {
  accepted: boolean;
  reason: string;
  status: ApprovalState['status'];
}
