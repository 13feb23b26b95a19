import type { Db } from '../db';
import { isSecretOption, type FdwOption, type ForeignServer, type ForeignTable } from '../model';
import { commentJoin, userObject, userSchema } from './sql-fragments';

/**
 * Options (`name=value` texts of srvoptions, ftoptions, attfdwoptions) as sorted pairs, without those whose
 * name reads as a secret (isSecretOption): those are never read into the model, so never compared or printed.
 */
export function fdwOptions(texts: readonly string[] | null): FdwOption[] {
  return (texts ?? [])
    .map((t) => ({ name: t.slice(0, t.indexOf('=')), value: t.slice(t.indexOf('=') + 1) }))
    .filter((o) => !isSecretOption(o.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const SERVERS_SQL = `
SELECT s.srvname AS name, w.fdwname AS wrapper, s.srvtype AS type, s.srvversion AS version, s.srvoptions AS options, d.description AS comment
  FROM pg_catalog.pg_foreign_server s JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
  ${commentJoin('d', 'pg_foreign_server', 's.oid')}
 WHERE ${userObject('pg_foreign_server', 's.oid')}`;

/** Every foreign server (servers belong to no schema); user mappings are left out (they hold passwords). */
export async function introspectForeignServers(db: Db): Promise<ForeignServer[]> {
  const rows = await db.query<{ name: string; wrapper: string; type: string | null; version: string | null; options: string[] | null; comment: string | null }>(
    SERVERS_SQL,
  );
  return rows.map((r) => ({
    kind: 'ForeignServer',
    name: r.name,
    wrapper: r.wrapper,
    type: r.type ?? null,
    version: r.version ?? null,
    options: fdwOptions(r.options),
    comment: r.comment ?? null,
  }));
}

const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, s.srvname AS server, f.ftoptions AS options, d.description AS comment,
       COALESCE((SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                   'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull,
                   'default', pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), 'options', a.attfdwoptions,
                   'comment', pg_catalog.col_description(c.oid, a.attnum)) ORDER BY a.attnum)
                   FROM pg_catalog.pg_attribute a
                   LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]') AS columns
  FROM pg_catalog.pg_foreign_table f
  JOIN pg_catalog.pg_class c ON c.oid = f.ftrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_foreign_server s ON s.oid = f.ftserver
  ${commentJoin('d', 'pg_class', 'c.oid')}
 WHERE ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}`;

interface ColumnRow {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  options: string[] | null;
  comment: string | null;
}

/** Every foreign table of the user's schemas, with its columns in order. */
export async function introspectForeignTables(db: Db): Promise<ForeignTable[]> {
  const rows = await db.query<{
    schema: string;
    name: string;
    server: string;
    options: string[] | null;
    comment: string | null;
    columns: ColumnRow[] | string;
  }>(TABLES_SQL);
  return rows.map((r) => ({
    kind: 'ForeignTable',
    schema: r.schema,
    name: r.name,
    server: r.server,
    columns: (typeof r.columns === 'string' ? (JSON.parse(r.columns) as ColumnRow[]) : r.columns).map((c) => ({
      name: c.name,
      type: c.type,
      notNull: c.notNull,
      default: c.default ?? null,
      options: fdwOptions(c.options),
      comment: c.comment ?? null,
    })),
    options: fdwOptions(r.options),
    comment: r.comment ?? null,
  }));
}
