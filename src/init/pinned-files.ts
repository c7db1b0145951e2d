/**
 * The files a policy pins: every `{ path, sha256 }` object under `gates` (the datasets of each gate),
 * wherever a section keeps it, so a new section's datasets are found without a list to update.
 * Paths are relative to the policy file; digests are sha256 of the exact bytes (as the loaders hash).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface PinnedFile {
  /** Where the `{ path, sha256 }` object sits in the policy, e.g. ['gates', 'safety', 'dataset']. */
  at: Array<string | number>;
  path: string;
  sha256: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function pinnedFiles(policy: unknown): PinnedFile[] {
  const found: PinnedFile[] = [];
  const walk = (node: unknown, at: Array<string | number>) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, [...at, i]));
      return;
    }
    if (!isRecord(node)) return;
    if (typeof node.path === 'string' && typeof node.sha256 === 'string') found.push({ at, path: node.path, sha256: node.sha256 });
    for (const [key, child] of Object.entries(node)) walk(child, [...at, key]);
  };
  if (isRecord(policy)) walk(policy.gates, ['gates']);
  return found;
}

/** sha256 (hex) of a file's exact bytes, or null with the reason when it cannot be read. */
export function fileDigest(policyPath: string, path: string): { sha256: string; problem: null } | { sha256: null; problem: string } {
  const file = resolve(dirname(policyPath), path);
  try {
    return { sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), problem: null };
  } catch (err) {
    return { sha256: null, problem: `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
}
