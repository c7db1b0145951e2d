/**
 * The runner's responses file: JSONL, one `{ itemId, target, answer }` a line, appended in order of
 * completion (so the order varies with concurrency; `readResponses` sorts). Its sha256 identifies the
 * exact bytes stored, not the set of answers: two runs with the same answers in another order have
 * different digests.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, truncate } from 'node:fs/promises';
import { z } from 'zod';
import { describeZodError } from '../../errors';
import { modelAnswerSchema, ModelAnswer, TargetName } from '../adapters/types';

export interface ResponseRecord<A = ModelAnswer> {
  itemId: string;
  target: TargetName;
  answer: A;
}

/** A responses file that cannot be trusted (corrupt line, unknown item, duplicate, wrong digest). */
export class ResponsesFileError extends Error {
  override name = 'ResponsesFileError';
}

const LF = 0x0a;
const jsonParse = JSON.parse;

export function recordSchema<A>(answerSchema: z.ZodType<A>) {
  return z.object({ itemId: z.string().min(1), target: z.enum(['candidate', 'baseline']), answer: answerSchema }).strict();
}

/** Parses one line; throws a ResponsesFileError naming the file and line. */
export function parseRecordLine<A>(line: string, schema: z.ZodType<ResponseRecord<A>>, path: string, lineNo: number): ResponseRecord<A> {
  let json: unknown;
  try {
    json = jsonParse(line);
  } catch {
    throw new ResponsesFileError(`${path}:${lineNo}: not JSON: ${line.slice(0, 120)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ResponsesFileError(`${path}:${lineNo}: not a response record: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * Reads a finished responses file, checks every line (and the digest, when given: pass the
 * `responsesDigest` the run returned), and returns the records sorted by (itemId, target) in
 * code-unit order, for judging. A torn last line or a duplicate (item, target) is an error here:
 * the runner only reports a file once it is complete.
 */
export async function readResponses<A = ModelAnswer>(
  path: string,
  options: { expectedDigest?: string; answerSchema?: z.ZodType<A> } = {},
): Promise<ResponseRecord<A>[]> {
  const bytes = await readFile(path);
  if (options.expectedDigest !== undefined) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== options.expectedDigest) {
      throw new ResponsesFileError(`${path}: content does not match its digest ${options.expectedDigest} (tampered or corrupt)`);
    }
  }
  if (bytes.length > 0 && bytes[bytes.length - 1] !== LF) throw new ResponsesFileError(`${path}: the last line is incomplete`);
  const schema = recordSchema((options.answerSchema ?? modelAnswerSchema) as z.ZodType<A>) as z.ZodType<ResponseRecord<A>>;
  const records: ResponseRecord<A>[] = [];
  const seen = new Set<string>();
  const lines = bytes.toString('utf8').split('\n');
  lines.pop();
  lines.forEach((line, i) => {
    const record = parseRecordLine(line, schema, path, i + 1);
    const key = `${record.itemId}\u0000${record.target}`;
    if (seen.has(key)) throw new ResponsesFileError(`${path}:${i + 1}: a second answer from ${record.target} for item ${record.itemId}`);
    seen.add(key);
    records.push(record);
  });
  return records.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

export interface ExistingResponses<A> {
  records: ResponseRecord<A>[];
  /** Bytes kept (after a torn last line, if any, was cut off). */
  bytes: number;
  /** Bytes of a torn last line that were cut off. */
  tornBytes: number;
}

/**
 * Reads what an earlier attempt stored, for resuming. A last line without its newline is what a
 * crash mid-append leaves: it is cut off (the file is truncated to the last complete line) and its
 * work is redone. Any other bad line is an error.
 */
export async function loadForResume<A>(path: string, answerSchema: z.ZodType<A>): Promise<ExistingResponses<A>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], bytes: 0, tornBytes: 0 };
    throw err;
  }
  const keep = bytes.lastIndexOf(LF) + 1;
  if (keep < bytes.length) await truncate(path, keep);
  const schema = recordSchema(answerSchema) as z.ZodType<ResponseRecord<A>>;
  const lines = bytes.toString('utf8', 0, keep).split('\n');
  lines.pop();
  const records = lines.map((line, i) => parseRecordLine(line, schema, path, i + 1));
  return { records, bytes: keep, tornBytes: bytes.length - keep };
}

/** sha256 of a file, streamed. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
