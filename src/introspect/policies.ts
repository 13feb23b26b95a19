import type { Db } from '../db';
import { normalizeExpression, type Policy, type PolicyCommand } from '../model';
import { SchemakitError } from '../util';
import { commentJoin, userObject, userSchema } from './sql-fragments';

/**
 * Row-level security policies. polroles holds role OIDs, 0 standing for PUBLIC; names are sorted so the
 * order of a `TO` list does not matter. Expressions are deparsed against the table like CHECKs.
 */
const SQL = `
SELECT n.nspname AS schema, c.relname AS "table", p.polname AS name, p.polcmd AS cmd, p.polpermissive AS permissive,
       (SELECT pg_catalog.array_agg(x.name ORDER BY x.name)
          FROM (SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE a.rolname::text END AS name
          FROM pg_catalog.unnest(p.polroles) AS r(oid) LEFT JOIN pg_catalog.pg_roles a ON a.oid = r.oid) x) AS roles,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr,
       d.description AS comment
  FROM pg_catalog.pg_policy p
  JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  ${commentJoin('d', 'pg_policy', 'p.oid')}
 WHERE ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}`;

interface Row {
  schema: string;
  table: string;
  name: string;
  cmd: string;
  permissive: boolean;
  roles: string[];
  using_expr: string | null;
  check_expr: string | null;
  comment: string | null;
}

const commands: Record<string, PolicyCommand> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' };

/** Every policy on user tables. */
export async function introspectPolicies(db: Db): Promise<Policy[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => {
    const command = commands[r.cmd];
    if (command === undefined) throw new SchemakitError('introspect', 'unsupported', `${r.schema}.${r.table}.${r.name}: policy command '${r.cmd}'`);
    return {
      kind: 'Policy',
      schema: r.schema,
      table: r.table,
      name: r.name,
      command,
      permissive: r.permissive,
      roles: [...r.roles].sort(),
      using: r.using_expr === null ? null : normalizeExpression(r.using_expr),
      withCheck: r.check_expr === null ? null : normalizeExpression(r.check_expr),
      comment: r.comment ?? null,
    };
  });
}
