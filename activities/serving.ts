/**
 * Serving side effects: load the verified artifact on the model host, sign the deployment attestation
 * with the pipeline key, hand it to the gateway. Idempotent: the same run's retry re-signs the same
 * attestation (time and nonce come from the workflow), which the gateway answers with "unchanged".
 */
import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import type { GateName, Verdict } from '../src/pipeline-types';
import type { ModelKind } from '../src/signing/attestation';
import { fetchGatewayAdmin } from '../src/serving/admin-client';
import { deploymentIdFor, loadRequest, unloadRequest, type ModelHostCall } from '../src/serving/load-order';
import { sendModelHostCall } from '../src/serving/model-host-client';
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
  /** Where the gates evaluate the candidate: the model host deployment, or the request's external endpoint. */
  backendUrl: string;
  /**
   * What routing may ever point at: always the model host deployment that loaded and hashed the
   * verified artifact itself (an external endpoint is evaluated, never served). Absent in runs
   * recorded before this field existed: read as `backendUrl`.
   */
  servingUrl?: string;
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

export interface UnstageInput {
  model: { name: string; version: string };
  artifactRootDigest: string;
}

export interface Unstaged {
  /** `deleted`, `absent` (nothing to unload), or `kept`: a live route still sends traffic to it. */
  status: 'deleted' | 'absent' | 'kept';
  deploymentId: string;
}

const unloadResponseSchema = z.object({ status: z.enum(['deleted', 'absent', 'kept']) });

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
  routes: z.array(z.object({ model: z.string(), slot: z.string(), version: z.string(), rootDigest: z.string(), backendUrl: z.string(), weight: z.number() })),
});

