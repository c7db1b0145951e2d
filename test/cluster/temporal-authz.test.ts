/**
 * Temporal's own authorization on the local production stack (issue 16 item 5; DESIGN §6, "Temporal
 * access"): the server runs Gatehouse's authorizer and claim mapper (deploy/temporal-authz), which
 * read the role from the client certificate's OU. A viewer (what the Web UI gets) only reads; a
 * deployer starts `deploymentPipeline` and signals it but cannot poll a task queue or answer for a
 * worker; a worker polls; a certificate of the same CA without a role gets nothing but health checks.
 * Raw gRPC calls, so each refusal is the server's own: PERMISSION_DENIED (the authorizer's reason
 * travels in the failure's details, not its message, so the tests check the code).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Connection } from '@temporalio/client';
import { ClientRole, issueCertificate } from '../../src/cluster/certs';
import { stackConnection } from '../../src/cluster/local-stack';
import { connectChecked } from '../../src/temporal/connection';
import { clusterState, NAMESPACES } from './helpers';

const PERMISSION_DENIED = 7;
const state = clusterState();
const namespace = NAMESPACES.authz;
/** No worker polls this queue: what is started on it waits there for the test's own polls. */
const taskQueue = `gatehouse-authz-${randomUUID().slice(0, 8)}`;
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-authz-'));
const connections: Partial<Record<ClientRole | 'roleless', Connection>> = {};

async function as(role: ClientRole): Promise<Connection> {
  connections[role] ??= await connectChecked(stackConnection(state, namespace, role), 10_000);
  return connections[role]!;
}

/** The gRPC status code of a call that must be refused; fails the test when the call is allowed. */
async function refusal(call: Promise<unknown>): Promise<{ code: number | undefined }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e as { code?: number },
  );
  if (!error) throw new Error('the call was allowed');
  return { code: error.code };
}

function startRequest(workflowType: string, workflowId = `authz-${randomUUID()}`) {
  return { namespace, workflowId, workflowType: { name: workflowType }, taskQueue: { name: taskQueue }, requestId: randomUUID(), identity: 'authz-test' };
}

let target: { workflowId: string; runId: string };

beforeAll(async () => {
  // A deploymentPipeline run started by a deployer, for the others to signal, poll and answer for.
  const deployer = await as('deployer');
  const request = startRequest('deploymentPipeline');
  const started = await deployer.workflowService.startWorkflowExecution(request);
  target = { workflowId: request.workflowId, runId: started.runId! };
});

