import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors';
import { generateKeyPair, KeyAlgorithm, keyIdOf, loadPrivateKey, loadPublicKey, parsePublicKeyPem } from '../../src/signing/keys';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeKeyFile(name: string, pem: string): string {
  const path = join(dir, name);
  writeFileSync(path, pem);
  return path;
}

describe.each<KeyAlgorithm>(['ed25519', 'ecdsa-p256'])('%s key files', (algorithm) => {
  it('load back to keys with the key id generateKeyPair reported', () => {
    const pair = generateKeyPair(algorithm);
    const privateKey = loadPrivateKey(writeKeyFile(`${algorithm}.key`, pair.privateKeyPem));
    const publicKey = loadPublicKey(writeKeyFile(`${algorithm}.pub`, pair.publicKeyPem));
    expect(privateKey.type).toBe('private');
    expect(publicKey.type).toBe('public');
    expect(keyIdOf(publicKey)).toBe(pair.keyId);
    expect(pair.keyId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('key ids', () => {
  it('differ between two generated keys', () => {
    expect(generateKeyPair().keyId).not.toBe(generateKeyPair().keyId);
  });
});

describe('refused keys', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('refuses an RSA private key with an InputError naming the file and the expected key types', () => {
    const path = writeKeyFile('rsa.key', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    let error: unknown;
    try {
      loadPrivateKey(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(path);
    expect((error as InputError).message).toContain(path);
    expect((error as InputError).message).toMatch(/unsupported key type rsa: expected an Ed25519 or ECDSA P-256 key/);
  });

  it('refuses an RSA public key the same way', () => {
    const path = writeKeyFile('rsa.pub', rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(() => loadPublicKey(path)).toThrow(new InputError('unsupported key type rsa: expected an Ed25519 or ECDSA P-256 key', path));
  });

  it('refuses an EC key on a curve other than P-256, naming the curve', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(() => parsePublicKeyPem(p384.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'p384.pub')).toThrow(
      /p384\.pub: unsupported key type ec \(secp384r1\): expected an Ed25519 or ECDSA P-256 key/,
    );
  });

  it('refuses a file that is not PEM, naming it', () => {
    expect(() => loadPublicKey(writeKeyFile('junk.pub', 'hello'))).toThrow(/junk\.pub: not a PEM public key/);
  });

  it('refuses a missing key file, naming it and the reason', () => {
    const path = join(dir, 'absent.pub');
    expect(() => loadPublicKey(path)).toThrow(new InputError('cannot read key file (ENOENT)', path));
  });
});
