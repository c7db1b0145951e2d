/**
 * `gatehouse policy pin`: recompute the sha256 of every file the policy pins and say what differs;
 * write the new digests only when asked, editing just those values so the policy's comments and
 * layout stay. A re-pinned policy is a changed policy: its owners must sign it again.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isScalar, parseDocument } from 'yaml';
import { InputError } from '../errors';
import { readBytes } from '../yaml-file';
import { fileDigest, pinnedFiles } from './pinned-files';

export interface PinChange {
  /** Where in the policy, e.g. `gates.safety.dataset`. */
  at: string;
  path: string;
  pinned: string;
  actual: string;
}

export interface PinPlan {
  policyPath: string;
  changes: PinChange[];
  unchanged: number;
}

function loadDocument(policyPath: string) {
  const doc = parseDocument(readBytes(policyPath, 'policy').toString('utf8'), { uniqueKeys: true });
  if (doc.errors.length > 0) throw new InputError(`not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, policyPath);
  return doc;
}

export function planPin(policyFile: string): PinPlan {
  const policyPath = resolve(policyFile);
  const pins = pinnedFiles(loadDocument(policyPath).toJS());
  if (pins.length === 0) throw new InputError('gates: expected at least one dataset pinned by { path, sha256 }', policyPath);
  const changes: PinChange[] = [];
  for (const pin of pins) {
    const digest = fileDigest(policyPath, pin.path);
    if (digest.problem !== null) throw new InputError(`${pin.at.join('.')}.path: ${digest.problem}`, policyPath);
    if (digest.sha256 !== pin.sha256) changes.push({ at: pin.at.join('.'), path: pin.path, pinned: pin.sha256, actual: digest.sha256 });
  }
  return { policyPath, changes, unchanged: pins.length - changes.length };
}

/** The diff, as a reviewer reads it. */
export function formatPinDiff(plan: PinPlan): string {
  return plan.changes.map((c) => `${c.at} (${c.path}):\n-  sha256: ${c.pinned}\n+  sha256: ${c.actual}`).join('\n');
}

/** Writes the recomputed digests (only those values change in the file). */
export function writePin(plan: PinPlan): void {
  const doc = loadDocument(plan.policyPath);
  for (const pin of pinnedFiles(doc.toJS())) {
    const change = plan.changes.find((c) => c.at === pin.at.join('.'));
    if (!change) continue;
    const node = doc.getIn([...pin.at, 'sha256'], true);
    if (isScalar(node)) node.value = change.actual;
    else doc.setIn([...pin.at, 'sha256'], change.actual);
  }
  writeFileSync(plan.policyPath, doc.toString({ lineWidth: 0 }));
  // Read back: what was written pins what is on disk now.
  if (planPin(plan.policyPath).changes.length > 0) throw new Error(`${plan.policyPath}: the digests written do not match the files (changed while pinning?)`);
}
