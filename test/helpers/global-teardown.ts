import { rmSync } from 'node:fs';
import type { RunningDevServer } from '../../src/temporal/dev-server';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __gatehouseServer?: RunningDevServer }).__gatehouseServer;
  await server?.stop();
  if (process.env.TEST_RUN_DIR) rmSync(process.env.TEST_RUN_DIR, { recursive: true, force: true });
}
