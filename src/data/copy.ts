import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pgliteInstanceOf, type Db } from '../db';
import { advanceSequenceSql } from '../plan';
import { identList, literal, parseTableName, qualified } from '../sql';
import { SchemakitError } from '../util';
import { csvParse } from './read-csv';

/** Progress of a load or export: rows (when known), bytes done, bytes in all (load). */
export interface CopyProgress {
  readonly bytes: number;
  readonly totalBytes: number | null;
}

/** Options of loadCsv. */
export interface LoadOptions {
  /** Empty the table first (in the same transaction). */
  readonly truncate?: boolean;
  readonly onProgress?: (p: CopyProgress) => void;
  /** Bytes of CSV per COPY on the embedded engine, which takes a COPY's input whole (default 8 MiB). */
  readonly pgliteChunkBytes?: number;
}

/** The header of a CSV file (its first record), read without reading the rest. */
async function readHeader(path: string): Promise<string[]> {
  const source = createReadStream(path);
  const parser = source.pipe(csvParse().parse({ bom: true, to_line: 1 }));
  source.on('error', (e) => parser.destroy(e));
  for await (const r of parser as AsyncIterable<string[]>) return r;
  throw new SchemakitError('data', 'csv-empty', `${path}:1: empty file: the first line must be the header`);
}

/** A COPY error as `file:line: message` (COPY reports the line in its CONTEXT: `COPY t, line 17, column c: …`). */
function copyError(err: unknown, file: string, lineOffset: number): SchemakitError {
  const e = err as { message?: string; where?: string; cause?: { where?: string } };
  const where = e.where ?? e.cause?.where ?? '';
  const m = /line (\d+)(?:, column ([^:]+))?/.exec(where);
  const line = m ? Number(m[1]) + lineOffset : null;
  const message = (e.message ?? String(err)).replace(/^db: /, '');
  return new SchemakitError('data', 'load-failed', `${file}${line !== null ? `:${line}` : ''}: ${m?.[2] ? `column ${m[2]}: ` : ''}${message}; nothing was loaded`, { cause: err });
}

/**
 * After a load: every serial / identity column the file filled moves its sequence past the loaded ids,
 * so the application's next insert does not collide (same transaction as the COPY).
 */
async function advanceSequences(query: (sql: string) => Promise<{ rows: unknown[] }>, schema: string, table: string, header: readonly string[]): Promise<void> {
  const t = literal(qualified(schema, table));
  const { rows } = await query(`SELECT a.attname AS name FROM pg_attribute a WHERE a.attrelid = ${t}::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = ANY(ARRAY[${header.map(literal).join(', ')}]::text[]) AND pg_get_serial_sequence(${t}, a.attname) IS NOT NULL`);
  for (const r of rows as { name: string }[]) await query(advanceSequenceSql(schema, table, r.name));
}

/** Counts bytes passing through (progress). */
function counter(onBytes: (n: number) => void): Transform {
  return new Transform({ transform(chunk: Buffer, _enc, cb) { onBytes(chunk.length); cb(null, chunk); } });
}

/**
 * Loads a CSV file (header row naming the columns, the README's CSV rules) into a table with streaming
 * `COPY FROM STDIN` in one transaction: constant memory; a bad row aborts with its line and nothing is committed.
 */
export async function loadCsv(db: Db, tableName: string, path: string, options: LoadOptions = {}): Promise<{ bytes: number }> {
  const { schema, table } = parseTableName(tableName);
  const header = await readHeader(path);
  const totalBytes = statSync(path).size;
  const copySql = (header_: boolean) => `COPY ${qualified(schema, table)} (${identList(header)}) FROM STDIN WITH (FORMAT csv${header_ ? ', HEADER true' : ''})`;
  let bytes = 0;
  const progress = (n: number) => { bytes += n; options.onProgress?.({ bytes, totalBytes }); };
  if (db.engine === 'postgres') {
    const { Client } = await import('pg');
    const { from } = await import('pg-copy-streams');
    const client = new Client({ connectionString: db.url!, application_name: 'schemakit data load' });
    await client.connect();
    try {
      await client.query('BEGIN');
      if (options.truncate) await client.query(`TRUNCATE ${qualified(schema, table)}`);
      try {
        await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), counter(progress), client.query(from(copySql(true))));
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw copyError(err, path, 0);
      }
      await advanceSequences((q) => client.query(q), schema, table, header);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    return { bytes };
  }
  return loadCsvPglite(db, copySql(false), path, schema, table, header, options, progress).then(() => ({ bytes }));
}

