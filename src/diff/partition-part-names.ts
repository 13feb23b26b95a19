import { keyIndex, relKey, type Catalog, type Constraint, type Index, type PartitionIndexPart } from '../model';
import type { AddConstraint, Change, CreateIndex, RelationName } from './changes';
import { copyFor, isKey, onPartition, onTable, taken, type Key } from './partition-complete';

const rel = (schema: string, name: string) => relKey({ schema, name });
const partOf = (x: PartitionIndexPart) => rel(x.indexSchema, x.index);

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
  // A parent's definition: its own index or key, or, for a part of a sub-partitioned partition, its parent's on its table.
  const resolve = (c: Catalog, parts: readonly PartitionIndexPart[], r: RelationName, depth = 0): Index | Key | undefined => {
    const own =
      c.indexes.find((i) => i.schema === r.schema && i.name === r.name) ??
      c.constraints.find((k): k is Key => isKey(k) && k.schema === r.schema && k.name === r.name);
    const up = own || depth > 32 ? undefined : parts.find((x) => x.schema === r.schema && x.name === r.name);
    const top = up && resolve(c, parts, { schema: up.indexSchema, name: up.index }, depth + 1);
    return own ?? (top && up && asPart(top, up));
  };
  const depth = (r: RelationName, n = 0): number => {
    const up = n > 32 ? undefined : will.find((x) => x.schema === r.schema && x.name === r.name);
    return up === undefined ? n : depth({ schema: up.indexSchema, name: up.index }, n + 1);
  };
  // Names Postgres avoids when it names a part: the schema's relations, parts included, but for what the plan
  // drops (the parts of a dropped parent, the indexes and keys of a dropped table go with them).
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'DropIndex' ? [relKey(c.index)] : c.kind === 'DropConstraint' ? [relKey(c.constraint)] : [])));
  const droppedTables = new Set(changes.flatMap((c) => (c.kind === 'DropTable' ? [relKey(c.table)] : [])));
  const gone = new Set([
    ...dropped,
    ...droppedTables,
    ...[...from.indexes, ...from.constraints].filter((x) => droppedTables.has(rel(x.schema, x.table))).map((x) => rel(x.schema, x.name)),
  ]);
  // A part goes with its parent (at every level) and with its table.
  for (let grew = true; grew;) {
    grew = false;
    for (const x of was) {
      if (!gone.has(rel(x.schema, x.name)) && (gone.has(partOf(x)) || droppedTables.has(rel(x.schema, x.table)))) {
        gone.add(rel(x.schema, x.name));
        grew = true;
      }
    }
  }
  const names = new Map<string, Set<string>>();
  const namesIn = (schema: string) =>
    names.get(schema) ??
    names
      .set(schema, new Set([...taken(from, schema), ...was.filter((x) => x.schema === schema).map((x) => x.name)].filter((n) => !gone.has(rel(schema, n)))))
      .get(schema)!;
  const created = new Set(changes.flatMap((c) => (c.kind === 'CreateTable' ? [relKey(c.table)] : [])));
  // A dropped parent's parts below its parts (sub-partitioned partitions), deepest first, each on its own table.
  const below = <T extends Index | Key>(made: T, parts: readonly PartitionIndexPart[], depth = 0): T[] =>
    depth > 32
      ? []
      : parts.flatMap((x) => {
          const part = asPart(made, x);
          const under = before.get(rel(x.schema, x.name)) ?? [];
          return [...below(part, under, depth + 1), ...under.map((y) => asPart(part, y))];
        });
  const out = changes.map((c): Change => {
    // A dropped parent's parts, for its reverse.
    if (c.kind === 'DropIndex') {
      const direct = (before.get(relKey(c.index)) ?? []).filter((x) => !ownKey(from, x));
      const parts = direct.map((x) => asPart(c.index, x));
      const subParts = below(c.index, direct);
      return parts.length === 0 ? c : { ...c, parts, ...(subParts.length > 0 ? { subParts } : {}) };
    }
    if (c.kind === 'DropConstraint' && isKey(c.constraint)) {
      const k = c.constraint;
      const direct = before.get(rel(k.schema, k.name)) ?? [];
      const parts = direct.map((x): Constraint => asPart(k, x));
      const subParts: Constraint[] = below(k, direct);
      return parts.length === 0 ? c : { ...c, parts, ...(subParts.length > 0 ? { subParts } : {}) };
    }
    return c;
  });
  const added: Change[] = [];
  // A part renamed here that is itself a parent (sub-partitioned partition): its parts are found under its old name.
  const renamedFrom = new Map<string, RelationName>();
  const rename = (schema: string, fromName: string, toName: string, after: RelationName[]) => {
    if (fromName === toName) return;
    added.push({ kind: 'RenameIndex', schema, from: fromName, to: toName, after });
    renamedFrom.set(rel(schema, toName), { schema, name: fromName });
  };
  // Top-down: a part made first on a sub-partitioned partition is the parent of the parts below it.
  const parents = [...byParent(will)].map(([k, parts]) => ({ k, parts, at: { schema: parts[0]!.indexSchema, name: parts[0]!.index } }));
  for (const { k: parentKeyName, parts, at: parentRel } of parents.sort((a, b) => depth(a.at) - depth(b.at))) {
    const made = resolve(to, will, parentRel);
    if (made === undefined) continue;
    const index = made.kind === 'Index' ? made : undefined;
    const key = made.kind === 'Index' ? undefined : made;
    const create = out.findIndex(
      (c) =>
        (c.kind === 'CreateIndex' && c.only !== true && relKey(c.index) === parentKeyName) ||
        (c.kind === 'AddConstraint' && c.only !== true && rel(c.constraint.schema, c.constraint.name) === parentKeyName),
    );
    const wasRel = renamedFrom.get(parentKeyName) ?? parentRel;
    const kept = create < 0 && !gone.has(rel(wasRel.schema, wasRel.name)) && resolve(from, was, wasRel) !== undefined;
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
        // (into `out`: on a sub-partitioned partition, it is the parent of the parts below)
        if (c.kind === 'CreateIndex') {
          const part = asPart(index!, x);
          out.push({ kind: 'CreateIndex', index: part });
          out[create] = { ...c, attaches: [...(c.attaches ?? []), part] } satisfies CreateIndex;
        } else {
          const part = asPart(key!, x);
          out.push({ kind: 'AddConstraint', constraint: part });
          out[create] = { ...c, attaches: [...(c.attaches ?? []), part] } satisfies AddConstraint;
        }
        continue;
      }
      if (!kept && !created.has(relKey(p))) continue;
      // A kept parent's part: renamed if it had another name, or named by Postgres on a new partition.
      const old = (before.get(rel(wasRel.schema, wasRel.name)) ?? []).find((y) => y.schema === x.schema && y.table === x.table);
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
