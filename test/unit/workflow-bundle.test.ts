/**
 * The kept workflow bundle (workers/workflow-bundle.ts): named by the compiled tree and the installed
 * packages, so any change to either names another file and a stale bundle is never read.
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_DIR, bundleStoreFor, compiledTreeDigest, compiledTreeOf } from '../../workers/workflow-bundle';

let root: string;
let tree: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gh-bundle-'));
  tree = join(root, 'dist');
  mkdirSync(join(tree, 'workflows'), { recursive: true });
  mkdirSync(join(tree, 'src'), { recursive: true });
  writeFileSync(join(tree, 'workflows', 'index.js'), 'exports.pipeline = 1;');
  writeFileSync(join(tree, 'src', 'policy.js'), 'exports.floor = 0.9;');
  mkdirSync(join(root, 'node_modules'));
  writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{"packages":{"zod":"4.6.7"}}');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

test('a compiled entry names its tree; a TypeScript source names none', () => {
  expect(compiledTreeOf(join(tree, 'workflows', 'index.js'))).toBe(tree);
  expect(compiledTreeOf('/work/main/workflows/index.ts')).toBeUndefined();
});

test('the digest changes with any compiled file, a new file, or the installed packages, and not with the kept bundles', () => {
  const first = compiledTreeDigest(tree);
  expect(compiledTreeDigest(tree)).toBe(first);

  writeFileSync(join(tree, 'src', 'policy.js'), 'exports.floor = 0.1;');
  const edited = compiledTreeDigest(tree);
  expect(edited).not.toBe(first);

  writeFileSync(join(tree, 'src', 'extra.js'), '');
  const added = compiledTreeDigest(tree);
  expect(added).not.toBe(edited);

  writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{"packages":{"zod":"4.7.0"}}');
  const reinstalled = compiledTreeDigest(tree);
  expect(reinstalled).not.toBe(added);

  const sdk = compiledTreeDigest(tree, (id) => (id.startsWith('@temporalio/workflow') ? join(tree, 'src', 'policy.js') : require.resolve(id)));
  expect(sdk).not.toBe(reinstalled);

  bundleStoreFor(tree).write('bundle');
  expect(compiledTreeDigest(tree)).toBe(reinstalled);
});

test('a file moved to another path is another tree', () => {
  const before = compiledTreeDigest(tree);
  rmSync(join(tree, 'src', 'policy.js'));
  writeFileSync(join(tree, 'workflows', 'policy.js'), 'exports.floor = 0.9;');
  expect(compiledTreeDigest(tree)).not.toBe(before);
});

test('a bundle is read back only for the tree it was written for, and older trees\' bundles are removed', () => {
  const store = bundleStoreFor(tree);
  expect(store.read()).toBeUndefined();
  expect(store.write('bundle one')).toBe(true);
  expect(bundleStoreFor(tree).read()).toBe('bundle one');

  writeFileSync(join(tree, 'workflows', 'index.js'), 'exports.pipeline = 2;');
  const rebuilt = bundleStoreFor(tree);
  expect(rebuilt.path).not.toBe(store.path);
  expect(rebuilt.read()).toBeUndefined();
  expect(rebuilt.write('bundle two')).toBe(true);
  expect(readdirSync(join(tree, BUNDLE_DIR))).toEqual([rebuilt.path.split('/').pop()]);
});

test('a read-only tree keeps no bundle and says so', () => {
  if (process.getuid?.() === 0) {
    // root writes through permissions: a file where the directory should be stands in for a read-only tree.
    writeFileSync(join(tree, BUNDLE_DIR), '');
  } else {
    chmodSync(tree, 0o555);
  }
  const store = bundleStoreFor(tree);
  expect(store.write('bundle')).toBe(false);
  expect(store.read()).toBeUndefined();
  chmodSync(tree, 0o755);
});
