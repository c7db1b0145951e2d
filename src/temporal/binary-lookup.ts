/**
 * Where Gatehouse finds the Go binaries it builds once per machine (the Temporal CLI, the Temporal
 * server and its SQL tool): the user cache (`$XDG_CACHE_HOME` honoured) and PATH, and the Go
 * toolchain that builds them. Shared by `cli-binary.ts` and `src/cluster/server-binary.ts`.
 */
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** `~/.cache/gatehouse/<name>` (or under `$XDG_CACHE_HOME`). */
export function gatehouseCacheDir(name: string): string {
  const base = process.env.XDG_CACHE_HOME && process.env.XDG_CACHE_HOME.length > 0 ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'gatehouse', name);
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isFile(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** `go` on PATH, else the standard install location. */
export function findGo(): string | null {
  return findOnPath('go') ?? (isFile('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
}
