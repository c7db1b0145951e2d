import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/errors';
import { compareWithManifest, describeComparison } from '../../src/integrity/compare';
import { hashArtifact } from '../../src/integrity/hash-artifact';
import { addSignature, IN_TOTO_PAYLOAD_TYPE } from '../../src/signing/dsse';
import { decodeStatement, signStatement, Statement } from '../../src/signing/intoto';
import { generateKeyPair, KeyAlgorithm } from '../../src/signing/keys';
import {
  checkIntegrity,
  checkProvenance,
  loadEnvelopeFile,
  manifestFromStatement,
  MODEL_PREDICATE_TYPE,
  modelStatement,
  signModel,
  verifyModel,
} from '../../src/signing/model-signature';

interface TestKey {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function newKey(algorithm: KeyAlgorithm = 'ed25519'): TestKey {
  const pair = generateKeyPair(algorithm);
  return { id: pair.keyId, privateKey: createPrivateKey(pair.privateKeyPem), publicKey: createPublicKey(pair.publicKeyPem) };
}

function trusting(...keys: TestKey[]): Map<string, KeyObject> {
  return new Map(keys.map((k) => [k.id, k.publicKey]));
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gatehouse-model-sig-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
/** A small model directory: config, tokenizer and two weight shards. */
function modelDir(overrides: Record<string, string> = {}): string {
  const root = join(scratch, `model-${++counter}`);
  const files = {
    'config.json': '{"layers":2}',
    'tokenizer.json': '{"vocab":["a","b"]}',
    'weights/shard-1.bin': 'weights one',
    'weights/shard-2.bin': 'weights two',
    ...overrides,
  };
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  return root;
}

const hex = (char: string) => char.repeat(64);

describe('modelStatement / manifestFromStatement', () => {
  it('lists every file as a subject plus a root subject named "/", and reads back the same manifest', async () => {
    const digest = await hashArtifact(modelDir());
    const statement = modelStatement(digest, 'support-assistant');
    expect(statement.predicateType).toBe(MODEL_PREDICATE_TYPE);
    expect(statement.subject.map((s) => s.name)).toEqual(['config.json', 'tokenizer.json', 'weights/shard-1.bin', 'weights/shard-2.bin', '/']);
    expect(statement.predicate).toEqual({ rootDigest: digest.rootDigest, fileCount: 4, totalBytes: digest.totalBytes, model: 'support-assistant' });
    expect(manifestFromStatement(statement, 'sig.json')).toEqual({
      files: digest.files.map(({ path, sha256 }) => ({ path, sha256 })),
      rootDigest: digest.rootDigest,
    });
  });

  const valid = (): Statement =>
    modelStatement({ files: [{ path: 'a.bin', sha256: hex('a'), size: 1 }], rootDigest: '', totalBytes: 1 });
  const withSubjects = (statement: Statement, subject: Statement['subject']): Statement => ({ ...statement, subject });

  it('refuses a statement of another predicate type, naming the source', () => {
    expect(() => manifestFromStatement({ ...valid(), predicateType: 'https://slsa.dev/provenance/v1' }, 'sig.json')).toThrow(
      new InputError(`predicateType: expected ${MODEL_PREDICATE_TYPE}, got https://slsa.dev/provenance/v1`, 'sig.json'),
    );
  });

  it('refuses a statement without a root subject', () => {
    const statement = valid();
    expect(() => manifestFromStatement(withSubjects(statement, statement.subject.slice(0, 1)), 'sig.json')).toThrow(
      /sig\.json: subject: expected exactly one root subject named "\/", found 0/,
    );
  });

  it('refuses a root subject inconsistent with the listed files', () => {
    const statement = valid();
    const [file] = statement.subject;
    const wrongRoot = withSubjects(statement, [file!, { name: '/', digest: { sha256: hex('0') } }]);
    expect(() => manifestFromStatement(wrongRoot, 'sig.json')).toThrow(/does not match the root digest of the listed files/);
  });

  it('refuses a file listed twice', () => {
    const statement = valid();
    const [file] = statement.subject;
    expect(() => manifestFromStatement(withSubjects(statement, [file!, file!, statement.subject[1]!]), 'sig.json')).toThrow(
      /subject a\.bin: listed more than once/,
    );
  });

  it.each(['../escape.bin', '/etc/passwd', 'a//b', './a.bin'])('refuses the subject path %j', (name) => {
    const statement = modelStatement({ files: [{ path: name, sha256: hex('a'), size: 1 }], rootDigest: '', totalBytes: 1 });
    expect(() => manifestFromStatement(statement, 'sig.json')).toThrow(/expected a relative POSIX path/);
  });
});

describe('compareWithManifest', () => {
  const manifest = [
    { path: 'config.json', sha256: hex('1') },
    { path: 'weights.bin', sha256: hex('2') },
  ];

  it('names an extra, a missing and a changed file, one sentence each', () => {
    const actual = [
      { path: 'weights.bin', sha256: '9f3c' + hex('3').slice(4), size: 1 },
      { path: 'backdoor.py', sha256: hex('4'), size: 1 },
    ];
    const comparison = compareWithManifest(actual, manifest);
    expect(comparison).toEqual({
      ok: false,
      extra: ['backdoor.py'],
      missing: ['config.json'],
      changed: [{ path: 'weights.bin', expected: hex('2'), actual: '9f3c' + hex('3').slice(4) }],
    });
    expect(describeComparison(comparison)).toEqual([
      'extra file backdoor.py: present in the artifact but not in the signed manifest',
      'missing file config.json: listed in the signed manifest but not in the artifact',
      'changed file weights.bin: expected sha256 222222222222…, found 9f3c33333333…',
    ]);
  });

  it('refuses a manifest listing a path twice rather than guessing', () => {
    expect(() => compareWithManifest([], [manifest[0]!, manifest[0]!])).toThrow(/manifest lists file config\.json more than once/);
  });

  const fileList = fc.uniqueArray(
    fc.record({ path: fc.string({ minLength: 1, maxLength: 20 }), sha256: fc.stringMatching(/^[0-9a-f]{64}$/) }),
    { selector: (f) => f.path, minLength: 1, maxLength: 30 },
  );

  it('is ok for any file list compared with itself, in any order', () => {
    fc.assert(
      fc.property(fileList, (files) => {
        const comparison = compareWithManifest(files, [...files].reverse());
        expect(comparison).toEqual({ ok: true, extra: [], missing: [], changed: [] });
        expect(describeComparison(comparison)).toEqual([]);
      }),
    );
  });

  it('reports exactly the one file whose digest changed', () => {
    fc.assert(
      fc.property(fileList, fc.nat(), fc.stringMatching(/^[0-9a-f]{64}$/), (files, pick, newDigest) => {
        const target = files[pick % files.length]!;
        fc.pre(newDigest !== target.sha256);
        const actual = files.map((f) => (f === target ? { ...f, sha256: newDigest } : f));
        const comparison = compareWithManifest(actual, files);
        expect(comparison.ok).toBe(false);
        expect(comparison.extra).toEqual([]);
        expect(comparison.missing).toEqual([]);
        expect(comparison.changed).toEqual([{ path: target.path, expected: target.sha256, actual: newDigest }]);
        expect(describeComparison(comparison)).toHaveLength(1);
        expect(describeComparison(comparison)[0]).toContain(`changed file ${target.path}:`);
      }),
    );
  });
});

describe.each<KeyAlgorithm>(['ed25519', 'ecdsa-p256'])('signModel / verifyModel with %s', (algorithm) => {
  const owner = newKey(algorithm);

  it('passes a signed model that is unchanged, naming the trusted key', async () => {
    const root = modelDir();
    const { envelope, digest } = await signModel(root, owner.privateKey, 'support-assistant');
    expect(envelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    const result = await verifyModel(root, envelope, trusting(owner));
    expect(result).toEqual({
      ok: true,
      rootDigest: digest.rootDigest,
      signedRootDigest: digest.rootDigest,
      comparison: { ok: true, extra: [], missing: [], changed: [] },
      signatures: [{ keyid: owner.id, status: 'trusted' }],
      trustedKeyIds: [owner.id],
      problems: [],
    });
  });
});

describe('verifyModel failures', () => {
  const owner = newKey();
  const stranger = newKey('ecdsa-p256');

  it('fails on an extra file, naming it', async () => {
    const root = modelDir();
    const { envelope } = await signModel(root, owner.privateKey);
    writeFileSync(join(root, 'weights', 'backdoor.bin'), 'surprise');
    const result = await verifyModel(root, envelope, trusting(owner));
    expect(result.ok).toBe(false);
    expect(result.comparison.extra).toEqual(['weights/backdoor.bin']);
    expect(result.problems).toContain('extra file weights/backdoor.bin: present in the artifact but not in the signed manifest');
    expect(result.problems.some((p) => p.includes('the signature covers root digest'))).toBe(true);
  });

  it('fails on a missing file, naming it', async () => {
    const root = modelDir();
    const { envelope } = await signModel(root, owner.privateKey);
    unlinkSync(join(root, 'tokenizer.json'));
    const result = await verifyModel(root, envelope, trusting(owner));
    expect(result.ok).toBe(false);
    expect(result.comparison.missing).toEqual(['tokenizer.json']);
    expect(result.problems).toContain('missing file tokenizer.json: listed in the signed manifest but not in the artifact');
  });

  it('fails on a changed file, naming it and both digests', async () => {
    const root = modelDir();
    const { envelope, digest } = await signModel(root, owner.privateKey);
    writeFileSync(join(root, 'weights', 'shard-2.bin'), 'weights TWO');
    const result = await verifyModel(root, envelope, trusting(owner));
    const expected = digest.files.find((f) => f.path === 'weights/shard-2.bin')!.sha256;
    expect(result.ok).toBe(false);
    expect(result.comparison.changed).toEqual([{ path: 'weights/shard-2.bin', expected, actual: expect.not.stringMatching(expected) }]);
    expect(result.problems).toContain(
      `changed file weights/shard-2.bin: expected sha256 ${expected.slice(0, 12)}…, found ${result.comparison.changed[0]!.actual.slice(0, 12)}…`,
    );
    expect(result.signatures).toEqual([{ keyid: owner.id, status: 'trusted' }]);
  });

  it('fails when signed by a key that is not trusted, naming that key', async () => {
    const root = modelDir();
    const { envelope } = await signModel(root, stranger.privateKey);
    const result = await verifyModel(root, envelope, trusting(owner));
    expect(result.ok).toBe(false);
    expect(result.comparison.ok).toBe(true);
    expect(result.trustedKeyIds).toEqual([]);
    expect(result.problems).toEqual([`no valid signature by a trusted key (signature 1 by key ${stranger.id} is not from a trusted key)`]);
  });

  it('fails when no keys are trusted at all (e.g. the only key was revoked)', async () => {
    const root = modelDir();
    const { envelope } = await signModel(root, owner.privateKey);
    expect((await verifyModel(root, envelope, new Map())).ok).toBe(false);
  });

  it('passes when a trusted key co-signed alongside an untrusted one', async () => {
    const root = modelDir();
    const { envelope } = await signModel(root, stranger.privateKey);
    const result = await verifyModel(root, addSignature(envelope, owner.privateKey), trusting(owner));
    expect(result.ok).toBe(true);
    expect(result.trustedKeyIds).toEqual([owner.id]);
  });

  it('fails on a validly signed manifest of a different artifact (other root digest)', async () => {
    const root = modelDir();
    const other = modelDir({ 'config.json': '{"layers":3}' });
    const { envelope, digest: otherDigest } = await signModel(other, owner.privateKey);
    const result = await verifyModel(root, envelope, trusting(owner));
    expect(result.ok).toBe(false);
    expect(result.trustedKeyIds).toEqual([owner.id]);
    expect(result.signedRootDigest).toBe(otherDigest.rootDigest);
    expect(result.problems[0]).toBe(
      `the signature covers root digest ${otherDigest.rootDigest}, but the artifact's root digest is ${result.rootDigest}`,
    );
    expect(result.problems).toContain(`changed file config.json: expected sha256 ${otherDigest.files[0]!.sha256.slice(0, 12)}…, found ${result.comparison.changed[0]!.actual.slice(0, 12)}…`);
  });

  it('reports a payload edited after signing as a bad signature by the trusted key', async () => {
    const root = modelDir();
    const { envelope } = await signModel(root, owner.privateKey);
    // The attacker rewrites the manifest to match a tampered artifact but cannot re-sign it.
    writeFileSync(join(root, 'config.json'), '{"layers":99}');
    const tamperedDigest = await hashArtifact(root);
    const tampered = { ...envelope, payload: Buffer.from(JSON.stringify(modelStatement(tamperedDigest))).toString('base64') };
    const result = await verifyModel(root, tampered, trusting(owner));
    expect(result.ok).toBe(false);
    expect(result.comparison.ok).toBe(true);
    expect(result.signatures).toEqual([{ keyid: owner.id, status: 'bad' }]);
    expect(result.problems).toEqual([`no valid signature by a trusted key (signature 1 by key ${owner.id} does not verify)`]);
  });

  it('refuses an envelope holding some other statement with an InputError before hashing', async () => {
    const other = signStatement(
      { _type: 'https://in-toto.io/Statement/v1', subject: [{ name: 'x', digest: { sha256: hex('a') } }], predicateType: 'https://slsa.dev/provenance/v1', predicate: {} },
      owner.privateKey,
    );
    await expect(verifyModel(join(scratch, 'does-not-exist'), other, trusting(owner))).rejects.toThrow(/model signature: predicateType/);
  });
});

describe('checkIntegrity and checkProvenance as separate gates', () => {
  const owner = newKey();

  it('integrity names changed files even when the signature is untrusted; provenance fails on the key alone', async () => {
    const root = modelDir();
    const { envelope } = await signModel(root, owner.privateKey);
    writeFileSync(join(root, 'config.json'), 'changed');
    const actual = await hashArtifact(root);
    const statement = decodeStatement(envelope, 'model.sig.json');

    const integrity = checkIntegrity(actual, statement);
    expect(integrity.ok).toBe(false);
    expect(integrity.comparison.changed.map((c) => c.path)).toEqual(['config.json']);
    expect(integrity.problems).toHaveLength(1);

    const provenance = checkProvenance(envelope, new Map(), actual.rootDigest);
    expect(provenance.ok).toBe(false);
    expect(provenance.problems).toHaveLength(2);
  });

  it('both pass for an untouched artifact and a trusted signature', async () => {
    const root = modelDir();
    const { envelope, digest } = await signModel(root, owner.privateKey);
    const statement = decodeStatement(envelope, 'model.sig.json');
    expect(checkIntegrity(digest, statement).ok).toBe(true);
    expect(checkProvenance(envelope, trusting(owner), digest.rootDigest)).toEqual({
      ok: true,
      signedRootDigest: digest.rootDigest,
      signatures: [{ keyid: owner.id, status: 'trusted' }],
      trustedKeyIds: [owner.id],
      problems: [],
    });
  });
});

describe('loadEnvelopeFile', () => {
  it('reads back an envelope written as JSON', async () => {
    const { envelope } = await signModel(modelDir(), newKey().privateKey);
    const path = join(scratch, 'model.sig.json');
    writeFileSync(path, JSON.stringify(envelope, null, 2));
    expect(loadEnvelopeFile(path)).toEqual(envelope);
  });

  it('names a missing file', () => {
    const path = join(scratch, 'absent.sig.json');
    expect(() => loadEnvelopeFile(path)).toThrow(new InputError('cannot read signature file (ENOENT)', path));
  });

  it('names a file that is not JSON', () => {
    const path = join(scratch, 'broken.sig.json');
    writeFileSync(path, '{"payloadType": ');
    expect(() => loadEnvelopeFile(path)).toThrow(/broken\.sig\.json: not valid JSON .*: expected a DSSE envelope/);
  });

  it('names a JSON file of the wrong shape and the bad field', () => {
    const path = join(scratch, 'shape.sig.json');
    writeFileSync(path, JSON.stringify({ payloadType: IN_TOTO_PAYLOAD_TYPE, payload: 'e30=' }));
    expect(() => loadEnvelopeFile(path)).toThrow(/shape\.sig\.json: signatures: /);
  });
});

describe('signModel', () => {
  it('refuses a public key before hashing anything', async () => {
    await expect(signModel(join(scratch, 'never-read'), newKey().publicKey)).rejects.toThrow('signing key: expected a private key');
  });
});
