/**
 * DSSE envelopes (https://github.com/secure-systems-lab/dsse, protocol v1).
 * Signatures are over PAE(payloadType, payload), never over the raw payload, so a payload cannot be
 * re-interpreted under another type. Ed25519 signs raw; ECDSA P-256 signs sha256 and emits DER.
 */
import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { algorithmOf, KeyAlgorithm, keyIdOf } from './keys';
import { parseWith } from '../errors';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export const envelopeSchema = z.object({
  payloadType: z.string().min(1),
  // The DSSE protocol: "Either standard or URL-safe base64 encodings are allowed ... verifiers MUST accept either."
  payload: z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64 (standard or URL-safe)'),
  signatures: z
    .array(z.object({ keyid: z.string().default(''), sig: z.string().min(1, 'expected a base64 signature') }))
    .min(1, 'expected at least one signature'),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export function parseEnvelope(json: unknown, source: string): Envelope {
  return parseWith(envelopeSchema, json, source);
}

/** Pre-Authentication Encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'utf8'),
    type,
    Buffer.from(` ${payload.length} `, 'utf8'),
    payload,
  ]);
}

function signBytes(key: KeyObject, data: Buffer): Buffer {
  return algorithmOf(key, 'signing key') === 'ed25519' ? sign(null, data, key) : sign('sha256', data, key);
}

/**
 * ECDSA signatures are accepted DER-encoded (what we and cosign emit) or as the raw 64-byte r||s
 * (IEEE P1363, used by the DSSE specification's own test vector): both encode the same (r, s).
 */
function verifyBytes(key: KeyObject, data: Buffer, signature: Buffer): boolean {
  let algorithm: KeyAlgorithm;
  try {
    algorithm = algorithmOf(key, 'public key');
  } catch {
    return false;
  }
  if (algorithm === 'ed25519') return verifyQuietly(() => verify(null, data, key, signature));
  return (
    verifyQuietly(() => verify('sha256', data, key, signature)) ||
    (signature.length === 64 && verifyQuietly(() => verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)))
  );
}

/** A malformed signature makes node:crypto throw; for a verifier that is simply "does not verify". */
function verifyQuietly(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

export function signEnvelope(payload: Buffer, payloadType: string, privateKey: KeyObject): Envelope {
  const publicKey = createPublicKey(privateKey);
  return {
    payloadType,
    payload: payload.toString('base64'),
    signatures: [{ keyid: keyIdOf(publicKey), sig: signBytes(privateKey, pae(payloadType, payload)).toString('base64') }],
  };
}

/** Adds one more signature over the same payload (k-of-n signing, e.g. several policy owners). */
export function addSignature(envelope: Envelope, privateKey: KeyObject): Envelope {
  const payload = Buffer.from(envelope.payload, 'base64');
  const keyid = keyIdOf(createPublicKey(privateKey));
  const others = envelope.signatures.filter((s) => s.keyid !== keyid);
  const sig = signBytes(privateKey, pae(envelope.payloadType, payload)).toString('base64');
  return { ...envelope, signatures: [...others, { keyid, sig }] };
}


export interface SignatureCheck {
  keyid: string;
  /** `trusted`: valid signature by a trusted key; `untrusted`: no trusted key has this id; `bad`: trusted key, signature invalid. */
  status: 'trusted' | 'untrusted' | 'bad';
}

export interface EnvelopeVerification {
  payload: Buffer;
  payloadType: string;
  /** Distinct trusted key ids whose signature verified. */
  trustedKeyIds: string[];
  checks: SignatureCheck[];
}

/**
 * Checks every signature against the trusted keys (key id → public key). A signature's keyid is only
 * a hint: each trusted key is tried, so a wrong or empty keyid cannot make a valid signature fail,
 * and a forged keyid cannot make an untrusted one pass.
 */
export function verifyEnvelope(envelope: Envelope, trustedKeys: ReadonlyMap<string, KeyObject>): EnvelopeVerification {
  const payload = Buffer.from(envelope.payload, 'base64');
  const message = pae(envelope.payloadType, payload);
  const trusted = new Set<string>();
  const checks: SignatureCheck[] = envelope.signatures.map(({ keyid, sig }) => {
    const signature = Buffer.from(sig, 'base64');
    for (const [id, key] of trustedKeys) {
      if (verifyBytes(key, message, signature)) {
        trusted.add(id);
        return { keyid: id, status: 'trusted' as const };
      }
    }
    return { keyid, status: trustedKeys.has(keyid) ? ('bad' as const) : ('untrusted' as const) };
  });
  return { payload, payloadType: envelope.payloadType, trustedKeyIds: [...trusted], checks };
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * For endpoints any network peer can reach (the gateway's admission, the model host's load orders):
 * at most `maxSignatures` signatures, and each is checked only against the trusted key its keyid
 * names, so a flood of junk signatures costs at most `maxSignatures` verifications, never
 * signatures × keys. Our own signers always set the keyid (signEnvelope).
 */
export function verifyEnvelopeByKeyId(
  envelope: Envelope,
  trustedKeys: ReadonlyMap<string, KeyObject>,
  maxSignatures: number,
): EnvelopeVerification {
  if (envelope.signatures.length > maxSignatures) {
    throw new TooManySignatures(envelope.signatures.length, maxSignatures);
  }
  const payload = Buffer.from(envelope.payload, 'base64');
  const message = pae(envelope.payloadType, payload);
  const trusted = new Set<string>();
  const checks: SignatureCheck[] = envelope.signatures.map(({ keyid, sig }) => {
    const key = trustedKeys.get(keyid);
    if (!key) return { keyid, status: 'untrusted' as const };
    if (!verifyBytes(key, message, Buffer.from(sig, 'base64'))) return { keyid, status: 'bad' as const };
    trusted.add(keyid);
    return { keyid, status: 'trusted' as const };
  });
  return { payload, payloadType: envelope.payloadType, trustedKeyIds: [...trusted], checks };
}

export class TooManySignatures extends Error {
  override name = 'TooManySignatures';
  constructor(
    readonly count: number,
    readonly max: number,
  ) {
    super(`envelope carries ${count} signatures; at most ${max} are accepted`);
  }
}
