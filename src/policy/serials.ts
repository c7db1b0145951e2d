/**
 * The highest policy serial a worker has seen, per policy name, remembered durably in the data dir
 * (one small file per name, the name hashed into the file name), so a restart does not forget it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-write';

const seenSchema = z.strictObject({ name: z.string(), serial: z.number().int().min(0) });

function seenPath(dataDir: string, policyName: string): string {
  return join(dataDir, 'policy-serials', `${createHash('sha256').update(policyName, 'utf8').digest('hex')}.json`);
}

/** The highest serial seen for `policyName`; 0 when none. An unreadable record throws (fail closed). */
export function highestSerialSeen(dataDir: string, policyName: string): number {
  const path = seenPath(dataDir, policyName);
  if (!existsSync(path)) return 0;
  const seen = seenSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  if (seen.name !== policyName) throw new Error(`${path} records policy ${seen.name}, not ${policyName}`);
  return seen.serial;
}

/** Remembers `serial` for `policyName` when it is higher than what was seen. */
export function rememberSerial(dataDir: string, policyName: string, serial: number): void {
  if (serial <= highestSerialSeen(dataDir, policyName)) return;
  mkdirSync(join(dataDir, 'policy-serials'), { recursive: true });
  writeFileAtomic(seenPath(dataDir, policyName), JSON.stringify({ name: policyName, serial }) + '\n');
}
