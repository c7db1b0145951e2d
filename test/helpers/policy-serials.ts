/**
 * DESIGN §6, policy shopping: a worker refuses a policy serial older than one it has seen, and other
 * content under a serial it has seen. A suite that signs variants of one policy name for one worker
 * gives each variant the next serial from here, signing them in the order it deploys them. The
 * workspace's own policies (src/demo) are serial 1, so the first variant is 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { signPolicyCommand } from '../../src/signing/signing-files';

const lastGiven = new Map<string, number>();

/** The serial for the next policy variant signed for the worker whose data dir is `workerDataDir`. */
export function nextPolicySerial(workerDataDir: string): number {
  const serial = (lastGiven.get(workerDataDir) ?? 1) + 1;
  lastGiven.set(workerDataDir, serial);
  return serial;
}

/** Writes the policy at `path` again at `serial` and signs it again by every owner (`ownerKeys`). */
export function signPolicyAtSerial(path: string, serial: number, ownerKeys: string[]): string {
  const document = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  document.serial = serial;
  writeFileSync(path, stringify(document));
  for (const key of ownerKeys) signPolicyCommand(path, key);
  return path;
}
