import { createReadStream, existsSync, readFileSync } from 'node:fs';
import type * as CsvParse from 'csv-parse';
import type { CastingContext } from 'csv-parse';
import type * as CsvParseSync from 'csv-parse/sync';
import { must, type Problem } from '../util';

/**
 * csv-parse, loaded when a CSV file is read rather than when `data` is imported: `plan` imports data for its
 * reference tables, and a project without any never reads a CSV (~10 ms of CPU at start-up).
 */
export const csvParse = (): typeof CsvParse => require('csv-parse') as typeof CsvParse;
const parseSync = (input: Buffer | string, options: CsvParseSync.Options): unknown => (require('csv-parse/sync') as typeof CsvParseSync).parse(input, options);

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

/**
 * Streams CSV records with their line numbers (a record's first line, even when a quoted field spans lines).
 * csv-parse's `cast` hook builds a context object per field (most of the time of a 100,000-row file), so
 * records are parsed without it: an empty field is NULL unless it was quoted, which only a record holding
 * an empty field and a `""` in its raw text can have; such a record alone is parsed again with the hook.
 */
export async function* streamCsv(path: string): AsyncGenerator<CsvRecord> {
  const source = createReadStream(path);
  const parser = source.pipe(csvParse().parse({ bom: true, relax_column_count: true, info: true, raw: true }));
  // pipe() does not forward a read error (a missing file): hand it to the parser so the loop throws it.
  source.on('error', (e) => parser.destroy(e));
  for await (const r of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
    let fields: (string | null)[] = r.record;
    if (r.record.includes('')) {
      fields = r.raw.includes('""')
        ? (parseSync(r.raw, csvParseOptions) as (string | null)[][])[0] ?? r.record
        : r.record.map((f) => (f === '' ? null : f));
    }
    // info.lines is the line a record ends on; the newlines inside the record's fields lead back to its start.
    const inside = fields.reduce((n, f) => n + (f === null ? 0 : countNewlines(f)), 0);
    yield { line: r.info.lines - inside, fields };
  }
}

const count = (s: string, ch: string) => {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
};
const countNewlines = (s: string) => count(s, '\n');

/**
 * A quoted empty field `""`, or a superset of them: `""` between field boundaries (line start, BOM, comma,
 * CR, LF, end). Read as latin1, so that every byte is one character and the ASCII ones keep their place.
 */
const QUOTED_EMPTY = /(?:^(?:\xEF\xBB\xBF)?|[,\r\n])""(?=[,\r\n]|$)/;

/**
 * The fast path of a whole file: one synchronous csv-parse without `info` and `raw` (which cost half the
 * parse) when no field can be a quoted empty `""` (then every empty field is NULL). The records and lines
 * are those streamCsv() gives: csv-parse counts a line at every record delimiter and at every CR or LF
 * inside a field, and a record's first line is that count at its end less the LFs inside it. Null when the
 * file needs the stream (a `""` field, or a syntax error, which the stream reports after the good records).
 */
export function parseWhole(buf: Buffer): CsvRecord[] | null {
  if (QUOTED_EMPTY.test(buf.toString('latin1'))) return null;
  let parsed: string[][];
  try {
    parsed = parseSync(buf, { bom: true, relax_column_count: true }) as string[][];
  } catch {
    return null;
  }
  // A CR or LF ending the file inside the last field is counted by csv-parse only after that record: rare, the stream's.
  const last = parsed.at(-1)?.at(-1) ?? '';
  if (last.endsWith('\n') || last.endsWith('\r')) return null;
  const out: CsvRecord[] = new Array(parsed.length);
  let breaks = 0;
  for (let k = 0; k < parsed.length; k++) {
    // The parsed array becomes the record's fields in place (no second array per record).
    const record = must(parsed[k], `csv record ${k}`);
    const fields: (string | null)[] = record;
    let lf = 0;
    for (let i = 0; i < record.length; i++) {
      const f = record[i];
      if (f === undefined) continue; // in range: i < record.length
      if (f === '') { fields[i] = null; continue; }
      if (f.indexOf('\n') >= 0) lf += count(f, '\n');
      if (f.indexOf('\r') >= 0) breaks += count(f, '\r');
    }
    breaks += lf;
    out[k] = { line: 1 + k + breaks - lf, fields };
  }
  return out;
}

/** A quoted field as RFC 4180 writes it, between field boundaries (latin1 text, see QUOTED_EMPTY). */
const QUOTED_FIELD = /(^|[,\r\n])"[^"]*(?:""[^"]*)*"(?=[,\r\n]|$)/g;

/** A file PostgreSQL's COPY reads as csv-parse would: its header, and whether quoted fields hold line breaks. */
export interface CopyReadable {
  readonly header: readonly string[];
  /** Some quoted field holds a CR or LF: record lines are not simply record number + 1. */
  readonly breaks: boolean;
}

/**
 * Whether `COPY … FROM STDIN (FORMAT csv, HEADER true)` reads this file exactly as the README's rules and
 * csv-parse do (an empty unquoted field NULL, `""` the empty string, the same records): the header is one
 * line without quotes, every `"` belongs to a well-formed quoted field (COPY would take a stray quote as
 * data where csv-parse reports it), and no `\.` (COPY's end-of-data marker on PostgreSQL 15) occurs. Null
 * otherwise, and for an empty file: csv-parse reads those, with its messages. A file with other faults
 * (field counts, mixed line ends) makes COPY fail, and csv-parse reads it then.
 */
export function copyReadable(buf: Buffer): CopyReadable | null {
  if (buf.length === 0 || buf.includes('\\.')) return null;
  const eol = buf.findIndex((b) => b === 10 || b === 13);
  const first = buf.subarray(0, eol < 0 ? buf.length : eol);
  if (first.includes(34)) return null;
  const header = (parseSync(first, { bom: true }) as string[][])[0];
  if (!header) return null;
  let breaks = false;
  if (buf.includes(34)) {
    // A quoted last field ending in a line break with no newline after it: csv-parse counts that line late.
    if (buf[buf.length - 1] === 34 && (buf[buf.length - 2] === 10 || buf[buf.length - 2] === 13)) return null;
    const rest = buf.toString('latin1').replace(QUOTED_FIELD, (m: string, before: string) => {
      if (!breaks && (m.includes('\n') || m.includes('\r'))) breaks = true;
      return before;
    });
    if (rest.includes('"')) return null;
  }
  return { header, breaks };
}

/** Reads a CSV file whole (reference data is small); syntax errors become problems with `file:line`. */
export async function readCsvFile(path: string, display: string): Promise<CsvFile> {
  let records: CsvRecord[] = [];
  const problems: Problem[] = [];
  if (!existsSync(path)) return { file: display, header: [], headerLine: 1, records: [], problems: [{ code: 'data-missing-file', location: display, message: 'no such file (declared with referenceData())' }] };
  try {
    const whole = parseWhole(readFileSync(path));
    if (whole) records = whole;
    else for await (const r of streamCsv(path)) records.push(r);
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
