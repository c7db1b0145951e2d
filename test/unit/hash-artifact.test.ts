import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { InputError } from '../../src/errors';
import { hashArtifact, HashProgress, rootDigestOf } from '../../src/integrity/hash-artifact';

const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SHA256_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gatehouse-hash-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
/** Creates a fresh directory holding `files` (relative path → contents) and returns its path. */
function artifactDir(files: Record<string, string | Buffer>): string {
  const root = join(scratch, `artifact-${++counter}`);
  mkdirSync(root);
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  return root;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('hashArtifact', () => {
  it('hashes a single file to its known sha256, named by its basename', async () => {
    const root = artifactDir({ 'abc.txt': 'abc' });
    const digest = await hashArtifact(join(root, 'abc.txt'));
    expect(digest.files).toEqual([{ path: 'abc.txt', sha256: SHA256_ABC, size: 3 }]);
    expect(digest.totalBytes).toBe(3);
  });

  it('hashes an empty file to the sha256 of no bytes', async () => {
    const digest = await hashArtifact(artifactDir({ empty: '' }));
    expect(digest.files).toEqual([{ path: 'empty', sha256: SHA256_EMPTY, size: 0 }]);
  });

  it('walks nested directories and reports POSIX relative paths sorted in byte order', async () => {
    const root = artifactDir({
      'weights/shard-2.bin': 'two',
      'weights/shard-1.bin': 'one',
      'config.json': '{}',
      'B-upper.txt': 'B',
      'a/b/c/deep.txt': 'deep',
      'é-accent.txt': 'e',
      'z.txt': 'z',
    });
    const digest = await hashArtifact(root, { concurrency: 3 });
    expect(digest.files.map((f) => f.path)).toEqual([
      'B-upper.txt',
      'a/b/c/deep.txt',
      'config.json',
      'weights/shard-1.bin',
      'weights/shard-2.bin',
      'z.txt',
      'é-accent.txt',
    ]);
    expect(digest.files.find((f) => f.path === 'weights/shard-1.bin')).toEqual({ path: 'weights/shard-1.bin', sha256: sha256('one'), size: 3 });
    expect(digest.totalBytes).toBe(3 + 3 + 2 + 1 + 4 + 1 + 1);
  });

  it('gives a root digest anyone can recompute from sha256sum-style lines', async () => {
    const digest = await hashArtifact(artifactDir({ 'b/x.bin': 'x', 'a.txt': 'abc' }));
    const sha256sumOutput = `${SHA256_ABC}  a.txt\n${sha256('x')}  b/x.bin\n`;
    expect(digest.rootDigest).toBe(sha256(sha256sumOutput));
    expect(rootDigestOf([...digest.files].reverse())).toBe(digest.rootDigest);
  });

  it('gives the same digest whatever the concurrency', async () => {
    const root = artifactDir(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.bin`, `contents ${i}`])));
    const [one, many] = await Promise.all([hashArtifact(root, { concurrency: 1 }), hashArtifact(root, { concurrency: 4 })]);
    expect(many).toEqual(one);
  });

  it('refuses a concurrency that is not a positive integer instead of waiting forever', async () => {
    const root = artifactDir({ 'a.txt': 'a' });
    await expect(hashArtifact(root, { concurrency: 0 })).rejects.toThrow(/concurrency: expected a positive integer/);
    await expect(hashArtifact(root, { concurrency: Number.NaN })).rejects.toThrow(RangeError);
  });

  it('hashes a file larger than the read buffer correctly', async () => {
    // 8 MiB read buffer: 8 MiB + 12345 bytes spans two reads with a partial tail.
    const big = Buffer.alloc(8 * 1024 * 1024 + 12345);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 13)) & 0xff;
    const digest = await hashArtifact(artifactDir({ 'big.bin': big }));
    expect(digest.files).toEqual([{ path: 'big.bin', sha256: sha256(big), size: big.length }]);
  });

  it('reports progress, ending with every byte and file done', async () => {
    const root = artifactDir({ 'a.bin': Buffer.alloc(1000, 1), 'b.bin': Buffer.alloc(2000, 2) });
    const seen: HashProgress[] = [];
    await hashArtifact(root, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen[seen.length - 1]).toEqual({ bytesDone: 3000, bytesTotal: 3000, filesDone: 2, filesTotal: 2 });
    for (const p of seen) expect(p.bytesDone).toBeLessThanOrEqual(p.bytesTotal);
  });

  it('hashes a symlink to a file inside the artifact as that file, under the link name', async () => {
    const root = artifactDir({ 'real/weights.bin': 'w' });
    symlinkSync('real/weights.bin', join(root, 'alias.bin'));
    const digest = await hashArtifact(root);
    expect(digest.files).toEqual([
      { path: 'alias.bin', sha256: sha256('w'), size: 1 },
      { path: 'real/weights.bin', sha256: sha256('w'), size: 1 },
    ]);
  });

  it('rejects a symlink pointing outside the artifact directory, naming it', async () => {
    const outside = artifactDir({ 'secret.txt': 'outside' });
    const root = artifactDir({ 'ok.txt': 'fine' });
    mkdirSync(join(root, 'sub'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'sub', 'escape.txt'));
    const attempt = hashArtifact(root);
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(/sub\/escape\.txt: symlink points outside the artifact directory/);
  });

  it('rejects a relative symlink that climbs out with ..', async () => {
    const outside = artifactDir({ 'secret.txt': 'outside' });
    const root = artifactDir({ 'ok.txt': 'fine' });
    symlinkSync(relative(root, join(outside, 'secret.txt')), join(root, 'climb'));
    await expect(hashArtifact(root)).rejects.toThrow(/climb: symlink points outside the artifact directory/);
  });

  it('rejects a FIFO instead of blocking on it, naming it', async () => {
    const root = artifactDir({ 'ok.txt': 'fine' });
    execFileSync('mkfifo', [join(root, 'pipe')]);
    await expect(hashArtifact(root)).rejects.toThrow(/pipe: not a regular file/);
  });

  it('rejects a dangling symlink, naming it', async () => {
    const root = artifactDir({ 'ok.txt': 'fine' });
    symlinkSync('nowhere.bin', join(root, 'dangling.bin'));
    await expect(hashArtifact(root)).rejects.toThrow(/dangling\.bin: symlink cannot be resolved \(ENOENT\)/);
  });

  it('rejects a symlink to a directory instead of walking it twice', async () => {
    const root = artifactDir({ 'dir/a.txt': 'a' });
    symlinkSync('dir', join(root, 'dir-again'));
    await expect(hashArtifact(root)).rejects.toThrow(/dir-again: symlink does not point to a regular file/);
  });

  it('rejects a missing path with an InputError naming it', async () => {
    const missing = join(scratch, 'no-such-model');
    const attempt = hashArtifact(missing);
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(`${missing}: cannot read artifact (ENOENT)`);
  });

  it('rejects an empty directory: there is nothing to vouch for', async () => {
    const root = artifactDir({});
    await expect(hashArtifact(root)).rejects.toThrow(`${root}: artifact directory contains no files`);
  });

  it('rejects a file name containing a newline, which would make the root digest ambiguous', async () => {
    const root = artifactDir({ 'bad\nname': 'x' });
    await expect(hashArtifact(root)).rejects.toThrow(/control character/);
  });

  it('hashes an artifact given through a symlinked root path', async () => {
    const root = artifactDir({ 'a.txt': 'abc' });
    const link = join(scratch, `root-link-${++counter}`);
    symlinkSync(root, link);
    expect((await hashArtifact(link)).files).toEqual([{ path: 'a.txt', sha256: SHA256_ABC, size: 3 }]);
  });
});

describe('rootDigestOf', () => {
  it('is the sha256 of no bytes for an empty list', () => {
    expect(rootDigestOf([])).toBe(SHA256_EMPTY);
  });

  it('orders paths by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16 (FF21 > D83D).
    const files = [
      { path: '\u{1F600}', sha256: SHA256_ABC },
      { path: '\uFF21', sha256: SHA256_EMPTY },
    ];
    expect(rootDigestOf(files)).toBe(sha256(`${SHA256_EMPTY}  \uFF21\n${SHA256_ABC}  \u{1F600}\n`));
  });
});
