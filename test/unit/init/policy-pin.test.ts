/** `gatehouse policy pin`: a diff of the recomputed digests, written only with --write, comments kept. */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../../src/cli/main';
import { initWorkspace } from '../../../src/init/init-workspace';
import { formatPinDiff, planPin, writePin } from '../../../src/init/policy-pin';
import { policySchema } from '../../../src/policy/schema';

const root = mkdtempSync(join(tmpdir(), 'gatehouse-pin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const workspace = () => initWorkspace({ dir: join(root, `ws-${++n}`), dataDir: join(root, 'data'), kind: 'chat', model: 'm', force: false });

test('a freshly initialised policy is up to date', () => {
  expect(planPin(workspace().policyPath).changes).toEqual([]);
});

test('shows the changed suite as a diff and writes nothing without --write', () => {
  const ws = workspace();
  appendFileSync(join(ws.dir, 'suites', 'safety.jsonl'), '\n');
  const before = readFileSync(ws.policyPath, 'utf8');
  const plan = planPin(ws.policyPath);
  expect(plan.changes.map((c) => c.at)).toEqual(['gates.safety.dataset']);
  expect(formatPinDiff(plan)).toMatch(/^gates\.safety\.dataset \(suites\/safety\.jsonl\):\n-  sha256: [0-9a-f]{64}\n\+  sha256: [0-9a-f]{64}$/);
  expect(readFileSync(ws.policyPath, 'utf8')).toBe(before);
});

test('--write changes only the digest, keeps the comments, and leaves a valid policy that pins the files on disk', () => {
  const ws = workspace();
  appendFileSync(join(ws.dir, 'suites', 'regression.jsonl'), '\n');
  const before = readFileSync(ws.policyPath, 'utf8');
  const plan = planPin(ws.policyPath);
  // The regression suite is pinned twice: by the regression gate and by the bias gate's slice analysis.
  expect(plan.changes.map((c) => c.at).sort()).toEqual(['gates.bias.slices.dataset', 'gates.regression.dataset']);
  writePin(plan);
  const after = readFileSync(ws.policyPath, 'utf8');
  expect(after).toBe(before.split(plan.changes[0]!.pinned).join(plan.changes[0]!.actual));
  expect(after).toContain('# Least share of items each category must pass.');
  expect(planPin(ws.policyPath).changes).toEqual([]);
  expect(() => policySchema.parse(parse(after))).not.toThrow();
});

test('through the CLI: exit 1 when digests differ and nothing is written, 0 once written (saying to sign again), 2 for a missing file', async () => {
  const ws = workspace();
  appendFileSync(join(ws.dir, 'suites', 'bias-bbq.jsonl'), '\n');
  const writes: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    process.exitCode = undefined;
    expect(await main(['node', 'gatehouse', 'policy', 'pin', ws.policyPath])).toBe(1);
    process.exitCode = undefined;
    expect(await main(['node', 'gatehouse', 'policy', 'pin', ws.policyPath, '--write'])).toBe(0);
    expect(writes.join('')).toMatch(/every policy owner must sign it again/);
    unlinkSync(join(ws.dir, 'suites', 'bias-bbq.jsonl'));
    process.exitCode = undefined;
    expect(await main(['node', 'gatehouse', 'policy', 'pin', ws.policyPath])).toBe(2);
  } finally {
    process.exitCode = undefined;
    spy.mockRestore();
    errSpy.mockRestore();
  }
});
