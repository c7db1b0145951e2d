/**
 * Content-addressed result store (DESIGN §2): blobs named by their sha256 under the data dir.
 * Workflows carry only `{digest, path}` references; the bytes stay here.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobRef } from '../pipeline-types';
import { writeFileAtomic } from './atomic-write';

export function blobPath(dataDir: string, digest: string, extension: string): string {
  return join(dataDir, 'blobs', digest.slice(0, 2), `${digest}${extension}`);
}

export function putBlob(dataDir: string, bytes: Buffer, extension: string): BlobRef {
  const digest = createHash('sha256').update(bytes).digest('hex');
  const path = blobPath(dataDir, digest, extension);
  if (!existsSync(path)) {
    mkdirSync(join(dataDir, 'blobs', digest.slice(0, 2)), { recursive: true });
    writeFileAtomic(path, bytes);
  }
  return { digest, path };
}

export function putJson(dataDir: string, value: unknown): BlobRef {
  return putBlob(dataDir, Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8'), '.json');
}

/** Reads a blob back and checks that its bytes still hash to its name. */
export function readBlob(ref: BlobRef): Buffer {
  const bytes = readFileSync(ref.path);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== ref.digest) throw new Error(`${ref.path}: content does not match its digest ${ref.digest} (tampered or corrupt)`);
  return bytes;
}
