/**
 * The Gatehouse worker. `pipeline` polls `gatehouse-pipeline` (workflows and light activities), `eval`
 * polls `gatehouse-eval` (model evaluation activities), `all` both. It refuses to start on a
 * configuration it cannot fully parse (strict schema, trust roots readable).
 */
import { bundleWorkflowCode, NativeConnection, NativeConnectionOptions, Runtime, Worker } from '@temporalio/worker';
import { createActivities, evaluationActivityNames } from '../activities';
import type { Logger } from '../src/logger';
import type { WorkerConfig } from '../src/worker-config';
import { installTemporalLogger } from '../src/temporal/runtime-logger';
import { evalTaskQueueFor, PIPELINE_TASK_QUEUE } from '../src/temporal/task-queues';
import { bundleStoreFor, compiledTreeOf } from './workflow-bundle';

export type WorkerQueues = 'pipeline' | 'eval' | 'all';

export interface WorkerOptions {
  config: WorkerConfig;
  logger: Logger;
  address: string;
  namespace?: string;
  /** The pipeline queue; its evaluation queue is derived from it (`evalTaskQueueFor`). */
  taskQueue?: string;
  queues?: WorkerQueues;
  /**
   * The workflow code already bundled: in memory (`bundleGatehouseWorkflows`, e.g. while the dev server started) or in a file (tests
   * build it once per run). Otherwise bundled at start (`bundleGatehouseWorkflows`).
   */
  workflowBundle?: { code: string } | { codePath: string };
  /** TLS / mTLS and API key towards the cluster (src/temporal/connection.ts); plain text when absent. */
  connection?: Pick<NativeConnectionOptions, 'tls' | 'apiKey'>;
  /** How many evaluation activities this worker runs at once (the SDK's default when absent). */
  maxConcurrentEvaluations?: number;
}

export interface GatehouseWorker {
  connection: NativeConnection;
  /** Runs until shutdown (or SIGINT / SIGTERM, which the SDK handles by draining). */
  run(): Promise<void>;
  shutdown(): void;
  isRunning(): boolean;
}

/**
 * The workflow code bundled as `Worker.create` bundles it when given none (webpack: seconds of CPU), so
 * a caller can do it beside other start-up work and pass the result as `workflowBundle`. A compiled
 * tree's bundle is built once and kept beside it (workflow-bundle.ts).
 */
export async function bundleGatehouseWorkflows(logger: Logger): Promise<{ code: string }> {
  installTemporalLogger(logger);
  const workflowsPath = require.resolve('../workflows');
  const tree = compiledTreeOf(workflowsPath);
  const store = tree ? bundleStoreFor(tree) : undefined;
  const kept = store?.read();
  if (kept !== undefined) {
    logger.debug({ bundle: store!.path }, 'workflow code: the compiled tree\'s kept bundle');
    return { code: kept };
  }
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: Runtime.instance().logger });
  if (store && !store.write(code)) logger.debug({ bundle: store.path }, 'workflow code: the compiled tree is read-only, its bundle is not kept');
  return { code };
}

export async function createGatehouseWorker(options: WorkerOptions): Promise<GatehouseWorker> {
  installTemporalLogger(options.logger);
  const connection = await NativeConnection.connect({ address: options.address, ...(options.connection ?? {}) });
  const namespace = options.namespace ?? 'default';
  const pipelineQueue = options.taskQueue ?? PIPELINE_TASK_QUEUE;
  const queues = options.queues ?? 'all';
  const activities = createActivities({ config: options.config, logger: options.logger });
  const evaluation = Object.fromEntries(Object.entries(activities).filter(([name]) => evaluationActivityNames.has(name)));
  const workers: Worker[] = [];
  try {
    if (queues !== 'eval') {
      workers.push(
        await Worker.create({
          connection,
          namespace,
          taskQueue: pipelineQueue,
          workflowBundle: options.workflowBundle ?? (await bundleGatehouseWorkflows(options.logger)),
          activities,
          shutdownGraceTime: '10 seconds',
        }),
      );
    }
    if (queues !== 'pipeline') {
      workers.push(
        await Worker.create({
          connection,
          namespace,
          taskQueue: evalTaskQueueFor(pipelineQueue),
          activities: evaluation,
          shutdownGraceTime: '10 seconds',
          ...(options.maxConcurrentEvaluations ? { maxConcurrentActivityTaskExecutions: options.maxConcurrentEvaluations } : {}),
        }),
      );
    }
  } catch (err) {
    await connection.close();
    throw err;
  }
  return {
    connection,
    run: async () => {
      await Promise.all(workers.map((w) => w.run()));
    },
    shutdown: () => {
      // On Ctrl-C the SDK is already draining the workers by itself.
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
    },
    isRunning: () => workers.some((w) => w.getState() === 'RUNNING'),
  };
}
