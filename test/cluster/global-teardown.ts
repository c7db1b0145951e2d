/** Stops the stack's server (whichever process started it last) and drops both test databases. */
import { dirname } from 'node:path';
import { rmSync } from 'node:fs';
import { downLocalStack } from '../../src/cluster/local-stack';

export default async function clusterGlobalTeardown(): Promise<void> {
  const dir = process.env.TEST_CLUSTER_DIR;
  if (!dir) return;
  const result = await downLocalStack(dir);
  if (result.problems.length > 0) process.stderr.write(`[cluster] could not drop the test databases: ${result.problems.join('; ')}\n`);
  else rmSync(dirname(dir), { recursive: true, force: true });
}
