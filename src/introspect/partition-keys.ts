import type { PartitionKeyAttachment } from '../model';
import type { Db } from '../db';
import { userSchema } from './sql-fragments';

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
 WHERE k.contype IN ('p', 'u') AND k.conparentid = 0 AND t.relispartition AND ${userSchema('n')}
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
