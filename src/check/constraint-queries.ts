import { nameKey } from '../model';
import type { Db } from '../db';
import type { LogicalForeignKey } from '../model';
import { ident, parens, qualified } from '../sql';
import { zip } from '../util';
import { plural, type DataQuery, type Planned } from './data-query';
import { allNotNull, rowKeySql, type LiveTable } from './live-tables';

/** A foreign key to check for orphans, enforced (NOT VALID) or logical: a logical one's shape. */
type FkSpec = Omit<LogicalForeignKey, 'kind' | 'location'>;

/** Rows whose key is not in the referenced table (MATCH SIMPLE exempts rows with a NULL in the key). */
function orphanWhere(fk: FkSpec): string {
  const missing = `NOT EXISTS (SELECT 1 FROM ${qualified(fk.refSchema, fk.refTable)} AS r WHERE ${zip(fk.refColumns, fk.columns, 'foreign key columns')
    .map(([rc, c]) => `r.${ident(rc)} = t.${ident(c)}`)
    .join(' AND ')})`;
  return fk.match === 'full'
    ? `NOT (${fk.columns.map((c) => `t.${ident(c)} IS NULL`).join(' AND ')}) AND (NOT (${allNotNull(fk.columns, 't')}) OR ${missing})`
    : `${allNotNull(fk.columns, 't')} AND ${missing}`;
}

function orphanQuery(kind: 'not-valid-foreign-key' | 'orphans', fk: FkSpec, t: LiveTable, location: string | null, fix: string | null): DataQuery {
  const from = `FROM ${qualified(fk.schema, fk.table)} AS t WHERE ${orphanWhere(fk)}`;
  const what = kind === 'orphans' ? 'logical foreign key' : 'NOT VALID foreign key';
  return {
    kind,
    object: `${fk.schema}.${fk.table}.${fk.name}`,
    table: `${fk.schema}.${fk.table}`,
    location,
    fix,
    countSql: `SELECT count(*) AS n ${from}`,
    sampleSql: `SELECT ${rowKeySql(t, 't')} AS v ${from} ORDER BY 1 LIMIT 5`,
    describe: (n) =>
      `${what} ${fk.name} ${fk.schema}.${fk.table} (${fk.columns.join(', ')}) → ${fk.refSchema}.${fk.refTable} (${fk.refColumns.join(', ')}): ${plural(n, 'orphan row')}`,
  };
}

const NOT_VALID_SQL = `
SELECT n.nspname AS schema, t.relname AS "table", con.conname AS name, con.contype AS type,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       rn.nspname AS ref_schema, rt.relname AS ref_table,
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
       con.confmatchtype AS match,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END AS expression
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  LEFT JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace
 WHERE NOT con.convalidated AND con.contype IN ('f', 'c') AND con.conrelid <> 0
 ORDER BY 1, 2, 3`;

/** Rows violating constraints that exist but were added NOT VALID (never checked against the old rows). */
export async function planNotValid(db: Db, tables: ReadonlyMap<string, LiveTable>, locate: (key: string) => string | null): Promise<Planned> {
  const rows = await db.query<Record<string, unknown>>(NOT_VALID_SQL);
  const queries: DataQuery[] = [];
  for (const r of rows) {
    const [schema, table, name] = [r.schema as string, r.table as string, r.name as string];
    const t = tables.get(nameKey(schema, table));
    if (!t) continue;
    const location = locate(nameKey(schema, table, name)) ?? locate(nameKey(schema, table));
    // The declaration is the source of truth: a constraint declared NOT VALID but validated by hand is added
    // again NOT VALID by the next plan, so the fix is to drop `notValid` there and let apply validate it.
    const validate = `remove notValid from its declaration (apply then runs ALTER TABLE ${qualified(schema, table)} VALIDATE CONSTRAINT ${ident(name)})`;
    if (r.type === 'f') {
      const fk: FkSpec = {
        schema,
        table,
        name,
        columns: r.columns as string[],
        refSchema: r.ref_schema as string,
        refTable: r.ref_table as string,
        refColumns: r.ref_columns as string[],
        match: r.match === 'f' ? 'full' : 'simple',
      };
      queries.push(orphanQuery('not-valid-foreign-key', fk, t, location, `fix or delete the orphan rows, then ${validate}`));
    } else {
      const from = `FROM ${qualified(schema, table)} AS t WHERE NOT ${parens(r.expression as string)}`;
      queries.push({
        kind: 'not-valid-check',
        object: `${schema}.${table}.${name}`,
        table: `${schema}.${table}`,
        location,
        fix: `fix the rows, then ${validate}`,
        countSql: `SELECT count(*) AS n ${from}`,
        sampleSql: `SELECT ${rowKeySql(t, 't')} AS v ${from} ORDER BY 1 LIMIT 5`,
        describe: (n) => `NOT VALID check ${name} on ${schema}.${table} (${r.expression as string}): ${plural(n, 'row violates', 'rows violate')} it`,
      });
    }
  }
  return { queries, skipped: [] };
}

/** Orphans of foreign keys declared `enforced: false`. */
export function planLogicalForeignKeys(fks: readonly LogicalForeignKey[], tables: ReadonlyMap<string, LiveTable>): Planned {
  const out: Planned = { queries: [], skipped: [] };
  for (const fk of fks) {
    const t = tables.get(nameKey(fk.schema, fk.table));
    const missing = [
      !t ? nameKey(fk.schema, fk.table) : null,
      !tables.has(nameKey(fk.refSchema, fk.refTable)) ? nameKey(fk.refSchema, fk.refTable) : null,
    ].filter(Boolean);
    const cols = [
      ...fk.columns.filter((c) => t && !t.columns.includes(c)),
      ...fk.refColumns.filter((c) => {
        const r = tables.get(nameKey(fk.refSchema, fk.refTable));
        return r && !r.columns.includes(c);
      }),
    ];
    if (missing.length > 0 || cols.length > 0 || !t) {
      out.skipped.push({
        kind: 'orphans',
        object: `${fk.schema}.${fk.table}.${fk.name}`,
        location: fk.location,
        reason:
          missing.length > 0
            ? `${missing.join(' and ')} not in the database (apply the schema first)`
            : `column(s) ${cols.join(', ')} not in the database (apply the schema first)`,
      });
      continue;
    }
    out.queries.push(orphanQuery('orphans', fk, t, fk.location, `delete the orphan rows or insert the missing ${fk.refSchema}.${fk.refTable} rows`));
  }
  return out;
}
