/** Reads a YAML or JSON file for parsing at the edge, with errors that name the file. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { InputError } from './errors';

export function readBytes(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${what} (${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)})`, path);
  }
}

export function parseYamlOrJson(text: string, path: string): unknown {
  try {
    return parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    throw new InputError(`not valid YAML/JSON: ${(err as Error).message.split('\n')[0]}`, path);
  }
}

export function readYamlOrJson(path: string, what: string): unknown {
  return parseYamlOrJson(readBytes(path, what).toString('utf8'), path);
}
