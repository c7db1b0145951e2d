/** Policy gate: the signed policy is verified against the worker's own trust roots before any gate runs. */
import { InputError } from '../src/errors';
import type { GateResult } from '../src/pipeline-types';
import type { Policy } from '../src/policy/schema';
import { PolicyRefused, verifySignedPolicy } from '../src/policy/signed-policy';
import { ActivityDeps, runLogger } from './context';

export interface VerifyPolicyInput {
  policyPath: string;
  policySignaturePath: string;
  environment: string;
}

export interface VerifyPolicyOutput {
  result: GateResult;
  policy: Policy | null;
  digest: string | null;
}

export function policyActivities(deps: ActivityDeps) {
  return {
    async verifyPolicy(input: VerifyPolicyInput): Promise<VerifyPolicyOutput> {
      const log = runLogger(deps, 'verifyPolicy');
      const fail = (reason: string): VerifyPolicyOutput => {
        log.warn({ reason }, 'policy refused');
        return { result: { gate: 'policy', verdict: 'fail', reasons: [reason], metrics: {} }, policy: null, digest: null };
      };
      let verified;
      try {
        verified = verifySignedPolicy(input.policyPath, input.policySignaturePath, deps.config.policyOwners);
      } catch (err) {
        if (err instanceof PolicyRefused || err instanceof InputError) return fail(err.message);
        throw err;
      }
      const { policy, digest, signedBy } = verified;
      if (!policy.environments.includes(input.environment)) {
        return fail(`policy ${policy.name} does not govern environment "${input.environment}" (it lists ${policy.environments.join(', ')})`);
      }
      if (policy.pipelineKeyId !== deps.config.pipelineKeyId) {
        return fail(`policy ${policy.name} names pipeline key ${policy.pipelineKeyId}, but this worker signs with ${deps.config.pipelineKeyId}`);
      }
      log.info({ policy: policy.name, policyDigest: digest, signedBy: signedBy.length }, 'policy verified');
      return {
        result: {
          gate: 'policy',
          verdict: 'pass',
          reasons: [`policy ${policy.name} (sha256 ${digest.slice(0, 12)}…) is signed by ${signedBy.length} of the ${deps.config.policyOwners.keys.size} owners this worker trusts (${deps.config.policyOwners.threshold} required)`],
          metrics: { ownerSignatures: signedBy.length, requiredSignatures: deps.config.policyOwners.threshold },
        },
        policy,
        digest,
      };
    },
  };
}
