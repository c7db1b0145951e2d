/** Connecting the CLI to Temporal: a clear message within seconds (exit 3), never a silent hang. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import type { ClientSettings } from '../config';
import { parseWith } from '../errors';
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

export async function connectClient(settings: ClientSettings): Promise<{ client: Client; connection: Connection; address: string }> {
  const address = temporalAddressFor(settings);
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: 5000 });
    await connection.workflowService.getSystemInfo({});
  } catch (err) {
    throw new CliExit(
      EXIT.infrastructure,
      `cannot reach the Temporal server at ${address} (${(err as Error).message.split('\n')[0]}); start one with \`gatehouse up\` or set --address / GATEHOUSE_TEMPORAL_ADDRESS`,
    );
  }
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
