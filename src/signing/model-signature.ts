/**
 * Model signatures (DESIGN §4.3, §5.1): a DSSE envelope over an in-toto Statement v1 whose subjects
 * are every artifact file with its sha256, plus one root subject named "/" (no relative file path can
 * be "/") carrying the root digest over the sorted list, as in the model-transparency manifest idea.
 *
 * Two independent gates use it: integrity (the files match the manifest, naming each extra, missing
 * or changed file) and provenance (a trusted key signed a manifest whose root is the artifact's
 * actual root digest). verifyModel runs both.
 */
import { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError, parseWith } from '../errors';
import { compareWithManifest, describeComparison, ManifestComparison } from '../integrity/compare';
import { ArtifactDigest, hashArtifact, HashOptions, rootDigestOf } from '../integrity/hash-artifact';
import { Envelope, parseEnvelope, SignatureCheck, verifyEnvelope } from './dsse';
import { algorithmOf } from './keys';
import { decodeStatement, signStatement, Statement, STATEMENT_TYPE } from './intoto';

export const MODEL_PREDICATE_TYPE = 'https://gatehouse.dev/model-manifest/v1';
/** Name of the subject holding the root digest. */
export const ROOT_SUBJECT_NAME = '/';

export const modelPredicateSchema = z.object({
  rootDigest: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters'),
  fileCount: z.number().int().positive(),
  totalBytes: z.number().int().nonnegative(),
  model: z.string().min(1).optional(),
});
export type ModelPredicate = z.infer<typeof modelPredicateSchema>;

export interface ModelManifest {
  files: { path: string; sha256: string }[];
  rootDigest: string;
}

export function modelStatement(digest: ArtifactDigest, modelName?: string): Statement {
  const predicate: ModelPredicate = {
    rootDigest: digest.rootDigest,
    fileCount: digest.files.length,
    totalBytes: digest.totalBytes,
    ...(modelName === undefined ? {} : { model: modelName }),
  };
  return {
    _type: STATEMENT_TYPE,
    subject: [
      ...digest.files.map((file) => ({ name: file.path, digest: { sha256: file.sha256 } })),
      { name: ROOT_SUBJECT_NAME, digest: { sha256: digest.rootDigest } },
    ],
    predicateType: MODEL_PREDICATE_TYPE,
    predicate: { ...predicate },
  };
}

/**
 * The file list and root digest a model statement vouches for. InputError (naming `source`) when the
 * statement is not a model manifest, a file path is not a plain relative path or appears twice, or the
 * root subject is missing or disagrees with the files or the predicate.
 */
export function manifestFromStatement(statement: Statement, source: string): ModelManifest {
  if (statement.predicateType !== MODEL_PREDICATE_TYPE) {
    throw new InputError(`predicateType: expected ${MODEL_PREDICATE_TYPE}, got ${statement.predicateType}`, source);
  }
  const roots = statement.subject.filter((s) => s.name === ROOT_SUBJECT_NAME);
  if (roots.length !== 1) {
    throw new InputError(`subject: expected exactly one root subject named "${ROOT_SUBJECT_NAME}", found ${roots.length}`, source);
  }
  const rootDigest = roots[0]!.digest.sha256;
  const files: ModelManifest['files'] = [];
  const seen = new Set<string>();
  for (const subject of statement.subject) {
    if (subject.name === ROOT_SUBJECT_NAME) continue;
    if (!isPlainRelativePath(subject.name)) {
      throw new InputError(`subject ${JSON.stringify(subject.name)}: expected a relative POSIX path without "." or ".." segments`, source);
    }
    if (seen.has(subject.name)) throw new InputError(`subject ${subject.name}: listed more than once`, source);
    seen.add(subject.name);
    files.push({ path: subject.name, sha256: subject.digest.sha256 });
  }
  if (files.length === 0) throw new InputError('subject: expected at least one file subject besides the root', source);
  const recomputed = rootDigestOf(files);
  if (recomputed !== rootDigest) {
    throw new InputError(`root subject digest ${rootDigest} does not match the root digest of the listed files (${recomputed})`, source);
  }
  const predicate = parseWith(modelPredicateSchema, statement.predicate, `${source} (predicate)`);
  if (predicate.rootDigest !== rootDigest) {
    throw new InputError(`predicate.rootDigest: expected the root subject's digest ${rootDigest}`, source);
  }
  if (predicate.fileCount !== files.length) {
    throw new InputError(`predicate.fileCount: expected ${files.length} (the number of file subjects)`, source);
  }
  return { files, rootDigest };
}

