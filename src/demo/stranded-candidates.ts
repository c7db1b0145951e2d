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
 * Runs that ended without deploying but whose candidate is still loaded. A deployment that a deployed
 * run also stands for (the same model, version and artifact) is not stranded.
 */
export function strandedCandidates(loaded: LoadedDeployment[], runs: PipelineStatus[]): PipelineStatus[] {
  const idOf = (s: PipelineStatus) => (s.artifactRootDigest ? `${s.model.name}-${s.model.version}-${s.artifactRootDigest.slice(0, 12)}` : null);
  const deployed = new Set(runs.filter((s) => s.outcome === 'deployed').map(idOf));
  const loadedIds = new Set(loaded.map((d) => d.id));
  return runs.filter((s) => {
    const id = idOf(s);
    return s.outcome !== 'deployed' && s.outcome !== 'running' && id !== null && !deployed.has(id) && loadedIds.has(id);
  });
}
