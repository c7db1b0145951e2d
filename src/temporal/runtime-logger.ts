/** Routes the Temporal SDK's own logs (worker, workflow `log`, activity context) into pino. */
import { DefaultLogger, LogLevel, LogMetadata, Runtime } from '@temporalio/worker';
import type { Logger } from '../logger';

let installed = false;

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Installs once per process; the SDK allows a single Runtime. */
export function installTemporalLogger(logger: Logger): void {
  if (installed) return;
  installed = true;
  const sdk = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      const meta: LogMetadata = entry.meta ?? {};
      sdk[levels[entry.level]](meta, entry.message);
    }),
  });
}
