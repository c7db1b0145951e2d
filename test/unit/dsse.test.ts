import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { addSignature, Envelope, IN_TOTO_PAYLOAD_TYPE, pae, parseEnvelope, signEnvelope, verifyEnvelope } from '../../src/signing/dsse';
import { InputError } from '../../src/errors';
import { generateKeyPair, KeyAlgorithm, keyIdOf } from '../../src/signing/keys';

interface TestKey {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function newKey(algorithm: KeyAlgorithm): TestKey {
  const pair = generateKeyPair(algorithm);
  return { id: pair.keyId, privateKey: createPrivateKey(pair.privateKeyPem), publicKey: createPublicKey(pair.publicKeyPem) };
}

function trusting(...keys: TestKey[]): Map<string, KeyObject> {
  return new Map(keys.map((k) => [k.id, k.publicKey]));
}

/** A P-256 public key from the decimal affine coordinates the DSSE spec publishes. */
function p256PublicKeyFromDecimal(x: string, y: string): KeyObject {
  const coordinate = (decimal: string) => Buffer.from(BigInt(decimal).toString(16).padStart(64, '0'), 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: coordinate(x), y: coordinate(y) }, format: 'jwk' });
}

/** An Ed25519 public key from its raw 32 bytes in hex. */
function ed25519PublicKeyFromHex(hex: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

describe('PAE (pre-authentication encoding)', () => {
  it('matches the worked example in the DSSE protocol specification', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString('utf8')).toBe(
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    );
  });

  it('counts lengths in bytes, not characters', () => {
    expect(pae('application/vnd.exämple+json', Buffer.from('é')).toString('utf8')).toBe('DSSEv1 29 application/vnd.exämple+json 2 é');
  });

  it('encodes an empty body as length 0 followed by a trailing space', () => {
    expect(pae(IN_TOTO_PAYLOAD_TYPE, Buffer.alloc(0)).toString('utf8')).toBe('DSSEv1 28 application/vnd.in-toto+json 0 ');
  });
});

describe('published DSSE test vectors', () => {
  // secure-systems-lab/dsse protocol.md, "Test Vectors": ECDSA P-256 / SHA-256, signature as raw r||s.
  const specKey = p256PublicKeyFromDecimal(
    '46950820868899156662930047687818585632848591499744589407958293238635476079160',
    '5640078356564379163099075877009565129882514886557779369047442380624545832820',
  );
  const specEnvelope = {
    payload: 'aGVsbG8gd29ybGQ=',
    payloadType: 'http://example.com/HelloWorld',
    signatures: [{ sig: 'A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==' }],
  };

  it("accepts the specification's ECDSA P-256 envelope (keyid omitted, raw r||s signature)", () => {
    const envelope = parseEnvelope(specEnvelope, 'spec vector');
    const result = verifyEnvelope(envelope, new Map([['spec', specKey]]));
    expect(result.trustedKeyIds).toEqual(['spec']);
    expect(result.payload.toString('utf8')).toBe('hello world');
  });

  it("rejects the specification's envelope when one payload byte changes", () => {
    const envelope = parseEnvelope({ ...specEnvelope, payload: Buffer.from('hello worle').toString('base64') }, 'spec vector');
    expect(verifyEnvelope(envelope, new Map([['spec', specKey]])).trustedKeyIds).toEqual([]);
  });

  // secure-systems-lab/dsse testvectors/vectors.json; keys A and B are RFC 8032 test keys 1 and 2.
  const keyA = ed25519PublicKeyFromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  const keyB = ed25519PublicKeyFromHex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
  const statementPayload = 'eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==';
  const sigA = '2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHiCA==';
  const sigB = 'c1+67/aT0yqEpwx8PsVY3MLHsj9D0CZ014/Fv/QlG59P+9CobUZ7xECJ/V3USG0Ob9CiE5LjReEZUzNF2l7eBw==';
  const bothKeys = new Map([
    ['A', keyA],
    ['B', keyB],
  ]);
  const vector = (payloadType: string, payload: string, signatures: { sig: string; keyid?: string }[]): Envelope =>
    parseEnvelope({ payloadType, payload, signatures }, 'dsse vector');

  it('accepts an Ed25519 signature by a trusted key', () => {
    expect(verifyEnvelope(vector(IN_TOTO_PAYLOAD_TYPE, statementPayload, [{ sig: sigA, keyid: 'A' }]), bothKeys).trustedKeyIds).toEqual(['A']);
  });

  it('accepts URL-safe base64, which the protocol says verifiers must accept', () => {
    const envelope = vector(IN_TOTO_PAYLOAD_TYPE, '-_-_Pj8=', [
      { sig: 'P-_KHICeR7tI6S_YyejJTRtrXhcQyQ2LYPaL8h90KjC9qN8HU_svOQ6TuDOT1HIrsGW886DbWNWcCmX5twLrAw==', keyid: 'A' },
    ]);
    expect(verifyEnvelope(envelope, bothKeys).trustedKeyIds).toEqual(['A']);
  });

  it('rejects a signature when the envelope claims a different payloadType than was signed', () => {
    const envelope = vector('application/vnd.example.other+json', statementPayload, [{ sig: sigA, keyid: 'A' }]);
    expect(verifyEnvelope(envelope, bothKeys).trustedKeyIds).toEqual([]);
  });

  it('counts two distinct signers, with or without key ids, as two keys', () => {
    const withIds = vector(IN_TOTO_PAYLOAD_TYPE, statementPayload, [
      { sig: sigA, keyid: 'A' },
      { sig: sigB, keyid: 'B' },
    ]);
    const withoutIds = vector(IN_TOTO_PAYLOAD_TYPE, statementPayload, [{ sig: sigA }, { sig: sigB }]);
    expect(verifyEnvelope(withIds, bothKeys).trustedKeyIds.sort()).toEqual(['A', 'B']);
    expect(verifyEnvelope(withoutIds, bothKeys).trustedKeyIds.sort()).toEqual(['A', 'B']);
  });

  it('counts the same key signing twice as one key', () => {
    const envelope = vector(IN_TOTO_PAYLOAD_TYPE, statementPayload, [
      { sig: sigA, keyid: 'A' },
      { sig: sigA, keyid: 'A' },
    ]);
    expect(verifyEnvelope(envelope, bothKeys).trustedKeyIds).toEqual(['A']);
  });
});

