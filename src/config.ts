/**
 * Gatehouse's runtime configuration: command-line flags layered over `GATEHOUSE_*` variables, parsed by
 * one zod schema. An unknown `GATEHOUSE_*` variable is an error, not ignored, so a misspelt or
 * invented switch (`GATEHOUSE_SKIP_SAFETY=1`) can never pass unnoticed. Nothing here can weaken a gate:
 * gate thresholds live only in the signed policy.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { describeZodError, InputError } from './errors';

const envSchema = z
  .object({
    GATEHOUSE_DATA_DIR: z.string().min(1).optional(),
    GATEHOUSE_TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port').optional(),
    GATEHOUSE_NAMESPACE: z.string().min(1).optional(),
    GATEHOUSE_WORKER_CONFIG: z.string().min(1).optional(),
    GATEHOUSE_GATEWAY_CONFIG: z.string().min(1).optional(),
    GATEHOUSE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  })
  .strict();

export type GatehouseEnv = z.infer<typeof envSchema>;

/** Reads the `GATEHOUSE_*` variables out of an environment; throws InputError naming any unknown or bad one. */
export function parseGatehouseEnv(env: NodeJS.ProcessEnv = process.env): GatehouseEnv {
  const ours: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('GATEHOUSE_') && value !== undefined) ours[key] = value;
  }
  const result = envSchema.safeParse(ours);
  if (!result.success) {
    const unknown = result.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
    if (unknown.length > 0) {
      throw new InputError(
        `unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: Gatehouse knows only ${Object.keys(envSchema.shape).join(', ')} (and no variable can skip or weaken a gate)`,
        'environment',
      );
    }
    throw new InputError(describeZodError(result.error), 'environment');
  }
  return result.data;
}

export interface ClientSettings {
  dataDir: string;
  temporalAddress: string | undefined;
  namespace: string;
  logLevel: NonNullable<GatehouseEnv['GATEHOUSE_LOG_LEVEL']>;
  workerConfigPath: string | undefined;
  gatewayConfigPath: string | undefined;
}

/** Flags win over variables, variables over defaults. */
export function resolveSettings(flags: { dataDir?: string; address?: string; namespace?: string }, env: GatehouseEnv): ClientSettings {
  return {
    dataDir: resolve(flags.dataDir ?? env.GATEHOUSE_DATA_DIR ?? '.gatehouse'),
    temporalAddress: flags.address ?? env.GATEHOUSE_TEMPORAL_ADDRESS,
    namespace: flags.namespace ?? env.GATEHOUSE_NAMESPACE ?? 'default',
    logLevel: env.GATEHOUSE_LOG_LEVEL ?? 'info',
    workerConfigPath: env.GATEHOUSE_WORKER_CONFIG,
    gatewayConfigPath: env.GATEHOUSE_GATEWAY_CONFIG,
  };
}
