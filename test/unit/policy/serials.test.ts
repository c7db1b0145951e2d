/** DESIGN §6 "Policy shopping": the serials a worker remembers, and what it refuses because of them. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimSerial, highestSerialSeen, serialRefusal } from '../../../src/policy/serials';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const recordFile = (dir: string, name: string) => join(dir, 'policy-serials', `${createHash('sha256').update(name, 'utf8').digest('hex')}.json`);
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-serials-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a worker that has seen nothing refuses nothing, and remembers the first serial with its digest', () => {
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 0, digest: undefined });
  expect(serialRefusal(dir, 'prod', 1, A)).toBeNull();
  expect(claimSerial(dir, 'prod', 1, A)).toBeNull();
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 1, digest: A });
  expect(serialRefusal(dir, 'prod', 1, A)).toBeNull();
  // Claiming the same content again is idempotent (a retried activity).
  expect(claimSerial(dir, 'prod', 1, A)).toBeNull();
  expect(readdirSync(join(dir, 'policy-serials')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('the same serial with other content is refused; an older serial is refused; a higher one is taken and remembered', () => {
  expect(claimSerial(dir, 'prod', 3, A)).toBeNull();
  const changed = `policy prod serial 3 has sha256 bbbbbbbbbbbb…, but this worker has already seen serial 3 with sha256 aaaaaaaaaaaa…: a changed policy needs a higher serial`;
  expect(serialRefusal(dir, 'prod', 3, B)).toBe(changed);
  expect(serialRefusal(dir, 'prod', 2, A)).toBe('policy prod serial 2 is older than serial 3, which this worker has already seen: a superseded policy is never used again');
  expect(serialRefusal(dir, 'prod', 4, B)).toBeNull();
  expect(claimSerial(dir, 'prod', 4, B)).toBeNull();
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 4, digest: B });
  expect(serialRefusal(dir, 'prod', 4, A)).not.toBeNull();
  // Names are kept apart.
  expect(serialRefusal(dir, 'staging', 1, A)).toBeNull();
});

test('two workers that both passed the check for two contents under one serial: the first claim wins, the second is refused', () => {
  // Both checks ran before either claim (two replicas sharing the data dir, at the same instant).
  expect(serialRefusal(dir, 'prod', 5, A)).toBeNull();
  expect(serialRefusal(dir, 'prod', 5, B)).toBeNull();
  expect(claimSerial(dir, 'prod', 5, A)).toBeNull();
  expect(claimSerial(dir, 'prod', 5, B)).toBe(
    'policy prod serial 5 has sha256 bbbbbbbbbbbb…, but this worker has already seen serial 5 with sha256 aaaaaaaaaaaa…: a changed policy needs a higher serial',
  );
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 5, digest: A });
});

test('a record written before digests were kept binds the digest claimed next at that serial', () => {
  mkdirSync(join(dir, 'policy-serials'));
  writeFileSync(recordFile(dir, 'prod'), JSON.stringify({ name: 'prod', serial: 2 }) + '\n');
  expect(serialRefusal(dir, 'prod', 2, A)).toBeNull();
  expect(claimSerial(dir, 'prod', 2, A)).toBeNull();
  expect(highestSerialSeen(dir, 'prod')).toEqual({ serial: 2, digest: A });
  expect(serialRefusal(dir, 'prod', 2, B)).not.toBeNull();
});

test('an unreadable record fails closed, naming the file', () => {
  const file = recordFile(dir, 'prod');
  mkdirSync(join(dir, 'policy-serials'));
  writeFileSync(file, JSON.stringify({ name: 'prod', serial: 2, digest: 'not-a-digest' }));
  expect(() => serialRefusal(dir, 'prod', 2, A)).toThrow(`${file}: not a policy serial record {name, serial, digest?}`);
  writeFileSync(file, JSON.stringify({ name: 'other', serial: 2 }));
  expect(() => highestSerialSeen(dir, 'prod')).toThrow(`${file} records policy other, not prod`);
  writeFileSync(file, JSON.stringify({ name: 'prod', serial: 2 }));
  const claim = file.replace(/\.json$/, '.7.claim.json');
  writeFileSync(claim, '{');
  expect(() => serialRefusal(dir, 'prod', 7, A)).toThrow(`${claim}: not a policy serial claim {name, serial, digest}`);
});
