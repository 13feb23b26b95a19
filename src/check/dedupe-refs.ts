import type { Db } from '../db';
import type { LogicalForeignKey } from '../model';

/** A foreign key pointing at the deduplicated table (level 1) or at a table re-pointed (level 2). */
export interface Reference extends Omit<LogicalForeignKey, 'kind' | 'location' | 'match'> {
  /** `a` no action, `r` restrict, `c` cascade, `n` set null, `d` set default (pg_constraint.confupdtype). */
  readonly onUpdate: string;
  readonly deferrable: boolean;
}

const SQL = `
SELECT n.nspname AS schema, t.relname AS "table", con.conname AS name,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       rn.nspname AS ref_schema, rt.relname AS ref_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
       con.confupdtype AS on_update, con.condeferrable AS deferrable
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace
 WHERE con.contype = 'f' AND con.conparentid = 0 AND rn.nspname = $1 AND rt.relname = $2
 ORDER BY 1, 2, 3`;

/** Foreign keys referencing a table. */
export async function readReferences(db: Db, schema: string, table: string): Promise<Reference[]> {
  const rows = await db.query<Record<string, unknown>>(SQL, [schema, table]);
  return rows.map((r) => ({
    schema: r.schema as string,
    table: r.table as string,
    name: r.name as string,
    columns: r.columns as string[],
    refSchema: r.ref_schema as string,
    refTable: r.ref_table as string,
    refColumns: r.ref_columns as string[],
    onUpdate: r.on_update as string,
    deferrable: r.deferrable as boolean,
  }));
}

const UNIQUES = `
SELECT ic.relname AS name, COALESCE(con.conname, ic.relname) AS constraint_name, i.indnullsnotdistinct AS nnd,
       ARRAY(SELECT a.attname::text FROM unnest(string_to_array(i.indkey::text, ' ')::int2[]) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       0 = ANY (string_to_array(i.indkey::text, ' ')::int2[]) AS has_expression
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  LEFT JOIN pg_catalog.pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u')
 WHERE i.indisunique AND n.nspname = $1 AND t.relname = $2`;

/** A unique index (or the constraint behind it) of a table. */
export interface UniqueKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly nullsNotDistinct: boolean;
  readonly hasExpression: boolean;
}

/** Unique indexes of a table, named after their constraint when they back one. */
export async function readUniqueKeys(db: Db, schema: string, table: string): Promise<UniqueKey[]> {
  const sql = db.serverVersion >= 150000 ? UNIQUES : UNIQUES.replace('i.indnullsnotdistinct', 'false');
  const rows = await db.query<{ constraint_name: string; nnd: boolean; columns: string[]; has_expression: boolean }>(sql, [schema, table]);
  return rows.map((r) => ({ name: r.constraint_name, columns: r.columns, nullsNotDistinct: r.nnd, hasExpression: r.has_expression }));
}
