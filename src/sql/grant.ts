import type { Grant } from '../model';
import { assertNever } from '../util';
import { ident, qualified } from './quote';

/** `name(args)` of a function grant as SQL: the name quoted, the argument types as Postgres printed them. */
function routineSql(schema: string, signature: string): string {
  const open = signature.indexOf('(');
  return open < 0 ? qualified(schema, signature) : `${qualified(schema, signature.slice(0, open))}${signature.slice(open)}`;
}

/** `PRIV [(column)] ON <kind> <object>` of a grant. */
function grantTargetSql(g: Grant): string {
  const schema = g.schema ?? '';
  switch (g.object) {
    case 'table':
      return `${g.privilege} ON TABLE ${qualified(schema, g.name)}`;
    case 'column':
      return `${g.privilege} (${ident(g.column ?? '')}) ON TABLE ${qualified(schema, g.name)}`;
    case 'sequence':
      return `${g.privilege} ON SEQUENCE ${qualified(schema, g.name)}`;
    case 'schema':
      return `${g.privilege} ON SCHEMA ${ident(g.name)}`;
    // ROUTINE (PostgreSQL ≥ 11) names functions and procedures alike.
    case 'function':
      return `${g.privilege} ON ROUTINE ${routineSql(schema, g.name)}`;
    case 'type':
      return `${g.privilege} ON TYPE ${qualified(schema, g.name)}`;
    case 'server':
      return `${g.privilege} ON FOREIGN SERVER ${ident(g.name)}`;
    default:
      return assertNever(g.object, 'grant object kind');
  }
}

const granteeSql = (g: Grant) => (g.grantee === 'PUBLIC' ? 'PUBLIC' : ident(g.grantee));

/** `GRANT … TO grantee [WITH GRANT OPTION]`; for a revoked default, the `REVOKE` that takes it away. */
export function grantSql(g: Grant): string {
  if (g.revoked) return `REVOKE ${grantTargetSql(g)} FROM ${granteeSql(g)}`;
  return `GRANT ${grantTargetSql(g)} TO ${granteeSql(g)}${g.grantable ? ' WITH GRANT OPTION' : ''}`;
}

/** The statement undoing grantSql: `REVOKE … FROM grantee`, or for a revoked default the `GRANT` giving it back. */
export function revokeSql(g: Grant): string {
  if (g.revoked) return `GRANT ${grantTargetSql(g)} TO ${granteeSql(g)}`;
  return `REVOKE ${grantTargetSql(g)} FROM ${granteeSql(g)}`;
}
