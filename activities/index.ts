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
import { recordingGate } from './evidence';

export function createActivities(deps: ActivityDeps) {
  const safety = safetyActivities(deps);
  const regression = regressionActivities(deps);
  const bias = biasActivities(deps);
  const provenance = provenanceActivities(deps);
  return {
    ...policyActivities(deps),
    ...integrityActivities(deps),
    ...provenance,
    ...reportActivities(deps),
    ...servingActivities(deps),
    ...safety,
    ...regression,
    ...bias,
    // Every gate verdict is also stored as the workers' evidence, which the signing activities read.
    checkProvenance: recordingGate(deps, provenance.checkProvenance),
    runSafetyGate: recordingGate(deps, safety.runSafetyGate),
    judgeSafetyShards: recordingGate(deps, safety.judgeSafetyShards),
    runRegressionGate: recordingGate(deps, regression.runRegressionGate),
    runBiasGate: recordingGate(deps, bias.runBiasGate),
    ...approvalActivities(deps),
    ...canaryActivities(deps),
  };
}

/** Activities that call models (and the sharded safety judge, which reads what the shards stored): registered on the evaluation task queue. */
export const evaluationActivityNames: ReadonlySet<string> = new Set(['runSafetyGate', 'runSafetyShard', 'judgeSafetyShards', 'runRegressionGate', 'runBiasGate']);

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
