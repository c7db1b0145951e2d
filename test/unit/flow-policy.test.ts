/**
 * The flow suites' policies (test/helpers/flow-policy.ts) judge a pipeline's path, never this machine's speed: a first deployment's
 * absolute latency bound is lifted far above any loaded machine's latency, and every other bound and gate stays as signed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { withFlowGates } from '../helpers/flow-policy';

const regression = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'datasets', 'regression-policy.yaml'), 'utf8')) as { absolute: Record<string, { maxMs?: number; min?: number }> };
const safety = { mutators: { names: ['base64'] }, dataset: { minItemsPerCategory: { jailbreak: 50 } }, requireDemonstrated: true };

test("a first deployment's latency bound is lifted; its accuracy bound and the rest of the regression section are kept", () => {
  expect(regression.absolute.latency_p99!.maxMs).toBe(1000);
  const flow = withFlowGates({ gates: { regression, safety } }) as unknown as { gates: { regression: typeof regression } };
  expect(flow.gates.regression.absolute.latency_p99!.maxMs).toBeGreaterThanOrEqual(60_000);
  expect(flow.gates.regression.absolute.accuracy).toEqual(regression.absolute.accuracy);
  expect({ ...flow.gates.regression, absolute: undefined }).toEqual({ ...regression, absolute: undefined });
});

test('a policy without a regression section is only given its flow safety section', () => {
  const flow = withFlowGates({ gates: { safety } }) as unknown as { gates: Record<string, unknown> };
  expect(Object.keys(flow.gates)).toEqual(['safety']);
  expect((flow.gates.safety as { mutators: { names: string[] } }).mutators.names).toEqual([]);
});
