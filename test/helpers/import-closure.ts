/** Which modules a source file reaches at run time (type-only imports excluded), read from the source text. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const SRC = resolve(__dirname, '../../src');

export function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)].map((m) => m[1] as string);
}

/** Absolute paths of the project files reached, plus the bare names of packages imported. */
export function importClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const spec of runtimeImports(file)) {
    if (!spec.startsWith('.')) {
      seen.add(spec);
      continue;
    }
    const base = join(dirname(file), spec);
    importClosure(existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts'), seen);
  }
  return seen;
}
