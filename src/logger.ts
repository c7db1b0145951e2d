/** Structured logs (pino). Lines that belong to a run carry its `workflowId`. */
import pino, { Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.GATEHOUSE_LOG_LEVEL ?? 'info', destination?: string): Logger {
  return pino({ level, base: { service: 'gatehouse' } }, destination ? pino.destination({ dest: destination, sync: false, mkdir: true }) : pino.destination(2));
}
