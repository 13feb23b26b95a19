import type { Db } from '../db';

/** Size of a table from the statistics: rows estimated by pg_class.reltuples (null before the first ANALYZE), bytes with indexes and TOAST. */
export interface TableSize {
  readonly rows: number | null;
  readonly bytes: number;
}

/** Sizes by table name as given (`schema.table` of plans, or a name as written in a migration file). */
export type TableSizes = ReadonlyMap<string, TableSize>;

const SQL = `
SELECT c.reltuples::float8 AS rows, pg_catalog.pg_total_relation_size(c.oid)::float8 AS bytes
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'm') AND (n.nspname || '.' || c.relname = $1 OR c.oid = pg_catalog.to_regclass($1))
 LIMIT 1`;

/**
 * Reads the sizes of the named tables (names not found are left out). A name matches `schema.table` exactly,
 * or as Postgres resolves it (`to_regclass`: search_path, case folding, quotes).
 */
export async function readTableSizes(db: Db, names: Iterable<string>): Promise<TableSizes> {
  const out = new Map<string, TableSize>();
  for (const name of new Set(names)) {
    const rows = await db.query<{ rows: number; bytes: number }>(SQL, [name]).catch(() => []);
    const [r] = rows;
    if (r === undefined) continue;
    out.set(name, { rows: Number(r.rows) < 0 ? null : Math.round(Number(r.rows)), bytes: Number(r.bytes) });
  }
  return out;
}

export { formatBytes, formatRows } from '../util';
