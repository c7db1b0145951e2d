/**
 * One local production stack for every cluster test file (DESIGN §2, "Production topology, run
 * natively here"): the real Temporal server v1.29.1 on the local PostgreSQL, over mTLS, with its two
 * databases named `gatehouse_test_<random>_temporal` / `_visibility` so nothing else on that server
 * is touched. The namespaces the files deploy into are prepared here with `cluster init`, at once.
 * PostgreSQL: $TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres (trust auth).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downLocalStack, upLocalStack } from '../../src/cluster/local-stack';
import { NAMESPACES } from './helpers';

export default async function clusterGlobalSetup(): Promise<void> {
  const started = Date.now();
  const dir = join(mkdtempSync(join(tmpdir(), 'gatehouse-cluster-')), 'stack');
  const prefix = `gatehouse_test_${randomBytes(4).toString('hex')}`;
  const progress = (line: string) => process.stderr.write(`[cluster] ${line}\n`);
  try {
    const stack = await upLocalStack({
      dir,
      postgresUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      prefix,
      namespaces: ['default', ...Object.values(NAMESPACES)],
      retentionDays: 1,
      progress,
    });
    progress(`local production stack up in ${((Date.now() - started) / 1000).toFixed(1)}s: ${stack.state.address}, databases ${stack.state.databases.temporal} / ${stack.state.databases.visibility}`);
  } catch (err) {
    await downLocalStack(dir).catch(() => undefined);
    throw err;
  }
  process.env.TEST_CLUSTER_DIR = dir;
}
