import type { ObjectRenames } from './object-renames';
import type { EventTrigger, ExpressionUse, Routine, Rule, Trigger, View } from './programmable';
import type { Aggregate } from './aggregate';
import type { RangeType } from './range-type';
import type { Statistics } from './statistics';
import type { TextSearchConfiguration, TextSearchDictionary } from './text-search';

/**
 * The schema model: readonly plain data with `kind` discriminants. Identity is the qualified name
 * (schema, table, name), never an OID, so introspecting the same database twice gives equal data and
 * deep equality / JSON just work. Both sides of a diff (declared and live) are expressed in this model.
 *
 * Conventions (what the normalizer guarantees on introspected catalogs):
 * - arrays of top-level objects are sorted by key (see keys.ts); columns keep their ordinal order;
 * - SQL texts (types, defaults, expressions) are as Postgres prints them with `search_path = ''`,
 *   i.e. schema-qualified except for pg_catalog;
 * - absent optional facts are `null`, never `undefined`.
 */

import type { Collation, CompositeType, Domain, Grant, Sequence, SequenceOptions } from './type-objects';
import type { DefaultPrivilege } from './default-privilege';
import type { ForeignServer, ForeignTable, Publication } from './replication';
import type { IncompletePartitionIndex, PartitionIndexPart, PartitionKeyAttachment } from './partition-members';
import type {
  ColumnOverride,
  ColumnStorage,
  PartitionBy,
  PartitionOf,
  Policy,
  ReplicaIdentity,
  StorageParameter,
  TableName,
  TablePersistence,
} from './table-shape';

/** A whole database (or a declared schema set) as data. */
export interface Catalog {
  readonly kind: 'Catalog';
  readonly schemas: readonly Schema[];
  readonly extensions: readonly Extension[];
  readonly enums: readonly Enum[];
  readonly tables: readonly Table[];
  /** Indexes that do not back a constraint (PK/UNIQUE indexes belong to their constraint). */
  readonly indexes: readonly Index[];
  readonly constraints: readonly Constraint[];
  /** Views and materialized views. */
  readonly views: readonly View[];
  /** Functions and procedures. */
  readonly routines: readonly Routine[];
  readonly triggers: readonly Trigger[];
  readonly eventTriggers: readonly EventTrigger[];
  /** Rewrite rules on tables and views (`CREATE RULE`), not the `_RETURN` rule of a view. */
  readonly rules: readonly Rule[];
  /** Standalone sequences (not those behind serial or identity columns). */
  readonly sequences: readonly Sequence[];
  readonly domains: readonly Domain[];
  readonly compositeTypes: readonly CompositeType[];
  readonly collations: readonly Collation[];
  /** User-defined aggregates (`CREATE AGGREGATE`). */
  readonly aggregates: readonly Aggregate[];
  /** Range types (`CREATE TYPE … AS RANGE`), each with its multirange type. */
  readonly rangeTypes: readonly RangeType[];
  /** Extended statistics (`CREATE STATISTICS`). */
  readonly statistics: readonly Statistics[];
  /** Text search dictionaries and configurations. */
  readonly textSearchDictionaries: readonly TextSearchDictionary[];
  readonly textSearchConfigurations: readonly TextSearchConfiguration[];
  /** Row-level security policies (`CREATE POLICY`), keyed by table. */
  readonly policies: readonly Policy[];
  /** Privileges granted, or null when they are not managed (declarations manage them only when asked to). */
  readonly grants: readonly Grant[] | null;
  /** Schema-scoped default privileges (`ALTER DEFAULT PRIVILEGES … IN SCHEMA`); absent when not managed (declarations). */
  readonly defaultPrivileges?: readonly DefaultPrivilege[];
  /** Publications, foreign servers and foreign tables (model/replication.ts). */
  readonly publications: readonly Publication[];
  readonly foreignServers: readonly ForeignServer[];
  readonly foreignTables: readonly ForeignTable[];
  /**
   * What the expressions of checks, exclusions, expression and partial indexes, defaults, generated columns
   * and policies read (pg_depend), sorted; introspected only (absent on declarations before normalization).
   * Used to rebuild them around a type or routine recreated under them, never compared by the diff.
   */
  readonly expressionUses?: readonly ExpressionUse[];
  /**
   * Partitions' PRIMARY KEY/UNIQUE constraints whose index is attached to a plain index of the partitioned
   * parent (`CREATE INDEX … ON ONLY` + `ALTER INDEX … ATTACH PARTITION`), sorted; introspected only. Such a
   * key cannot be dropped on its own: it goes with the parent's index (see diff/partition-attach.ts).
   */
  readonly partitionKeyAttachments?: readonly PartitionKeyAttachment[];
  /**
   * Indexes and keys of partitioned tables that some partitions have no attached index for (Postgres marks
   * them invalid: `CREATE INDEX … ON ONLY`, `ALTER TABLE ONLY … ADD PRIMARY KEY`, not yet attached on every
   * partition), sorted; introspected only. A plan completes one by attaching the partitions' matching
   * indexes (see diff/partition-complete.ts).
   */
  readonly incompletePartitionIndexes?: readonly IncompletePartitionIndex[];
  /** Partitions' parts of their parents' indexes and keys, by name, sorted; introspected only, absent when none. */
  readonly partitionIndexParts?: readonly PartitionIndexPart[];
}

