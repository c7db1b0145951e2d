/** Key, model-signature and policy-signature files on disk: what `keys generate`, `sign model`, `sign policy` and `verify model` do (the CLI and the demo share them). */
import { createPublicKey, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors';
import { formatBytes } from '../wording';

import { loadPolicyEnvelopeIfExists, policySignaturePathFor, signPolicy } from '../policy/signed-policy';
import { generateKeyPair, KeyAlgorithm, keyIdOf, loadPrivateKey, loadPublicKey } from './keys';
import { loadEnvelopeFile, signModel, verifyModel, ModelVerification } from './model-signature';

export function generateKeysCommand(name: string, outDir: string, algorithm: KeyAlgorithm): { privateKeyPath: string; publicKeyPath: string; keyId: string } {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new InputError(`--name ${name}: expected letters, digits, ".", "_" or "-"`);
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const privateKeyPath = join(dir, `${name}.key`);
  const publicKeyPath = join(dir, `${name}.pub`);
  for (const path of [privateKeyPath, publicKeyPath]) {
    if (existsSync(path)) throw new InputError('already exists: refusing to overwrite a key', path);
  }
  const pair = generateKeyPair(algorithm);
  writeFileSync(privateKeyPath, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicKeyPath, pair.publicKeyPem, { mode: 0o644 });
  return { privateKeyPath, publicKeyPath, keyId: pair.keyId };
}

export function defaultModelSignaturePath(artifactPath: string): string {
  return `${resolve(artifactPath).replace(/\/+$/, '')}.sig.json`;
}

export async function signModelCommand(artifactPath: string, keyPath: string, outPath: string | undefined, modelName: string | undefined, progress: (line: string) => void) {
  const key = loadPrivateKey(keyPath);
  const out = resolve(outPath ?? defaultModelSignaturePath(artifactPath));
  const { envelope, digest } = await signModel(resolve(artifactPath), key, modelName);
  writeFileSync(out, JSON.stringify(envelope, null, 2) + '\n');
  progress(`signed ${digest.files.length} files (${formatBytes(digest.totalBytes)}), root sha256 ${digest.rootDigest}`);
  return { out, rootDigest: digest.rootDigest, files: digest.files.length };
}

export function signPolicyCommand(policyPath: string, keyPath: string) {
  const key = loadPrivateKey(keyPath);
  const sigPath = policySignaturePathFor(resolve(policyPath));
  const existing = loadPolicyEnvelopeIfExists(sigPath);
  const { envelope, digest, restarted } = signPolicy(resolve(policyPath), existing, key);
  writeFileSync(sigPath, JSON.stringify(envelope, null, 2) + '\n');
  return { sigPath, digest, signatures: envelope.signatures.length, restarted };
}

/**
 * `keys id FILE`: the key id the policy and the signatures use (sha256 of the public key's SPKI DER),
 * from a public key, or from a private key's public half.
 */
export function keyIdCommand(path: string): string {
  let publicKey: KeyObject;
  try {
    publicKey = loadPublicKey(path);
  } catch (publicError) {
    if (!(publicError instanceof InputError)) throw publicError;
    try {
      publicKey = createPublicKey(loadPrivateKey(path));
    } catch {
      throw publicError;
    }
  }
  return keyIdOf(publicKey);
}

export async function verifyModelCommand(artifactPath: string, signaturePath: string, trustedKeyPaths: string[]): Promise<ModelVerification> {
  if (trustedKeyPaths.length === 0) throw new InputError('--trusted-key: expected at least one public key file');
  const trusted = new Map<string, KeyObject>();
  for (const path of trustedKeyPaths) {
    const key = loadPublicKey(path);
    trusted.set(keyIdOf(key), key);
  }
  const envelope = loadEnvelopeFile(resolve(signaturePath));
  return verifyModel(resolve(artifactPath), envelope, trusted);
}
