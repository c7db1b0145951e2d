/**
 * The policy serials a worker has seen, per policy name, remembered durably in the data dir (the name
 * hashed into the file names), so a restart does not forget them:
 * - the highest serial seen and its digest (`<name>.json`): an older serial is refused;
 * - a claim per serial (`<name>.<serial>.claim.json`), created once and never replaced: the first
 *   content the policy gate takes under a serial owns it, and other content under it is refused. The
 *   claim is made with a hard link, which fails if the file exists, so two workers sharing the data
 *   dir (docker-compose's replicas) that check two contents under one serial at the same instant
 *   cannot both win.
 * A serial names one content: a policy changed under the same serial is another policy (DESIGN §6,
 * policy shopping), refused like an older one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic, writeFileOnce } from '../store/atomic-write';

const seenSchema = z.strictObject({
  name: z.string(),
  serial: z.number().int().min(0),
  /** The sha256 of the policy seen at `serial` (absent in records written before digests were kept). */
  digest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
const claimSchema = z.strictObject({ name: z.string(), serial: z.number().int().min(0), digest: z.string().regex(/^[0-9a-f]{64}$/) });

export interface SerialSeen {
  serial: number;
  digest: string | undefined;
}

const nameHash = (policyName: string) => createHash('sha256').update(policyName, 'utf8').digest('hex');
const dirOf = (dataDir: string) => join(dataDir, 'policy-serials');
const seenPath = (dataDir: string, policyName: string) => join(dirOf(dataDir), `${nameHash(policyName)}.json`);
const claimPath = (dataDir: string, policyName: string, serial: number) => join(dirOf(dataDir), `${nameHash(policyName)}.${serial}.claim.json`);

function readRecord<T extends { name: string }>(path: string, schema: z.ZodType<T>, what: string, policyName: string): T {
  let record: T;
  try {
    record = schema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new Error(`${path}: not a policy serial ${what}: ${(err as Error).message}`);
  }
  if (record.name !== policyName) throw new Error(`${path} records policy ${record.name}, not ${policyName}`);
  return record;
}

/** The highest serial seen for `policyName` and its digest; serial 0 when none. An unreadable record throws (fail closed). */
export function highestSerialSeen(dataDir: string, policyName: string): SerialSeen {
  const path = seenPath(dataDir, policyName);
  if (!existsSync(path)) return { serial: 0, digest: undefined };
  const seen = readRecord(path, seenSchema, 'record {name, serial, digest?}', policyName);
  return { serial: seen.serial, digest: seen.digest };
}

/** The digest that owns `serial` of `policyName`, or undefined when no content has claimed it. */
function claimedDigest(dataDir: string, policyName: string, serial: number): string | undefined {
  const path = claimPath(dataDir, policyName, serial);
  if (!existsSync(path)) return undefined;
  return readRecord(path, claimSchema, 'claim {name, serial, digest}', policyName).digest;
}

const otherContent = (policyName: string, serial: number, digest: string, seen: string) =>
  `policy ${policyName} serial ${serial} has sha256 ${digest.slice(0, 12)}…, but this worker has already seen serial ${serial} ` +
  `with sha256 ${seen.slice(0, 12)}…: a changed policy needs a higher serial`;

/**
 * Why this worker must refuse `policyName` at `serial` with `digest`, or null when it may use it: an
 * older serial than the highest seen, or a serial seen with other content. Throws when a record is
 * unreadable (fail closed).
 */
export function serialRefusal(dataDir: string, policyName: string, serial: number, digest: string): string | null {
  const highest = highestSerialSeen(dataDir, policyName);
  if (serial < highest.serial) {
    return `policy ${policyName} serial ${serial} is older than serial ${highest.serial}, which this worker has already seen: a superseded policy is never used again`;
  }
  const owner = claimedDigest(dataDir, policyName, serial) ?? (serial === highest.serial ? highest.digest : undefined);
  return owner !== undefined && owner !== digest ? otherContent(policyName, serial, digest, owner) : null;
}

/**
 * Takes `serial` of `policyName` for `digest` (the policy gate passed it) and remembers it as the
 * highest when it is. Returns why it must be refused after all when other content claimed the serial
 * first (another worker, between the check and now), else null. Throws when a record is unreadable.
 */
export function claimSerial(dataDir: string, policyName: string, serial: number, digest: string): string | null {
  mkdirSync(dirOf(dataDir), { recursive: true });
  const path = claimPath(dataDir, policyName, serial);
  // Created once, never replaced: the first content to claim the serial owns it.
  writeFileOnce(path, JSON.stringify({ name: policyName, serial, digest }) + '\n');
  const owner = claimedDigest(dataDir, policyName, serial)!;
  if (owner !== digest) return otherContent(policyName, serial, digest, owner);
  const highest = highestSerialSeen(dataDir, policyName);
  if (serial > highest.serial || (serial === highest.serial && highest.digest === undefined)) {
    writeFileAtomic(seenPath(dataDir, policyName), JSON.stringify({ name: policyName, serial, digest }) + '\n');
  }
  return null;
}
