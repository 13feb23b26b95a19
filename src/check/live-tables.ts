import type { Db } from '../db';
import { nameKey } from '../model';
import { ident } from '../sql';

/** A table as it is in the database: its columns and primary key (the sample keys of findings). */
export interface LiveTable {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly primaryKey: readonly string[];
}

const SQL = `
SELECT n.nspname AS schema, c.relname AS name,
       ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) AS columns,
       ARRAY(SELECT a.attname::text FROM pg_catalog.pg_index i
               CROSS JOIN LATERAL unnest(string_to_array(i.indkey::text, ' ')::int2[]) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY k.ord) AS pk
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

/** Every user table by `schema.table` (only those of `schemas` when given: a tenant of a database with thousands). */
export async function readLiveTables(db: Db, schemas?: readonly string[]): Promise<Map<string, LiveTable>> {
  const rows = await db.query<{ schema: string; name: string; columns: string[]; pk: string[] }>(
    schemas ? `${SQL} AND n.nspname = ANY($1::text[])` : SQL,
    schemas ? [schemas] : undefined,
  );
  return new Map(rows.map((r) => [nameKey(r.schema, r.name), { schema: r.schema, name: r.name, columns: r.columns, primaryKey: r.pk }]));
}

/** An expression giving a row's key as text: its primary key, else its ctid (a table without a key). */
export function rowKeySql(t: LiveTable, alias: string): string {
  const cols = t.primaryKey;
  if (cols.length === 0) return `${alias}.ctid::text`;
  return columnsText(cols, alias);
}

/** Values of columns as one text (`ROW(a, b)::text`, or `a::text` for one column). */
export function columnsText(cols: readonly string[], alias: string): string {
  const values = cols.map((c) => `${alias}.${ident(c)}`).join(', ');
  return cols.length === 1 ? `${values}::text` : `ROW(${values})::text`;
}

/** `a IS NOT NULL AND b IS NOT NULL`. */
export function allNotNull(cols: readonly string[], alias: string): string {
  return cols.map((c) => `${alias}.${ident(c)} IS NOT NULL`).join(' AND ');
}

/** Resolves `schema.table` or `table` (public first, else the only schema holding it) to a live table key. */
export function resolveTableName(name: string, tables: ReadonlyMap<string, LiveTable>): string | null {
  if (tables.has(name)) return name;
  if (name.includes('.')) return null;
  if (tables.has(nameKey('public', name))) return nameKey('public', name);
  const matches = [...tables.keys()].filter((k) => k.slice(k.indexOf('.') + 1) === name);
  const [only = null] = matches;
  return matches.length === 1 ? only : null;
}
