/**
 * The evidence store: small JSON records under `<dataDir>/evidence/`, one folder per run, each record
 * authenticated with HMAC-SHA256 under the workers' evidence key. Someone who can only talk to
 * Temporal cannot write here, and a record copied from another run does not verify (the run's ids
 * are inside the MAC). Ids are hashed before they become path segments, so no id names a file.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic, writeFileOnce } from '../store/atomic-write';
import { canonicalJson } from '../signing/canonical-json';

/** The Temporal run a record belongs to: set by the server (activity info, workflowInfo().parent), never by an input. */
export interface RunBinding {
  workflowId: string;
  runId: string;
}

const recordNamePattern = /^[a-z][a-z0-9-]{0,62}$/;

const storedRecordSchema = z.strictObject({
  workflowId: z.string(),
  runId: z.string(),
  name: z.string(),
  body: z.unknown(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

const hashed = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

/** Reads the evidence key, creating a fresh random one (mode 0600) the first time. */
export function loadOrCreateEvidenceKey(path: string): Buffer {
  if (!existsSync(path)) {
    // Written aside, then linked into place: replicas starting together end up with one whole key.
    mkdirSync(dirname(path), { recursive: true });
    writeFileOnce(path, randomBytes(32).toString('hex') + '\n', 0o600);
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64,}$/.test(text)) throw new Error(`${path}: expected an evidence key of at least 32 bytes as hex`);
  return Buffer.from(text, 'hex');
}

export class EvidenceRefused extends Error {
  override name = 'EvidenceRefused';
}

export class EvidenceStore {
  constructor(
    private readonly dataDir: string,
    private readonly key: Buffer,
  ) {}

  private runDir(run: RunBinding): string {
    return join(this.dataDir, 'evidence', hashed(run.workflowId), hashed(run.runId));
  }

  private mac(run: RunBinding, name: string, body: unknown): string {
    return createHmac('sha256', this.key).update(canonicalJson({ workflowId: run.workflowId, runId: run.runId, name, body })).digest('hex');
  }

  /** Stores (or replaces: a retried activity stores the same record again) one record of a run. */
  put(run: RunBinding, name: string, body: unknown): void {
    if (!recordNamePattern.test(name)) throw new Error(`evidence record name ${JSON.stringify(name)} is not a plain name`);
    const dir = this.runDir(run);
    mkdirSync(dir, { recursive: true });
    const record = { workflowId: run.workflowId, runId: run.runId, name, body, mac: this.mac(run, name, body) };
    writeFileAtomic(join(dir, `${name}.json`), JSON.stringify(record) + '\n');
  }

  /**
   * One record of a run, parsed with `schema`; null when there is none. A record whose MAC does not
   * verify, or that names another run, is refused (EvidenceRefused): evidence is never guessed.
   */
  get<T>(run: RunBinding, name: string, schema: z.ZodType<T>): T | null {
    if (!recordNamePattern.test(name)) throw new Error(`evidence record name ${JSON.stringify(name)} is not a plain name`);
    const path = join(this.runDir(run), `${name}.json`);
    if (!existsSync(path)) return null;
    let stored;
    try {
      stored = storedRecordSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch (err) {
      throw new EvidenceRefused(`evidence record ${name} of ${run.workflowId} is unreadable: ${(err as Error).message.slice(0, 200)}`);
    }
    const expected = Buffer.from(this.mac(run, name, stored.body), 'hex');
    if (stored.workflowId !== run.workflowId || stored.runId !== run.runId || stored.name !== name || !timingSafeEqual(expected, Buffer.from(stored.mac, 'hex'))) {
      throw new EvidenceRefused(`evidence record ${name} of ${run.workflowId} is not authenticated by the workers' evidence key (forged or moved)`);
    }
    const parsed = schema.safeParse(stored.body);
    if (!parsed.success) throw new EvidenceRefused(`evidence record ${name} of ${run.workflowId} does not have the expected shape`);
    return parsed.data;
  }

  /** Names of a run's records starting with `prefix`, sorted. */
  list(run: RunBinding, prefix: string): string[] {
    const dir = this.runDir(run);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((n) => recordNamePattern.test(n))
      .sort();
  }
}
