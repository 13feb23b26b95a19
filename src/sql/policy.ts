import type { Policy } from '../model';
import { parens } from './expr';
import { ident, qualified } from './quote';

/** `name ON s.t`, the way policies are addressed. */
export function policyTargetSql(p: Pick<Policy, 'schema' | 'table' | 'name'>): string {
  return `${ident(p.name)} ON ${qualified(p.schema, p.table)}`;
}

const pseudoRoles: Readonly<Record<string, string>> = {
  public: 'PUBLIC',
  current_user: 'CURRENT_USER',
  current_role: 'CURRENT_ROLE',
  session_user: 'SESSION_USER',
};

/** The `TO` role list: `public` is PUBLIC, `current_user` & co. the keywords, other names quoted as needed. */
function rolesSql(roles: readonly string[]): string {
  return roles.map((r) => pseudoRoles[r.toLowerCase()] ?? ident(r)).join(', ');
}

/** `CREATE POLICY name ON t [AS RESTRICTIVE] [FOR cmd] TO roles [USING (…)] [WITH CHECK (…)]`. */
export function createPolicySql(p: Policy): string {
  let sql = `CREATE POLICY ${policyTargetSql(p)}`;
  if (!p.permissive) sql += ' AS RESTRICTIVE';
  if (p.command !== 'all') sql += ` FOR ${p.command.toUpperCase()}`;
  sql += ` TO ${rolesSql(p.roles)}`;
  if (p.using !== null) sql += ` USING ${parens(p.using)}`;
  if (p.withCheck !== null) sql += ` WITH CHECK ${parens(p.withCheck)}`;
  return sql;
}

/** `DROP POLICY name ON t`. */
export function dropPolicySql(p: Pick<Policy, 'schema' | 'table' | 'name'>): string {
  return `DROP POLICY ${policyTargetSql(p)}`;
}

/**
 * `ALTER POLICY name ON t TO roles USING (…) WITH CHECK (…)`: the parts that ALTER can change. A removed
 * USING or WITH CHECK cannot be altered away (Postgres keeps the old one), so callers recreate instead.
 */
export function alterPolicySql(p: Policy): string {
  let sql = `ALTER POLICY ${policyTargetSql(p)} TO ${rolesSql(p.roles)}`;
  if (p.using !== null) sql += ` USING ${parens(p.using)}`;
  if (p.withCheck !== null) sql += ` WITH CHECK ${parens(p.withCheck)}`;
  return sql;
}

/** `ALTER POLICY from ON t RENAME TO to`. */
export function renamePolicySql(schema: string, table: string, from: string, to: string): string {
  return `ALTER POLICY ${policyTargetSql({ schema, table, name: from })} RENAME TO ${ident(to)}`;
}
