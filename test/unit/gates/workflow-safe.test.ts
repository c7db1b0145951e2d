/**
 * Judges may be imported by deterministic workflow code (DESIGN §1.3, src/gates/README.md): the safety
 * judge and its policy schema, and everything they import at run time, must be free of node: modules,
 * I/O, clocks and randomness. Checked on the source text, import by import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const src = resolve(__dirname, '../../../src');

function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)].map((m) => m[1] as string);
}

function resolveLocal(from: string, spec: string): string {
  const base = join(dirname(from), spec);
  return existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts');
}

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const spec of runtimeImports(file)) {
    if (spec.startsWith('.')) closure(resolveLocal(file, spec), seen);
    else seen.add(spec);
  }
  return seen;
}

describe.each(['gates/safety.ts', 'policy/sections/safety.ts'])('src/%s is workflow-safe', (file) => {
  const reached = [...closure(join(src, file))];

  test('imports at run time only zod, simple-statistics and pure modules', () => {
    expect(reached.filter((f) => !f.startsWith('/')).every((m) => m === 'zod' || m === 'simple-statistics')).toBe(true);
    expect(reached).toContain(join(src, 'eval/datasets/items.ts'));
  });

  test('reads no clock, draws no unseeded random number and does no I/O', () => {
    for (const module of reached.filter((f) => f.startsWith('/'))) {
      const code = readFileSync(module, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(/Date\.now|new Date\(|Math\.random|performance\.now|process\.|require\(|node:/);
    }
  });
});
