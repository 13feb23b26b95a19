import type { ColumnStorage, FkAction, FkMatch, IdentityGeneration } from '../model';
import { Builder, STATE as STATE } from './builder';
import type { ColumnRef } from './column-ref';
import type { EnumDecl } from './enum';
import { captureSites, type Location } from './location';
import type { SequenceOptionsSpec } from './sequence-options';
import { Sql } from './sql-fragment';
import type { CollationDecl, TypeDecl } from './type-decls';

/** Options of a column-level foreign key (`c.uuid().references(() => users.columns.id, { … })`). */
export interface ReferenceOptions {
  readonly name?: string;
  readonly onDelete?: FkAction;
  readonly onUpdate?: FkAction;
  readonly match?: FkMatch;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  readonly comment?: string;
  readonly renamedFrom?: string;
  /** NOT VALID: added without checking the existing rows. */
  readonly notValid?: boolean;
  /**
   * false: a logical relationship the database does not enforce (no constraint is created or planned);
   * `schemakit check` counts its orphans.
   */
  readonly enforced?: boolean;
}

/** Options of a column-level constraint (primary key, unique, check). */
export interface ColumnConstraintOptions {
  readonly name?: string;
  readonly comment?: string;
  readonly renamedFrom?: string;
}

/** Options of a column-level key (primary key, unique): a constraint's, and the comment on the index behind it. */
export interface ColumnKeyOptions extends ColumnConstraintOptions {
  /** COMMENT ON INDEX of the index that backs the key. */
  readonly indexComment?: string;
}

/** An expression over the table's columns, given as SQL or as a function of the columns. */
export type ColumnsExpression = Sql | ((t: Readonly<Record<string, ColumnRef>>) => Sql);

/** Everything declared about a column (internal; read by collectDeclarations). */
export interface ColumnState {
  /** SQL type as written, without array brackets. */
  readonly type: string;
  readonly dims: number;
  /** How JavaScript default values are rendered: as scalars, or as JSON text. */
  readonly valueStyle: 'scalar' | 'json';
  readonly serial: boolean;
  readonly enumDecl: EnumDecl | null;
  readonly notNull: boolean;
  readonly default: { readonly value: unknown } | { readonly sql: Sql } | null;
  readonly identity: IdentityGeneration | null;
  /** Options of the identity sequence as declared (null: Postgres's defaults). */
  readonly identityOptions: SequenceOptionsSpec | null;
  /** A declared domain or composite type used as the column type (collected with the table). */
  readonly typeDecl: TypeDecl | null;
  readonly generated: ColumnsExpression | null;
  readonly collation: string | null;
  readonly comment: string | null;
  readonly storage: ColumnStorage | null;
  readonly compression: string | null;
  readonly statistics: number | null;
  readonly attributeOptions: Readonly<Record<string, string | number | boolean>>;
  readonly renamedFrom: string | null;
  readonly primaryKey: ColumnKeyOptions | null;
  readonly unique: (ColumnKeyOptions & { readonly nullsNotDistinct?: boolean }) | null;
  readonly references: { readonly target: () => ColumnRef; readonly options: ReferenceOptions } | null;
  readonly checks: readonly (ColumnConstraintOptions & { readonly expr: Sql | ((column: ColumnRef) => Sql) })[];
  /** Call sites of the column's declaration, innermost first (a helper like `id()` and its caller). */
  readonly sites: readonly Location[];
}

/**
 * A column declaration. `T` is the JavaScript type accepted by `.default()` (e.g. the labels of an enum),
 * so a wrong default is a compile error. Immutable: every method returns a new builder.
 */
