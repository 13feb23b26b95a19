import { indexKey, tableKey, type Catalog, type Index } from '../model';
import type { Change } from './changes';
import { sameDefinition } from './partition-attach';

/**
 * Partition indexes the target keeps apart from a matching plain index of their parent (issue 9). ATTACH
 * PARTITION, and CREATE INDEX on the parent, adopt a partition's index of the same definition instead of
 * building one (PostgreSQL's CompareIndexInfo): it would become the parent's, leaving the partition without
 * the index the target lists for it. Such an index, unchanged otherwise, is dropped before and created again
 * after (Postgres then builds the parent's own copy on the partition). Runs on the whole change list.
 */
export function keepPartitionIndexesApart(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  const attached = new Set(changes.flatMap((c) => (c.kind === 'AttachPartition' ? [tableKey(c.table)] : [])));
  const created = changes.flatMap((c) => (c.kind === 'CreateIndex' ? [c.index] : []));
  const touched = new Set(
    changes.flatMap((c) =>
      c.kind === 'CreateIndex' || c.kind === 'DropIndex'
        ? [indexKey(c.index)]
        : c.kind === 'SetComment' && c.target.kind === 'Index'
          ? [indexKey(c.target)]
          : [],
    ),
  );
  const before = new Map(from.indexes.map((i) => [indexKey(i), i]));
  const out = [...changes];
  for (const i of to.indexes) {
    const old = before.get(indexKey(i));
    const parent = to.tables.find((t) => t.schema === i.schema && t.name === i.table)?.partitionOf;
    if (old === undefined || touched.has(indexKey(i)) || !parent) continue;
    // The parent may live in another schema: the definitions compare without it.
    const adopts = (x: Index) => x.schema === parent.schema && x.table === parent.table && sameDefinition({ ...x, schema: i.schema }, i);
    const adopter = attached.has(tableKey({ schema: i.schema, name: i.table })) ? to.indexes.find(adopts) : created.find(adopts);
    if (adopter === undefined) continue;
    out.push({ kind: 'DropIndex', index: old }, { kind: 'CreateIndex', index: i });
    if (i.comment !== null) out.push({ kind: 'SetComment', target: { kind: 'Index', schema: i.schema, name: i.name }, from: null, to: i.comment });
  }
  return out;
}
