/**
 * The layers point one way (src/README.md): what measures never imports what judges, the demo never
 * imports the CLI, and judges stay free of Node built-ins so workflow code may import them. Every
 * import and re-export is read, `import type` included: a type import is still a dependency.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file names: static imports and re-exports (type-only too), and dynamic imports. */
export function importSpecifiers(text: string): string[] {
  const statics = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gms)].map((m) => m[1]!);
  const bare = [...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  const dynamic = [...text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return [...statics, ...bare, ...dynamic];
}

/** `file imports spec` pairs of a folder under src/, with relative specifiers resolved against src/. */
function importsOf(folder: string): Array<{ file: string; spec: string; target: string | null }> {
  return sourceFiles(join(SRC, folder)).flatMap((file) =>
    importSpecifiers(readFileSync(file, 'utf8')).map((spec) => ({
      file: relative(SRC, file),
      spec,
      target: spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)) : null,
    })),
  );
}

const isUnder = (target: string | null, folder: string) => target !== null && (target === folder || target.startsWith(`${folder}/`));
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('the layers of src/ point one way', () => {
  test('src/eval (what measures) imports nothing from src/gates (what judges)', () => {
    const imports = importsOf('eval');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => isUnder(i.target, 'gates')).map((i) => `${i.file} → ${i.spec}`)).toEqual([]);
  });

  test('src/demo imports nothing from src/cli', () => {
    const imports = importsOf('demo');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => isUnder(i.target, 'cli')).map((i) => `${i.file} → ${i.spec}`)).toEqual([]);
  });

  test('src/gates imports no Node built-in, so workflow code may import a judge', () => {
    const imports = importsOf('gates');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => nodeBuiltins.has(i.spec)).map((i) => `${i.file} → ${i.spec}`)).toEqual([]);
  });
});

describe('the import reader sees every kind of import', () => {
  test.each([
    ["import type { A } from '../gates/x';", '../gates/x'],
    ["import { type A, b } from '../gates/x';", '../gates/x'],
    ["import {\n  A,\n  B,\n} from '../gates/x';", '../gates/x'],
    ["export type { A } from '../gates/x';", '../gates/x'],
    ["export * from '../gates/x';", '../gates/x'],
    ["import * as x from 'node:fs';", 'node:fs'],
    ["import 'node:worker_threads';", 'node:worker_threads'],
    ["const w = require('worker_threads');", 'worker_threads'],
    ["const m = await import('../cli/main');", '../cli/main'],
  ])('%s', (line, spec) => {
    expect(importSpecifiers(line)).toContain(spec);
  });
});