describe.each<KeyAlgorithm>(['ed25519', 'ecdsa-p256'])('signEnvelope / verifyEnvelope with %s', (algorithm) => {
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
  const signer = newKey(algorithm);
  const other = newKey(algorithm);

  it('round-trips: a signature by a trusted key verifies and names that key', () => {
    const envelope = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, signer.privateKey);
    const result = verifyEnvelope(envelope, trusting(signer));
    expect(result.trustedKeyIds).toEqual([signer.id]);
    expect(result.checks).toEqual([{ keyid: signer.id, status: 'trusted' }]);
    expect(result.payload.equals(payload)).toBe(true);
  });

  it('labels the signature with the signer key id derived from its public key', () => {
    expect(signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, signer.privateKey).signatures[0]!.keyid).toBe(keyIdOf(signer.publicKey));
  });

  it('reports a tampered payload as a bad signature by the trusted key', () => {
    const envelope = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, signer.privateKey);
    const tampered = { ...envelope, payload: Buffer.from('{"_type":"tampered"}').toString('base64') };
    const result = verifyEnvelope(tampered, trusting(signer));
    expect(result.trustedKeyIds).toEqual([]);
    expect(result.checks).toEqual([{ keyid: signer.id, status: 'bad' }]);
  });

  it('reports a signature by a key that is not trusted as untrusted', () => {
    const envelope = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, other.privateKey);
    const result = verifyEnvelope(envelope, trusting(signer));
    expect(result.trustedKeyIds).toEqual([]);
    expect(result.checks).toEqual([{ keyid: other.id, status: 'untrusted' }]);
  });

  it('does not let a forged keyid claiming a trusted key pass a signature by another key', () => {
    const envelope = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, other.privateKey);
    const forged = { ...envelope, signatures: [{ keyid: signer.id, sig: envelope.signatures[0]!.sig }] };
    const result = verifyEnvelope(forged, trusting(signer));
    expect(result.trustedKeyIds).toEqual([]);
    expect(result.checks[0]!.status).toBe('bad');
  });

  it('reports garbage signature bytes as bad, without throwing', () => {
    const envelope = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, signer.privateKey);
    const garbled = { ...envelope, signatures: [{ keyid: signer.id, sig: Buffer.from('not a signature').toString('base64') }] };
    expect(verifyEnvelope(garbled, trusting(signer)).checks).toEqual([{ keyid: signer.id, status: 'bad' }]);
  });

  it('verifies a valid signature whose keyid is empty, since the keyid is only a hint', () => {
    const envelope = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, signer.privateKey);
    const anonymous = parseEnvelope({ ...envelope, signatures: [{ sig: envelope.signatures[0]!.sig }] }, 'envelope.json');
    expect(anonymous.signatures[0]!.keyid).toBe('');
    expect(verifyEnvelope(anonymous, trusting(signer)).trustedKeyIds).toEqual([signer.id]);
  });

  it('reports an invalid signature with an empty keyid as untrusted', () => {
    const envelope = signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, other.privateKey);
    const anonymous = { ...envelope, signatures: [{ keyid: '', sig: envelope.signatures[0]!.sig }] };
    expect(verifyEnvelope(anonymous, trusting(signer)).checks).toEqual([{ keyid: '', status: 'untrusted' }]);
  });

  it('collects one trusted key id per distinct signer with addSignature', () => {
    const envelope = addSignature(signEnvelope(payload, IN_TOTO_PAYLOAD_TYPE, signer.privateKey), other.privateKey);
    expect(verifyEnvelope(envelope, trusting(signer, other)).trustedKeyIds.sort()).toEqual([signer.id, other.id].sort());
    expect(verifyEnvelope(envelope, trusting(signer)).trustedKeyIds).toEqual([signer.id]);
  });
});

describe('parseEnvelope', () => {
  it('refuses an envelope without signatures, naming the file and the field', () => {
    expect(() => parseEnvelope({ payloadType: 'x', payload: '', signatures: [] }, 'model.sig.json')).toThrow(
      new InputError('signatures: expected at least one signature', 'model.sig.json'),
    );
  });

  it('refuses a payload that is not base64', () => {
    expect(() => parseEnvelope({ payloadType: 'x', payload: 'not base64!', signatures: [{ sig: 'AA==' }] }, 'e.json')).toThrow(/e\.json: payload/);
  });
});
