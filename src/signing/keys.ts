/**
 * Signing keys: Ed25519 and ECDSA P-256, PEM-encoded (PKCS#8 private, SPKI public), via node:crypto.
 * A key id is the sha256 of the public key's DER encoding, so any party derives the same id
 * from the same public key and ids can never be chosen by whoever hands in an envelope.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors';

export type KeyAlgorithm = 'ed25519' | 'ecdsa-p256';

export interface GeneratedKeyPair {
  algorithm: KeyAlgorithm;
  keyId: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export function generateKeyPair(algorithm: KeyAlgorithm = 'ed25519'): GeneratedKeyPair {
  const pair =
    algorithm === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { algorithm, keyId: keyIdOf(pair.publicKey), privateKeyPem, publicKeyPem };
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return 'sha256:' + createHash('sha256').update(der).digest('hex');
}

/** The algorithm of a key, or an InputError naming what was expected. */
export function algorithmOf(key: KeyObject, source: string): KeyAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  throw new InputError(
    `unsupported key type ${key.asymmetricKeyType ?? 'unknown'}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}: expected an Ed25519 or ECDSA P-256 key`,
    source,
  );
}

export function parsePublicKeyPem(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new InputError(`not a PEM public key (${(err as Error).message}): expected an SPKI "PUBLIC KEY" PEM`, source);
  }
  algorithmOf(key, source);
  return key;
}

export function parsePrivateKeyPem(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new InputError(`not a PEM private key (${(err as Error).message}): expected a PKCS#8 "PRIVATE KEY" PEM`, source);
  }
  algorithmOf(key, source);
  return key;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read key file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, path);
  }
}

export function loadPrivateKey(path: string): KeyObject {
  return parsePrivateKeyPem(readKeyFile(path), path);
}

export function loadPublicKey(path: string): KeyObject {
  return parsePublicKeyPem(readKeyFile(path), path);
}
