import type { TableName } from './table-shape';

/** A partition's key (`schema.table.name`) attached to its parent's index `indexSchema.index`. */
export interface PartitionKeyAttachment {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly indexSchema: string;
  readonly index: string;
}

/**
 * A partition's part of its parent's index or key (`indexSchema.index`): the partition's index (or key's index)
 * `schema.name` on `table` attached to it. Postgres names the parts it makes itself (`p_cols_idx`, `p_pkey`), but
 * a part attached by ATTACH PARTITION, or adopted by the parent's CREATE INDEX / ADD CONSTRAINT, keeps its name.
 */
export interface PartitionIndexPart {
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
