/**
 * Compares the files an artifact actually holds with the list a manifest expects, by path and sha256.
 * Pure: no I/O, so gates and tests can use it on crafted data.
 */
import { InputError } from '../errors';
import { compareUtf8, FileDigest } from './hash-artifact';

export interface ChangedFile {
  path: string;
  /** sha256 the manifest expects. */
  expected: string;
  /** sha256 found in the artifact. */
  actual: string;
}

export interface ManifestComparison {
  /** True only when both lists hold exactly the same paths with the same digests. */
  ok: boolean;
  /** In the artifact, not in the manifest (sorted by path). */
  extra: string[];
  /** In the manifest, not in the artifact (sorted by path). */
  missing: string[];
  /** In both, with different digests (sorted by path). */
  changed: ChangedFile[];
}

/**
 * Paths must be unique in each list (a manifest with one path twice is ambiguous, so it is refused
 * with an InputError rather than guessed at).
 */
export function compareWithManifest(
  actual: ReadonlyArray<Pick<FileDigest, 'path' | 'sha256'>>,
  expected: ReadonlyArray<{ path: string; sha256: string }>,
): ManifestComparison {
  const actualByPath = indexByPath(actual, 'artifact');
  const expectedByPath = indexByPath(expected, 'manifest');
  const extra: string[] = [];
  const changed: ChangedFile[] = [];
  for (const [path, actualSha] of actualByPath) {
    const expectedSha = expectedByPath.get(path);
    if (expectedSha === undefined) extra.push(path);
    else if (expectedSha !== actualSha) changed.push({ path, expected: expectedSha, actual: actualSha });
  }
  const missing = [...expectedByPath.keys()].filter((path) => !actualByPath.has(path));
  extra.sort(compareUtf8);
  missing.sort(compareUtf8);
  changed.sort((a, b) => compareUtf8(a.path, b.path));
  return { ok: extra.length === 0 && missing.length === 0 && changed.length === 0, extra, missing, changed };
}

function indexByPath(files: ReadonlyArray<{ path: string; sha256: string }>, listName: string): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const { path, sha256 } of files) {
    if (byPath.has(path)) throw new InputError(`${listName} lists file ${path} more than once`);
    byPath.set(path, sha256);
  }
  return byPath;
}

/** Short digest for messages: enough to tell two apart at a glance. */
function abbreviate(sha256: string): string {
  return sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256;
}

/** One sentence per problem, each naming the file; empty when the comparison is ok. */
export function describeComparison(comparison: ManifestComparison): string[] {
  return [
    ...comparison.extra.map((path) => `extra file ${path}: present in the artifact but not in the signed manifest`),
    ...comparison.missing.map((path) => `missing file ${path}: listed in the signed manifest but not in the artifact`),
    ...comparison.changed.map(
      (c) => `changed file ${c.path}: expected sha256 ${abbreviate(c.expected)}, found ${abbreviate(c.actual)}`,
    ),
  ];
}
