import type { IncompletePartitionIndex, PartitionIndexPart, PartitionKeyAttachment, TableName } from '../model';
import type { Db } from '../db';
import { userSchema, userOid } from './sql-fragments';

/**
 * Partitions' PRIMARY KEY/UNIQUE constraints of their own (not copies of a parent's key) whose index is a
 * partition of a parent index that backs no constraint: what `CREATE UNIQUE INDEX … ON ONLY parent` followed
 * by `ALTER INDEX … ATTACH PARTITION partition_pkey` (as pg_dump writes it) leaves. Postgres refuses to drop
 * such a key ("cannot drop index … because index … requires it") and the parent's index without CASCADE.
 */
const SQL = `
SELECT n.nspname AS schema, t.relname AS "table", k.conname AS name, pn.nspname AS index_schema, pi.relname AS index
  FROM pg_catalog.pg_constraint k
  JOIN pg_catalog.pg_class t ON t.oid = k.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_inherits h ON h.inhrelid = k.conindid
  JOIN pg_catalog.pg_class pi ON pi.oid = h.inhparent
  JOIN pg_catalog.pg_namespace pn ON pn.oid = pi.relnamespace
 WHERE k.contype IN ('p', 'u') AND k.conparentid = 0 AND ${userOid('k.oid')} AND t.relispartition AND ${userSchema('n')}
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint pk WHERE pk.conindid = pi.oid AND pk.contype IN ('p', 'u', 'x'))`;

interface Row {
  schema: string;
  table: string;
  name: string;
  index_schema: string;
  index: string;
}

/** The partitions' keys attached to a parent's plain index (see PartitionKeyAttachment). */
export async function introspectPartitionKeyAttachments(db: Db): Promise<PartitionKeyAttachment[]> {
  const rows = await db.query<Row>(SQL);
  return rows.map((r) => ({ schema: r.schema, table: r.table, name: r.name, indexSchema: r.index_schema, index: r.index }));
}

/**
 * Indexes of partitioned tables that Postgres marks invalid, each with the partitions that have no index
 * attached to it (`CREATE INDEX … ON ONLY`, `ALTER TABLE ONLY … ADD PRIMARY KEY` left incomplete). A
 * partitioned table's index is invalid only for that reason (CONCURRENTLY is refused on them).
 */
const INCOMPLETE_SQL = `
SELECT n.nspname AS schema, c.relname AS "table", ic.relname AS index, pn.nspname AS partition_schema, p.relname AS partition
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_inherits h ON h.inhparent = c.oid
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits hi JOIN pg_catalog.pg_index ci ON ci.indexrelid = hi.inhrelid
                    WHERE hi.inhparent = i.indexrelid AND ci.indrelid = h.inhrelid)
  LEFT JOIN pg_catalog.pg_class p ON p.oid = h.inhrelid
  LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
 WHERE c.relkind = 'p' AND NOT i.indisvalid AND ${userOid('i.indexrelid')} AND NOT ic.relispartition AND ${userSchema('n')}`;

interface IncompleteRow {
  schema: string;
  table: string;
  index: string;
  partition_schema: string | null;
  partition: string | null;
}

/** The partitioned tables' indexes some partitions have no attached index for (see IncompletePartitionIndex). */
export async function introspectIncompletePartitionIndexes(db: Db): Promise<IncompletePartitionIndex[]> {
  const rows = await db.query<IncompleteRow>(INCOMPLETE_SQL);
  const out = new Map<string, { schema: string; table: string; index: string; partitions: TableName[] }>();
  for (const r of rows) {
    const key = JSON.stringify([r.schema, r.index]);
    const x = out.get(key) ?? { schema: r.schema, table: r.table, index: r.index, partitions: [] };
    if (r.partition_schema !== null && r.partition !== null) x.partitions.push({ schema: r.partition_schema, name: r.partition });
    out.set(key, x);
  }
  return [...out.values()];
}

/** Indexes attached to a parent index (pg_inherits between index relations): the partitions' parts. */
const PARTS_SQL = `
SELECT n.nspname AS schema, t.relname AS "table", ic.relname AS name, pn.nspname AS index_schema, pi.relname AS index
  FROM pg_catalog.pg_inherits h
  JOIN pg_catalog.pg_class ic ON ic.oid = h.inhrelid AND ic.relkind IN ('i', 'I')
  JOIN pg_catalog.pg_index i ON i.indexrelid = ic.oid
  JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_catalog.pg_class pi ON pi.oid = h.inhparent
  JOIN pg_catalog.pg_namespace pn ON pn.oid = pi.relnamespace
 WHERE ${userOid('ic.oid')} AND ${userSchema('n')}`;

/** Every partition's part of a parent's index or key, with its name (see PartitionIndexPart). */
export async function introspectPartitionIndexParts(db: Db): Promise<PartitionIndexPart[]> {
  const rows = await db.query<Row>(PARTS_SQL);
  return rows.map((r) => ({ schema: r.schema, table: r.table, name: r.name, indexSchema: r.index_schema, index: r.index }));
}