export class ColumnBuilder<T = unknown> extends Builder<ColumnState> {
  /** Phantom member carrying `T` for the compiler. */
  declare readonly __valueType?: T;
  /** NOT NULL. */
  notNull(): ColumnBuilder<T> {
    return this.with({ notNull: true });
  }
  /** DEFAULT: a JavaScript value rendered as a literal, or raw SQL via the `sql` tag. */
  default(value: T | Sql): ColumnBuilder<T> {
    return this.with({ default: value instanceof Sql ? { sql: value } : { value } });
  }
  /** PRIMARY KEY on this column alone (named `<table>_pkey` unless named). */
  primaryKey(options: ColumnKeyOptions = {}): ColumnBuilder<T> {
    return this.with({ primaryKey: options });
  }
  /** UNIQUE on this column alone (named `<table>_<column>_key` unless named). */
  unique(options: ColumnKeyOptions & { readonly nullsNotDistinct?: boolean } = {}): ColumnBuilder<T> {
    return this.with({ unique: options });
  }
  /** CHECK on this column (named `<table>_<column>_check` unless named): `.check((x) => sql\`${x} > 0\`)`. */
  check(expr: Sql | ((column: ColumnRef) => Sql), options: ColumnConstraintOptions = {}): ColumnBuilder<T> {
    return this.with({ checks: [...this[STATE].checks, { ...options, expr }] });
  }
  /**
   * FOREIGN KEY to one column of another table, resolved lazily so tables may reference each other in
   * any order: `.references(() => organizations.columns.id, { onDelete: 'cascade' })`.
   */
  references(target: () => ColumnRef, options: ReferenceOptions = {}): ColumnBuilder<T> {
    return this.with({ references: { target, options } });
  }
  /** GENERATED ALWAYS AS IDENTITY [(sequence options)] (PG 10+; implies NOT NULL): `({ start: 1000, increment: 10 })`. */
  generatedAlwaysAsIdentity(options: SequenceOptionsSpec | null = null): ColumnBuilder<T> {
    return this.with({ identity: 'always', identityOptions: options });
  }
  /** GENERATED BY DEFAULT AS IDENTITY [(sequence options)] (PG 10+; implies NOT NULL). */
  generatedByDefaultAsIdentity(options: SequenceOptionsSpec | null = null): ColumnBuilder<T> {
    return this.with({ identity: 'by-default', identityOptions: options });
  }
  /** GENERATED ALWAYS AS (expression) STORED (PG 12+): `sql\`amount * 2\`` or `(t) => sql\`${t.amount} * 2\``. */
  generatedAlwaysAs(expression: ColumnsExpression): ColumnBuilder<T> {
    return this.with({ generated: expression });
  }
  /** COLLATE, e.g. `'C'` or `'und-x-icu'` (quoted as needed; `schema.name` is qualified). */
  collate(collation: string | CollationDecl): ColumnBuilder<T> {
    return this.with({ collation: String(collation) });
  }
  /** SET STORAGE: `plain`, `main`, `external` (out of line, uncompressed: fast substrings) or `extended`. */
  storage(storage: ColumnStorage): ColumnBuilder<T> {
    return this.with({ storage });
  }
  /** SET COMPRESSION (PG 14+): `pglz`, or `lz4` when the server was built with it. */
  compression(method: string): ColumnBuilder<T> {
    return this.with({ compression: method });
  }
  /** SET STATISTICS: the column's statistics target for ANALYZE (0–10000; the server default is 100). */
  statistics(target: number): ColumnBuilder<T> {
    return this.with({ statistics: target });
  }
  /** Attribute options read by ANALYZE: `{ n_distinct: -0.5 }` (negative: a fraction of the rows), `n_distinct_inherited`. */
  attributeOptions(options: Readonly<Record<string, string | number | boolean>>): ColumnBuilder<T> {
    return this.with({ attributeOptions: options });
  }
  /** COMMENT ON COLUMN. */
  comment(text: string): ColumnBuilder<T> {
    return this.with({ comment: text });
  }
  /** The column's previous name: the change becomes `ALTER TABLE … RENAME COLUMN`, keeping the data. */
  renamedFrom(oldName: string): ColumnBuilder<T> {
    return this.with({ renamedFrom: oldName });
  }
  /** An array of this type (`text[]`); call twice for two dimensions. */
  array(): ColumnBuilder<T[]> {
    return this.with({ dims: this[STATE].dims + 1 }) as unknown as ColumnBuilder<T[]>;
  }
}

/** Any column builder, whatever its value type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyColumnBuilder = ColumnBuilder<any>;

/** Starts a column of a SQL type (internal; users call `c.text()`, `c.type('citext')`…). */
export function column<T>(type: string, extra: Partial<ColumnState> = {}): ColumnBuilder<T> {
  return new ColumnBuilder<T>({
    type,
    dims: 0,
    valueStyle: 'scalar',
    serial: false,
    enumDecl: null,
    notNull: false,
    default: null,
    identity: null,
    identityOptions: null,
    typeDecl: null,
    generated: null,
    collation: null,
    comment: null,
    storage: null,
    compression: null,
    statistics: null,
    attributeOptions: {},
    renamedFrom: null,
    primaryKey: null,
    unique: null,
    references: null,
    checks: [],
    sites: captureSites(3),
    ...extra,
  });
}
