/**
 * The names `gatehouse eval` knows and its notice, apart from run-gates.ts: the CLI defines and checks
 * its options with them at every start, and loads the gates' activities only when `eval` runs.
 */
export const EVALUATION_GATES = ['safety', 'regression', 'bias'] as const;
export type EvaluationGate = (typeof EVALUATION_GATES)[number];

export const INFORMATIVE_NOTICE =
  'Informative only: `gatehouse eval` ran these gates outside the pipeline (no signed policy, no verified artifact, no attestation). ' +
  'Nothing it produces can be used by the pipeline as a gate result; only `gatehouse deploy` gates a model.';
