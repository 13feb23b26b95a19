import { qualified } from '../sql';
import type { AnyColumnBuilder } from './column';
import { ColumnRef } from './column-ref';
import type { CheckBuilder, ForeignKeyBuilder, PrimaryKeyBuilder, UniqueBuilder } from './constraints';
import type { IndexBuilder } from './index-builder';
import { captureLocation, type Location } from './location';
import { schemaName, type SchemaDecl } from './schema';
import { Sql, type SqlEmbeddable } from './sql-fragment';
import { tableShapeDetails, type TableShapeDetails, type TableShapeOptions } from './table-shape';

/** The column references of a table, keyed like its `columns` declaration. */
export type ColumnRefs<C> = { readonly [K in keyof C]: ColumnRef };

/** A list of table members, computed from the table's column references. */
type Members<C, M> = (t: ColumnRefs<C>) => readonly M[];

/** The declaration of a table: columns, then table-level constraints and indexes as functions of its columns. */
export interface TableOptions<C extends Record<string, AnyColumnBuilder>> extends TableShapeOptions<C> {
  /** The columns (none for a partition: it has its parent's). */
  readonly columns?: C;
  readonly comment?: string;
  /** The table's previous name: the change becomes `ALTER TABLE … RENAME TO`, keeping the data. */
  readonly renamedFrom?: string;
  /** A composite primary key (a single-column one is simpler as `c.x().primaryKey()`). */
  readonly primaryKey?: PrimaryKeyBuilder | ((t: ColumnRefs<C>) => PrimaryKeyBuilder);
  readonly uniques?: Members<C, UniqueBuilder>;
  readonly checks?: Members<C, CheckBuilder>;
  readonly foreignKeys?: Members<C, ForeignKeyBuilder>;
  readonly indexes?: Members<C, IndexBuilder>;
  /**
   * The columns that should identify a row even where no unique constraint says so (yet):
   * `schemakit check` reports duplicates over them and `schemakit dedupe` merges them.
   */
  readonly naturalKey?: readonly (ColumnRef | (keyof C & string))[] | ((t: ColumnRefs<C>) => readonly ColumnRef[]);
  /** The subject area the table is drawn in by `schemakit docs` (wins over `docs.areas` of schemakit.yaml). */
  readonly area?: string;
}

/** Everything declared about a table (internal; read by collectDeclarations). */
export interface TableDetails {
  readonly schemaDecl: SchemaDecl | null;
  readonly columns: readonly (readonly [string, AnyColumnBuilder])[];
  readonly comment: string | null;
  readonly renamedFrom: string | null;
  readonly primaryKey: PrimaryKeyBuilder | null;
  readonly uniques: readonly UniqueBuilder[];
  readonly checks: readonly CheckBuilder[];
  readonly foreignKeys: readonly ForeignKeyBuilder[];
  readonly indexes: readonly IndexBuilder[];
  /** The natural key's column names, or null. */
  readonly naturalKey: readonly string[] | null;
  /** The docs area, or null. */
  readonly area: string | null;
  readonly location: Location | null;
  readonly shape: TableShapeDetails;
}

/** A declared table; `columns` holds references for foreign keys (`users.columns.id`) and SQL. */
export class TableDecl<C extends Record<string, AnyColumnBuilder> = Record<string, AnyColumnBuilder>> implements SqlEmbeddable {
  readonly kind = 'TableDecl' as const;
  constructor(
    readonly schema: string,
    readonly name: string,
    readonly columns: ColumnRefs<C>,
    /** Internal: the declaration details. */
    readonly details: TableDetails,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(qualified(this.schema, this.name));
  }
}

/** Any table declaration. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTableDecl = TableDecl<any>;

/**
 * Declares a table: `table(reporting, 'users', { columns: { id: c.uuid().primaryKey() }, indexes: (t) => […] })`.
 * Without a schema the table goes to `public`.
 */
export function table<C extends Record<string, AnyColumnBuilder>>(schema: SchemaDecl | string, name: string, options: TableOptions<C>): TableDecl<C>;
export function table<C extends Record<string, AnyColumnBuilder>>(name: string, options: TableOptions<C>): TableDecl<C>;
export function table<C extends Record<string, AnyColumnBuilder>>(a: SchemaDecl | string, b: string | TableOptions<C>, c?: TableOptions<C>): TableDecl<C> {
  const location = captureLocation();
  const [schema, name, options] = typeof b === 'string' ? [a, b, c as TableOptions<C>] : ['public', a as string, b];
  const sname = schemaName(schema);
  // Assigned once the column refs that point back at the table exist (owner() is called only later).
  // eslint-disable-next-line prefer-const
  let self: TableDecl<C> | undefined;
  const owner = () => self as AnyTableDecl;
  const refs = Object.freeze(
    Object.fromEntries(Object.keys(options.columns ?? {}).map((key) => [key, new ColumnRef(sname, name, key, owner)])),
  ) as ColumnRefs<C>;
  const pk = typeof options.primaryKey === 'function' ? options.primaryKey(refs) : options.primaryKey;
  self = new TableDecl(sname, name, refs, {
    schemaDecl: typeof schema === 'string' ? null : schema,
    columns: Object.entries(options.columns ?? {}),
    comment: options.comment ?? null,
    renamedFrom: options.renamedFrom ?? null,
    primaryKey: pk ?? null,
    uniques: options.uniques?.(refs) ?? [],
    checks: options.checks?.(refs) ?? [],
    foreignKeys: options.foreignKeys?.(refs) ?? [],
    indexes: options.indexes?.(refs) ?? [],
    naturalKey: naturalKeyOf(options.naturalKey, refs),
    area: typeof options.area === 'string' && options.area.trim() !== '' ? options.area.trim() : null,
    location,
    shape: tableShapeDetails(options, refs),
  });
  return self;
}

function naturalKeyOf<C extends Record<string, AnyColumnBuilder>>(spec: TableOptions<C>['naturalKey'], refs: ColumnRefs<C>): string[] | null {
  if (spec === undefined) return null;
  const cols: readonly (ColumnRef | string)[] = typeof spec === 'function' ? spec(refs) : spec;
  return cols.map((c) => (typeof c === 'string' ? c : c.name));
}
