/**
 * Serving side effects: load the verified artifact on the model host, sign the deployment attestation
 * with the pipeline key, hand it to the gateway. Idempotent: the same run's retry re-signs the same
 * attestation (time and nonce come from the workflow), which the gateway answers with "unchanged".
 */
import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import type { GateName, Verdict } from '../src/pipeline-types';
import type { ModelKind } from '../src/signing/attestation';
import { putJson } from '../src/store/result-store';
import { signAttestation } from '../src/signing/attestation';
import { fetchServedDigest, fetchServedModel } from '../src/eval/adapters/openai-chat';
import { ActivityDeps, currentRun, evidenceStore, runLogger } from './context';
import { RECORD } from '../src/evidence/records';
import { decideRoute } from '../src/evidence/route-evidence';
import type { RunBinding } from '../src/evidence/store';

export interface StageInput {
  /** `kind` as the request declares it: checked against the verified artifact's, never trusted. */
  model: { name: string; version: string; kind: ModelKind };
  artifactPath: string;
  artifactRootDigest: string;
  /** An external endpoint to evaluate instead of staging; it must serve the artifact's digest. */
  endpoint: { url: string } | null;
  allowUnverifiedEndpoint: boolean;
}

export interface Staged {
  backendUrl: string;
  /**
   * What the staged artifact is, from the model host's reading of the verified `model.json` (an
   * external endpoint is an OpenAI-compatible chat server); null with a `problem`.
   */
  kind: ModelKind | null;
  /** Why the run must stop (an endpoint serving something else, or not saying what it serves). */
  problem: string | null;
  /** What the reviewer must see in red, when the policy allows an unverified endpoint. */
  warning: string | null;
}

export interface Baseline {
  version: string;
  rootDigest: string;
  backendUrl: string;
  /** The stable artifact's size as its backend reports it (`gatehouse_size_bytes`); null when it does not. */
  sizeBytes: number | null;
}

export interface PromoteInput {
  workflowId: string;
  runId: string;
  model: { name: string; version: string };
  /** The verified kind (Staged.kind): the attestation states it, and the gateway serves the model on that kind's route only. */
  kind: ModelKind;
  environment: string;
  /** The staged candidate (stageCandidate): the model host serves it there, without user traffic. */
  backendUrl: string;
  artifactRootDigest: string;
  policyDigest: string;
  gates: Array<{ gate: GateName; verdict: Verdict; reportDigest?: string }>;
  approvers: string[];
  ttlSeconds: number;
  issuedAt: string;
  nonce: string;
}

/**
 * A canary weight: signed for the pipeline run that started the canary (`workflowInfo().parent`, which
 * the server sets), and only from within that run's canary child.
 */
export interface CanaryWeightInput extends PromoteInput {
  weight: number;
  pipeline: RunBinding;
}

export interface PromoteOutput {
  gatewayStatus: string;
  attestationDigest: string;
}

const stagedKindSchema = z.object({ kind: z.enum(['chat', 'classifier']), model: z.string() });

const routesResponseSchema = z.object({
  routes: z.array(z.object({ model: z.string(), slot: z.string(), version: z.string(), rootDigest: z.string(), backendUrl: z.string() })),
});

async function callJson(method: string, url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // keep the text: it goes into the error message
  }
  return { status: response.status, json };
}