/** A namespace (`CREATE SCHEMA`). */
export interface Schema {
  readonly kind: 'Schema';
  readonly name: string;
  readonly comment: string | null;
}

/** `CREATE EXTENSION name WITH SCHEMA schema VERSION version`. `version: null` means "any". */
export interface Extension {
  readonly kind: 'Extension';
  readonly name: string;
  readonly schema: string;
  readonly version: string | null;
  readonly comment: string | null;
}

/** `CREATE TYPE schema.name AS ENUM (values…)`. */
export interface Enum {
  readonly kind: 'Enum';
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
  readonly comment: string | null;
}

/** A table with its columns in ordinal order. Constraints and indexes are top-level, keyed by table. */
export interface Table {
  readonly kind: 'Table';
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly Column[];
  readonly comment: string | null;
  // Table shapes (issue 3); `plainTable` holds the defaults. See table-shape.ts.
  readonly partitionBy: PartitionBy | null;
  readonly partitionOf: PartitionOf | null;
  readonly inherits: readonly TableName[];
  readonly persistence: TablePersistence;
  readonly storageParameters: readonly StorageParameter[];
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  readonly replicaIdentity: ReplicaIdentity;
  /** Inherited columns whose NOT NULL or DEFAULT differ here from the parent's, sorted by name (partitions, INHERITS children). */
  readonly columnOverrides: readonly ColumnOverride[];
  /** The index `CLUSTER` uses (`ALTER TABLE … CLUSTER ON index`), absent when none is marked. */
  readonly clusterOn?: string;
}

export type IdentityGeneration = 'always' | 'by-default';

/** A table column. */
export interface Column {
  readonly kind: 'Column';
  readonly name: string;
  /** Type as `format_type()` prints it (`integer`, `character varying(255)`, `public.status[]`); `serial`, `bigserial`,
   * `smallserial`: an integer column whose default is `nextval()` of a sequence it owns (then `default` is null). */
  readonly type: string;
  readonly notNull: boolean;
  /** Default expression SQL, or null. Null for identity, generated and serial columns. */
  readonly default: string | null;
  readonly identity: IdentityGeneration | null;
  /** Expression of a `GENERATED ALWAYS AS (…) STORED` (or `VIRTUAL`) column, or null. */
  readonly generated: string | null;
  /** A generated column computed when read (`VIRTUAL`, PostgreSQL 18) rather than stored; absent otherwise. */
  readonly virtual?: true;
  /** Collation when it differs from the type's default, as a ready SQL name (`"C"`; schema-qualified unless pg_catalog), or null. */
  readonly collation: string | null;
  readonly comment: string | null;
  /** The options of an identity column's sequence (null unless `identity` is set). */
  readonly identityOptions: SequenceOptions | null;
  // Column storage (issue 3); `plainColumn` holds the defaults.
  /** `SET STORAGE` when it differs from the type's default (`plain`, `external`, `extended`, `main`), else null. */
  readonly storage: ColumnStorage | null;
  /** `SET COMPRESSION` method (`pglz`, `lz4`) when set on the column, else null (the server default). */
  readonly compression: string | null;
  /** `SET STATISTICS n`: the column's statistics target when set, else null (`default_statistics_target`). */
  readonly statistics: number | null;
  /** Attribute options (`SET (n_distinct = …, n_distinct_inherited = …)`), sorted by name, values by meaning; [] when none. */
  readonly attributeOptions: readonly StorageParameter[];
  /** The default as the declaration wrote it, on catalogs documented from declarations (see withDeclaredText); else absent. */
  readonly declaredDefault?: string;
}

