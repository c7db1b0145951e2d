/** Connecting the CLI to Temporal: a clear message within seconds (exit 3), never a silent hang. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import type { ClientSettings } from '../config';
import { parseWith } from '../errors';
import { connectChecked as connectTemporal, TemporalConnectionSettings, TemporalUnreachable } from '../temporal/connection';
import { CliExit, EXIT } from './exit-codes';

/** What `gatehouse up` writes into its data dir, so other commands find the running stack. */
export const stackFileSchema = z
  .object({
    temporalAddress: z.string(),
    namespace: z.string(),
    uiUrl: z.string().nullable(),
    gatewayUrl: z.string(),
    modelHostUrl: z.string(),
    pid: z.number().int(),
  })
  .strict();
export type StackFile = z.infer<typeof stackFileSchema>;

export function stackFilePath(dataDir: string): string {
  return join(dataDir, 'stack.json');
}

export function readStackFile(dataDir: string): StackFile | null {
  const path = stackFilePath(dataDir);
  if (!existsSync(path)) return null;
  return parseWith(stackFileSchema, JSON.parse(readFileSync(path, 'utf8')), path);
}

export function temporalAddressFor(settings: ClientSettings): string {
  return settings.temporalAddress ?? readStackFile(settings.dataDir)?.temporalAddress ?? '127.0.0.1:7233';
}

/** The cluster connection the settings describe (address from flags, variables, or the running `gatehouse up`). */
export function connectionSettingsFor(settings: ClientSettings): TemporalConnectionSettings {
  return {
    address: temporalAddressFor(settings),
    namespace: settings.namespace,
    ...(settings.tls ? { tls: settings.tls } : {}),
    ...(settings.apiKey !== undefined ? { apiKey: settings.apiKey } : {}),
  };
}

/**
 * Connects and checks the cluster answers (within seconds): exit 2 for a bad TLS / API key setting,
 * exit 3 with the reason and a hint when the cluster cannot be reached or refuses the client.
 */
export async function connectChecked(settings: ClientSettings): Promise<{ connection: Connection; address: string }> {
  const target = connectionSettingsFor(settings);
  try {
    return { connection: await connectTemporal(target, 5000), address: target.address };
  } catch (err) {
    if (err instanceof TemporalUnreachable) {
      const local = settings.temporalAddress === undefined ? '; start one with `gatehouse up` or set --address / GATEHOUSE_TEMPORAL_ADDRESS' : '';
      throw new CliExit(EXIT.infrastructure, `${err.message}${local}`);
    }
    throw err;
  }
}

/** Exit 3 with the fix when the namespace does not exist (other errors are left to the command). */
export async function checkNamespace(connection: Connection, settings: ClientSettings, address: string): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace: settings.namespace });
  } catch (err) {
    if ((err as { code?: number }).code !== 5) return;
    await connection.close();
    throw new CliExit(
      EXIT.infrastructure,
      `namespace ${settings.namespace} does not exist on the Temporal server at ${address}: prepare it with \`gatehouse --namespace ${settings.namespace} cluster init\``,
    );
  }
}

export async function connectClient(settings: ClientSettings): Promise<{ client: Client; connection: Connection; address: string }> {
  const { connection, address } = await connectChecked(settings);
  await checkNamespace(connection, settings, address);
  return { client: new Client({ connection, namespace: settings.namespace }), connection, address };
}

/** Runs `work` with a connected client and always closes the connection. */
export async function withClient<T>(settings: ClientSettings, work: (client: Client) => Promise<T>): Promise<T> {
  const { client, connection } = await connectClient(settings);
  try {
    return await work(client);
  } finally {
    await connection.close();
  }
}
