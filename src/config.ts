/**
 * Gatehouse's runtime configuration: command-line flags layered over `GATEHOUSE_*` variables, parsed by
 * one zod schema. An unknown `GATEHOUSE_*` variable is an error, not ignored, so a misspelt or
 * invented switch (`GATEHOUSE_SKIP_SAFETY=1`) can never pass unnoticed. Nothing here can weaken a gate:
 * gate thresholds live only in the signed policy.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { describeZodError, InputError } from './errors';
import type { TemporalTlsSettings } from './temporal/connection';

const envSchema = z
  .object({
    GATEHOUSE_DATA_DIR: z.string().min(1).optional(),
    GATEHOUSE_TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port').optional(),
    GATEHOUSE_NAMESPACE: z.string().min(1).optional(),
    GATEHOUSE_WORKER_CONFIG: z.string().min(1).optional(),
    GATEHOUSE_GATEWAY_CONFIG: z.string().min(1).optional(),
    GATEHOUSE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    // Connecting to a Temporal cluster (src/temporal/connection.ts): TLS, mTLS, or an API key.
    GATEHOUSE_TEMPORAL_TLS: z.enum(['true', 'false', '1', '0'], { message: 'expected true or false' }).optional(),
    GATEHOUSE_TEMPORAL_TLS_CA: z.string().min(1, 'expected the path of a PEM CA certificate').optional(),
    GATEHOUSE_TEMPORAL_TLS_CERT: z.string().min(1, 'expected the path of a PEM client certificate').optional(),
    GATEHOUSE_TEMPORAL_TLS_KEY: z.string().min(1, 'expected the path of a PEM private key').optional(),
    GATEHOUSE_TEMPORAL_TLS_SERVER_NAME: z.string().regex(/^[A-Za-z0-9.-]+$/, 'expected a host name').optional(),
    GATEHOUSE_TEMPORAL_API_KEY: z.string().min(1, 'expected a Temporal API key').optional(),
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
  /** TLS towards the Temporal frontend (off unless a flag or variable turns it on). */
  tls?: TemporalTlsSettings;
  /** A Temporal API key (Temporal Cloud); implies TLS. */
  apiKey?: string;
}

export interface ConnectionFlags {
  tls?: boolean;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsServerName?: string;
  apiKeyFile?: string;
}

function readApiKeyFile(path: string): string {
  try {
    const key = readFileSync(path, 'utf8').trim();
    if (key.length > 0) return key;
  } catch {
    throw new InputError(`--api-key-file: ${path}: no such file (expected a file holding a Temporal API key)`);
  }
  throw new InputError(`--api-key-file: ${path} is empty (expected a Temporal API key)`);
}

/** Flags win over variables, variables over defaults. */
export function resolveSettings(flags: { dataDir?: string; address?: string; namespace?: string } & ConnectionFlags, env: GatehouseEnv): ClientSettings {
  if (flags.tlsServerName !== undefined && !/^[A-Za-z0-9.-]+$/.test(flags.tlsServerName)) {
    throw new InputError(`--tls-server-name ${flags.tlsServerName}: expected a host name`);
  }
  if (flags.address !== undefined && !/^[^:\s]+:\d{1,5}$/.test(flags.address)) throw new InputError(`--address ${flags.address}: expected host:port`);
  const tls: TemporalTlsSettings = {
    enabled: flags.tls ?? (env.GATEHOUSE_TEMPORAL_TLS === 'true' || env.GATEHOUSE_TEMPORAL_TLS === '1'),
    serverCaFile: flags.tlsCa ?? env.GATEHOUSE_TEMPORAL_TLS_CA,
    clientCertFile: flags.tlsCert ?? env.GATEHOUSE_TEMPORAL_TLS_CERT,
    clientKeyFile: flags.tlsKey ?? env.GATEHOUSE_TEMPORAL_TLS_KEY,
    serverName: flags.tlsServerName ?? env.GATEHOUSE_TEMPORAL_TLS_SERVER_NAME,
  };
  for (const key of ['serverCaFile', 'clientCertFile', 'clientKeyFile'] as const) if (tls[key] !== undefined) tls[key] = resolve(tls[key]!);
  const apiKey = flags.apiKeyFile !== undefined ? readApiKeyFile(flags.apiKeyFile) : env.GATEHOUSE_TEMPORAL_API_KEY;
  return {
    dataDir: resolve(flags.dataDir ?? env.GATEHOUSE_DATA_DIR ?? '.gatehouse'),
    temporalAddress: flags.address ?? env.GATEHOUSE_TEMPORAL_ADDRESS,
    namespace: flags.namespace ?? env.GATEHOUSE_NAMESPACE ?? 'default',
    logLevel: env.GATEHOUSE_LOG_LEVEL ?? 'info',
    workerConfigPath: env.GATEHOUSE_WORKER_CONFIG,
    gatewayConfigPath: env.GATEHOUSE_GATEWAY_CONFIG,
    tls,
    ...(apiKey !== undefined ? { apiKey } : {}),
  };
}
