/**
 * The Gatehouse worker: pipeline workflows and activities on `gatehouse-pipeline`. It refuses to start
 * on a configuration it cannot fully parse (strict schema, trust roots readable).
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Logger } from '../src/logger';
import type { WorkerConfig } from '../src/worker-config';
import { installTemporalLogger } from '../src/temporal/runtime-logger';

import { PIPELINE_TASK_QUEUE } from '../src/temporal/task-queues';

export interface WorkerOptions {
  config: WorkerConfig;
  logger: Logger;
  address: string;
  namespace?: string;
  taskQueue?: string;
  /** A pre-built workflow bundle (tests build it once per run); otherwise bundled at start. */
  workflowBundlePath?: string;
}

export async function createGatehouseWorker(options: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  installTemporalLogger(options.logger);
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? PIPELINE_TASK_QUEUE,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({ config: options.config, logger: options.logger }),
    // Graceful shutdown: in-flight activities get this long to finish before the worker exits.
    shutdownGraceTime: '10 seconds',
  });
  return { worker, connection };
}