export type FkAction = 'no-action' | 'restrict' | 'cascade' | 'set-null' | 'set-default';
export type FkMatch = 'simple' | 'full';

interface ConstraintBase {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly comment: string | null;
}

/** A key: an index backs it, named as the constraint; `COMMENT ON INDEX` of that index when set, else absent. */
interface BackedByIndex {
  readonly indexComment?: string;
}

/** A primary key or unique constraint: `INCLUDE (columns)`, non-key columns stored in its index; absent when none. */
interface KeyInclude {
  readonly include?: readonly string[];
}

/** `PRIMARY KEY (columns)`. */
export interface PrimaryKey extends ConstraintBase, BackedByIndex, KeyInclude {
  readonly kind: 'PrimaryKey';
  readonly columns: readonly string[];
  readonly withoutOverlaps?: true; // `(…, last WITHOUT OVERLAPS)`, PostgreSQL ≥ 18: no two rows' last-column ranges overlap
}

/** `UNIQUE [NULLS NOT DISTINCT] (columns)`. */
export interface Unique extends ConstraintBase, BackedByIndex, KeyInclude {
  readonly kind: 'Unique';
  readonly columns: readonly string[];
  readonly nullsNotDistinct: boolean;
  readonly withoutOverlaps?: true; // as on PrimaryKey
}

/** `CHECK (expression)`. */
export interface Check extends ConstraintBase {
  readonly kind: 'Check';
  /** Expression as `pg_get_constraintdef` prints it, without the `CHECK ` prefix and outer parentheses kept. */
  readonly expression: string;
  readonly noInherit: boolean;
  /** NOT VALID: rows that existed when it was added were never checked (`convalidated` false); absent when validated. */
  readonly notValid?: true;
  /** The expression as the declaration wrote it, on catalogs documented from declarations (see withDeclaredText); else absent. */
  readonly declaredExpression?: string;
}

/** `FOREIGN KEY (columns) REFERENCES refSchema.refTable (refColumns) …`. */
export interface ForeignKey extends ConstraintBase {
  readonly kind: 'ForeignKey';
  readonly columns: readonly string[];
  readonly refSchema: string;
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onUpdate: FkAction;
  readonly onDelete: FkAction;
  readonly match: FkMatch;
  readonly notValid?: true; // NOT VALID, as on Check
  readonly period?: true; // `(…, PERIOD last) REFERENCES t (…, PERIOD last)`, PostgreSQL ≥ 18
}

export type Constraint = PrimaryKey | Unique | Check | ForeignKey | Exclusion;

/**
 * `EXCLUDE USING method (element WITH operator, …) [INCLUDE (…)] [WHERE (…)]`: no two rows may have all
 * elements related by their operators. Elements are index keys, so they share IndexKey's normal form.
 */
export interface Exclusion extends ConstraintBase, BackedByIndex {
  readonly kind: 'Exclusion';
  readonly method: IndexMethod;
  readonly elements: readonly ExclusionElement[];
  readonly include: readonly string[];
  /** Predicate SQL of a partial exclusion constraint, or null. */
  readonly where: string | null;
}

/** One element of an exclusion constraint: an index key and its operator (`&&`; schema-qualified unless pg_catalog). */
export interface ExclusionElement extends IndexKey {
  readonly operator: string;
}

export type IndexMethod = 'btree' | 'hash' | 'gist' | 'gin' | 'brin' | 'spgist' | (string & {});

/** One key of an index: a column or an expression, with its ordering and operator class. */
export interface IndexKey {
  /** Column name, when the key is a plain column (else null). */
  readonly column: string | null;
  /** Expression SQL when the key is an expression (else null). */
  readonly expression: string | null;
  /** Operator class when it is not the default for the type (qualified unless pg_catalog), or when it has options; else null. */
  readonly opclass: string | null;
  /** The operator class's parameters (`tsvector_ops (siglen = 8)`), sorted by name, values by meaning; absent when none. */
  readonly opclassOptions?: readonly StorageParameter[];
  /** Collation when it differs from the column's, else null. */
  readonly collation: string | null;
  readonly descending: boolean;
  /** Explicit NULLS FIRST/LAST; normalized: the default (last for ASC, first for DESC) is stored too. */
  readonly nullsFirst: boolean;
}

