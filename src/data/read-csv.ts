import { createReadStream, existsSync } from 'node:fs';
import { parse, type CastingContext } from 'csv-parse';
import type { Problem } from '../util';

/** One CSV record: its first line in the file and its fields (null for an empty unquoted field). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly (string | null)[];
}

/** A whole CSV file read: the header, the records, and the problems of the file's syntax. */
export interface CsvFile {
  readonly file: string;
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly records: readonly CsvRecord[];
  readonly problems: readonly Problem[];
}

/**
 * The CSV rules (see README "Reference data"): RFC 4180, UTF-8 (a BOM is skipped), first record = header.
 * An empty unquoted field is NULL; a quoted empty field `""` is the empty string.
 */
export const csvParseOptions = {
  bom: true,
  relax_column_count: true,
  cast: (value: string, ctx: CastingContext): string | null => (value === '' && !ctx.quoting ? null : value),
} as const;

/** Streams CSV records with their line numbers (a record's first line, even when a quoted field spans lines). */
export async function* streamCsv(path: string): AsyncGenerator<CsvRecord> {
  const source = createReadStream(path);
  const parser = source.pipe(parse({ ...csvParseOptions, info: true }));
  // pipe() does not forward a read error (a missing file): hand it to the parser so the loop throws it.
  source.on('error', (e) => parser.destroy(e));
  for await (const r of parser as AsyncIterable<{ record: (string | null)[]; info: { lines: number } }>) {
    const first = r.record[0];
    // info.lines is the line a record ends on; the newlines inside the record's fields lead back to its start.
    const inside = r.record.reduce((n, f) => n + (f === null ? 0 : countNewlines(f)), 0);
    yield { line: r.info.lines - inside - (first === undefined ? 0 : 0), fields: r.record };
  }
}

const countNewlines = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** Reads a CSV file whole (reference data is small); syntax errors become problems with `file:line`. */
export async function readCsvFile(path: string, display: string): Promise<CsvFile> {
  const records: CsvRecord[] = [];
  const problems: Problem[] = [];
  if (!existsSync(path)) return { file: display, header: [], headerLine: 1, records: [], problems: [{ code: 'data-missing-file', location: display, message: 'no such file (declared with referenceData())' }] };
  try {
    for await (const r of streamCsv(path)) records.push(r);
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    problems.push({ code: 'csv-syntax', location: `${display}:${e.lines ?? 0}`, message: (e.message ?? String(err)).replace(/^Invalid \w+: /, '') });
  }
  const [head, ...rest] = records;
  if (!head) {
    if (problems.length === 0) problems.push({ code: 'csv-empty', location: `${display}:1`, message: 'empty file: the first line must be the header' });
    return { file: display, header: [], headerLine: 1, records: [], problems };
  }
  const header = head.fields.map((f) => f ?? '');
  rest.forEach((r) => {
    if (r.fields.length !== header.length) {
      problems.push({ code: 'csv-field-count', location: `${display}:${r.line}`, message: `${r.fields.length} field(s), the header has ${header.length}` });
    }
  });
  return { file: display, header, headerLine: head.line, records: rest.filter((r) => r.fields.length === header.length), problems };
}
