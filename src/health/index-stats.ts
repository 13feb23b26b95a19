import type { Db } from '../db';
import { num, systemSchemas } from './context';

/** One index with what the checks need: its shape (as Postgres stores it), size, scans and constraint. */
export interface IndexStat {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly tableOid: number;
  readonly method: string;
  readonly unique: boolean;
  readonly valid: boolean;
  /** Backs a primary key, unique or exclusion constraint (dropping it means dropping the constraint). */
  readonly constraint: string | null;
  /** A partition's copy of a partitioned index (it cannot be dropped on its own). */
  readonly inherited: boolean;
  /** A partitioned table's index (it has no storage and no statistics itself). */
  readonly partitioned: boolean;
  /** Key columns, then INCLUDE columns, as attribute numbers (0 for an expression). */
  readonly attnums: readonly number[];
  readonly keyCount: number;
  /** Column names of `attnums` (null for expressions). */
  readonly columns: readonly (string | null)[];
  /** indclass, indcollation, indoption: per key column. */
  readonly classes: readonly string[];
  readonly collations: readonly string[];
  readonly options: readonly string[];
  readonly expressions: string | null;
  readonly predicate: string | null;
  readonly bytes: number;
  readonly scans: number;
  readonly definition: string;
}

const SQL = `
SELECT n.nspname AS schema, t.relname AS "table", c.relname AS name, t.oid::int8 AS table_oid, am.amname AS method,
       i.indisunique AS "unique", i.indisvalid AS valid, con.conname AS "constraint",
       EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = c.oid) AS inherited,
       c.relkind = 'I' AS partitioned,
       i.indkey::text AS attnums, i.indnkeyatts AS key_count,
       ARRAY(SELECT a.attname FROM unnest(string_to_array(i.indkey::text, ' ')::int2[]) WITH ORDINALITY k(attnum, ord)
               LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       i.indclass::text AS classes, i.indcollation::text AS collations, i.indoption::text AS options,
       pg_catalog.pg_get_expr(i.indexprs, i.indrelid) AS expressions, pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
       pg_catalog.pg_relation_size(c.oid)::float8 AS bytes, coalesce(s.idx_scan, 0)::float8 AS scans,
       pg_catalog.pg_get_indexdef(c.oid) AS definition
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = c.relam
  LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
  LEFT JOIN pg_catalog.pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
 WHERE t.relkind IN ('r', 'm', 'p') AND ${systemSchemas}
 ORDER BY n.nspname, t.relname, c.relname`;

const words = (s: string | null): string[] => (s ? s.split(' ').filter(Boolean) : []);

/** Every index of the user's schemas, in one query. */
export async function readIndexStats(db: Db): Promise<IndexStat[]> {
  const rows = await db.query<Record<string, unknown>>(SQL);
  return rows.map((r) => ({
    schema: r.schema as string,
    table: r.table as string,
    name: r.name as string,
    tableOid: num(r.table_oid)!,
    method: r.method as string,
    unique: r.unique as boolean,
    valid: r.valid as boolean,
    constraint: (r.constraint as string | null) ?? null,
    inherited: r.inherited as boolean,
    partitioned: r.partitioned as boolean,
    attnums: words(r.attnums as string).map(Number),
    keyCount: num(r.key_count)!,
    columns: r.columns as (string | null)[],
    classes: words(r.classes as string),
    collations: words(r.collations as string),
    options: words(r.options as string),
    expressions: (r.expressions as string | null) ?? null,
    predicate: (r.predicate as string | null) ?? null,
    bytes: num(r.bytes)!,
    scans: num(r.scans)!,
    definition: r.definition as string,
  }));
}
