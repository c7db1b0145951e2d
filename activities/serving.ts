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
import { ActivityDeps, runLogger } from './context';

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

const unloadResponseSchema = z.object({ status: z.enum(['deleted', 'absent']) });

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
        const warning = unverifiedAllowed ? `UNVERIFIED ENDPOINT: ${detail}; the policy allows this outside production, so the results may not describe the signed artifact` : null;
        return { backendUrl: input.endpoint.url, servingUrl: hosted.url, kind: 'chat', problem: null, warning };
      }
      const hosted = await loadVerified();
      if (hosted.kind !== declared) return { backendUrl: hosted.url, kind: null, problem: kindMismatch(hosted.kind, `the signed artifact (${hosted.model})`), warning: null };
      runLogger(deps, 'stageCandidate').info({ backendUrl: hosted.url, kind: hosted.kind }, 'candidate staged');
      return { backendUrl: hosted.url, servingUrl: hosted.url, kind: hosted.kind, problem: null, warning: null };

      /** The signed PUT; the model host answers with the kind of the very model.json it hashed. */
      async function loadVerified(): Promise<{ url: string; kind: ModelKind; model: string }> {
        const load = loadRequest(input.artifactPath, input.artifactRootDigest, deps.config.pipelineKey);
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
      const unload = unloadRequest(input.artifactRootDigest, deps.config.pipelineKey);
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
      return admitRoute(input, 'stable', 100, 'promote');
    },

    /** The candidate's share of the model's traffic during the canary; 0 takes it out (rollback). */
    async setCanaryWeight(input: PromoteInput & { weight: number }): Promise<PromoteOutput> {
      return admitRoute(input, 'canary', input.weight, 'setCanaryWeight');
    },
  };

  /** Asks the model host to unload one deployment (its DELETE on a signed unload order, idempotent). */
  async function unloadDeployment(deploymentId: string, unload: ModelHostCall): Promise<'deleted' | 'absent'> {
    const unloaded = await sendModelHostCall(deps.config.modelHostUrl, unload);
    if (unloaded.status >= 400 && unloaded.status < 500) {
      throw ApplicationFailure.nonRetryable(`the model host refused to unload ${deploymentId}: ${JSON.stringify(unloaded.json)}`, 'ServingError');
    }
    if (unloaded.status >= 500) throw new Error(`model host answered ${unloaded.status}: ${JSON.stringify(unloaded.json)}`);
    const parsed = unloadResponseSchema.safeParse(unloaded.json);
    if (!parsed.success) throw new Error(`the model host's answer to unloading ${deploymentId} is not {status: deleted|absent}: ${JSON.stringify(unloaded.json).slice(0, 200)}`);
    return parsed.data.status;
  }

  /** Signs an attestation for one routing change with the pipeline key and hands it to the gateway. */
  async function admitRoute(input: PromoteInput, slot: 'stable' | 'canary', weight: number, activity: string): Promise<PromoteOutput> {
      const log = runLogger(deps, activity);
      const backendUrl = input.backendUrl;
      const expiresAt = new Date(Date.parse(input.issuedAt) + input.ttlSeconds * 1000).toISOString();
      const attestation = signAttestation(
        {
          model: input.model.name,
          version: input.model.version,
          environment: input.environment,
          workflowId: input.workflowId,
          runId: input.runId,
          policyDigest: input.policyDigest,
          artifactRootDigest: input.artifactRootDigest,
          kind: input.kind,
          gates: input.gates,
          approvers: input.approvers,
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
      const admitted = await responseJson(await fetchGatewayAdmin(deps.config, '/admin/v1/routes', { method: 'POST', body: { attestation } }));
      if (admitted.status >= 400 && admitted.status < 500) {
        throw ApplicationFailure.nonRetryable(`the gateway refused the attestation: ${JSON.stringify(admitted.json)}`, 'AdmissionRefused');
      }
      if (admitted.status >= 500) throw new Error(`gateway answered ${admitted.status}: ${JSON.stringify(admitted.json)}`);
      const gatewayStatus = typeof admitted.json === 'object' && admitted.json && 'status' in admitted.json ? String(admitted.json.status) : 'ok';
      log.info({ backendUrl, slot, weight, gatewayStatus, attestation: stored.digest }, 'routing changed');
      return { gatewayStatus, attestationDigest: stored.digest };
  }
}
