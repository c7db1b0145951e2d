/** examples/ci/gatehouse.yml: eval on pull requests, deploy on release tags, results kept. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EXAMPLES_DIR } from '../../../src/demo/scenario';

interface Job {
  if: string;
  steps: Array<{ run?: string; uses?: string }>;
}

const workflow = parse(readFileSync(join(EXAMPLES_DIR, 'ci', 'gatehouse.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

test('runs gatehouse eval with JUnit on pull requests, and gatehouse deploy --wait --junit only on release tags', () => {
  expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  expect(workflow.jobs.eval!.if).toBe("github.event_name == 'pull_request'");
  expect(runs(workflow.jobs.eval!)).toMatch(/gatehouse eval --policy policy\.yaml --endpoint \S+ --junit /);
  expect(workflow.jobs.deploy!.if).toBe("startsWith(github.ref, 'refs/tags/v')");
  expect(runs(workflow.jobs.deploy!)).toMatch(/gatehouse deploy request\.yaml --wait --junit /);
  expect(runs(workflow.jobs.eval!)).not.toMatch(/gatehouse deploy/);
});