afterAll(async () => {
  const admin = await as('admin');
  await admin.workflowService.terminateWorkflowExecution({ namespace, workflowExecution: target, reason: 'authz test done' }).catch(() => undefined);
  for (const connection of Object.values(connections)) await connection?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('viewer (the Web UI): read only', () => {
  test('reads the run, its history and the list', async () => {
    const viewer = await as('viewer');
    const described = await viewer.workflowService.describeWorkflowExecution({ namespace, execution: target });
    expect(described.workflowExecutionInfo?.type?.name).toBe('deploymentPipeline');
    const history = await viewer.workflowService.getWorkflowExecutionHistory({ namespace, execution: target });
    expect(history.history?.events?.length).toBeGreaterThan(0);
    await expect(viewer.workflowService.listWorkflowExecutions({ namespace, query: '' })).resolves.toBeDefined();
  });

  test('cannot start a workflow or send a signal', async () => {
    const viewer = await as('viewer');
    const start = await refusal(viewer.workflowService.startWorkflowExecution(startRequest('deploymentPipeline')));
    expect(start.code).toBe(PERMISSION_DENIED);
    const signal = await refusal(viewer.workflowService.signalWorkflowExecution({ namespace, workflowExecution: target, signalName: 'decision', identity: 'viewer', requestId: randomUUID() }));
    expect(signal.code).toBe(PERMISSION_DENIED);
    const terminate = await refusal(viewer.workflowService.terminateWorkflowExecution({ namespace, workflowExecution: target, reason: 'viewer' }));
    expect(terminate.code).toBe(PERMISSION_DENIED);
  });
});

describe('deployer: starts the pipeline and talks to it, never acts as a worker', () => {
  test('signals the run it started', async () => {
    const deployer = await as('deployer');
    await expect(deployer.workflowService.signalWorkflowExecution({ namespace, workflowExecution: target, signalName: 'authz-probe', identity: 'deployer', requestId: randomUUID() })).resolves.toBeDefined();
  });

  test('cannot poll a task queue', async () => {
    const deployer = await as('deployer');
    const polls = {
      PollWorkflowTaskQueue: () => deployer.workflowService.pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'deployer' }),
      PollActivityTaskQueue: () => deployer.workflowService.pollActivityTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'deployer' }),
    };
    for (const [name, poll] of Object.entries(polls)) expect([name, (await refusal(poll())).code]).toEqual([name, PERMISSION_DENIED]);
  });

  test('cannot complete, fail or heartbeat an activity by id', async () => {
    const deployer = await as('deployer');
    const byId = { namespace, workflowId: target.workflowId, runId: target.runId, activityId: '1', identity: 'deployer' };
    const calls = {
      RespondActivityTaskCompletedById: () => deployer.workflowService.respondActivityTaskCompletedById(byId),
      RespondActivityTaskFailedById: () => deployer.workflowService.respondActivityTaskFailedById({ ...byId, failure: { message: 'forged' } }),
      RecordActivityTaskHeartbeatById: () => deployer.workflowService.recordActivityTaskHeartbeatById(byId),
    };
    for (const [name, call] of Object.entries(calls)) expect([name, (await refusal(call())).code]).toEqual([name, PERMISSION_DENIED]);
  });

  test('cannot start any workflow but deploymentPipeline, nor terminate a run', async () => {
    const deployer = await as('deployer');
    const canary = await refusal(deployer.workflowService.startWorkflowExecution(startRequest('canaryRollout')));
    expect(canary.code).toBe(PERMISSION_DENIED);
    const terminate = await refusal(deployer.workflowService.terminateWorkflowExecution({ namespace, workflowExecution: target, reason: 'deployer' }));
    expect(terminate.code).toBe(PERMISSION_DENIED);
  });
});

describe('worker: polls and answers the tasks it polled', () => {
  test('polls the task queue and gets the run’s workflow task', async () => {
    const worker = await as('worker');
    // A long poll needs a deadline (the server refuses one without); the task is already waiting.
    const task = await worker.withDeadline(Date.now() + 30_000, () => worker.workflowService.pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'authz-worker' }));
    expect(task.workflowExecution?.workflowId).toBe(target.workflowId);
    expect(task.workflowType?.name).toBe('deploymentPipeline');
    expect(task.taskToken?.length).toBeGreaterThan(0);
  });

  test('cannot start a workflow, nor complete an activity by id', async () => {
    const worker = await as('worker');
    expect((await refusal(worker.workflowService.startWorkflowExecution(startRequest('deploymentPipeline')))).code).toBe(PERMISSION_DENIED);
    const byId = await refusal(worker.workflowService.respondActivityTaskCompletedById({ namespace, workflowId: target.workflowId, runId: target.runId, activityId: '1', identity: 'worker' }));
    expect(byId.code).toBe(PERMISSION_DENIED);
  });
});

test('a certificate from the stack’s own CA without a role gets nothing but health checks', async () => {
  const ca = { dir: join(state.dir, 'tls'), certFile: state.tls.caFile, keyFile: join(state.dir, 'tls', 'ca.key') };
  const stranger = issueCertificate(ca, dir, 'roleless', { commonName: 'gatehouse', usage: 'client' });
  const settings = { address: state.address, namespace, tls: { enabled: true, serverCaFile: state.tls.caFile, serverName: state.tls.serverName, clientCertFile: stranger.certFile, clientKeyFile: stranger.keyFile } };
  connections.roleless = await connectChecked(settings, 10_000);
  const refused = await refusal(connections.roleless.workflowService.describeWorkflowExecution({ namespace, execution: target }));
  expect(refused.code).toBe(PERMISSION_DENIED);
});
