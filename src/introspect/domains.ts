import type { Db } from '../db';
import { normalizeExpression, type Domain, type DomainCheck } from '../model';
import { commentJoin, userObject, qualifiedName, userSchema } from './sql-fragments';

/**
 * Domains with their checks. PostgreSQL 17+ also lists a domain's NOT NULL in pg_constraint (contype 'n');
 * it is read from pg_type.typnotnull on every version, so only contype 'c' rows are checks. A check's
 * expression is `(` + pg_get_expr(conbin) + `)`, as for table checks.
 */
const SQL = `
SELECT n.nspname AS schema, t.typname AS name, pg_catalog.format_type(t.typbasetype, t.typtypmod) AS type,
       CASE WHEN t.typcollation <> bt.typcollation THEN ${qualifiedName('coln', 'col.collname')} END AS collation,
       pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default_expr, t.typnotnull AS not_null, d.description AS comment,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object('name', k.conname, 'expression', '(' || pg_catalog.pg_get_expr(k.conbin, 0) || ')') ORDER BY k.conname)
          FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') AS checks
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_catalog.pg_collation col ON col.oid = t.typcollation AND t.typcollation <> bt.typcollation
  LEFT JOIN pg_catalog.pg_namespace coln ON coln.oid = col.collnamespace
  ${commentJoin('d', 'pg_type', 't.oid')}
 WHERE t.typtype = 'd' AND ${userSchema('n')} AND ${userObject('pg_type', 't.oid')}`;

interface Row {
  schema: string;
  name: string;
  type: string;
  collation: string | null;
  default_expr: string | null;
  not_null: boolean;
  comment: string | null;
  checks: DomainCheck[] | null;
}

/** Domains: base type, collation, default, NOT NULL and named checks. */
export async function introspectDomains(db: Db): Promise<Domain[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({
    kind: 'Domain',
    schema: r.schema,
    name: r.name,
    type: r.type,
    collation: r.collation ?? null,
    default: r.default_expr ?? null,
    notNull: r.not_null,
    checks: (r.checks ?? []).map((k) => ({ name: k.name, expression: normalizeExpression(k.expression) })),
    comment: r.comment ?? null,
  }));
}
