import { keyIndex, relKey, type Catalog, type Constraint, type Index, type PartitionIndexPart, type TableName } from '../model';
import type { AddConstraint, Change, CreateIndex, RelationName } from './changes';
import { copyFor, isKey, onPartition, taken, type Key } from './partition-complete';

const rel = (schema: string, name: string) => relKey({ schema, name });
const partOf = (x: PartitionIndexPart) => rel(x.indexSchema, x.index);
const onTable = (x: { schema: string; table: string }, t: TableName) => x.schema === t.schema && x.table === t.name;

/** The parts of each parent index or key (by relation name). */
function byParent(parts: readonly PartitionIndexPart[]): Map<string, PartitionIndexPart[]> {
  const out = new Map<string, PartitionIndexPart[]>();
  for (const x of parts) out.set(partOf(x), [...(out.get(partOf(x)) ?? []), x]);
  return out;
}

/** A parent's index or key placed on its part's partition under the part's name. */
function asPart<T extends Index | Key>(parent: T, x: PartitionIndexPart): T {
  return { ...parent, ...onPartition({ schema: x.schema, name: x.table }, x.name) };
}

/**
 * Gives partitions' parts of their parents' indexes and keys the target's names (`Catalog.partitionIndexParts`),
 * which Postgres decides otherwise: the parts it makes itself (CREATE INDEX or ADD CONSTRAINT on the parent, a
 * new partition) get the names it chooses (`p_cols_idx`), while an index attached or adopted keeps its own.
 *
 * - A parent the plan creates (complete): a part whose name is not the one Postgres would choose is created
 *   first on its partition under the target's name, and the parent's create adopts it (`attaches`).
 * - A part built for an incomplete parent (AttachPartitionIndex) is built under the target's name.
 * - A part that exists under another name (kept, adopted or attached) is renamed (`ALTER INDEX … RENAME`, which
 *   renames a key's constraint too), as is the part a new partition of a kept parent gets.
 * - A dropped parent's parts are recorded (DropIndex/DropConstraint `parts`), so its reverse restores their names.
 *
 * Partitions' own keys attached to a plain parent index keep their modeled names (partitionKeyAttachments).
 * Runs on the whole change list, last of the partition passes.
 */
