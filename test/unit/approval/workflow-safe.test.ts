/**
 * book.ts is imported by deterministic workflow code: it and everything it imports at run time must
 * be free of node: modules, I/O, clocks and randomness. Checked on the source text, import by import.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../src/approval');

function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)].map((m) => m[1] as string);
}

function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const spec of runtimeImports(file)) {
    if (spec.startsWith('.')) closure(join(dirname(file), `${spec}.ts`), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('src/approval/book.ts is workflow-safe', () => {
  const reached = [...closure(join(root, 'book.ts'))];

  it('imports at run time only zod and pure approval modules', () => {
    const external = reached.filter((f) => !f.startsWith('/'));
    expect(external.sort()).toEqual(['zod']);
    expect(reached.filter((f) => f.startsWith('/')).map((f) => f.slice(root.length + 1)).sort()).toEqual(['book.ts', 'policy.ts']);
  });

  it('reads no clock and draws no random number', () => {
    for (const file of reached.filter((f) => f.startsWith('/'))) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(/Date\.now|new Date\(|Math\.random|performance\.now|process\.|require\(/);
    }
  });
});

describe('Temporal’s workflow bundler', () => {
  it('bundles a workflow that uses ApprovalBook, the decision schema and riskTier', async () => {
    const { bundleWorkflowCode } = await import('@temporalio/worker');
    const logs: string[] = [];
    const collect = (message: string) => void logs.push(message);
    const logger = { log: collect, trace: collect, debug: collect, info: collect, warn: collect, error: collect };
    const bundle = await bundleWorkflowCode({ workflowsPath: join(__dirname, 'bundle-fixture-workflow.ts'), logger });
    expect(bundle.code).toContain('approvalBookFixture');
  }, 60_000);
});
