/** DESIGN §2: workflows and light activities on one queue, model evaluation on its own, so each scales alone. */
export const PIPELINE_TASK_QUEUE = 'gatehouse-pipeline';
export const EVAL_TASK_QUEUE = 'gatehouse-eval';
