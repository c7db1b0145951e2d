/**
 * The world most security suites start from: a running worker, the demo's workspace (without the
 * safety scenarios, its policy with flow gates), the request of its good model and the four example approvers.
 */
import { join } from 'node:path';
import { prepareDemoWorkspace } from '../../src/demo/scenario';
import type { PipelineRequest } from '../../src/pipeline-types';
import { loadDeploymentRequest } from '../../src/request';
import { makeApprovers } from './approvals';
import { createWorld, World } from './world';
import { writeFlowPolicy } from './flow-policy';

export interface WorkspaceWorld {
  world: World;
  /** The good model's request (its scenario expects no block). */
  good: PipelineRequest;
  goodRequestPath: string;
  people: ReturnType<typeof makeApprovers>;
}

export async function createWorkspaceWorld(): Promise<WorkspaceWorld> {
  const world = await createWorld();
  await world.startWorker();
  const scenarios = await prepareDemoWorkspace({ dir: join(world.dir, 'workspace'), trust: world.trust, weightsBytes: 4096, safetyScenarios: false });
  const goodRequestPath = scenarios.find((s) => s.expectBlockedBy === null)!.requestPath;
  // These suites are about access and evidence, not safety: the workspace's policy gets flow gates
  // (flow-policy.ts), re-signed in place before any worker has read it.
  const good = loadDeploymentRequest(goodRequestPath);
  writeFlowPolicy(good.policyPath, good.policyPath, world.trust.ownerKeyPaths);
  return { world, good: loadDeploymentRequest(goodRequestPath), goodRequestPath, people: makeApprovers(world.dir) };
}
