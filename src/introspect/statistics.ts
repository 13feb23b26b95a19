import type { Db } from '../db';
import { STATISTICS_KINDS, type Statistics, type StatisticsKind } from '../model';
import { commentJoin, userObject, userSchema } from './sql-fragments';

/**
 * Extended statistics on tables of user schemas: plain columns by name (stxkeys), expressions as
 * pg_get_statisticsobjdef_expressions prints them (PostgreSQL 14+), the target unless default (-1 on 15,
 * null from 17 on).
 */
const SQL = `
SELECT n.nspname AS schema, x.stxname AS name, tn.nspname AS table_schema, c.relname AS table,
       x.stxkind::pg_catalog.text[] AS kinds,
       ARRAY(SELECT a.attname FROM pg_catalog.unnest(x.stxkeys::pg_catalog.int2[]) WITH ORDINALITY k(num, i)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = x.stxrelid AND a.attnum = k.num ORDER BY k.i) AS columns,
       pg_catalog.pg_get_statisticsobjdef_expressions(x.oid) AS expressions,
       NULLIF(x.stxstattarget, -1) AS target, d.description AS comment
  FROM pg_catalog.pg_statistic_ext x
  JOIN pg_catalog.pg_namespace n ON n.oid = x.stxnamespace
  JOIN pg_catalog.pg_class c ON c.oid = x.stxrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = c.relnamespace
  ${commentJoin('d', 'pg_statistic_ext', 'x.oid')}
 WHERE ${userSchema('n')} AND ${userObject('pg_statistic_ext', 'x.oid')}`;

interface Row {
  schema: string;
  name: string;
  table_schema: string;
  table: string;
  kinds: string[];
  columns: string[];
  expressions: string[] | null;
  target: number | null;
  comment: string | null;
}

const letters: Readonly<Record<StatisticsKind, string>> = { ndistinct: 'd', dependencies: 'f', mcv: 'm' };

/** Extended statistics (`CREATE STATISTICS`) of user schemas. */
export async function introspectStatistics(db: Db): Promise<Statistics[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({
    kind: 'Statistics',
    schema: r.schema,
    name: r.name,
    tableSchema: r.table_schema,
    table: r.table,
    kinds: STATISTICS_KINDS.filter((k) => r.kinds.includes(letters[k])),
    columns: r.columns,
    expressions: r.expressions ?? [],
    target: r.target === null ? null : Number(r.target),
    comment: r.comment,
  }));
}