/**
 * PGlite takes a COPY's input as one blob, so the file is cut at record boundaries (csv-parse's raw records)
 * into chunks of a few MiB, each COPYed in the same transaction: memory stays bounded by the chunk size.
 */
async function loadCsvPglite(db: Db, copySql: string, path: string, schema: string, table: string, header: readonly string[], options: LoadOptions, progress: (n: number) => void): Promise<void> {
  const pg = pgliteInstanceOf(db);
  if (!pg) throw new SchemakitError('data', 'no-engine', `${db.description}: not an embedded database`);
  const limit = options.pgliteChunkBytes ?? 8 << 20;
  const sql = copySql.replace('FROM STDIN', "FROM '/dev/blob'");
  await pg.transaction(async (tx) => {
    if (options.truncate) await tx.query(`TRUNCATE ${qualified(schema, table)}`);
    let parts: string[] = [];
    let size = 0;
    let firstLine = 2; // line in the file of the chunk's first record
    let nextLine = 2;
    const flush = async () => {
      if (parts.length === 0) return;
      const text = parts.join('');
      try {
        await tx.query(sql, [], { blob: new Blob([text]) });
      } catch (err) {
        throw copyError(err, path, firstLine - 1);
      }
      progress(Buffer.byteLength(text));
      parts = [];
      size = 0;
      firstLine = nextLine;
    };
    const source = createReadStream(path);
    const parser = source.pipe(csvParse().parse({ bom: true, raw: true, relax_column_count: true, from_line: 2, info: true }));
    source.on('error', (e) => parser.destroy(e));
    for await (const r of parser as AsyncIterable<{ raw: string; info: { lines: number } }>) {
      const raw = r.raw.endsWith('\n') ? r.raw : r.raw + '\n';
      parts.push(raw);
      size += raw.length;
      nextLine = r.info.lines + 1;
      if (size >= limit) await flush();
    }
    await flush();
    await advanceSequences((q) => tx.query(q), schema, table, header);
  });
}

/** Options of exportCsv. */
export interface ExportOptions {
  /** SQL condition rows must satisfy (`--where`). */
  readonly where?: string;
  readonly onProgress?: (p: CopyProgress) => void;
}

/**
 * Writes a table as CSV (header, the README's CSV rules) with streaming `COPY TO STDOUT`; what `data load`
 * and `data validate` read unchanged. On the embedded engine COPY's output arrives as one blob.
 */
export async function exportCsv(db: Db, tableName: string, out: Writable | string, options: ExportOptions = {}): Promise<{ bytes: number }> {
  const { schema, table } = parseTableName(tableName);
  const source = options.where ? `(SELECT * FROM ${qualified(schema, table)} WHERE ${options.where})` : qualified(schema, table);
  const sink = typeof out === 'string' ? createWriteStream(out) : out;
  let bytes = 0;
  const progress = (n: number) => { bytes += n; options.onProgress?.({ bytes, totalBytes: null }); };
  if (db.engine === 'postgres') {
    const { Client } = await import('pg');
    const { to } = await import('pg-copy-streams');
    const client = new Client({ connectionString: db.url!, application_name: 'schemakit data export' });
    await client.connect();
    try {
      await pipeline(client.query(to(`COPY ${source} TO STDOUT WITH (FORMAT csv, HEADER true)`)), counter(progress), sink);
    } catch (err) {
      throw new SchemakitError('data', 'export-failed', `${tableName}: ${(err as Error).message}`, { cause: err });
    } finally {
      await client.end();
    }
    return { bytes };
  }
  const pg = pgliteInstanceOf(db);
  if (!pg) throw new SchemakitError('data', 'no-engine', `${db.description}: not an embedded database`);
  let blob: Blob | undefined;
  try {
    blob = (await pg.query(`COPY ${source} TO '/dev/blob' WITH (FORMAT csv, HEADER true)`)).blob;
  } catch (err) {
    throw new SchemakitError('data', 'export-failed', `${tableName}: ${(err as Error).message}`, { cause: err });
  }
  const buf = Buffer.from(await (blob ?? new Blob([])).arrayBuffer());
  progress(buf.length);
  await new Promise<void>((res, rej) => sink.end(buf, () => res()).on('error', rej));
  return { bytes };
}
