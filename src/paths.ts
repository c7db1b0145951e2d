/** The checkout's root, found from this file whether it runs as TypeScript (src/) or compiled (dist/src/). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the Gatehouse checkout above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
