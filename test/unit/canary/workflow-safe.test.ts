/**
 * The canary judge runs inside deterministic workflow code (workflows/README.md): Temporal's bundler
 * refuses node modules, so a bundle of a workflow that imports the judge is the proof.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { join } from 'node:path';

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

test('src/canary/judge.ts and measurements.ts bundle as Temporal workflow code (no node modules, no I/O)', async () => {
  const { code } = await bundleWorkflowCode({ workflowsPath: join(__dirname, 'fixtures', 'canary-probe-workflow.ts'), logger: silent });
  expect(code).toContain('canaryProbe');
  expect(code).not.toMatch(/require\(["']node:/);
}, 120_000);
