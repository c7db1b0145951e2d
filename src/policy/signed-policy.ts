/**
 * Signing and verifying policies. The signature file is a DSSE envelope whose in-toto statement names
 * the policy file by its sha256, so any edit to the bytes (a threshold, a key, a comment) breaks it.
 * Owners sign one after another (k-of-n): each `sign policy` adds a signature to the same envelope.
 * Whom to trust, and how many must sign, come from the worker's own configuration, never the policy.
 */
import { KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import { addSignature, Envelope, parseEnvelope, sha256Hex, verifyEnvelope } from '../signing/dsse';
import { decodeStatement, signStatement, Statement } from '../signing/intoto';
import { InputError, parseWith } from '../errors';
import { parseYamlOrJson, readBytes } from '../yaml-file';
import { Policy, policySchema } from './schema';

export const POLICY_PREDICATE_TYPE = 'https://gatehouse.dev/policy/v1';

export function policySignaturePathFor(policyPath: string): string {
  return `${policyPath}.sig.json`;
}

function policyStatement(policyPath: string, digest: string): Statement {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: basename(policyPath), digest: { sha256: digest } }],
    predicateType: POLICY_PREDICATE_TYPE,
    predicate: {},
  };
}

/**
 * Adds `ownerKey`'s signature to the policy's envelope. If the existing envelope covers other bytes
 * (the policy was edited), it is replaced and `restarted` says so: earlier signatures no longer count.
 */
export function signPolicy(policyPath: string, existing: Envelope | null, ownerKey: KeyObject): { envelope: Envelope; digest: string; restarted: boolean } {
  const bytes = readBytes(policyPath, 'policy');
  // Refuse to sign something that is not a valid policy: owners sign what workers will accept.
  parseWith(policySchema, parseYamlOrJson(bytes.toString('utf8'), policyPath), policyPath);
  const digest = sha256Hex(bytes);
  if (existing) {
    const statement = decodeStatement(existing, 'existing policy signature');
    if (statement.subject[0]?.digest.sha256 === digest) {
      return { envelope: addSignature(existing, ownerKey), digest, restarted: false };
    }
  }
  return { envelope: signStatement(policyStatement(policyPath, digest), ownerKey), digest, restarted: existing !== null };
}

export interface PolicyOwners {
  threshold: number;
  keys: ReadonlyMap<string, KeyObject>;
}

export class PolicyRefused extends Error {
  override name = 'PolicyError';
}

export interface VerifiedPolicy {
  policy: Policy;
  digest: string;
  signedBy: string[];
}

/**
 * Verifies and parses a signed policy. Throws PolicyRefused (the run fails before any gate) when the
 * file changed after signing, fewer than `threshold` distinct owners signed, or the envelope is not
 * a policy signature; InputError when a file is missing or malformed.
 */
export function verifySignedPolicy(policyPath: string, signaturePath: string, owners: PolicyOwners): VerifiedPolicy {
  const bytes = readBytes(policyPath, 'policy');
  const digest = sha256Hex(bytes);
  const envelopeJson = parseYamlOrJson(readBytes(signaturePath, 'policy signature').toString('utf8'), signaturePath);
  const envelope = parseEnvelope(envelopeJson, signaturePath);
  const statement = decodeStatement(envelope, signaturePath);
  if (statement.predicateType !== POLICY_PREDICATE_TYPE) {
    throw new PolicyRefused(`${signaturePath}: predicateType is ${statement.predicateType}, expected ${POLICY_PREDICATE_TYPE}`);
  }
  const signedDigest = statement.subject[0]?.digest.sha256;
  if (signedDigest !== digest) {
    throw new PolicyRefused(
      `${policyPath} changed after it was signed (signed sha256 ${signedDigest?.slice(0, 12)}…, file sha256 ${digest.slice(0, 12)}…): its owners must sign the new version`,
    );
  }
  const verification = verifyEnvelope(envelope, owners.keys);
  if (verification.trustedKeyIds.length < owners.threshold) {
    const others = verification.checks.filter((c) => c.status !== 'trusted').length;
    throw new PolicyRefused(
      `${policyPath} carries ${verification.trustedKeyIds.length} valid signature(s) by policy owners this worker trusts; ${owners.threshold} are required` +
        (others > 0 ? ` (${others} other signature(s) are by keys this worker does not hold, or invalid)` : ''),
    );
  }
  const policy = parseWith(policySchema, parseYamlOrJson(bytes.toString('utf8'), policyPath), policyPath);
  return { policy, digest, signedBy: verification.trustedKeyIds };
}

export function loadPolicyEnvelopeIfExists(path: string): Envelope | null {
  let bytes: Buffer;
  try {
    bytes = readBytes(path, 'policy signature');
  } catch (err) {
    if (err instanceof InputError && err.message.includes('no such file')) return null;
    throw err;
  }
  return parseEnvelope(parseYamlOrJson(bytes.toString('utf8'), path), path);
}

