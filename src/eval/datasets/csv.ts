/**
 * A small, strict RFC 4180 CSV reader: comma-separated fields, records ended by CRLF or LF, fields
 * optionally in double quotes, where a quoted field may hold commas, newlines and doubled quotes
 * (`""` = one `"`). The first record is the header. Strict where the RFC is: a quote inside an
 * unquoted field, text after a closing quote, an unterminated quote, a record with a different
 * number of fields than the header, and a repeated header name are errors naming the line.
 * Completely empty lines between records are skipped; a UTF-8 byte order mark is allowed.
 */
import { InputError } from '../../errors';

export interface CsvRecord {
  /** Line (1-based) on which the record starts; a quoted field may carry it over several lines. */
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** Splits CSV text into raw records, each with the line it starts on. */
export function parseCsvRows(text: string, source: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    // Skip completely empty lines between records.
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      i += text[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new InputError(`line ${quoteLine}: expected a closing quote for the field opened here`, source);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          throw new InputError(`line ${line}: expected a comma or the end of the record after a closing quote, got ${JSON.stringify(text[i])}`, source);
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          if (text[i] === '"') {
            throw new InputError(`line ${line}: expected a quote only at the start of a field (quote the whole field and double inner quotes)`, source);
          }
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      // End of record: newline or end of text.
      if (i < n) {
        i += text[i] === '\r' ? 2 : 1;
        line++;
      }
      break;
    }
    rows.push({ line: startLine, fields });
  }
  return rows;
}

/**
 * Parses CSV text with a header row. `required` names the columns that must be present (others are
 * kept: published files sometimes add columns).
 */
export function parseCsv(text: string, source: string, required: readonly string[] = []): CsvTable {
  const rows = parseCsvRows(text, source);
  const headerRow = rows[0];
  if (!headerRow) throw new InputError('expected a header row, found an empty file', source);
  const header = headerRow.fields.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new InputError(`line ${headerRow.line}: header repeats column ${JSON.stringify(name)}`, source);
    seen.add(name);
  }
  const missing = required.filter((name) => !seen.has(name));
  if (missing.length) {
    throw new InputError(
      `line ${headerRow.line}: expected columns ${required.join(',')}; missing ${missing.join(', ')} (header: ${header.join(',')})`,
      source,
    );
  }
  const records = rows.slice(1).map((row) => {
    if (row.fields.length !== header.length) {
      throw new InputError(`line ${row.line}: expected ${header.length} fields as in the header, got ${row.fields.length}`, source);
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      values[name] = row.fields[index]!;
    });
    return { line: row.line, values };
  });
  return { header, records };
}
