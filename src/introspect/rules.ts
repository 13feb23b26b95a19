import type { Rule } from '../model';
import type { Db } from '../db';
import type { Dependencies } from './dependencies';
import { commentJoin, userObject, userSchema } from './sql-fragments';

/**
 * Rewrite rules of user tables and views, except a view's own `_RETURN` rule: the whole `CREATE RULE`
 * statement as pg_get_ruledef prints it (names qualified, as introspection runs with an empty search_path),
 * without its final `;`.
 */
const SQL = `
SELECT r.oid, n.nspname AS schema, c.relname AS "table", r.rulename AS name,
       pg_catalog.pg_get_ruledef(r.oid) AS definition, d.description AS comment
  FROM pg_catalog.pg_rewrite r
  JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  ${commentJoin('d', 'pg_rewrite', 'r.oid')}
 WHERE r.rulename <> '_RETURN' AND ${userSchema('n')} AND ${userObject('pg_rewrite', 'r.oid')}`;

interface Row {
  oid: number;
  schema: string;
  table: string;
  name: string;
  definition: string;
  comment: string | null;
}

/** Rules of user tables and views, one query. */
export async function introspectRules(db: Db, deps: Dependencies): Promise<Rule[]> {
  return (await db.query<Row>(SQL)).map((r) => ({
    kind: 'Rule',
    schema: r.schema,
    table: r.table,
    name: r.name,
    definition: r.definition.trim().replace(/;$/, ''),
    dependsOn: deps.rules.get(Number(r.oid)) ?? [],
    comment: r.comment ?? null,
  }));
}
