/**
 * The workflow bundle of a compiled tree, built once and kept beside it.
 *
 * Webpack-bundling the workflow code costs seconds of CPU at every worker start (every `gatehouse
 * worker` and `gatehouse up`), though a compiled tree (dist/) is the same from one start to the next.
 * So the bundle is kept in `<tree>/.workflow-bundles/<digest>.js`, named by the digest of every
 * compiled file of the tree and of the installed packages (node_modules/.package-lock.json and the
 * Temporal SDK's own package.json files): an edit, a rebuild or a reinstall names another file, so a
 * stale bundle is never read. The file sits inside the compiled tree with its permissions: whoever
 * could replace it could replace the tree's code itself. A tree that cannot be written (a read-only
 * image) is bundled in memory at each start, as before. Run from the TypeScript sources (jest, tsx),
 * there is no compiled tree to name a bundle by: bundled every time.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export const BUNDLE_DIR = '.workflow-bundles';
const SDK_PACKAGES = ['@temporalio/workflow', '@temporalio/common', '@temporalio/worker'];

/** The compiled tree a workflows entry belongs to (`dist/workflows/index.js` → `dist`), or undefined for TypeScript sources. */
export function compiledTreeOf(workflowsPath: string): string | undefined {
  if (!workflowsPath.endsWith('.js')) return undefined;
  return dirname(dirname(workflowsPath));
}

function compiledFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === BUNDLE_DIR) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.(js|json)$/.test(entry.name)) files.push(path);
    }
  };
  walk(root);
  // Sorted by relative path with '/' separators, so the digest does not depend on readdir's order.
  return files.sort((a, b) => (relative(root, a) < relative(root, b) ? -1 : 1));
}

/** The digest that names a compiled tree's bundle: its files (path and content) and the installed packages. */
export function compiledTreeDigest(root: string, resolvePackage: (id: string) => string = require.resolve): string {
  const hash = createHash('sha256');
  const add = (label: string, content: Buffer | string) => {
    hash.update(`${label}\0${content.length}\0`);
    hash.update(content);
  };
  for (const file of compiledFiles(root)) add(relative(root, file).split(sep).join('/'), readFileSync(file));
  const installed = join(root, '..', 'node_modules', '.package-lock.json');
  if (existsSync(installed)) add('node_modules/.package-lock.json', readFileSync(installed));
  for (const pkg of SDK_PACKAGES) add(pkg, readFileSync(resolvePackage(`${pkg}/package.json`)));
  return hash.digest('hex');
}

export interface BundleStore {
  /** The bundle's path for this tree as it is now. */
  path: string;
  read(): string | undefined;
  /** Writes atomically (a temporary file renamed into place), so a reader never sees half a bundle; false when the tree is read-only. */
  write(code: string): boolean;
}

export function bundleStoreFor(root: string, resolvePackage?: (id: string) => string): BundleStore {
  const dir = join(root, BUNDLE_DIR);
  const path = join(dir, `${compiledTreeDigest(root, resolvePackage)}.js`);
  return {
    path,
    read: () => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    write: (code) => {
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        // Bundles of earlier builds are of no further use.
        for (const old of readdirSync(dir)) if (join(dir, old) !== path && old.endsWith('.js')) rmSync(join(dir, old), { force: true });
        writeFileSync(temporary, code);
        renameSync(temporary, path);
        return true;
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Nothing was written there.
        }
        return false;
      }
    },
  };
}
