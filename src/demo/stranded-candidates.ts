/**
 * The demo's own check that the pipeline undoes what it staged: read the model host's state file and
 * name every candidate still loaded there whose run did not deploy (blocked, rolled back, …).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PipelineStatus } from '../pipeline-types';
import { MODEL_HOST_DEPLOYMENTS_FILE } from '../serving/model-host';

const deploymentsFileSchema = z.object({ deployments: z.array(z.object({ id: z.string(), rootDigest: z.string() })) });

export interface LoadedDeployment {
  id: string;
  rootDigest: string;
}

/** The deployments the model host whose data lives in `<dataDir>/model-host` has persisted (none before its first load). */
export function loadedDeployments(dataDir: string): LoadedDeployment[] {
  const path = join(dataDir, 'model-host', MODEL_HOST_DEPLOYMENTS_FILE);
  if (!existsSync(path)) return [];
  const parsed = deploymentsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a model host deployment list: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.deployments.map(({ id, rootDigest }) => ({ id, rootDigest }));
}

/**
 * Runs that ended without deploying but whose candidate is still loaded. One artifact has one
 * deployment (its id is derived from the digest), so a deployment that a deployed or still running
 * run also stands for is not stranded.
 */
export function strandedCandidates(loaded: LoadedDeployment[], runs: PipelineStatus[]): PipelineStatus[] {
  const inUse = new Set(runs.filter((s) => s.outcome === 'deployed' || s.outcome === 'running').map((s) => s.artifactRootDigest));
  const loadedDigests = new Set(loaded.map((d) => d.rootDigest));
  return runs.filter((s) => s.outcome !== 'deployed' && s.outcome !== 'running' && s.artifactRootDigest !== null && !inUse.has(s.artifactRootDigest) && loadedDigests.has(s.artifactRootDigest));
}
