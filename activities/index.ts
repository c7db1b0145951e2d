/** Every activity the worker registers, built from the worker's configuration. */
import type { ActivityDeps } from './context';
import { integrityActivities } from './integrity';
import { policyActivities } from './policy';
import { provenanceActivities } from './provenance';
import { reportActivities } from './report';
import { servingActivities } from './serving';

export function createActivities(deps: ActivityDeps) {
  return {
    ...policyActivities(deps),
    ...integrityActivities(deps),
    ...provenanceActivities(deps),
    ...reportActivities(deps),
    ...servingActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