async function callJson(method: string, url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return responseJson(await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

async function responseJson(response: Response): Promise<{ status: number; json: unknown }> {
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // keep the text: it goes into the error message
  }
  return { status: response.status, json };
}

/** A pipeline run as a model-host deployment holder: runs of one artifact share its deployment. */
function holderOf(run: RunBinding | null): string | undefined {
  return run ? `${run.workflowId}/${run.runId}` : undefined;
}

export function servingActivities(deps: ActivityDeps) {
  return {
    /**
     * Loads the verified artifact on the model host (idempotent), on a load order signed by the
     * pipeline key: the candidate is served there, without user traffic. With an external endpoint,
     * the gates evaluate the endpoint (once it reports the verified digest), but routing only ever
     * points at the model host's own deployment (`servingUrl`): an endpoint is never served.
     */
    async stageCandidate(input: StageInput): Promise<Staged> {
      const declared = input.model.kind;
      const kindMismatch = (actual: ModelKind, what: string) =>
        `the request declares a ${declared} model, but ${what} is a ${actual} model: a model's kind comes from its verified artifact, not from the request`;
      if (input.endpoint) {
        // External endpoints are OpenAI-compatible chat servers (the request schema allows no other).
        if (declared !== 'chat') return { backendUrl: input.endpoint.url, kind: null, problem: kindMismatch('chat', `the evaluation endpoint ${input.endpoint.url}`), warning: null };
        const served = await fetchServedDigest(input.endpoint.url);
        const found = served === null ? 'does not report which artifact it serves (no gatehouse_root_digest in /v1/models)' : `serves root digest ${served}`;
        const detail = `the evaluation endpoint ${input.endpoint.url} ${found}, not the verified artifact ${input.artifactRootDigest}`;
        const unverifiedAllowed = served === null && input.allowUnverifiedEndpoint;
        if (served !== input.artifactRootDigest && !unverifiedAllowed) return { backendUrl: input.endpoint.url, kind: null, problem: detail, warning: null };
        const hosted = await loadVerified();
        if (hosted.kind !== 'chat') return { backendUrl: input.endpoint.url, kind: null, problem: kindMismatch(hosted.kind, `the signed artifact (${hosted.model})`), warning: null };
        // Only a verified endpoint's candidate may ever be routed: an unverified one leaves no staging evidence.
        if (!unverifiedAllowed) recordStaged(hosted.url, 'chat');
        const warning = unverifiedAllowed ? `UNVERIFIED ENDPOINT: ${detail}; the policy allows this outside production, so the results may not describe the signed artifact` : null;
        return { backendUrl: input.endpoint.url, servingUrl: hosted.url, kind: 'chat', problem: null, warning };
      }
      const hosted = await loadVerified();
      if (hosted.kind !== declared) return { backendUrl: hosted.url, kind: null, problem: kindMismatch(hosted.kind, `the signed artifact (${hosted.model})`), warning: null };
      recordStaged(hosted.url, hosted.kind);
      runLogger(deps, 'stageCandidate').info({ backendUrl: hosted.url, kind: hosted.kind }, 'candidate staged');
      return { backendUrl: hosted.url, servingUrl: hosted.url, kind: hosted.kind, problem: null, warning: null };

      /** The workers' evidence of what was staged: the only backend the signing activities will route to. */
      function recordStaged(servingUrl: string, kind: ModelKind): void {
        const run = currentRun();
        if (run) evidenceStore(deps).put(run, RECORD.staged, { backendUrl: servingUrl, kind, artifactRootDigest: input.artifactRootDigest, model: input.model.name, version: input.model.version });
      }

      /** The signed PUT; the model host answers with the kind of the very model.json it hashed. */
      async function loadVerified(): Promise<{ url: string; kind: ModelKind; model: string }> {
        const load = loadRequest(input.artifactPath, input.artifactRootDigest, deps.config.pipelineKey, undefined, undefined, holderOf(currentRun()));
        const hosted = await callJson(load.method, `${deps.config.modelHostUrl}${load.path}`, load.body);
        if (hosted.status >= 400 && hosted.status < 500) {
          throw ApplicationFailure.nonRetryable(`the model host refused the artifact: ${JSON.stringify(hosted.json)}`, 'ServingError');
        }
        if (hosted.status >= 500) throw new Error(`model host answered ${hosted.status}: ${JSON.stringify(hosted.json)}`);
        const parsedKind = stagedKindSchema.safeParse(hosted.json);
        if (!parsedKind.success) {
          throw ApplicationFailure.nonRetryable(`the model host did not say which kind of model it loaded: ${JSON.stringify(hosted.json).slice(0, 200)}`, 'ServingError');
        }
        return { url: `${deps.config.modelHostUrl}${load.deploymentPath}`, kind: parsedKind.data.kind, model: parsedKind.data.model };
      }
    },

    /**
     * Undoes stageCandidate (the pipeline's compensation when a run ends without deploying): unloads
     * the candidate from the model host. Idempotent. A deployment that a live route still serves
     * (the same artifact deployed as stable, or a canary with traffic) is kept: unloading it would
     * take users' traffic down.
     */
    async unstageCandidate(input: UnstageInput): Promise<Unstaged> {
      const log = runLogger(deps, 'unstageCandidate');
      const unload = unloadRequest(input.artifactRootDigest, deps.config.pipelineKey, undefined, undefined, holderOf(currentRun()));
      const deploymentId = deploymentIdFor(input.artifactRootDigest);
      const backendUrl = `${deps.config.modelHostUrl}${unload.deploymentPath}`;
      const response = await fetchGatewayAdmin(deps.config, '/admin/v1/routes');
      if (!response.ok) throw new Error(`gateway answered ${response.status} for its routing table`);
      const live = routesResponseSchema.parse(await response.json()).routes.filter((r) => r.backendUrl === backendUrl && (r.slot === 'stable' || r.weight > 0));
      if (live.length > 0) {
        log.info({ deploymentId, slots: live.map((r) => r.slot) }, 'candidate kept: a live route serves it');
        return { status: 'kept', deploymentId };
      }
      const status = await unloadDeployment(deploymentId, unload);
      log.info({ deploymentId, status }, 'candidate unstaged');
      return { status, deploymentId };
    },

    /** The model's current `stable` route at the gateway: the baseline the candidate is compared with. */
    async findBaseline(input: { model: string }): Promise<Baseline | null> {
      const response = await fetchGatewayAdmin(deps.config, '/admin/v1/routes');
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

  /** Asks the model host to unload one deployment (its DELETE on a signed unload order, idempotent). */
  async function unloadDeployment(deploymentId: string, unload: ModelHostCall): Promise<'deleted' | 'absent' | 'kept'> {
    const unloaded = await sendModelHostCall(deps.config.modelHostUrl, unload);
    if (unloaded.status >= 400 && unloaded.status < 500) {
      throw ApplicationFailure.nonRetryable(`the model host refused to unload ${deploymentId}: ${JSON.stringify(unloaded.json)}`, 'ServingError');
    }
    if (unloaded.status >= 500) throw new Error(`model host answered ${unloaded.status}: ${JSON.stringify(unloaded.json)}`);
    const parsed = unloadResponseSchema.safeParse(unloaded.json);
    if (!parsed.success) throw new Error(`the model host's answer to unloading ${deploymentId} is not {status: deleted|absent}: ${JSON.stringify(unloaded.json).slice(0, 200)}`);
    return parsed.data.status;
  }

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
      // A canary weight holds for the policy's lease from its signing, here and now: the canary renews it
      // by signing again. Not from the workflow's `issuedAt`: an attempt retried after a lost task (a
      // worker gone mid-call) would otherwise sign a lease that has already run out.
      const leaseExpiresAt = evidence.leaseSeconds !== undefined ? new Date(Date.now() + evidence.leaseSeconds * 1000).toISOString() : undefined;
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
          ...(leaseExpiresAt !== undefined ? { leaseExpiresAt } : {}),
          nonce: input.nonce,
        },
        deps.config.pipelineKey,
      );
      const stored = putJson(deps.config.dataDir, attestation);
      const admitted = await responseJson(await fetchGatewayAdmin(deps.config, '/admin/v1/routes', { method: 'POST', body: { attestation } }));
      if (admitted.status >= 400 && admitted.status < 500) {
        throw ApplicationFailure.nonRetryable(`the gateway refused the attestation: ${JSON.stringify(admitted.json)}`, 'AdmissionRefused');
      }
      if (admitted.status >= 500) throw new Error(`gateway answered ${admitted.status}: ${JSON.stringify(admitted.json)}`);
      const gatewayStatus = typeof admitted.json === 'object' && admitted.json && 'status' in admitted.json ? String(admitted.json.status) : 'ok';
      log.info({ backendUrl, slot, weight, leaseExpiresAt, gatewayStatus, attestation: stored.digest }, 'routing changed');
      return { gatewayStatus, attestationDigest: stored.digest };
  }
}