export function servingActivities(deps: ActivityDeps) {
  return {
    /** Loads the verified artifact on the model host (idempotent): the candidate is served there, without user traffic. */
    async stageCandidate(input: StageInput): Promise<Staged> {
      const declared = input.model.kind;
      const kindMismatch = (actual: ModelKind, what: string) =>
        `the request declares a ${declared} model, but ${what} is a ${actual} model: a model's kind comes from its verified artifact, not from the request`;
      if (input.endpoint) {
        // External endpoints are OpenAI-compatible chat servers (the request schema allows no other).
        if (declared !== 'chat') return { backendUrl: input.endpoint.url, kind: null, problem: kindMismatch('chat', `the evaluation endpoint ${input.endpoint.url}`), warning: null };
        const served = await fetchServedDigest(input.endpoint.url);
        if (served === input.artifactRootDigest) {
          const run = currentRun();
          if (run) {
            evidenceStore(deps).put(run, RECORD.staged, { backendUrl: input.endpoint.url, kind: 'chat', artifactRootDigest: input.artifactRootDigest, model: input.model.name, version: input.model.version });
          }
          return { backendUrl: input.endpoint.url, kind: 'chat', problem: null, warning: null };
        }
        const found = served === null ? 'does not report which artifact it serves (no gatehouse_root_digest in /v1/models)' : `serves root digest ${served}`;
        const detail = `the evaluation endpoint ${input.endpoint.url} ${found}, not the verified artifact ${input.artifactRootDigest}`;
        if (served === null && input.allowUnverifiedEndpoint) {
          return { backendUrl: input.endpoint.url, kind: 'chat', problem: null, warning: `UNVERIFIED ENDPOINT: ${detail}; the policy allows this outside production, so the results may not describe the signed artifact` };
        }
        return { backendUrl: input.endpoint.url, kind: null, problem: detail, warning: null };
      }
      const deploymentId = `${input.model.name}-${input.model.version}-${input.artifactRootDigest.slice(0, 12)}`;
      const hosted = await callJson('PUT', `${deps.config.modelHostUrl}/v1/deployments/${deploymentId}`, {
        artifactPath: input.artifactPath,
        rootDigest: input.artifactRootDigest,
      });
      if (hosted.status >= 400 && hosted.status < 500) {
        throw ApplicationFailure.nonRetryable(`the model host refused the artifact: ${JSON.stringify(hosted.json)}`, 'ServingError');
      }
      if (hosted.status >= 500) throw new Error(`model host answered ${hosted.status}: ${JSON.stringify(hosted.json)}`);
      const backendUrl = `${deps.config.modelHostUrl}/v1/deployments/${deploymentId}`;
      // The model host loaded the very model.json it hashed (digest-verified): its kind is the artifact's.
      const parsedKind = stagedKindSchema.safeParse(hosted.json);
      if (!parsedKind.success) {
        throw ApplicationFailure.nonRetryable(`the model host did not say which kind of model it loaded: ${JSON.stringify(hosted.json).slice(0, 200)}`, 'ServingError');
      }
      const kind = parsedKind.data.kind;
      if (kind !== declared) return { backendUrl, kind: null, problem: kindMismatch(kind, `the signed artifact (${parsedKind.data.model})`), warning: null };
      const run = currentRun();
      if (run) {
        evidenceStore(deps).put(run, RECORD.staged, { backendUrl, kind, artifactRootDigest: input.artifactRootDigest, model: input.model.name, version: input.model.version });
      }
      runLogger(deps, 'stageCandidate').info({ backendUrl, kind }, 'candidate staged');
      return { backendUrl, kind, problem: null, warning: null };
    },

    /** The model's current `stable` route at the gateway: the baseline the candidate is compared with. */
    async findBaseline(input: { model: string }): Promise<Baseline | null> {
      const response = await fetch(`${deps.config.gatewayUrl}/admin/v1/routes`);
      if (!response.ok) throw new Error(`gateway answered ${response.status} for its routing table`);
      const body = routesResponseSchema.parse(await response.json());
      const stable = body.routes.find((r) => r.model === input.model && r.slot === 'stable');
      // Whether a canary must run before promotion depends on this: the signers read it from here.
      const run = currentRun();
      if (run) evidenceStore(deps).put(run, RECORD.baseline, { exists: stable !== undefined, rootDigest: stable?.rootDigest ?? null });
      if (!stable) return null;
      // The size feeds the approvers' risk tier; a backend that does not say leaves it unknown (which counts as risky).
      let sizeBytes: number | null = null;
      try {
        const served = await fetchServedModel(stable.backendUrl);
        if (served?.gatehouse_root_digest === stable.rootDigest) sizeBytes = served.gatehouse_size_bytes ?? null;
      } catch (err) {
        runLogger(deps, 'findBaseline').warn({ backend: stable.backendUrl, problem: (err as Error).message }, 'the stable backend does not say its size');
      }
      return { version: stable.version, rootDigest: stable.rootDigest, backendUrl: stable.backendUrl, sizeBytes };
    },

    /** Full deployment: the candidate becomes `stable` at weight 100 (the gateway retires its canary route). */
    async promote(input: PromoteInput): Promise<PromoteOutput> {
      const run = currentRun();
      if (!run) throw ApplicationFailure.nonRetryable('promote runs only inside a deployment pipeline run', 'EvidenceMissing');
      return admitRoute(input, run, 'stable', 100, 'promote');
    },

    /** The candidate's share of the model's traffic during the canary; 0 takes it out (rollback). */
    async setCanaryWeight(input: CanaryWeightInput): Promise<PromoteOutput> {
      const run = currentRun();
      // The canary child signs every weight; the pipeline itself may only take the weight back to 0
      // (when its canary was terminated before it could roll back).
      const ownRollback = run !== null && input.weight === 0 && run.workflowId === input.pipeline.workflowId && run.runId === input.pipeline.runId;
      if (!run || (run.workflowId !== `${input.pipeline.workflowId}-canary` && !ownRollback)) {
        throw ApplicationFailure.nonRetryable(`a canary weight is signed only inside the canary child of ${input.pipeline.workflowId}`, 'EvidenceMissing');
      }
      return admitRoute(input, input.pipeline, 'canary', input.weight, 'setCanaryWeight');
    },
  };

  /**
   * Signs an attestation for one routing change with the pipeline key and hands it to the gateway,
   * only when the workers' own evidence of `run` shows it allowed: the gates, approvers, policy and
   * kind signed are the evidence's, whatever the input claims (DESIGN §6, Temporal access as authority).
   */
  async function admitRoute(input: PromoteInput, run: RunBinding, slot: 'stable' | 'canary', weight: number, activity: string): Promise<PromoteOutput> {
      const log = runLogger(deps, activity);
      const backendUrl = input.backendUrl;
      const decision = decideRoute(evidenceStore(deps), deps.config.dataDir, run, { slot, weight, backendUrl, artifactRootDigest: input.artifactRootDigest, model: input.model });
      if (!decision.ok) {
        log.warn({ slot, weight, reason: decision.reason }, 'routing change refused: the evidence does not show it allowed');
        throw ApplicationFailure.nonRetryable(decision.reason, 'EvidenceMissing');
      }
      const { evidence } = decision;
      const expiresAt = new Date(Date.parse(input.issuedAt) + input.ttlSeconds * 1000).toISOString();
      const attestation = signAttestation(
        {
          model: input.model.name,
          version: input.model.version,
          environment: input.environment,
          workflowId: run.workflowId,
          runId: run.runId,
          policyDigest: evidence.policyDigest,
          artifactRootDigest: input.artifactRootDigest,
          kind: evidence.kind,
          gates: evidence.gates,
          approvers: evidence.approvers,
          slot,
          weight,
          backend: { url: backendUrl },
          issuedAt: input.issuedAt,
          expiresAt,
          nonce: input.nonce,
        },
        deps.config.pipelineKey,
      );
      const stored = putJson(deps.config.dataDir, attestation);
      const admitted = await callJson('POST', `${deps.config.gatewayUrl}/admin/v1/routes`, { attestation });
      if (admitted.status >= 400 && admitted.status < 500) {
        throw ApplicationFailure.nonRetryable(`the gateway refused the attestation: ${JSON.stringify(admitted.json)}`, 'AdmissionRefused');
      }
      if (admitted.status >= 500) throw new Error(`gateway answered ${admitted.status}: ${JSON.stringify(admitted.json)}`);
      const gatewayStatus = typeof admitted.json === 'object' && admitted.json && 'status' in admitted.json ? String(admitted.json.status) : 'ok';
      log.info({ backendUrl, slot, weight, gatewayStatus, attestation: stored.digest }, 'routing changed');
      return { gatewayStatus, attestationDigest: stored.digest };
  }
}
