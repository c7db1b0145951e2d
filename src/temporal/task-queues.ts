/** DESIGN §2: workflows and light activities on one queue, model evaluation on its own, so each scales alone. */
export const PIPELINE_TASK_QUEUE = 'gatehouse-pipeline';
export const EVAL_TASK_QUEUE = 'gatehouse-eval';

/**
 * The evaluation queue that belongs to a pipeline queue: `gatehouse-pipeline` → `gatehouse-eval`, and
 * `X-pipeline` → `X-eval` for isolated queues (tests). Pure, so the workflow derives it from its own queue.
 */
export function evalTaskQueueFor(pipelineQueue: string): string {
  return pipelineQueue.endsWith('pipeline') ? `${pipelineQueue.slice(0, -'pipeline'.length)}eval` : `${pipelineQueue}-eval`;
}
