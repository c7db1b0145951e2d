/**
 * JSONL datasets: one JSON object a line, each validated with a zod schema. The loader streams the
 * file (datasets can be large), hashes the exact bytes it read (the digest the policy pins), and
 * reports every problem as an InputError naming the file, the line number, the field path and what
 * was expected. Blank lines are allowed; a duplicate `id` is an error naming both lines; a file with
 * no items is an error (an empty dataset can never demonstrate anything).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../errors';

export interface JsonlDataset<T> {
  items: T[];
  /** Line number (1-based) of each item, same order as `items`. */
  lines: number[];
  /** sha256 (hex) of the exact file bytes. */
  sha256: string;
  /**
   * Counts items by the value of a top-level field: strings, numbers and booleans by their text,
   * arrays by each element, a missing field as `(none)`.
   */
  countsBy(field: keyof T & string): Record<string, number>;
}

/** At most this many problems are listed in one error; the rest are counted. */
const MAX_LISTED_PROBLEMS = 20;

type Identified = { id: string };

/** Collects validated items line by line; shared by the streaming loader and `parseJsonl`. */
class JsonlCollector<S extends z.ZodType<Identified>> {
  readonly items: z.output<S>[] = [];
  readonly lines: number[] = [];
  private readonly firstLineOfId = new Map<string, number>();
  private readonly problems: string[] = [];
  private problemCount = 0;

  constructor(
    private readonly schema: S,
    private readonly source: string,
  ) {}

  addLine(text: string, line: number): void {
    // A UTF-8 byte order mark is allowed at the very start of the file.
    const content = line === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text;
    if (content.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      this.problem(line, `expected one JSON object, got invalid JSON (${(error as Error).message})`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(line, `expected one JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
      return;
    }
    const result = this.schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
        this.problem(line, `${path}: ${issue.message}`);
      }
      return;
    }
    const item = result.data;
    const first = this.firstLineOfId.get(item.id);
    if (first !== undefined) {
      this.problem(line, `id: duplicate id ${JSON.stringify(item.id)}, first used on line ${first}; expected unique ids`);
      return;
    }
    this.firstLineOfId.set(item.id, line);
    this.items.push(item);
    this.lines.push(line);
  }

  problem(line: number, message: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(`line ${line}: ${message}`);
  }

  finish(sha256: string): JsonlDataset<z.output<S>> {
    if (this.problemCount === 0 && this.items.length === 0) {
      throw new InputError('expected at least one item, found none (the file is empty or blank)', this.source);
    }
    if (this.problemCount > 0) {
      const more = this.problemCount - this.problems.length;
      const suffix = more > 0 ? `; … and ${more} more problem${more === 1 ? '' : 's'}` : '';
      throw new InputError(this.problems.join('; ') + suffix, this.source);
    }
    const items = this.items;
    return {
      items,
      lines: this.lines,
      sha256,
      countsBy: (field) => countBy(items, field),
    };
  }
}

function countBy<T>(items: readonly T[], field: keyof T & string): Record<string, number> {
  const counts: Record<string, number> = {};
  const bump = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const item of items) {
    const value = (item as Record<string, unknown>)[field];
    if (value === undefined || value === null) bump('(none)');
    else if (Array.isArray(value)) value.forEach((v) => bump(String(v)));
    else bump(typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return counts;
}

/** Pure variant of `loadJsonlDataset` over text already in memory; `source` names it in errors. */
export function parseJsonl<S extends z.ZodType<Identified>>(text: string, schema: S, source: string): JsonlDataset<z.output<S>> {
  const collector = new JsonlCollector(schema, source);
  const lines = text.split('\n');
  // A final newline ends the last line rather than starting an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => collector.addLine(stripCr(line), index + 1));
  return collector.finish(createHash('sha256').update(text, 'utf8').digest('hex'));
}

/** Streams `path` line by line, validating each item with `schema`. */
export async function loadJsonlDataset<S extends z.ZodType<Identified>>(path: string, schema: S): Promise<JsonlDataset<z.output<S>>> {
  const collector = new JsonlCollector(schema, path);
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let line = 0;
  const take = (text: string) => {
    pending += text;
    let start = 0;
    let newline: number;
    while ((newline = pending.indexOf('\n', start)) >= 0) {
      line++;
      collector.addLine(stripCr(pending.slice(start, newline)), line);
      start = newline + 1;
    }
    pending = pending.slice(start);
  };
  try {
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      take(decoder.decode(bytes, { stream: true }));
    }
    take(decoder.decode());
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new InputError(`line ${line + 1}: expected UTF-8 text, found invalid bytes`, path);
    }
    if (err.code) throw new InputError(`cannot read the dataset (${err.code}: ${err.message})`, path);
    throw error;
  }
  if (pending !== '') collector.addLine(stripCr(pending), line + 1);
  return collector.finish(hash.digest('hex'));
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