export function namePartitionParts(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  const [was, will] = [from.partitionIndexParts ?? [], to.partitionIndexParts ?? []];
  if (was.length === 0 && will.length === 0) return [...changes];
  const before = byParent(was);
  const ownKey = (c: Catalog, x: PartitionIndexPart) => c.constraints.some((k) => k.schema === x.schema && k.table === x.table && k.name === x.name);
  const parentIndex = (c: Catalog, r: RelationName) => c.indexes.find((i) => i.schema === r.schema && i.name === r.name);
  const parentKey = (c: Catalog, r: RelationName) => c.constraints.find((k): k is Key => isKey(k) && k.schema === r.schema && k.name === r.name);
  // Names Postgres avoids when it names a part: the schema's relations, parts included, but for what the plan
  // drops (the parts of a dropped parent, the indexes and keys of a dropped table go with them).
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'DropIndex' ? [relKey(c.index)] : c.kind === 'DropConstraint' ? [relKey(c.constraint)] : [])));
  const droppedTables = new Set(changes.flatMap((c) => (c.kind === 'DropTable' ? [relKey(c.table)] : [])));
  const gone = new Set([
    ...dropped,
    ...droppedTables,
    ...[...from.indexes, ...from.constraints].filter((x) => droppedTables.has(rel(x.schema, x.table))).map((x) => rel(x.schema, x.name)),
    ...was.filter((x) => dropped.has(partOf(x)) || droppedTables.has(rel(x.schema, x.table))).map((x) => rel(x.schema, x.name)),
  ]);
  const names = new Map<string, Set<string>>();
  const namesIn = (schema: string) =>
    names.get(schema) ??
    names
      .set(schema, new Set([...taken(from, schema), ...was.filter((x) => x.schema === schema).map((x) => x.name)].filter((n) => !gone.has(rel(schema, n)))))
      .get(schema)!;
  const created = new Set(changes.flatMap((c) => (c.kind === 'CreateTable' ? [relKey(c.table)] : [])));
  const out = changes.map((c): Change => {
    // A dropped parent's parts, for its reverse.
    if (c.kind === 'DropIndex') {
      const parts = (before.get(relKey(c.index)) ?? []).filter((x) => !ownKey(from, x)).map((x) => asPart(c.index, x));
      return parts.length === 0 ? c : { ...c, parts };
    }
    if (c.kind === 'DropConstraint' && isKey(c.constraint)) {
      const k = c.constraint;
      const parts = (before.get(rel(k.schema, k.name)) ?? []).map((x): Constraint => asPart(k, x));
      return parts.length === 0 ? c : { ...c, parts };
    }
    return c;
  });
  const added: Change[] = [];
  const rename = (schema: string, fromName: string, toName: string, after: RelationName[]) => {
    if (fromName !== toName) added.push({ kind: 'RenameIndex', schema, from: fromName, to: toName, after });
  };
  for (const [parentKeyName, parts] of byParent(will)) {
    const p0 = parts[0]!;
    const parentRel = { schema: p0.indexSchema, name: p0.index };
    const index = parentIndex(to, parentRel);
    const key = index ? undefined : parentKey(to, parentRel);
    const made: Index | Key | undefined = index ?? key;
    if (made === undefined) continue;
    const create = out.findIndex(
      (c) =>
        (c.kind === 'CreateIndex' && c.only !== true && relKey(c.index) === parentKeyName) ||
        (c.kind === 'AddConstraint' && c.only !== true && rel(c.constraint.schema, c.constraint.name) === parentKeyName),
    );
    const kept = create < 0 && !dropped.has(parentKeyName) && (parentIndex(from, parentRel) ?? parentKey(from, parentRel)) !== undefined;
    for (const x of parts) {
      if (ownKey(to, x)) continue;
      const p = { schema: x.schema, name: x.table };
      const afterParent = [parentRel];
      // Built for an incomplete parent: under the target's name.
      const attach = out.findIndex(
        (c) =>
          c.kind === 'AttachPartitionIndex' && rel(c.parent.schema, c.parent.name) === parentKeyName && c.table.schema === p.schema && c.table.name === p.name,
      );
      const a = out[attach];
      if (a !== undefined && a.kind === 'AttachPartitionIndex') {
        if (a.build) out[attach] = { ...a, index: x.name, build: { ...a.build, name: x.name }, ...(a.key ? { key: { ...a.key, name: x.name } } : {}) };
        else rename(x.schema, a.index, x.name, afterParent);
        continue;
      }
      const c = out[create];
      if (c !== undefined && (c.kind === 'CreateIndex' || c.kind === 'AddConstraint')) {
        const adopted = (c.attaches ?? []).find((i) => onTable(i, p));
        if (adopted !== undefined) {
          rename(x.schema, adopted.name, x.name, afterParent);
          continue;
        }
        const chosen = copyFor(index ?? keyIndex(key!), p, key?.kind ?? null, namesIn(p.schema)).name;
        namesIn(p.schema).add(chosen);
        if (chosen === x.name) continue;
        // Made first under the target's name: the parent's create adopts it.
        namesIn(p.schema).add(x.name);
        if (c.kind === 'CreateIndex') {
          const part = asPart(index!, x);
          added.push({ kind: 'CreateIndex', index: part });
          out[create] = { ...c, attaches: [...(c.attaches ?? []), part] } satisfies CreateIndex;
        } else {
          const part = asPart(key!, x);
          added.push({ kind: 'AddConstraint', constraint: part });
          out[create] = { ...c, attaches: [...(c.attaches ?? []), part] } satisfies AddConstraint;
        }
        continue;
      }
      if (!kept && !created.has(relKey(p))) continue;
      // A kept parent's part: renamed if it had another name, or named by Postgres on a new partition.
      const old = (before.get(parentKeyName) ?? []).find((y) => y.schema === x.schema && y.table === x.table);
      if (old !== undefined && !created.has(relKey(p))) rename(x.schema, old.name, x.name, afterParent);
      else if (created.has(relKey(p))) {
        const chosen = copyFor(index ?? keyIndex(key!), p, key?.kind ?? null, namesIn(p.schema)).name;
        namesIn(p.schema).add(chosen);
        rename(x.schema, chosen, x.name, [p, parentRel]);
      }
    }
  }
  return [...out, ...added];
}
