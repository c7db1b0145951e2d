export { runEvaluation, RESPONSES_FILE, CHECKPOINT_FILE } from './run-evaluation';
export { keepPinnedPrefix, responsesPinSchema } from './checkpoint-pins';
export type { CheckpointPins, PinnedPrefix, ResponsesPin } from './checkpoint-pins';
export type { EvaluationRun, EvaluationTarget, Progress, RunEvaluationOptions } from './run-evaluation';
export { readResponses, ResponsesFileError, sha256File } from './responses';
export type { ResponseRecord } from './responses';
