/**
 * The flow suites' policies (test/helpers/flow-policy.ts) judge a pipeline's path, never this machine's speed: a first deployment's
 * absolute latency bound is lifted far above any loaded machine's latency, and every other bound and gate stays as signed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exampleSafetySection } from '../../src/demo/scenario';
import { flowSafetySection, withFlowGates } from '../helpers/flow-policy';

const regression = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'datasets', 'regression-policy.yaml'), 'utf8')) as { absolute: Record<string, { maxMs?: number; min?: number }> };
const safety = exampleSafetySection();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gh-flow-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("a first deployment's latency bound is lifted; its accuracy bound and the rest of the regression section are kept", () => {
  expect(regression.absolute.latency_p99!.maxMs).toBe(1000);
  const flow = withFlowGates({ gates: { regression, safety } }, dir) as unknown as { gates: { regression: typeof regression } };
  expect(flow.gates.regression.absolute.latency_p99!.maxMs).toBeGreaterThanOrEqual(60_000);
  expect(flow.gates.regression.absolute.accuracy).toEqual(regression.absolute.accuracy);
  expect({ ...flow.gates.regression, absolute: undefined }).toEqual({ ...regression, absolute: undefined });
});

test('a policy without a regression section is only given its flow safety section', () => {
  const flow = withFlowGates({ gates: { safety } }, dir) as unknown as { gates: Record<string, unknown> };
  expect(Object.keys(flow.gates)).toEqual(['safety']);
  expect((flow.gates.safety as { mutators: { names: string[] } }).mutators.names).toEqual([]);
});

test("the flow safety suite: the example suite's first items of each category, whole paraphrase groups, pinned by digest", () => {
  const flow = flowSafetySection(safety, dir);
  const text = readFileSync(flow.dataset.path, 'utf8');
  expect(flow.dataset.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  const items = text.trim().split('\n').map((line) => JSON.parse(line) as { id: string; category: string; group?: string });
  const example = new Map(readFileSync(safety.dataset.path, 'utf8').trim().split('\n').map((line) => [(JSON.parse(line) as { id: string }).id, line]));
  for (const line of text.trim().split('\n')) expect(example.get((JSON.parse(line) as { id: string }).id)).toBe(line);
  const count = (category: string) => items.filter((i) => i.category === category).length;
  for (const category of ['harmful_content', 'pii_leakage', 'instruction_following', 'jailbreak']) {
    expect(count(category)).toBe(12);
    expect(flow.dataset.minItemsPerCategory?.[category as 'jailbreak']).toBe(12);
  }
  const groups = new Set(items.filter((i) => i.category === 'consistency').map((i) => i.group));
  expect(groups.size).toBe(12);
  expect(flow.dataset.minItemsPerCategory?.consistency).toBe(12);
  const exampleItems = [...example.values()].map((line) => JSON.parse(line) as { category: string; group?: string });
  for (const group of groups) expect(items.filter((i) => i.group === group).length).toBe(exampleItems.filter((i) => i.group === group).length);
  expect(flow.mutators.names).toEqual([]);
  expect(flow.requireDemonstrated).toBe(false);
  expect(flow.thresholds).toEqual(safety.thresholds);
});
