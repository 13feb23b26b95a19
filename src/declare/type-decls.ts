import { defaultMultirangeName, type CollationProvider, type CompositeAttribute, type DomainCheck, type SequenceOptions, type SequenceType } from '../model';
import { literal, qualified } from '../sql';
import type { ColumnRef } from './column-ref';
import { captureLocation, type Location } from './location';
import { schemaName, type SchemaDecl } from './schema';
import { resolveSequenceOptions, type SequenceOptionsSpec } from './sequence-options';
import { renderLiteral, Sql, type SqlEmbeddable } from './sql-fragment';

/** What all declarations of this file share: a schema, a name, a comment, a previous name, a location. */
interface Common {
  readonly schema: string;
  readonly schemaDecl: SchemaDecl | null;
  readonly name: string;
  readonly comment: string | null;
  readonly renamedFrom: string | null;
  readonly location: Location | null;
}

/** The options every declaration of this file takes. */
interface NamedOptions {
  readonly comment?: string;
  /** The object's previous name: the change becomes `ALTER … RENAME TO`. */
  readonly renamedFrom?: string;
}

const common = (schema: SchemaDecl | string, name: string, o: NamedOptions): Common => ({
  schema: schemaName(schema),
  schemaDecl: typeof schema === 'string' ? null : schema,
  name,
  comment: o.comment ?? null,
  renamedFrom: o.renamedFrom ?? null,
  location: captureLocation(),
});

/** A type as a column, attribute or domain base type names it: SQL text, or a declared type. */
export type TypeSpec = string | SqlEmbeddable;
const typeText = (t: TypeSpec): string => (typeof t === 'string' ? t : t.toSqlFragment().text);

/** Options of `sequence()`. */
export interface SequenceDeclOptions extends SequenceOptionsSpec, NamedOptions {
  /** `AS smallint|integer|bigint` (default bigint). */
  readonly type?: SequenceType;
  /** `OWNED BY table.column` (same schema): a thunk, as the table usually uses the sequence in a default. */
  readonly ownedBy?: () => ColumnRef;
}

/** A declared standalone sequence. In the `sql` tag it is `'schema.name'::regclass`: `sql\`nextval(${seq})\``. */
export class SequenceDecl implements SqlEmbeddable {
  readonly kind = 'SequenceDecl' as const;
  constructor(
    readonly common: Common,
    readonly options: SequenceDeclOptions,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(`${literal(qualified(this.common.schema, this.common.name))}::regclass`);
  }
  /** `nextval('schema.name'::regclass)`, for a column default. */
  nextval(): Sql {
    return new Sql(`nextval(${this.toSqlFragment().text})`);
  }
  /** The model options, with Postgres's defaults for the unset ones. */
  resolved(): SequenceOptions {
    return resolveSequenceOptions(this.options.type ?? 'bigint', this.options);
  }
}

/** Declares a sequence: `sequence(app, 'invoice_numbers', { start: 1000, ownedBy: () => invoices.columns.number })`. */
export function sequence(schema: SchemaDecl | string, name: string, options: SequenceDeclOptions = {}): SequenceDecl {
  return new SequenceDecl(common(schema, name, options), options);
}

/** A domain check: an expression over `VALUE`, optionally with the check's previous name. */
export type DomainCheckSpec = Sql | { readonly expression: Sql; readonly renamedFrom?: string };

/** Options of `domain()`. */
export interface DomainOptions extends NamedOptions {
  readonly notNull?: boolean;
  /** A literal value, or SQL via the `sql` tag. */
  readonly default?: Sql | string | number | boolean;
  readonly collation?: string;
  /** Named CHECK constraints: `{ email_format: sql\`VALUE ~ '^[^@]+@[^@]+$'\` }`. */
  readonly checks?: Readonly<Record<string, DomainCheckSpec>>;
}

/** A declared domain; use it as a column type with `c.type(email)`. */
export class DomainDecl implements SqlEmbeddable {
  readonly kind = 'DomainDecl' as const;
  constructor(
    readonly common: Common,
    readonly type: string,
    readonly options: DomainOptions,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(qualified(this.common.schema, this.common.name));
  }
  /** The checks as model data (named, with the user's expression text) and the renames among them. */
  checks(): { checks: DomainCheck[]; renames: { from: string; to: string }[] } {
    const entries = Object.entries(this.options.checks ?? {});
    return {
      checks: entries.map(([name, k]) => ({ name, expression: (k instanceof Sql ? k : k.expression).text })),
      renames: entries.flatMap(([name, k]) => (!(k instanceof Sql) && k.renamedFrom !== undefined ? [{ from: k.renamedFrom, to: name }] : [])),
    };
  }
  /** The default as SQL text, or null. */
  defaultSql(): string | null {
    const d = this.options.default;
    return d === undefined ? null : d instanceof Sql ? d.text : renderLiteral(d);
  }
}

/** Declares a domain: `domain(app, 'email', 'text', { checks: { email_format: sql\`VALUE ~ '@'\` } })`. */
export function domain(schema: SchemaDecl | string, name: string, type: TypeSpec, options: DomainOptions = {}): DomainDecl {
  return new DomainDecl(common(schema, name, options), typeText(type), options);
}

