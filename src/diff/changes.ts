import type { TypeObjectChange } from './type-object-changes';
import type { RenameForeignColumn, RenameObject } from './object-rename-changes';
import type { ShapeChange } from './shape-changes';
import type { ReplicationChange } from './replication-changes';
import type { Around, OnlineParts, OnPartitioned } from './around';
import type { AggregateChange } from './aggregate-changes';
import type { RangeTypeChange } from './range-type-changes';
import type { StatisticsChange } from './statistics-changes';
import type { TextSearchChange } from './text-search-changes';
import type { DefaultPrivilegeChange } from './default-privilege-changes';
import type { TriggerChange } from './trigger-changes';
import type { Column, CommentTarget, Constraint, Enum, Extension, Index, Routine, Schema, Table, View } from '../model';

export type * from './shape-changes';
export type * from './replication-changes';

/**
 * Typed changes produced by the diff. Each change carries the objects on both sides it concerns,
 * so the planner can build both the forward SQL and its reverse from the change alone.
 */

export type { Around, OnlinePart, OnlineParts, OnPartitioned } from './around';

export interface CreateSchema {
  readonly kind: 'CreateSchema';
  readonly schema: Schema;
}
export interface DropSchema {
  readonly kind: 'DropSchema';
  readonly schema: Schema;
}

export interface CreateExtension {
  readonly kind: 'CreateExtension';
  readonly extension: Extension;
}
export interface DropExtension {
  readonly kind: 'DropExtension';
  readonly extension: Extension;
}
/** `ALTER EXTENSION … UPDATE TO` (version) or `SET SCHEMA`. */
export interface AlterExtension {
  readonly kind: 'AlterExtension';
  readonly from: Extension;
  readonly to: Extension;
}

export interface CreateEnum {
  readonly kind: 'CreateEnum';
  readonly enum: Enum;
}
export interface DropEnum {
  readonly kind: 'DropEnum';
  readonly enum: Enum;
}
export interface RenameEnum {
  readonly kind: 'RenameEnum';
  readonly schema: string;
  readonly from: string;
  readonly to: string;
}
/** `ALTER TYPE … ADD VALUE 'value' BEFORE|AFTER 'neighbour'` (in place, no rewrite). */
export interface AddEnumValue {
  readonly kind: 'AddEnumValue';
  readonly enum: Enum; // the enum after the change
  readonly value: string;
  readonly before: string | null;
  readonly after: string | null;
  /**
   * The enum's recreation aside (a RecreateEnum of the type before the plan to itself, with its columns) and
   * what it brings along (domains and composite types over it recreated aside; views, routines, checks,
   * indexes, defaults… rebuilt around): the reverse of the step plans them, the enum recreated without the value.
   */
  readonly readers?: readonly Change[];
}
/** `ALTER TYPE … RENAME VALUE 'from' TO 'to'` (explicit, from `renamedFrom` on the value). */
export interface RenameEnumValue {
  readonly kind: 'RenameEnumValue';
  readonly schema: string;
  readonly enum: string;
  readonly from: string;
  readonly to: string;
}
/**
 * Values removed or reordered: the type is recreated and every column using it converted.
 * `remap` maps removed old values to new ones (data migration); unmapped removed values make the
 * change `deletes-data`/`may-fail-on-data`.
 */
export interface RecreateEnum {
  readonly kind: 'RecreateEnum';
  readonly from: Enum;
  readonly to: Enum;
  readonly remap: Readonly<Record<string, string>>;
  /** Columns using the type: converted with a USING cast through text. */
  readonly columns: readonly { readonly schema: string; readonly table: string; readonly column: Column }[];
}

/** A new table with its columns and its non-foreign-key constraints (PK, UNIQUE, CHECK) inline. */
export interface CreateTable {
  readonly kind: 'CreateTable';
  readonly table: Table;
  readonly constraints: readonly Constraint[];
  /**
   * A new partition's keys made from its copies of the parent's existing plain indexes (`ADD CONSTRAINT …
   * USING INDEX`), as the target has them attached there: inline, the key would get an index of its own
   * beside the copy (see diff/partition-complete.ts).
   */
  readonly keysOnCopies?: readonly KeyOnCopy[];
}

/** A partition's key and the parent index whose copy on the partition becomes its index. */
export interface KeyOnCopy {
  readonly key: Constraint;
  readonly parentIndex: RelationName;
}
export interface DropTable {
  readonly kind: 'DropTable';
  readonly table: Table;
  readonly constraints: readonly Constraint[];
}
/** `foreign`: a foreign table (`ALTER FOREIGN TABLE … RENAME TO`). */
export interface RenameTable {
  readonly kind: 'RenameTable';
  readonly schema: string;
  readonly from: string;
  readonly to: string;
  readonly foreign?: true;
}

