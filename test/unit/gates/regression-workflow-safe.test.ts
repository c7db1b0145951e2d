/**
 * The regression judge and its policy schema may be imported by deterministic workflow code (DESIGN
 * §1.3, src/gates/README.md): everything they import at run time must be free of node: modules, I/O,
 * clocks and randomness (the bootstrap draws from a generator seeded with the run id). The
 * measurements come from src/eval/regression in the activity; the judge imports only their types and
 * the pure BLEU arithmetic of src/eval/judges/text-metrics.ts. Checked on the source text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importClosure as closure, SRC as src } from '../../helpers/import-closure';

describe.each(['gates/regression.ts', 'policy/sections/regression.ts'])('src/%s is workflow-safe', (file) => {
  const reached = [...closure(join(src, file))];

  test('imports at run time only zod, simple-statistics and pure modules', () => {
    expect(reached.filter((f) => !f.startsWith('/')).every((m) => m === 'zod' || m === 'simple-statistics')).toBe(true);
    expect(reached.some((f) => f.includes('/eval/regression/'))).toBe(false);
  });

  test('reads no clock, draws no unseeded random number and does no I/O', () => {
    for (const module of reached.filter((f) => f.startsWith('/'))) {
      const code = readFileSync(module, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(/Date\.now|new Date\(|Math\.random|performance\.now|process\.|require\(|node:/);
    }
  });
});