/** A composite type attribute: its type, or its type with a collation and previous name. */
export type AttributeSpec = TypeSpec | { readonly type: TypeSpec; readonly collation?: string; readonly renamedFrom?: string };

/** Options of `compositeType()`. */
export type CompositeTypeOptions = NamedOptions;

/** A declared composite type; use it as a column type with `c.type(address)`. */
export class CompositeTypeDecl implements SqlEmbeddable {
  readonly kind = 'CompositeTypeDecl' as const;
  constructor(
    readonly common: Common,
    readonly attributes: Readonly<Record<string, AttributeSpec>>,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(qualified(this.common.schema, this.common.name));
  }
  /** The attributes as model data (collations as written) and the renames among them. */
  modelAttributes(collationSql: (name: string) => string): { attributes: CompositeAttribute[]; renames: { from: string; to: string }[] } {
    const entries = Object.entries(this.attributes);
    const isPlain = (a: AttributeSpec): a is TypeSpec => typeof a === 'string' || 'toSqlFragment' in a;
    return {
      attributes: entries.map(([name, a]) =>
        isPlain(a)
          ? { name, type: typeText(a), collation: null }
          : { name, type: typeText(a.type), collation: a.collation === undefined ? null : collationSql(a.collation) },
      ),
      renames: entries.flatMap(([name, a]) => (!isPlain(a) && a.renamedFrom !== undefined ? [{ from: a.renamedFrom, to: name }] : [])),
    };
  }
}

/** Declares a composite type: `compositeType(app, 'address', { street: 'text', zip: { type: 'text', collation: 'C' } })`. */
export function compositeType(
  schema: SchemaDecl | string,
  name: string,
  attributes: Readonly<Record<string, AttributeSpec>>,
  options: CompositeTypeOptions = {},
): CompositeTypeDecl {
  return new CompositeTypeDecl(common(schema, name, options), attributes);
}

/** Options of `collation()`: the provider and its locale (libc may set lc_collate and lc_ctype apart). */
export interface CollationOptions extends NamedOptions {
  readonly provider?: CollationProvider;
  readonly locale?: string;
  readonly lcCollate?: string;
  readonly lcCtype?: string;
  /** false: strings that compare equal but differ in bytes are equal (e.g. case-insensitive ICU). */
  readonly deterministic?: boolean;
}

/** A declared collation; pass it to `.collate()` as `coll.toString()` or use its qualified name. */
export class CollationDecl implements SqlEmbeddable {
  readonly kind = 'CollationDecl' as const;
  constructor(
    readonly common: Common,
    readonly options: CollationOptions,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(qualified(this.common.schema, this.common.name));
  }
  /** `schema.name`, as `.collate()` takes it. */
  toString(): string {
    return `${this.common.schema}.${this.common.name}`;
  }
}

/** Declares a collation: `collation(app, 'ci', { provider: 'icu', locale: 'und-u-ks-level2', deterministic: false })`. */
export function collation(schema: SchemaDecl | string, name: string, options: CollationOptions): CollationDecl {
  return new CollationDecl(common(schema, name, options), options);
}

/** Options of `rangeType()`: `CREATE TYPE … AS RANGE`'s options but the subtype. */
export interface RangeTypeOptions extends Omit<NamedOptions, 'renamedFrom'> {
  /** A btree operator class of the subtype, when not its default. */
  readonly subtypeOpclass?: string;
  readonly collation?: string;
  /** A function `(subtype, subtype) → double precision`: a declared one, or its name as SQL. */
  readonly subtypeDiff?: string | { readonly schema: string; readonly name: string };
  /** `CANONICAL` (a C function on a shell type of the range: name it as SQL). */
  readonly canonical?: string;
  /** The multirange type's name (same schema); default: `range` → `multirange` in the name, or `_multirange` appended. */
  readonly multirangeName?: string;
  /** The multirange type's schema; default: the range type's. */
  readonly multirangeSchema?: string;
}

/** A declared range type; use it as a column type with `c.type(span)`, its multirange with `c.type(span.multirange())`. */
export class RangeTypeDecl implements SqlEmbeddable {
  readonly kind = 'RangeTypeDecl' as const;
  constructor(
    readonly common: Common,
    readonly subtype: string,
    readonly options: RangeTypeOptions,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(qualified(this.common.schema, this.common.name));
  }
  /** The multirange type's name. */
  multirangeName(): string {
    return this.options.multirangeName ?? defaultMultirangeName(this.common.name);
  }
  /** The multirange type, as SQL text for `c.type()`. */
  multirange(): string {
    return qualified(this.options.multirangeSchema ?? this.common.schema, this.multirangeName());
  }
}

/** Declares a range type: `rangeType(app, 'floatrange', 'double precision', { subtypeDiff: 'float8mi' })`. */
export function rangeType(schema: SchemaDecl | string, name: string, subtype: TypeSpec, options: RangeTypeOptions = {}): RangeTypeDecl {
  return new RangeTypeDecl(common(schema, name, options), typeText(subtype), options);
}

/** A declared type that columns can use (collected with the tables using it). */
export type TypeDecl = DomainDecl | CompositeTypeDecl | RangeTypeDecl;
