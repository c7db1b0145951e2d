/**
 * Recording gate results as the workers' evidence (src/evidence): each gate's record is bound to the
 * run the activity executes in, and to the policy and artifact that run's own policy and integrity
 * records name. The evaluation gates are wrapped here rather than edited one by one.
 */
import type { GateResult } from '../src/pipeline-types';
import { gateEvidenceSchema, integrityEvidenceSchema, policyEvidenceSchema, RECORD } from '../src/evidence/records';
import { ActivityDeps, currentRun, evidenceStore, runLogger } from './context';

/** Stores a gate's verdict for the current run; without the run's policy and integrity records there is nothing to bind it to, so nothing is stored (fail closed). */
export function recordGateEvidence(deps: ActivityDeps, result: GateResult): void {
  const run = currentRun();
  if (!run) return;
  const store = evidenceStore(deps);
  const policy = store.get(run, RECORD.policy, policyEvidenceSchema);
  const integrity = store.get(run, RECORD.integrity, integrityEvidenceSchema);
  if (!policy || !integrity) {
    runLogger(deps, 'recordGateEvidence').warn({ gate: result.gate }, 'no policy or integrity evidence for this run: the gate result is not recorded');
    return;
  }
  const body = gateEvidenceSchema.parse({
    gate: result.gate,
    verdict: result.verdict,
    reason: (result.reasons[0] ?? '').slice(0, 500),
    policyDigest: policy.policyDigest,
    artifactRootDigest: integrity.artifactRootDigest,
  });
  store.put(run, RECORD.gate(result.gate), body);
}

type GateActivity<I> = (input: I) => Promise<{ result: GateResult }>;

/** The same activity, storing its verdict as evidence before returning it. */
export function recordingGate<I>(deps: ActivityDeps, activity: GateActivity<I>): GateActivity<I> {
  return async (input: I) => {
    const output = await activity(input);
    recordGateEvidence(deps, output.result);
    return output;
  };
}
