import { keyIndex, type Catalog, type Index, type TableName } from '../model';
import type { Change, OnlinePart, RelationName } from './changes';
import { copyFor, isKey, onPartition, onTable, taken, type Key } from './partition-complete';

/**
 * The parts an online plan builds for a partitioned table's new index or key, top down (a partitioned
 * partition's part before its own partitions' parts): Postgres refuses CREATE INDEX CONCURRENTLY on a
 * partitioned table, so online the parent's index is made ON ONLY it and each part built (leaves
 * CONCURRENTLY) and attached. Named as the target names them (Catalog.partitionIndexParts), else as Postgres
 * names its copies; a partition's index the create adopts (`attaches`) is attached as it is.
 */
function partsOf(
  made: Index | Key,
  parentTable: TableName,
  from: Catalog,
  to: Catalog,
  adopted: readonly { schema: string; table: string; name: string }[],
): OnlinePart[] {
  const names = new Map<string, Set<string>>();
  const namesIn = (schema: string) => names.get(schema) ?? names.set(schema, taken(from, schema)).get(schema)!;
  const out: OnlinePart[] = [];
  const walk = (parent: RelationName, t: TableName, def: Index | Key, depth: number): void => {
    if (depth > 32) return;
    for (const p of to.tables) {
      if (p.partitionOf === null || p.partitionOf.schema !== t.schema || p.partitionOf.table !== t.name) continue;
      const table = { schema: p.schema, name: p.name };
      const key = def.kind === 'Index' ? null : def;
      const own = adopted.find((i) => onTable(i, table));
      const named = (to.partitionIndexParts ?? []).find((x) => x.indexSchema === parent.schema && x.index === parent.name && onTable(x, table));
      const copy = copyFor(key === null ? (def as Index) : keyIndex(key), table, key?.kind ?? null, namesIn(p.schema));
      const index: Index = { ...copy, name: own?.name ?? named?.name ?? copy.name };
      namesIn(p.schema).add(index.name);
      const partKey = key === null ? undefined : { ...key, ...onPartition(table, index.name) };
      out.push({ parent, index, partitioned: p.partitionBy !== null, adopted: own !== undefined, ...(partKey ? { key: partKey } : {}) });
      if (p.partitionBy !== null) walk({ schema: p.schema, name: index.name }, table, partKey ?? index, depth + 1);
    }
  };
  walk({ schema: made.schema, name: made.name }, parentTable, made, 0);
  return out;
}

/** Records `onlineParts` on new indexes and keys of partitioned tables that exist before and after (see partsOf). */
export function recordOnlineParts(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  const partitioned = (c: Catalog, schema: string, name: string) => c.tables.some((t) => t.schema === schema && t.name === name && t.partitionBy !== null);
  const existing = (schema: string, name: string) => partitioned(from, schema, name) && partitioned(to, schema, name);
  return changes.map((c): Change => {
    if (c.kind === 'CreateIndex' && c.only !== true && existing(c.index.schema, c.index.table))
      return { ...c, onlineParts: partsOf(c.index, { schema: c.index.schema, name: c.index.table }, from, to, c.attaches ?? []) };
    if (c.kind === 'AddConstraint' && c.only !== true && isKey(c.constraint) && existing(c.constraint.schema, c.constraint.table))
      return { ...c, onlineParts: partsOf(c.constraint, { schema: c.constraint.schema, name: c.constraint.table }, from, to, c.attaches ?? []) };
    if (c.kind === 'DropIndex' && partitioned(from, c.index.schema, c.index.table)) return { ...c, partitioned: true };
    return c;
  });
}