export interface AddColumn extends Around {
  readonly kind: 'AddColumn';
  readonly schema: string;
  readonly table: string;
  readonly column: Column;
}
/** `reads`: for a generated column, the columns of its table it reads (dropped after it); absent: none. */
export interface DropColumn extends Around {
  readonly kind: 'DropColumn';
  readonly schema: string;
  readonly table: string;
  readonly column: Column;
  readonly reads?: readonly string[];
}
export interface RenameColumn {
  readonly kind: 'RenameColumn';
  readonly schema: string;
  readonly table: string;
  readonly from: string;
  readonly to: string;
}
/** Any attribute change of a column except its name and comment: type, default, NOT NULL, identity, generated, collation. */
export interface AlterColumn extends Around {
  readonly kind: 'AlterColumn';
  readonly schema: string;
  readonly table: string;
  readonly from: Column;
  readonly to: Column;
  /** `ALTER TABLE ONLY`: children keep theirs (a default rebuilt around a routine: the children's copies are rebuilt apart). */
  readonly only?: boolean;
}

/** `attaches`: the partitions' matching keys Postgres attaches instead of building new ones (issue 9); absent: none. */
export interface AddConstraint extends Around, OnlineParts {
  readonly kind: 'AddConstraint';
  readonly constraint: Constraint;
  readonly attaches?: readonly Constraint[];
  /** The parent's new indexes and keys (by relation name) a partition's key is not attached to: created first (Postgres would adopt it). */
  readonly afterParents?: readonly RelationName[];
  /** `ALTER TABLE ONLY`: a partitioned table's key the target leaves incomplete (AttachPartitionIndex gives the partitions theirs). */
  readonly only?: boolean;
}
/** `ALTER TABLE … VALIDATE CONSTRAINT`: a NOT VALID check or foreign key declared validated (issue 9). */
export interface ValidateConstraint {
  readonly kind: 'ValidateConstraint';
  readonly constraint: Constraint;
}
export interface DropConstraint extends Around {
  readonly kind: 'DropConstraint';
  readonly constraint: Constraint;
  readonly incomplete?: Incomplete;
  /** A partitioned table's key: its partitions' parts, under their names (Catalog.partitionIndexParts), which its reverse adds back first. */
  readonly parts?: readonly Constraint[];
  /** The parts' own parts (sub-partitioned partitions), deepest first, added back before them. */
  readonly subParts?: readonly Constraint[];
}
/**
 * A partitioned table's index or key that some partitions had no part of (Catalog.incompletePartitionIndexes):
 * `restorable` when none had one (its reverse adds it ON ONLY the parent), `lossy` when some had theirs
 * attached, under names the model does not hold (no reverse).
 */
