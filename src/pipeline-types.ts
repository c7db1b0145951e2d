/**
 * Plain data that crosses the workflow boundary: the pipeline's input, each gate's result and the
 * run's status. Types only (and tiny pure helpers), so workflow code may import it.
 */
import type { GateName, Verdict } from './signing/attestation';

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

export type Stage = 'policy' | 'integrity' | 'provenance' | 'stage' | 'evaluation' | 'report' | 'promote' | 'done';
export type Outcome = 'running' | 'deployed' | 'blocked' | 'rejected' | 'expired' | 'rolled_back' | 'aborted';

export interface PipelineStatus {
  workflowId: string;
  model: PipelineRequest['model'];
  environment: string;
  requestedBy: string;
  outcome: Outcome;
  stage: Stage;
  blockedBy: GateName | null;
  gates: GateResult[];
  approvals: unknown[];
  canary: null;
  policyDigest: string | null;
  artifactRootDigest: string | null;
  /** The model's stable version when the run staged its candidate; null for a first deployment. */
  baseline: { version: string; rootDigest: string } | null;
  reportPath: string | null;
  reportDigest: string | null;
}
