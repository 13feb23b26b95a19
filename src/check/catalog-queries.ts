import { nameKey } from '../model';
import type { Db } from '../db';
import type { DataCheck } from '../model';
import { ident, literal, qualified } from '../sql';
import { plural, type DataQuery, type Planned } from './data-query';
import { rowKeySql, type LiveTable } from './live-tables';

/** Free data checks: the rows their query returns are the findings. */
export function planDataChecks(checks: readonly DataCheck[]): Planned {
  return {
    skipped: [],
    queries: checks.map((d) => {
      const body = d.sql.trim().replace(/;\s*$/, '');
      return {
        kind: 'data-check',
        object: d.name,
        table: null,
        location: d.location,
        fix: null,
        countSql: `SELECT count(*) AS n FROM (${body}\n) AS q`,
        sampleSql: `SELECT q::text AS v FROM (${body}\n) AS q LIMIT 5`,
        describe: (n: number) => `data check ${d.name}: ${plural(n, 'row')} returned`,
      };
    }),
  };
}

const INVALID_INDEXES = `
SELECT n.nspname AS schema, ic.relname AS name, t.relname AS "table"
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
 WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`;

/** Indexes left invalid by a failed `CREATE INDEX CONCURRENTLY`: maintained on writes, never used. */
export async function planInvalidIndexes(db: Db, locate: (key: string) => string | null): Promise<Planned> {
  const rows = await db.query<{ schema: string; name: string; table: string }>(INVALID_INDEXES);
  return {
    skipped: [],
    queries: rows.map((r) => ({
      kind: 'invalid-index',
      object: `${r.schema}.${r.name}`,
      table: `${r.schema}.${r.table}`,
      location: locate(nameKey(r.schema, r.name)),
      sampleSql: null,
      countSql: 'SELECT 1 AS n',
      fix: `DROP INDEX CONCURRENTLY ${qualified(r.schema, r.name)}; then create it again (schemakit apply)`,
      describe: () =>
        `index ${r.schema}.${r.name} on ${r.schema}.${r.table} is invalid (a failed CREATE INDEX CONCURRENTLY?): it slows writes and is never used`,
    })),
  };
}

const SEQUENCES = `
SELECT s.schemaname AS schema, s.sequencename AS name, tn.nspname AS table_schema, t.relname AS "table", a.attname AS "column",
       s.increment_by::text AS step,
       (CASE WHEN s.last_value IS NULL THEN s.start_value ELSE s.last_value + s.increment_by END)::text AS next
  FROM pg_catalog.pg_sequences s
  JOIN pg_catalog.pg_namespace n ON n.nspname = s.schemaname
  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
        AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
  JOIN pg_catalog.pg_class t ON t.oid = d.refobjid AND t.relkind IN ('r', 'p')
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 ORDER BY 1, 2`;

/**
 * Sequences behind their column: rows hold values at or past the sequence's next value (rows copied
 * in with explicit ids), so the next inserts fail on the key.
 */
export async function planSequences(db: Db, tables: ReadonlyMap<string, LiveTable>, locate: (key: string) => string | null): Promise<Planned> {
  const rows = await db.query<{ schema: string; name: string; table_schema: string; table: string; column: string; step: string; next: string }>(SEQUENCES);
  const queries: DataQuery[] = [];
  for (const r of rows) {
    const t = tables.get(nameKey(r.table_schema, r.table));
    if (!t) continue;
    const up = Number(r.step) > 0;
    const col = `t.${ident(r.column)}`;
    const from = `FROM ${qualified(r.table_schema, r.table)} AS t WHERE ${col} ${up ? '>=' : '<='} ${literal(r.next)}::numeric`;
    const seq = qualified(r.schema, r.name);
    queries.push({
      kind: 'sequence-behind',
      object: `${r.table_schema}.${r.table}.${r.column}`,
      table: `${r.table_schema}.${r.table}`,
      location: locate(nameKey(r.table_schema, r.table, r.column)),
      countSql: `SELECT count(*) AS n ${from}`,
      sampleSql: `SELECT ${rowKeySql(t, 't')} AS v ${from} ORDER BY ${col} ${up ? 'DESC' : 'ASC'} LIMIT 5`,
      fix: `SELECT setval(${literal(seq)}, (SELECT ${up ? 'max' : 'min'}(${ident(r.column)}) FROM ${qualified(r.table_schema, r.table)}));`,
      describe: (n) =>
        `sequence ${r.schema}.${r.name} of ${r.table_schema}.${r.table}.${r.column} is behind: its next value ${r.next} is already used by ${plural(n, 'row')}`,
    });
  }
  return { queries, skipped: [] };
}