export type Incomplete = 'restorable' | 'lossy';
export interface RenameConstraint {
  readonly kind: 'RenameConstraint';
  readonly schema: string;
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

/** `attaches`: the partitions' matching indexes Postgres attaches instead of building new ones (issue 9); absent: none. */
export interface CreateIndex extends Around, OnlineParts {
  readonly kind: 'CreateIndex';
  readonly index: Index;
  readonly attaches?: readonly Index[];
  /** Partitions' keys attached to this (plain) index of a partitioned table: added first, so it adopts them. */
  readonly attachedKeys?: readonly Constraint[];
  /** Foreign keys kept by the plan that reference `attachedKeys`: its reverse, dropping the keys, adds them back. */
  readonly keyReferences?: readonly Constraint[];
  /** The parent's new indexes and keys (by relation name) a partition's index is not attached to: created first (Postgres would adopt it). */
  readonly afterParents?: readonly RelationName[];
  /** `ON ONLY`: a partitioned table's index the target leaves incomplete (AttachPartitionIndex gives the partitions theirs). */
  readonly only?: boolean;
}

/** An index's or a key's index relation, by name. */
export interface RelationName {
  readonly schema: string;
  readonly name: string;
}
/** `attachedKeys`: partitions' keys attached to the index, which go with it (`DROP INDEX … CASCADE`). */
export interface DropIndex extends Around, OnPartitioned {
  readonly kind: 'DropIndex';
  readonly index: Index;
  readonly attachedKeys?: readonly Constraint[];
  readonly incomplete?: Incomplete;
  /** A partitioned table's index: its partitions' parts, under their names (Catalog.partitionIndexParts), which its reverse builds back first. */
  readonly parts?: readonly Index[];
  /** The parts' own parts (sub-partitioned partitions), deepest first, built back before them. */
  readonly subParts?: readonly Index[];
}
/** `after`: relations the index is made with, which come first (a partition's part named by Postgres, renamed). */
export interface RenameIndex {
  readonly kind: 'RenameIndex';
  readonly schema: string;
  readonly from: string;
  readonly to: string;
  readonly after?: readonly RelationName[];
}

export type { CommentTarget } from '../model';

/** `COMMENT ON … IS …` (to: null removes it). */
export interface SetComment {
  readonly kind: 'SetComment';
  readonly target: CommentTarget;
  readonly from: string | null;
  readonly to: string | null;
}

export interface CreateView {
  readonly kind: 'CreateView';
  readonly view: View;
}
export interface DropView {
  readonly kind: 'DropView';
  readonly view: View;
}
/** `CREATE OR REPLACE VIEW`: same leading columns (names and types), only appended ones, options restated. */
export interface ReplaceView {
  readonly kind: 'ReplaceView';
  readonly from: View;
  readonly to: View;
}
export interface RenameView {
  readonly kind: 'RenameView';
  readonly schema: string;
  readonly from: string;
  readonly to: string;
  readonly materialized: boolean;
}
/** A view changed in place: `RefreshView` (`REFRESH MATERIALIZED VIEW … [WITH NO DATA]`), `AlterViewStorage` (SET / RESET
 * storage parameters), `AlterViewColumns` (columns' defaults, statistics, storage; `from` has none for a view just made). */
interface ViewInPlace<K extends string> {
  readonly kind: K;
  readonly from: View;
  readonly to: View;
}
export type RefreshView = ViewInPlace<'RefreshView'>;
export type AlterViewStorage = ViewInPlace<'AlterViewStorage'>;
export type AlterViewColumns = ViewInPlace<'AlterViewColumns'>;

export interface CreateRoutine {
  readonly kind: 'CreateRoutine';
  readonly routine: Routine;
}
export interface DropRoutine {
  readonly kind: 'DropRoutine';
  readonly routine: Routine;
}
/** `CREATE OR REPLACE FUNCTION|PROCEDURE`: same arguments (names, modes, defaults) and result type. */
export interface ReplaceRoutine {
  readonly kind: 'ReplaceRoutine';
  readonly from: Routine;
  readonly to: Routine;
}
/** `aggregateArgs`: an aggregate (`ALTER AGGREGATE name(args) RENAME TO`), its arguments as ALTER AGGREGATE takes them. */
export interface RenameRoutine {
  readonly kind: 'RenameRoutine';
  readonly schema: string;
  readonly identityArgs: string;
  readonly procedure: boolean;
  readonly from: string;
  readonly to: string;
  readonly aggregateArgs?: string;
}

/** A column a reference-data change writes; `lookup` resolves the CSV's natural key to the referenced id. */
export interface DataColumn {
  readonly name: string;
  readonly lookup: { readonly schema: string; readonly table: string; readonly id: string; readonly match: string } | null;
}

/**
 * Rows of a reference table to insert, update or delete (computed by the data stage from a CSV file and the
 * live rows, not by the catalog diff). Values are Postgres text forms or null; `before` holds the row as it
 * was (updates: the old values; deletes: every column of the table, so the reverse restores it whole).
 */
export interface SyncTableData {
  readonly kind: 'SyncTableData';
  readonly schema: string;
  readonly table: string;
  readonly action: 'insert' | 'update' | 'delete';
  readonly columns: readonly DataColumn[];
  /** Names of `columns` that identify a row. */
  readonly key: readonly string[];
  readonly rows: readonly { readonly values: readonly (string | null)[]; readonly before: readonly (string | null)[] | null }[];
  /** Deletes: the table's own columns `before` is aligned with. */
  readonly beforeColumns: readonly string[];
  /** Reference tables (`schema.table`) this table's rows point at: written before, deleted after. */
  readonly references: readonly { readonly schema: string; readonly table: string }[];
  /** Inserts: serial / identity columns among `columns` whose sequence must move past the inserted ids. */
  readonly sequences?: readonly string[];
}

export type Change =
  | CreateSchema
  | DropSchema
  | CreateExtension
  | DropExtension
  | AlterExtension
  | CreateEnum
  | DropEnum
  | RenameEnum
  | RenameEnumValue
  | AddEnumValue
  | RecreateEnum
  | CreateTable
  | DropTable
  | RenameTable
  | AddColumn
  | DropColumn
  | RenameColumn
  | AlterColumn
  | AddConstraint
  | DropConstraint
  | RenameConstraint
  | ValidateConstraint
  | CreateIndex
  | DropIndex
  | RenameIndex
  | SetComment
  | CreateView
  | DropView
  | ReplaceView
  | RenameView
  | RefreshView
  | AlterViewStorage
  | AlterViewColumns
  | CreateRoutine
  | DropRoutine
  | ReplaceRoutine
  | RenameRoutine
  | TriggerChange
  | TypeObjectChange
  | RenameObject
  | RenameForeignColumn
  | AggregateChange
  | RangeTypeChange
  | StatisticsChange
  | TextSearchChange
  | ShapeChange
  | ReplicationChange
  | DefaultPrivilegeChange
  | SyncTableData;

export type * from './type-object-changes';
export type * from './object-rename-changes';
export type * from './aggregate-changes';
export type * from './range-type-changes';
export type * from './statistics-changes';
export type * from './text-search-changes';
export type * from './default-privilege-changes';
export type * from './trigger-changes';

export type ChangeKind = Change['kind'];

export type { Renames } from '../model';
export { noRenames } from '../model';
