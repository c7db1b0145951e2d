/**
 * Typed errors shared by the CLI, activities and services.
 * `InputError` is bad input from a user (exit 2 in the CLI, non-retryable in activities);
 * its message always names the file, the field path and what was expected.
 */
import { z } from 'zod';

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
  }
}

/** Turns a zod error into one line per problem: `path.to.field: expected …`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

/** Parses `value` with `schema`; on failure throws an InputError naming `file` and each bad field. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, file: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InputError(describeZodError(result.error), file);
  return result.data;
}
