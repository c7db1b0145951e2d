/** DESIGN §6 "Policy shopping": the serials a worker remembers, and what it refuses because of them. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { highestSerialSeen, rememberSerial, serialRefusal } from '../../../src/policy/serials';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-serials-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a worker that has seen nothing refuses nothing, and remembers the first serial with its digest', () => {
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 0, digest: undefined });
  expect(serialRefusal(dir, 'prod', 1, A)).toBeNull();
  rememberSerial(dir, 'prod', 1, A);
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 1, digest: A });
  expect(serialRefusal(dir, 'prod', 1, A)).toBeNull();
});

test('the same serial with other content is refused; an older serial is refused; a higher one is taken and remembered', () => {
  rememberSerial(dir, 'prod', 3, A);
  expect(serialRefusal(dir, 'prod', 3, B)).toBe(`policy prod serial 3 has sha256 bbbbbbbbbbbb…, but this worker has already seen serial 3 with sha256 aaaaaaaaaaaa…: a changed policy needs a higher serial`);
  expect(serialRefusal(dir, 'prod', 2, A)).toBe('policy prod serial 2 is older than serial 3, which this worker has already seen: a superseded policy is never used again');
  // Remembering a refused one changes nothing.
  rememberSerial(dir, 'prod', 3, B);
  rememberSerial(dir, 'prod', 2, B);
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 3, digest: A });
  expect(serialRefusal(dir, 'prod', 4, B)).toBeNull();
  rememberSerial(dir, 'prod', 4, B);
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 4, digest: B });
  expect(serialRefusal(dir, 'prod', 4, A)).not.toBeNull();
  // Names are kept apart.
  expect(serialRefusal(dir, 'staging', 1, A)).toBeNull();
});

test('a record written before digests were kept binds the digest seen next at that serial', () => {
  const file = join(dir, 'policy-serials', `${createHash('sha256').update('prod', 'utf8').digest('hex')}.json`);
  mkdirSync(join(dir, 'policy-serials'));
  writeFileSync(file, JSON.stringify({ name: 'prod', serial: 2 }) + '\n');
  expect(serialRefusal(dir, 'prod', 2, A)).toBeNull();
  rememberSerial(dir, 'prod', 2, A);
  expect(serialRefusal(dir, 'prod', 2, B)).not.toBeNull();
});

test('an unreadable record fails closed, naming the file', () => {
  const file = join(dir, 'policy-serials', `${createHash('sha256').update('prod', 'utf8').digest('hex')}.json`);
  mkdirSync(join(dir, 'policy-serials'));
  writeFileSync(file, JSON.stringify({ name: 'prod', serial: 2, digest: 'not-a-digest' }));
  expect(() => serialRefusal(dir, 'prod', 2, A)).toThrow(`${file}: not a policy serial record {name, serial, digest?}`);
  writeFileSync(file, JSON.stringify({ name: 'other', serial: 2 }));
  expect(() => highestSerialSeen(dir, 'prod')).toThrow(`${file} records policy other, not prod`);
});
