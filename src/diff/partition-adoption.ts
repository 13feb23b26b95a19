import { indexKey, tableKey, type Catalog, type Index } from '../model';
import type { Change } from './changes';
import { sameDefinition } from './partition-attach';

/**
 * Partition indexes the target keeps apart from a matching plain index of their parent (issue 9). ATTACH
 * PARTITION, and CREATE INDEX on the parent, adopt a partition's index of the same definition instead of
 * building one (PostgreSQL's CompareIndexInfo): it would become the parent's, leaving the partition without
 * the index the target lists for it. Such an index, unchanged otherwise, is dropped before and created again
 * after (Postgres then builds the parent's own copy on the partition); a new one is created after the parent's
 * new index (the phases already put it after ATTACH). Runs on the whole change list.
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
  const partitionOf = new Map(to.tables.flatMap((t) => (t.partitionOf ? [[tableKey(t), t.partitionOf] as const] : [])));
  const parentOf = (i: Index) => partitionOf.get(tableKey({ schema: i.schema, name: i.table })) ?? null;
  // The parent may live in another schema: the definitions compare without it.
  const adopts = (i: Index) => {
    const p = parentOf(i);
    return (x: Index) => p !== null && x.schema === p.schema && x.table === p.table && sameDefinition({ ...x, schema: i.schema }, i);
  };
  const late = new Set(
    changes.filter((c) => c.kind === 'CreateIndex' && parentOf(c.index) !== null && !before.has(indexKey(c.index)) && created.some(adopts(c.index))),
  );
  const out = [...changes.filter((c) => !late.has(c)), ...late];
  for (const i of to.indexes) {
    const old = before.get(indexKey(i));
    if (old === undefined || touched.has(indexKey(i)) || parentOf(i) === null) continue;
    const adopter = attached.has(tableKey({ schema: i.schema, name: i.table })) ? to.indexes.find(adopts(i)) : created.find(adopts(i));
    if (adopter === undefined) continue;
    out.push({ kind: 'DropIndex', index: old }, { kind: 'CreateIndex', index: i });
    if (i.comment !== null) out.push({ kind: 'SetComment', target: { kind: 'Index', schema: i.schema, name: i.name }, from: null, to: i.comment });
  }
  return out;
}
