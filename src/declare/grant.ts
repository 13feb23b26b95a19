import type { Grant, GrantObjectKind } from '../model';
import { ColumnRef } from './column-ref';
import { EnumDecl } from './enum';
import { ForeignServerDecl, ForeignTableDecl } from './foreign';
import { captureLocation, type Location } from './location';
import { RoutineDecl } from './routine';
import { SchemaDecl, schemaName } from './schema';
import { TableDecl, type AnyTableDecl } from './table';
import { CompositeTypeDecl, DomainDecl, SequenceDecl } from './type-decls';
import { ViewDecl } from './view';

/**
 * What privileges are granted on: a table, view or materialized view, a column (of a table, or of a view as
 * `{ view, column }`), a sequence, a schema, a type, or a function or procedure (its declaration, or by signature).
 */
export type GrantTarget =
  | AnyTableDecl
  | ViewDecl
  | ForeignTableDecl
  | ForeignServerDecl
  | ColumnRef
  | SequenceDecl
  | SchemaDecl
  | EnumDecl
  | DomainDecl
  | CompositeTypeDecl
  | RoutineDecl
  /** A column of a view or materialized view: `{ view: activeUsers, column: 'email' }`. */
  | { readonly view: ViewDecl; readonly column: string }
  /** A function or procedure: `{ schema: app, function: 'touch(integer, text)' }`, argument types as Postgres prints them. */
  | { readonly schema: SchemaDecl | string; readonly function: string }
  /** A sequence not declared on its own (behind a serial or identity column): `{ schema: app, sequence: 'users_id_seq' }`. */
  | { readonly schema: SchemaDecl | string; readonly sequence: string }
  /** A type by name (one declared elsewhere, a range type): `{ schema: app, type: 'period' }`. */
  | { readonly schema: SchemaDecl | string; readonly type: string };

/** Options of `grant()`. */
export interface GrantOptions {
  /** WITH GRANT OPTION. */
  readonly grantable?: boolean;
}

/** Declared privileges: `grant(['SELECT', 'INSERT'], users, 'app_rw')`. Declaring any makes privileges managed. */
export class GrantDecl {
  readonly kind = 'GrantDecl' as const;
  constructor(
    readonly grants: readonly Grant[],
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
}

/**
 * Makes privileges managed although none is declared (every grant beyond the owner's and the defaults is
 * then revoked from the declared objects): `export const privileges = managePrivileges()`.
 */
export function managePrivileges(): GrantDecl {
  return new GrantDecl([], captureLocation());
}

/** The object part of a grant. */
function targetOf(on: GrantTarget): { object: GrantObjectKind; schema: string | null; name: string; column: string | null } {
  if (on instanceof TableDecl) return { object: 'table', schema: on.schema, name: on.name, column: null };
  if (on instanceof ColumnRef) return { object: 'column', schema: on.schema, name: on.table, column: on.name };
  if (on instanceof SequenceDecl) return { object: 'sequence', schema: on.common.schema, name: on.common.name, column: null };
  if (on instanceof SchemaDecl) return { object: 'schema', schema: null, name: on.name, column: null };
  if (on instanceof EnumDecl) return { object: 'type', schema: on.schema, name: on.name, column: null };
  if (on instanceof DomainDecl || on instanceof CompositeTypeDecl) return { object: 'type', schema: on.common.schema, name: on.common.name, column: null };
  // GRANT … ON TABLE names views and materialized views too; Postgres keeps their ACL as a table's.
  if (on instanceof ForeignServerDecl) return { object: 'server', schema: null, name: on.name, column: null };
  if (on instanceof ForeignTableDecl) return { object: 'table', schema: on.schema, name: on.name, column: null };
  if (on instanceof ViewDecl) return { object: 'table', schema: on.schema, name: on.name, column: null };
  if (on instanceof RoutineDecl) return { object: 'function', schema: on.schema, name: `${on.name}(${on.details.identityArgs})`, column: null };
  if ('view' in on) return { object: 'column', schema: on.view.schema, name: on.view.name, column: on.column };
  if ('sequence' in on) return { object: 'sequence', schema: schemaName(on.schema), name: on.sequence, column: null };
  if ('type' in on) return { object: 'type', schema: schemaName(on.schema), name: on.type, column: null };
  return { object: 'function', schema: schemaName(on.schema), name: on.function.replace(/\s+/g, ' ').trim(), column: null };
}

/**
 * Grants privileges (`SELECT`, `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `REFERENCES`, `TRIGGER`, `USAGE`,
 * `CREATE`, `EXECUTE`…) on an object to roles (`'PUBLIC'` for everyone). The roles must exist: schemakit
 * does not create roles, which belong to the server, not to one database.
 */
export function grant(privileges: string | readonly string[], on: GrantTarget, to: string | readonly string[], options: GrantOptions = {}): GrantDecl {
  return new GrantDecl(grantsOf(privileges, on, to, options.grantable ?? false, false), captureLocation());
}

/**
 * Takes away a privilege an object has by default: `revokeDefault('EXECUTE', { schema: app, function:
 * 'rotate_keys()' }, 'PUBLIC')` (functions are executable and types usable by PUBLIC unless revoked).
 */
export function revokeDefault(privileges: string | readonly string[], on: GrantTarget, from: string | readonly string[] = 'PUBLIC'): GrantDecl {
  return new GrantDecl(grantsOf(privileges, on, from, false, true), captureLocation());
}

function grantsOf(privileges: string | readonly string[], on: GrantTarget, roles: string | readonly string[], grantable: boolean, revoked: boolean): Grant[] {
  const target = targetOf(on);
  const privs = (typeof privileges === 'string' ? [privileges] : privileges).map((p) => p.trim().toUpperCase());
  return privs.flatMap((privilege) =>
    (typeof roles === 'string' ? [roles] : roles).map((r): Grant => ({
      kind: 'Grant',
      ...target,
      grantee: r.toUpperCase() === 'PUBLIC' ? 'PUBLIC' : r,
      privilege,
      grantable,
      revoked,
    })),
  );
}
