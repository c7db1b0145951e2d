/** Provenance gate: the manifest must be signed by a model-signing key the policy trusts and has not revoked. */
import { KeyObject } from 'node:crypto';
import { InputError } from '../src/errors';
import type { GateResult } from '../src/pipeline-types';
import { keyIdOf, parsePublicKeyPem } from '../src/signing/keys';
import { checkProvenance, loadEnvelopeFile } from '../src/signing/model-signature';
import { ActivityDeps, runLogger } from './context';

export interface CheckProvenanceInput {
  signaturePath: string;
  rootDigest: string;
  trustedModelKeys: Array<{ name: string; publicKey: string }>;
  revokedModelKeyIds: string[];
  /** The model name the request deploys under: the signed statement must name the same model. */
  modelName: string;
}

export function provenanceActivities(deps: ActivityDeps) {
  return {
    async checkProvenance(input: CheckProvenanceInput): Promise<{ result: GateResult }> {
      const log = runLogger(deps, 'checkProvenance');
      const revoked = new Set(input.revokedModelKeyIds);
      const trusted = new Map<string, KeyObject>();
      const names = new Map<string, string>();
      for (const { name, publicKey } of input.trustedModelKeys) {
        const key = parsePublicKeyPem(publicKey, `policy trustedModelKeys[${name}]`);
        const id = keyIdOf(key);
        if (!revoked.has(id)) {
          trusted.set(id, key);
          names.set(id, name);
        }
      }
      let check;
      try {
        check = checkProvenance(loadEnvelopeFile(input.signaturePath), trusted, input.rootDigest, input.signaturePath, input.modelName);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return { result: { gate: 'provenance', verdict: 'fail', reasons: [err.message], metrics: {} } };
      }
      const revokedSigners = check.signatures.filter((s) => revoked.has(s.keyid)).map((s) => s.keyid);
      const reasons = check.ok
        ? [`signed by trusted key ${check.trustedKeyIds.map((id) => names.get(id) ?? id).join(', ')} over root sha256 ${check.signedRootDigest.slice(0, 12)}…`]
        : [...check.problems, ...revokedSigners.map((id) => `key ${id} is revoked by the policy`)];
      log.info({ ok: check.ok, trustedKeyIds: check.trustedKeyIds, problems: reasons }, 'provenance checked');
      return {
        result: {
          gate: 'provenance',
          verdict: check.ok ? 'pass' : 'fail',
          reasons,
          metrics: { signatures: check.signatures.length, trustedSignatures: check.trustedKeyIds.length },
        },
      };
    },
  };
}
