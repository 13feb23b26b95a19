import { existsSync } from 'node:fs';
import type { Db } from '../db';
import { findReferenceTables, streamCsv } from '../data';
import type { ReferenceDataSpec } from '../declare';

/** Row estimate and size of a table (the shape the docs generator takes as `stats`). */
export interface TableStatFact {
  readonly schema: string;
  readonly table: string;
  readonly rows: number | null;
  readonly bytes: number;
}

/** A reference table's CSV file and row count (the shape the docs generator takes as `referenceData`). */
export interface ReferenceDataCount {
  readonly schema: string;
  readonly table: string;
  readonly file: string;
  readonly rows: number;
  readonly mode: string;
}

// reltuples is -1 before the first ANALYZE (PostgreSQL 14+; 0 before), which the docs show as unknown.
const STATS_SQL = `
SELECT n.nspname AS schema, c.relname AS table,
       CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples END::float8 AS rows,
       pg_catalog.pg_total_relation_size(c.oid)::float8 AS bytes
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
 ORDER BY 1, 2`;

/** Row estimates (pg_class.reltuples) and sizes (with indexes and TOAST) of every table, in one query. */
export async function readTableStats(db: Db): Promise<TableStatFact[]> {
  const rows = await db.query<{ schema: string; table: string; rows: number | null; bytes: number }>(STATS_SQL);
  return rows.map((r) => ({ schema: r.schema, table: r.table, rows: r.rows === null ? null : Math.round(Number(r.rows)), bytes: Number(r.bytes) }));
}

/** Data rows of a CSV file (records after the header), streamed; null when the file is missing or unreadable. */
async function countCsvRows(path: string): Promise<number | null> {
  if (!existsSync(path)) return null;
  let n = 0;
  try {
    for await (const r of streamCsv(path)) if (r) n++;
  } catch {
    return null;
  }
  return Math.max(0, n - 1);
}

/**
 * The reference tables of a project (`data/<schema>/<table>.csv` and referenceData() declarations) with
 * their CSV file (relative to `root`) and row count; files that cannot be read are left out.
 */
export async function referenceDataCounts(root: string, dataDir: string, specs: readonly ReferenceDataSpec[] = []): Promise<ReferenceDataCount[]> {
  const out: ReferenceDataCount[] = [];
  for (const ref of findReferenceTables(root, dataDir, specs)) {
    const rows = await countCsvRows(ref.path);
    if (rows !== null) out.push({ schema: ref.schema, table: ref.table, file: ref.file.split('\\').join('/'), rows, mode: ref.mode });
  }
  return out;
}
