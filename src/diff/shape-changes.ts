import type { Column, Constraint, Index, Policy, Table, TableName } from '../model';
import type { Around } from './around';

/**
 * Changes of table shapes (issue 3): partitions, inheritance, persistence, storage parameters, row-level
 * security, column storage, and policies. Part of the Change union in changes.ts.
 */

/** Persistence, storage parameters, row-level security flags or INHERIT parents differ (each its own step). */
export interface AlterTableShape {
  readonly kind: 'AlterTableShape';
  readonly from: Table;
  readonly to: Table;
}
/** The members a table keeps when the copies of its parent's are dropped (see DetachPartition). */
export interface KeptMembers {
  readonly keepConstraints: readonly string[];
  readonly keepIndexes: readonly string[];
}

/**
 * `ALTER INDEX parent ATTACH PARTITION index`: the partition's own index (or key's index) becomes its part of
 * a partitioned table's index that it had none attached for (Catalog.incompletePartitionIndexes). `key`: a
 * parent's key takes only keys, so the partition's unique index is first made this key (USING INDEX).
 */
export interface AttachPartitionIndex {
  readonly kind: 'AttachPartitionIndex';
  readonly parent: { readonly schema: string; readonly name: string };
  readonly table: TableName;
  readonly index: string;
  readonly key?: Constraint;
  /** The index to build on the partition first (it had no matching one), named as Postgres names a parent's copies. */
  readonly build?: Index;
  /** The plan creates the parent's index: dropping it (its reverse) takes this part along, so the step's reverse is empty. */
  readonly withParent?: boolean;
}

/**
 * `ALTER TABLE parent ATTACH PARTITION table bound` (the table after the change). `dropCopies` when the
 * parent has indexes or keys that ATTACH copies onto the table: its reverse, DETACH, drops them again.
 */
export interface AttachPartition {
  readonly kind: 'AttachPartition';
  readonly table: Table;
  readonly dropCopies: KeptMembers | null;
}
/**
 * `ALTER TABLE parent DETACH PARTITION table` (the table before the change). The copies of the parent's
 * indexes and constraints that the partition had become its own on DETACH; with `dropCopies` (the parent
 * has some) they are dropped right away, keeping the table's own `keep` members: the target's are then
 * created like on any table.
 */
export interface DetachPartition {
  readonly kind: 'DetachPartition';
  readonly table: Table;
  readonly dropCopies: KeptMembers | null;
}
/** `SET STORAGE` / `SET COMPRESSION` / `SET STATISTICS` / attribute options of a column (`from` as the column is before: for new columns, as created). */
export interface AlterColumnStorage {
  readonly kind: 'AlterColumnStorage';
  readonly schema: string;
  readonly table: string;
  readonly from: Column;
  readonly to: Column;
}

/** An inherited column's NOT NULL and DEFAULT as a child table holds them. */
export interface InheritedColumnFacts {
  readonly notNull: boolean;
  readonly default: string | null;
}
/**
 * `ALTER TABLE ONLY child ALTER COLUMN …`: a partition's or child table's own NOT NULL / DEFAULT of an inherited
 * column (`from`: as the child holds them when the step runs, after its parent's changes, which recurse).
 * `restorable` is false when the parent's change overwrote the child's own fact, which down cannot bring back.
 */
export interface AlterInheritedColumn extends Around {
  readonly kind: 'AlterInheritedColumn';
  readonly schema: string;
  readonly table: string;
  readonly parent: TableName;
  readonly column: string;
  readonly from: InheritedColumnFacts;
  readonly to: InheritedColumnFacts;
  readonly restorable: boolean;
}

export interface CreatePolicy extends Around {
  readonly kind: 'CreatePolicy';
  readonly policy: Policy;
}
export interface DropPolicy extends Around {
  readonly kind: 'DropPolicy';
  readonly policy: Policy;
}
/** Roles, USING or WITH CHECK changed (what `ALTER POLICY` can change). */
export interface AlterPolicy {
  readonly kind: 'AlterPolicy';
  readonly from: Policy;
  readonly to: Policy;
}
export interface RenamePolicy {
  readonly kind: 'RenamePolicy';
  readonly schema: string;
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

export type ShapeChange =
  | AlterTableShape
  | AttachPartition
  | AttachPartitionIndex
  | DetachPartition
  | AlterColumnStorage
  | AlterInheritedColumn
  | CreatePolicy
  | DropPolicy
  | AlterPolicy
  | RenamePolicy;
