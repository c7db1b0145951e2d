/**
 * DESIGN §6, policy shopping: a worker refuses a policy serial older than one it has seen, and other
 * content under a serial it has seen. A suite that signs variants of one policy name for one worker
 * gives each variant the next serial from here, signing them in the order it deploys them. The
 * workspace's own policies (src/demo) are serial 1, so the first variant is 2.
 */
export { signPolicyAtSerial } from '../../src/demo/policy-serials';

const lastGiven = new Map<string, number>();

/** The serial for the next policy variant signed for the worker whose data dir is `workerDataDir`. */
export function nextPolicySerial(workerDataDir: string): number {
  const serial = (lastGiven.get(workerDataDir) ?? 1) + 1;
  lastGiven.set(workerDataDir, serial);
  return serial;
}
