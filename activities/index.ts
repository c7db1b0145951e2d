/** Every activity the worker registers, built from the worker's configuration. */
import { approvalActivities } from './approval';
import { canaryActivities } from './canary';
import type { ActivityDeps } from './context';
import { integrityActivities } from './integrity';
import { policyActivities } from './policy';
import { provenanceActivities } from './provenance';
import { reportActivities } from './report';
import { safetyActivities } from './safety';
import { regressionActivities } from './regression';
import { biasActivities } from './bias';
import { servingActivities } from './serving';

export function createActivities(deps: ActivityDeps) {
  return {
    ...policyActivities(deps),
    ...integrityActivities(deps),
    ...provenanceActivities(deps),
    ...reportActivities(deps),
    ...servingActivities(deps),
    ...safetyActivities(deps),
    ...regressionActivities(deps),
    ...biasActivities(deps),
    ...approvalActivities(deps),
    ...canaryActivities(deps),
  };
}

/** Activities that call models (and the sharded safety judge, which reads what the shards stored): registered on the evaluation task queue. */
export const evaluationActivityNames: ReadonlySet<string> = new Set(['runSafetyGate', 'runSafetyShard', 'judgeSafetyShards', 'runRegressionGate', 'runBiasGate']);

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
