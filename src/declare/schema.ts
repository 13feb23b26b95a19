import { qualified, ident } from '../sql';
import { captureLocation, type Location } from './location';
import { Sql, type SqlEmbeddable } from './sql-fragment';

/** A declared Postgres schema (namespace); pass it to `table()`, `enumType()` and `extension()`. */
export class SchemaDecl implements SqlEmbeddable {
  readonly kind = 'SchemaDecl' as const;
  constructor(
    readonly name: string,
    readonly comment: string | null,
    /** Internal: where `schema()` was called. */
    readonly location: Location | null,
    /** True for `schema(tenant('app'))`: the name is a template bound to each tenant schema of a fleet. */
    readonly tenant: boolean = false,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(ident(this.name));
  }
}

/** A schema name bound per tenant (see `tenant()`). */
export class TenantName {
  readonly kind = 'TenantName' as const;
  constructor(readonly name: string) {
    Object.freeze(this);
  }
}

/**
 * Marks a schema as the template of a schema-per-tenant fleet: `export const app = schema(tenant('app'))`.
 * Tables declared in it are planned, migrated and checked in every tenant schema of a fleet env
 * (`schemaPattern:` or a `query:` returning schemas), each time with the tenant's name in place of `app`;
 * outside a fleet it is the plain schema `app`. At most one schema of a project can be a tenant template.
 */
export function tenant(name: string): TenantName {
  return new TenantName(name);
}

/** Options of `schema()`. */
export interface SchemaOptions {
  readonly comment?: string;
}

/** Declares a schema: `export const reporting = schema('reporting', { comment: 'Reporting platform' })`, or a tenant template `schema(tenant('app'))`. */
export function schema(name: string | TenantName, options: SchemaOptions = {}): SchemaDecl {
  const isTenant = name instanceof TenantName;
  return new SchemaDecl(isTenant ? name.name : name, options.comment ?? null, captureLocation(), isTenant);
}

/** A declared extension (`CREATE EXTENSION`). */
export class ExtensionDecl {
  readonly kind = 'ExtensionDecl' as const;
  constructor(
    readonly name: string,
    readonly schema: string,
    readonly schemaDecl: SchemaDecl | null,
    readonly version: string | null,
    readonly comment: string | null,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
}

/** Options of `extension()`: the schema its objects go to (default `public`), a pinned version. */
export interface ExtensionOptions {
  readonly schema?: SchemaDecl | string;
  readonly version?: string;
  readonly comment?: string;
}

/** Declares an extension: `export const pgcrypto = extension('pgcrypto', { schema: 'public' })`. */
export function extension(name: string, options: ExtensionOptions = {}): ExtensionDecl {
  const s = options.schema ?? 'public';
  return new ExtensionDecl(
    name,
    typeof s === 'string' ? s : s.name,
    typeof s === 'string' ? null : s,
    options.version ?? null,
    options.comment ?? null,
    captureLocation(),
  );
}

/** The schema name of a `SchemaDecl` or a plain name. */
export const schemaName = (s: SchemaDecl | string): string => (typeof s === 'string' ? s : s.name);

/** Qualified SQL name of an object in a schema. */
export const qualifiedIn = (s: SchemaDecl | string, name: string): string => qualified(schemaName(s), name);
