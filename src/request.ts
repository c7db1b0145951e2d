/** The deployment request (DESIGN §4.1), parsed at the edge; paths resolve against the request's folder. */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseWith } from './errors';
import { readYamlOrJson } from './yaml-file';
import { policySignaturePathFor } from './policy/signed-policy';
import type { PipelineRequest } from './pipeline-types';

// Names end up in workflow ids and route keys: keep them to a safe alphabet.
const name = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected lowercase letters, digits, ".", "_" or "-" (at most 63)');

export const deploymentRequestSchema = z
  .object({
    apiVersion: z.literal('gatehouse/v1'),
    kind: z.literal('DeploymentRequest'),
    model: z.object({ name, version: name, kind: z.enum(['chat', 'classifier']) }).strict(),
    artifact: z.string().min(1),
    signature: z.string().min(1),
    change: z.object({ type: z.enum(['weights', 'adapter', 'config', 'prompt']), summary: z.string().min(1) }).strict(),
    environment: name,
    requestedBy: z.string().min(1),
    policy: z.string().min(1),
    policySignature: z.string().min(1).optional(),
    /**
     * Evaluate an already-running OpenAI-compatible server (vLLM, TGI, Ollama, …) instead of staging the
     * artifact on the model host. It must report the artifact's root digest as `gatehouse_root_digest`
     * in its `/v1/models` entry; otherwise the run fails closed (DESIGN §5.2).
     */
    endpoint: z.object({ url: z.string().url(), kind: z.literal('openai-chat') }).strict().optional(),
  })
  .strict();

export type DeploymentRequestFile = z.infer<typeof deploymentRequestSchema>;

export function loadDeploymentRequest(path: string): PipelineRequest {
  const file = resolve(path);
  const request = parseWith(deploymentRequestSchema, readYamlOrJson(file, 'deployment request'), file);
  const base = dirname(file);
  const policyPath = resolve(base, request.policy);
  return {
    model: request.model,
    artifactPath: resolve(base, request.artifact),
    signaturePath: resolve(base, request.signature),
    change: request.change,
    environment: request.environment,
    requestedBy: request.requestedBy,
    policyPath,
    policySignaturePath: request.policySignature ? resolve(base, request.policySignature) : policySignaturePathFor(policyPath),
    endpoint: request.endpoint ? { url: request.endpoint.url } : null,
  };
}

/** DESIGN §3: one workflow per (model, version, environment), so a second start attaches to the first. */
export function workflowIdFor(request: Pick<PipelineRequest, 'model' | 'environment'>): string {
  return `deploy-${request.model.name}-${request.model.version}-${request.environment}`;
}