function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /[\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export async function signModel(
  artifactPath: string,
  privateKey: KeyObject,
  modelName?: string,
  hashOptions?: HashOptions,
): Promise<{ envelope: Envelope; digest: ArtifactDigest }> {
  // Refuse an unusable key before spending minutes hashing a multi-GB artifact.
  if (privateKey.type !== 'private') throw new InputError('signing key: expected a private key');
  algorithmOf(privateKey, 'signing key');
  const digest = await hashArtifact(artifactPath, hashOptions);
  return { envelope: signStatement(modelStatement(digest, modelName), privateKey), digest };
}

/** Reads a DSSE envelope from a JSON file; InputError naming the file when missing, not JSON, or misshapen. */
export function loadEnvelopeFile(path: string): Envelope {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read signature file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message}): expected a DSSE envelope`, path);
  }
  return parseEnvelope(json, path);
}

export interface IntegrityCheck {
  ok: boolean;
  /** Root digest of the files actually present. */
  rootDigest: string;
  /** Root digest the manifest lists (not yet proven to be signed by anyone: that is provenance). */
  manifestRootDigest: string;
  comparison: ManifestComparison;
  /** One sentence per problem, naming the file. */
  problems: string[];
}

/** Integrity gate: do the artifact's files match the manifest, file by file? Signatures are not checked here. */
export function checkIntegrity(actual: ArtifactDigest, statement: Statement, source = 'model signature'): IntegrityCheck {
  const manifest = manifestFromStatement(statement, source);
  const comparison = compareWithManifest(actual.files, manifest.files);
  const problems = describeComparison(comparison);
  // Equal file lists give equal roots; checked anyway so the gate never relies on that alone.
  if (comparison.ok && actual.rootDigest !== manifest.rootDigest) {
    problems.push(`root digest ${actual.rootDigest} differs from the manifest's ${manifest.rootDigest}`);
  }
  return { ok: problems.length === 0, rootDigest: actual.rootDigest, manifestRootDigest: manifest.rootDigest, comparison, problems };
}

export interface ProvenanceCheck {
  ok: boolean;
  /** Root digest in the signed manifest. */
  signedRootDigest: string;
  signatures: SignatureCheck[];
  /** Trusted key ids whose signature verified. */
  trustedKeyIds: string[];
  /** One sentence per problem, naming key ids and digests. */
  problems: string[];
}

/**
 * Provenance gate: at least one key from `trustedKeys` (the policy's model-signing keys, revoked ones
 * already removed) signed a model manifest whose root digest is `actualRootDigest`.
 * InputError (naming `source`) when the envelope does not hold a model manifest at all.
 */
export function checkProvenance(
  envelope: Envelope,
  trustedKeys: ReadonlyMap<string, KeyObject>,
  actualRootDigest: string,
  source = 'model signature',
  expectedModel?: string,
): ProvenanceCheck {
  const verification = verifyEnvelope(envelope, trustedKeys);
  const statement = decodeStatement(envelope, source);
  const manifest = manifestFromStatement(statement, source);
  const problems: string[] = [];
  if (expectedModel !== undefined) {
    // Provenance binds the name: a signed artifact cannot be deployed under another model's name.
    const signedModel = modelPredicateSchema.safeParse(statement.predicate).data?.model;
    if (signedModel === undefined) problems.push(`the signature does not name the model (sign with --model-name ${expectedModel})`);
    else if (signedModel !== expectedModel) problems.push(`the artifact is signed as model ${signedModel}, but the request deploys it as ${expectedModel}`);
  }
  if (verification.trustedKeyIds.length === 0) {
    const found = verification.checks.map((check, i) => describeSignatureCheck(check, i)).join('; ');
    problems.push(`no valid signature by a trusted key (${found})`);
  }
  if (manifest.rootDigest !== actualRootDigest) {
    problems.push(`the signature covers root digest ${manifest.rootDigest}, but the artifact's root digest is ${actualRootDigest}`);
  }
  return {
    ok: problems.length === 0,
    signedRootDigest: manifest.rootDigest,
    signatures: verification.checks,
    trustedKeyIds: verification.trustedKeyIds,
    problems,
  };
}

function describeSignatureCheck(check: SignatureCheck, index: number): string {
  const key = check.keyid === '' ? `signature ${index + 1} (no key id)` : `signature ${index + 1} by key ${check.keyid}`;
  return check.status === 'bad' ? `${key} does not verify` : check.status === 'untrusted' ? `${key} is not from a trusted key` : `${key} is trusted`;
}

export interface ModelVerification {
  ok: boolean;
  /** Root digest of the artifact as found on disk. */
  rootDigest: string;
  signedRootDigest: string;
  comparison: ManifestComparison;
  signatures: SignatureCheck[];
  trustedKeyIds: string[];
  /** One sentence each, naming files and key ids; empty when ok. */
  problems: string[];
}

/**
 * Hashes the artifact and runs both gates. ok only when a trusted signature verifies, no file is extra,
 * missing or changed, and the signed root digest equals the actual one.
 */
export async function verifyModel(
  artifactPath: string,
  envelope: Envelope,
  trustedKeys: ReadonlyMap<string, KeyObject>,
  hashOptions?: HashOptions,
): Promise<ModelVerification> {
  const source = 'model signature';
  const statement = decodeStatement(envelope, source);
  manifestFromStatement(statement, source); // refuse a malformed signature before hashing gigabytes
  const actual = await hashArtifact(artifactPath, hashOptions);
  const provenance = checkProvenance(envelope, trustedKeys, actual.rootDigest, source);
  const integrity = checkIntegrity(actual, statement, source);
  return {
    ok: provenance.ok && integrity.ok,
    rootDigest: actual.rootDigest,
    signedRootDigest: provenance.signedRootDigest,
    comparison: integrity.comparison,
    signatures: provenance.signatures,
    trustedKeyIds: provenance.trustedKeyIds,
    problems: [...provenance.problems, ...integrity.problems],
  };
}
