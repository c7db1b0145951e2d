/**
 * Starting a deployment pipeline: one workflow per (model, version, environment). Idempotent: a second
 * deploy of the same request attaches to the run in flight, or returns the finished run's result; a
 * changed request under the same id is refused with the fields that changed (`--new-run` starts a new
 * run of a finished one on purpose).
 */
import { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { z } from 'zod';
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
import { CliExit, EXIT } from './exit-codes';

export async function startDeployment(
  client: Client,
  request: PipelineRequest,
  taskQueue = PIPELINE_TASK_QUEUE,
  workflowIdReusePolicy: WorkflowIdReusePolicy = 'ALLOW_DUPLICATE',
): Promise<WorkflowHandleWithFirstExecutionRunId> {
  return client.workflow.start('deploymentPipeline', {
    taskQueue,
    workflowId: workflowIdFor(request),
    args: [request],
    // A second start of the same request attaches to the run in flight instead of starting another.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy,
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

/** The request a run was started with, as its history recorded it. */
const recordedRequestSchema = z.object({
  model: z.object({ name: z.string(), version: z.string(), kind: z.string() }),
  artifactPath: z.string(),
  signaturePath: z.string(),
  change: z.object({ type: z.string(), summary: z.string() }),
  environment: z.string(),
  requestedBy: z.string(),
  policyPath: z.string(),
  policySignaturePath: z.string(),
  endpoint: z.object({ url: z.string() }).nullable().optional(),
});

/** The fields in which two requests differ, by their dotted names (empty: the same request). */
export function requestDifferences(recorded: z.infer<typeof recordedRequestSchema>, request: PipelineRequest): string[] {
  const flat = (value: unknown, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) for (const [k, v] of flat(inner, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    } else if (value !== undefined) {
      out.set(prefix, JSON.stringify(value));
    }
    return out;
  };
  // The requester's signature is made afresh for every deploy (it covers the request, not itself): what
  // was asked is the request it signs, and who asked is checked by the pipeline's policy gate.
  const unsigned = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const { requestSignature: _signature, ...rest } = value as Record<string, unknown>;
    return rest;
  };
  const before = flat(unsigned(recorded));
  const after = flat(unsigned(request));
  return [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key)).sort();
}

async function recordedRequest(handle: WorkflowHandle): Promise<z.infer<typeof recordedRequestSchema> | null> {
  const history = await handle.fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const parsed = recordedRequestSchema.safeParse(payload ? defaultPayloadConverter.fromPayload(payload) : null);
  return parsed.success ? parsed.data : null;
}

export interface Deployment {
  workflowId: string;
  /** False when the request's run had already finished: its result is the first run's. */
  started: boolean;
  result(): Promise<PipelineStatus>;
}

/**
 * `gatehouse deploy`: starts the request's run, attaches to it while it runs, or (unless `newRun`)
 * returns the finished run's result. A request that differs from the one its run was started with
 * is refused (exit 2), naming the fields, since one model version is one deployment.
 */
export async function deployOnce(client: Client, request: PipelineRequest, options: { newRun?: boolean; taskQueue?: string } = {}): Promise<Deployment> {
  const workflowId = workflowIdFor(request);
  const existing = client.workflow.getHandle(workflowId);
  let running = false;
  try {
    running = (await existing.describe()).status.name === 'RUNNING';
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const handle = await startDeployment(client, request, options.taskQueue, 'REJECT_DUPLICATE');
    return { workflowId, started: true, result: () => handle.result() as Promise<PipelineStatus> };
  }
  if (!(options.newRun && !running)) {
    const recorded = await recordedRequest(existing);
    const changed = recorded ? requestDifferences(recorded, request) : ['(the recorded request could not be read)'];
    if (changed.length > 0) {
      throw new CliExit(
        EXIT.badInput,
        `${workflowId} was ${running ? 'started' : 'run'} with a different request (changed: ${changed.join(', ')}): one model version is one deployment; ` +
          (running ? 'wait for it to finish, or deploy the change as a new version' : 'deploy the change as a new version, or pass --new-run to run it again on purpose'),
      );
    }
  }
  if (running) {
    const handle = await startDeployment(client, request, options.taskQueue);
    return { workflowId, started: false, result: () => handle.result() as Promise<PipelineStatus> };
  }
  if (options.newRun) {
    const handle = await startDeployment(client, request, options.taskQueue, 'ALLOW_DUPLICATE');
    return { workflowId, started: true, result: () => handle.result() as Promise<PipelineStatus> };
  }
  return { workflowId, started: false, result: () => existing.result() as Promise<PipelineStatus> };
}
