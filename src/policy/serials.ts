/**
 * The highest policy serial a worker has seen, per policy name, and the digest it had, remembered
 * durably in the data dir (one small file per name, the name hashed into the file name), so a restart
 * does not forget it. A serial names one content: a policy changed under the same serial is another
 * policy (DESIGN §6, policy shopping), refused like an older one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomic-write';

const seenSchema = z.strictObject({
  name: z.string(),
  serial: z.number().int().min(0),
  /** The sha256 of the policy seen at `serial` (absent in records written before digests were kept). */
  digest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

export interface SerialSeen {
  serial: number;
  digest: string | undefined;
}

function seenPath(dataDir: string, policyName: string): string {
  return join(dataDir, 'policy-serials', `${createHash('sha256').update(policyName, 'utf8').digest('hex')}.json`);
}

/** The highest serial seen for `policyName` and its digest; serial 0 when none. An unreadable record throws (fail closed). */
export function highestSerialSeen(dataDir: string, policyName: string): SerialSeen {
  const path = seenPath(dataDir, policyName);
  if (!existsSync(path)) return { serial: 0, digest: undefined };
  let seen: z.infer<typeof seenSchema>;
  try {
    seen = seenSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new Error(`${path}: not a policy serial record {name, serial, digest?}: ${(err as Error).message}`);
  }
  if (seen.name !== policyName) throw new Error(`${path} records policy ${seen.name}, not ${policyName}`);
  return { serial: seen.serial, digest: seen.digest };
}

/**
 * Why this worker must refuse `policyName` at `serial` with `digest`, or null when it may use it: an
 * older serial than the highest seen, or the highest serial with other content.
 */
export function serialRefusal(dataDir: string, policyName: string, serial: number, digest: string): string | null {
  const highest = highestSerialSeen(dataDir, policyName);
  if (serial < highest.serial) {
    return `policy ${policyName} serial ${serial} is older than serial ${highest.serial}, which this worker has already seen: a superseded policy is never used again`;
  }
  if (serial === highest.serial && highest.digest !== undefined && highest.digest !== digest) {
    return (
      `policy ${policyName} serial ${serial} has sha256 ${digest.slice(0, 12)}…, but this worker has already seen serial ${serial} ` +
      `with sha256 ${highest.digest.slice(0, 12)}…: a changed policy needs a higher serial`
    );
  }
  return null;
}

/** Remembers `serial` and its `digest` for `policyName` when the serial is higher than what was seen (or its digest not yet kept). */
export function rememberSerial(dataDir: string, policyName: string, serial: number, digest: string): void {
  const highest = highestSerialSeen(dataDir, policyName);
  if (serial < highest.serial || (serial === highest.serial && highest.digest !== undefined)) return;
  mkdirSync(join(dataDir, 'policy-serials'), { recursive: true });
  writeFileAtomic(seenPath(dataDir, policyName), JSON.stringify({ name: policyName, serial, digest }) + '\n');
}
