import type { Catalog } from '../model';
import type { Db } from '../db';
import { introspectSchemas } from './schemas';
import { userSchema } from './sql-fragments';
import { matchesTable } from '../util';

/**
 * Which part of a database schemakit manages (`--schemas`, `--exclude-schemas`, `--exclude-tables`, or the
 * same keys of schemakit.yaml). Objects outside it are neither read nor compared, so never dropped: a team
 * can adopt schemakit one schema at a time on a database that holds others.
 */
export interface Scope {
  /** Schemas managed; null: all. */
  readonly schemas: readonly string[] | null;
  readonly excludeSchemas: readonly string[];
  /** Table patterns (`*` any characters), matched against `schema.table` and against `table`. */
  readonly excludeTables: readonly string[];
}

/** The whole database. */
export const FULL_SCOPE: Scope = Object.freeze({ schemas: null, excludeSchemas: [], excludeTables: [] });

/** True when the scope leaves nothing out. */
export function isFullScope(s: Scope | undefined): boolean {
  return !s || (s.schemas === null && s.excludeSchemas.length === 0 && s.excludeTables.length === 0);
}

/** True when the scope covers the schema. */
export function schemaInScope(scope: Scope, schema: string): boolean {
  return (scope.schemas === null || scope.schemas.includes(schema)) && !scope.excludeSchemas.includes(schema);
}

/** True when the scope covers the table (or view, trigger's table…) `schema.name`. */
export function tableInScope(scope: Scope, schema: string, name: string): boolean {
  return schemaInScope(scope, schema) && !scope.excludeTables.some((p) => matchesTable(p, schema, name));
}

/**
 * The part of a catalog inside the scope: objects of schemas outside it, and excluded tables with their
 * indexes, constraints, triggers, policies and privileges, are left out. Foreign keys of tables in the scope
 * stay, whatever they reference. Event triggers belong to no schema and stay.
 */
export function scopeCatalog(c: Catalog, scope: Scope | undefined): Catalog {
  if (!scope || isFullScope(scope)) return c;
  const inSchema = <T extends { schema: string }>(xs: readonly T[]): T[] => xs.filter((x) => schemaInScope(scope, x.schema));
  const onTable = <T extends { schema: string; table: string }>(xs: readonly T[]): T[] => xs.filter((x) => tableInScope(scope, x.schema, x.table));
  return {
    ...c,
    schemas: c.schemas.filter((s) => schemaInScope(scope, s.name)),
    extensions: inSchema(c.extensions),
    enums: inSchema(c.enums),
    tables: c.tables.filter((t) => tableInScope(scope, t.schema, t.name)),
    indexes: onTable(c.indexes),
    constraints: onTable(c.constraints),
    views: inSchema(c.views),
    routines: inSchema(c.routines),
    triggers: onTable(c.triggers),
    rules: onTable(c.rules),
    sequences: inSchema(c.sequences),
    domains: inSchema(c.domains),
    compositeTypes: inSchema(c.compositeTypes),
    ...(c.defaultPrivileges ? { defaultPrivileges: inSchema(c.defaultPrivileges) } : {}),
    collations: inSchema(c.collations),
    aggregates: inSchema(c.aggregates),
    rangeTypes: inSchema(c.rangeTypes),
    textSearchDictionaries: inSchema(c.textSearchDictionaries),
    textSearchConfigurations: inSchema(c.textSearchConfigurations),
    statistics: c.statistics.filter((x) => schemaInScope(scope, x.schema) && tableInScope(scope, x.tableSchema, x.table)),
    policies: onTable(c.policies),
    foreignTables: c.foreignTables.filter((t) => tableInScope(scope, t.schema, t.name)),
    grants:
      c.grants === null
        ? null
        : c.grants.filter((g) =>
            g.object === 'schema'
              ? schemaInScope(scope, g.name)
              : g.object === 'server'
                ? true
                : g.object === 'table' || g.object === 'column'
                  ? tableInScope(scope, g.schema!, g.name)
                  : schemaInScope(scope, g.schema!),
          ),
  };
}

/** What a scope leaves out of a database: schema names, and tables excluded inside schemas it covers. */
export interface OutOfScope {
  readonly schemas: readonly string[];
  readonly tables: readonly string[];
}

/** The schemas and tables of the database the scope leaves out (for `plan` to say so). */
export async function introspectOutOfScope(db: Db, scope: Scope | undefined): Promise<OutOfScope> {
  if (!scope || isFullScope(scope)) return { schemas: [], tables: [] };
  const schemas = (await introspectSchemas(db))
    .map((s) => s.name)
    .filter((n) => !schemaInScope(scope, n))
    .sort();
  const tables =
    scope.excludeTables.length === 0
      ? []
      : (
          await db.query<{ schema: string; name: string }>(
            `SELECT n.nspname AS schema, c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${userSchema('n')}`,
          )
        )
          .filter((t) => schemaInScope(scope, t.schema) && !tableInScope(scope, t.schema, t.name))
          .map((t) => `${t.schema}.${t.name}`)
          .sort();
  return { schemas, tables };
}

/** `3 schemas outside the scope (a, b, c); 1 table excluded (public.legacy)`, or '' when nothing was left out. */
export function describeOutOfScope(o: OutOfScope): string {
  const parts: string[] = [];
  const list = (xs: readonly string[]) => (xs.length <= 5 ? xs.join(', ') : `${xs.slice(0, 5).join(', ')}, …`);
  if (o.schemas.length) parts.push(`${o.schemas.length} schema${o.schemas.length === 1 ? '' : 's'} outside the scope (${list(o.schemas)})`);
  if (o.tables.length) parts.push(`${o.tables.length} table${o.tables.length === 1 ? '' : 's'} excluded (${list(o.tables)})`);
  return parts.join('; ');
}
