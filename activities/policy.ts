/** Policy gate: the signed policy is verified against the worker's own trust roots before any gate runs. */
import { InputError } from '../src/errors';
import type { GateResult, PipelineRequest } from '../src/pipeline-types';
import { verifyRequestSignature } from '../src/signing/request-signature';
import type { Policy } from '../src/policy/schema';
import { PolicyRefused, verifySignedPolicy } from '../src/policy/signed-policy';
import { ActivityDeps, currentRun, evidenceStore, runLogger } from './context';
import { putBlob } from '../src/store/result-store';
import { readBytes } from '../src/yaml-file';
import { sha256Hex } from '../src/signing/dsse';
import { RECORD } from '../src/evidence/records';
import { claimSerial, serialRefusal } from '../src/policy/serials';

export interface VerifyPolicyInput {
  policyPath: string;
  policySignaturePath: string;
  environment: string;
  /** The whole request as the workflow received it: its requester's signature is checked against the policy. */
  request: PipelineRequest;
}

export interface VerifyPolicyOutput {
  result: GateResult;
  policy: Policy | null;
  digest: string | null;
}

/**
 * A serial check whose records cannot be read fails the policy gate with the reason (fail closed),
 * rather than failing the activity, which would be retried against the same unreadable file.
 */
function readSerials(check: () => string | null): string | null {
  try {
    return check();
  } catch (err) {
    return `this worker's record of the policy serials it has seen cannot be read, so it cannot tell an older or changed policy from this one: ${(err as Error).message}`;
  }
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
      const governing = deps.config.policies[input.environment];
      if (governing === undefined) {
        return fail(`this worker binds no policy to environment "${input.environment}" (worker configuration \`policies\`), so nothing may be deployed there`);
      }
      if (policy.name !== governing) {
        return fail(`the request names policy ${policy.name}, but environment "${input.environment}" is governed by policy ${governing} (worker configuration \`policies\`)`);
      }
      const superseded = readSerials(() => serialRefusal(deps.config.dataDir, policy.name, policy.serial, digest));
      if (superseded !== null) return fail(superseded);
      // Who asked: the request's signer, by a key this policy lists (DESIGN §6, false requester).
      const request = input.request;
      if (request.policyPath !== input.policyPath || request.environment !== input.environment) {
        return fail('the policy and environment checked are not the ones the request names');
      }
      const signed = verifyRequestSignature(request, policy);
      if (!signed.ok) return fail(signed.reason);
      if (policy.pipelineKeyId !== deps.config.pipelineKeyId) {
        return fail(`policy ${policy.name} names pipeline key ${policy.pipelineKeyId}, but this worker signs with ${deps.config.pipelineKeyId}`);
      }
      // The governing policy's exact bytes and digest become this run's evidence: the signing
      // activities read the policy from here, never from the workflow.
      const bytes = readBytes(input.policyPath, 'policy');
      if (sha256Hex(bytes) !== digest) return fail(`${input.policyPath} changed while it was being verified`);
      putBlob(deps.config.dataDir, bytes, '.policy');
      // Taken for this content now: another worker may have taken the serial for other content since the check.
      const lost = readSerials(() => claimSerial(deps.config.dataDir, policy.name, policy.serial, digest));
      if (lost !== null) return fail(lost);
      const run = currentRun();
      if (run) {
        evidenceStore(deps).put(run, RECORD.policy, { policyDigest: digest, policyName: policy.name, serial: policy.serial });
        evidenceStore(deps).put(run, RECORD.request, { requester: signed.requester, model: request.model.name, version: request.model.version, changeType: request.change.type });
      }
      log.info({ policy: policy.name, policyDigest: digest, signedBy: signedBy.length }, 'policy verified');
      return {
        result: {
          gate: 'policy',
          verdict: 'pass',
          reasons: [
            `policy ${policy.name} serial ${policy.serial} (sha256 ${digest.slice(0, 12)}…) is signed by ${signedBy.length} of the ${deps.config.policyOwners.keys.size} owners this worker trusts (${deps.config.policyOwners.threshold} required); the request is signed by its requester ${signed.requester}`,
          ],
          metrics: { ownerSignatures: signedBy.length, requiredSignatures: deps.config.policyOwners.threshold },
        },
        policy,
        digest,
      };
    },
  };
}
