/** Every workflow the worker registers. Deterministic code only: see workflows/README.md. */
export { deploymentPipeline, statusQuery } from './pipeline';
export { approveUpdate, rejectUpdate, decisionSignal } from './approval';
export { canaryRollout, canaryStatusQuery, canaryCommandUpdate } from './canary';
