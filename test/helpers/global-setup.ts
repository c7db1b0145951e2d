/**
 * One real Temporal dev server per jest run (DESIGN §7), found or built like `gatehouse up` does, and
 * the workflow code bundled once. Suites read the address and bundle path from the environment.
 * Each jest worker gets its own namespace (created at launch, see `temporalNamespace()` in world.ts),
 * so suites running side by side never share a workflow id such as deploy-<model>-<version>-<env>.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevServer } from '../../src/temporal/dev-server';
import { TEST_NAMESPACES } from './namespaces';

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-jest-'));
  // Side by side: the dev server starts in its own process while webpack bundles the workflows here
  // (a server started for a bundle that failed is stopped again).
  // scripts/test.sh passes the bundle `gatehouse setup` has just built from the same sources
  // (dist/.workflow-bundles/, workers/workflow-bundle.ts): webpack is not run a second time.
  const prebuilt = process.env.TEST_PREBUILT_WORKFLOW_BUNDLE;
  const [started, bundled] = await Promise.allSettled([
    startDevServer({ dataDir: join(dir, 'temporal'), headless: true, namespaces: TEST_NAMESPACES, progress: (line) => process.stderr.write(`${line}\n`) }),
    prebuilt
      ? Promise.resolve({ code: readFileSync(prebuilt, 'utf8') })
      : bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } }),
  ]);
  if (bundled.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.stop();
    throw bundled.reason;
  }
  if (started.status === 'rejected') throw started.reason;
  const server = started.value;
  const { code } = bundled.value;
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);
  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.TEST_RUN_DIR = dir;
  (globalThis as { __gatehouseServer?: typeof server }).__gatehouseServer = server;
}
