/** Starting a deployment pipeline: one workflow per (model, version, environment), attached to if already running. */
import { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { PipelineRequest, PipelineStatus } from '../pipeline-types';
import { workflowIdFor } from '../request';
import { PIPELINE_TASK_QUEUE } from '../temporal/task-queues';
import {
  GatehouseEnvironment,
  GatehouseModel,
  GatehouseOutcome,
  GatehouseRequester,
  GatehouseStage,
  GatehouseVersion,
} from '../temporal/search-attributes';


export async function startDeployment(client: Client, request: PipelineRequest, taskQueue = PIPELINE_TASK_QUEUE): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return client.workflow.start('deploymentPipeline', {
    taskQueue,
    workflowId: workflowIdFor(request),
    args: [request],
    // A second start of the same request attaches to the run in flight instead of starting another.
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [
      { key: GatehouseModel, value: request.model.name },
      { key: GatehouseVersion, value: request.model.version },
      { key: GatehouseEnvironment, value: request.environment },
      { key: GatehouseRequester, value: request.requestedBy },
      { key: GatehouseStage, value: 'queued' },
      { key: GatehouseOutcome, value: 'running' },
    ],
  });
}

export async function deployAndWait(client: Client, request: PipelineRequest, taskQueue = PIPELINE_TASK_QUEUE): Promise<PipelineStatus> {
  const handle = await startDeployment(client, request, taskQueue);
  return handle.result() as Promise<PipelineStatus>;
}