/** `CREATE [UNIQUE] INDEX name ON schema.table USING method (keys) INCLUDE (…) WHERE …`. */
export interface Index {
  readonly kind: 'Index';
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly unique: boolean;
  readonly method: IndexMethod;
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  /** Partial index predicate SQL, or null. */
  readonly where: string | null;
  readonly nullsNotDistinct: boolean;
  readonly comment: string | null;
  /** `WITH (fillfactor = 70, …)`, by meaning; absent when none. */
  readonly storageParameters?: readonly StorageParameter[];
}

/** Every top-level object kind of the catalog. */
export type CatalogObject = Schema | Extension | Enum | Table | Index | Constraint | Sequence | Domain | CompositeType | Collation | Policy;

/** A catalog with nothing in it (not even `public`). */
export const emptyCatalog: Catalog = Object.freeze({
  kind: 'Catalog',
  schemas: [],
  extensions: [],
  enums: [],
  tables: [],
  indexes: [],
  constraints: [],
  views: [],
  routines: [],
  triggers: [],
  eventTriggers: [],
  rules: [],
  sequences: [],
  domains: [],
  compositeTypes: [],
  collations: [],
  aggregates: [],
  rangeTypes: [],
  statistics: [],
  textSearchDictionaries: [],
  textSearchConfigurations: [],
  policies: [],
  grants: null,
  publications: [],
  foreignServers: [],
  foreignTables: [],
}) as Catalog;

/** Explicit rename intent, from `renamedFrom` in declarations. Renames are never guessed. */
export interface Renames {
  readonly tables: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  readonly columns: readonly { readonly schema: string; readonly table: string; readonly from: string; readonly to: string }[];
  readonly indexes: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  readonly constraints: readonly { readonly schema: string; readonly table: string; readonly from: string; readonly to: string }[];
  readonly enums: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  /** Enum value renames (`ALTER TYPE … RENAME VALUE`), keyed by the enum's new name. */
  readonly enumValues: readonly { readonly schema: string; readonly enum: string; readonly from: string; readonly to: string }[];
  /** View renames (`ALTER [MATERIALIZED] VIEW … RENAME TO`). */
  readonly views: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  /** Routine renames (`ALTER ROUTINE … RENAME TO`), same arguments. */
  readonly routines: readonly { readonly schema: string; readonly identityArgs: string; readonly from: string; readonly to: string }[];
  /** Trigger renames (`ALTER TRIGGER … ON … RENAME TO`). */
  readonly triggers: readonly { readonly schema: string; readonly table: string; readonly from: string; readonly to: string }[];
  readonly policies: readonly { readonly schema: string; readonly table: string; readonly from: string; readonly to: string }[];
  /** Renames of sequences, domains, composite types and collations, and of their members (absent: none). */
  readonly typeObjects?: TypeObjectRenames;
  /** Renames of foreign servers, publications, text search objects, extended statistics and foreign columns (absent: none). */
  readonly objects?: ObjectRenames;
  /** Per enum (keyed by its new name), how removed values map to kept ones in existing data (absent: none). */
  readonly enumRemaps?: readonly { readonly schema: string; readonly enum: string; readonly remap: Readonly<Record<string, string>> }[];
}

/** Rename intents of the kinds in type-objects.ts. */
export interface TypeObjectRenames {
  readonly sequences: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  /** Domains and composite types (one name space with enums and tables' row types). */
  readonly types: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  readonly collations: readonly { readonly schema: string; readonly from: string; readonly to: string }[];
  /** Domain CHECK constraints and composite type attributes, keyed by the type's new name. */
  readonly members: readonly { readonly schema: string; readonly type: string; readonly from: string; readonly to: string }[];
}

export const noRenames: Renames = Object.freeze({
  tables: [],
  columns: [],
  indexes: [],
  constraints: [],
  enums: [],
  enumValues: [],
  views: [],
  routines: [],
  triggers: [],
  policies: [],
});
