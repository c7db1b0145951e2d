/**
 * Crash-safe file writes through a temporary sibling, written whole and fsynced first:
 * - `writeFileAtomic` renames it over the target (replace);
 * - `writeFileOnce` hard-links it into place, which fails if the target exists (create once: of
 *   several processes racing, exactly one wins, and no reader ever sees a half-written file).
 */
import { closeSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

function writeSibling(path: string, data: Buffer | string, mode: number): string {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

export function writeFileAtomic(path: string, data: Buffer | string): void {
  renameSync(writeSibling(path, data, 0o644), path);
}

/** Creates `path` with `data` unless it exists; true when this call created it. */
export function writeFileOnce(path: string, data: Buffer | string, mode = 0o644): boolean {
  const tmp = writeSibling(path, data, mode);
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    unlinkSync(tmp);
  }
}
