/**
 * The demo's policies are versions of one policy name (the worker binds one name to an environment),
 * and a worker takes neither a serial older than one it has seen nor other content under one (DESIGN
 * §6, policy shopping). So before the runs under one of them start, the owners sign it again at the
 * next serial, and the next policy's runs start once these have passed the policy gate (see
 * src/cli/demo-command.ts): each policy the worker sees has a higher serial than any before it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { signPolicyCommand } from '../signing/signing-files';

/** Writes the policy at `path` again at `serial` and signs it again by every owner (`ownerKeyPaths`). */
export function signPolicyAtSerial(path: string, serial: number, ownerKeyPaths: readonly string[]): string {
  const document = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, stringify({ ...document, serial }));
  for (const key of ownerKeyPaths) signPolicyCommand(path, key);
  return path;
}

export interface PolicySerials {
  /** Writes the policy at `path` at the next serial and signs it by every owner. */
  signAtNextSerial(path: string): number;
}

export function policySerials(ownerKeyPaths: readonly string[]): PolicySerials {
  let last = 0;
  return {
    signAtNextSerial(path) {
      last += 1;
      signPolicyAtSerial(path, last, ownerKeyPaths);
      return last;
    },
  };
}
