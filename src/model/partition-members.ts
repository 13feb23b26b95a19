import type { TableName } from './table-shape';

/** A partition's key (`schema.table.name`) attached to its parent's index `indexSchema.index`. */
export interface PartitionKeyAttachment {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly indexSchema: string;
  readonly index: string;
}

/** A partitioned table's index `schema.index` (of `table`) that the `partitions` listed have no attached index for. */
export interface IncompletePartitionIndex {
  readonly schema: string;
  readonly table: string;
  readonly index: string;
  readonly partitions: readonly TableName[];
}
