import { tableKey, type Catalog, type Constraint, type Index } from '../model';
import { deepEqual } from '../util';
import type { AddConstraint, Change, CreateIndex } from './changes';
import { constraintCommentChanges } from './constraints';

/**
 * An index or key created on a partitioned table is created on every partition too, and Postgres attaches
 * a partition's existing matching index (PRIMARY KEY/UNIQUE: a matching constraint) instead of building a
 * new one; the attached copy is then the parent's, so introspection no longer lists it. Without this pass the
 * diff dropped those partition indexes (rebuilding them) or, declared under their own names, left duplicates.
 * Here the drop of each matching partition index or key disappears and the create records it as attached,
 * so that its reverse (which drops the parent's index together with the attached ones) rebuilds them.
 */
export function attachPartitionIndexes(changes: readonly Change[], to: Catalog): Change[] {
  const parentOf = (schema: string, table: string) => to.tables.find((t) => t.schema === schema && t.name === table)?.partitionOf ?? null;
  const onPartitionOf = (x: { schema: string; table: string }, parent: { schema: string; table: string }) => {
    const p = parentOf(x.schema, x.table);
    return p !== null && p.schema === parent.schema && p.table === parent.table;
  };
  const adopted = new Set<Change>();
  // The drops, gathered once: scanning every change for each created index was quadratic at scale.
  const droppedIndexes = changes.filter((d) => d.kind === 'DropIndex');
  const droppedConstraints = changes.filter((d) => d.kind === 'DropConstraint');
  const out = changes.map((c): Change => {
    if (c.kind === 'CreateIndex') {
      const drops = droppedIndexes.filter(
        (d) => d.kind === 'DropIndex' && !adopted.has(d) && onPartitionOf(d.index, c.index) && sameDefinition(d.index, c.index),
      );
      return drops.length === 0 ? c : adopt<CreateIndex>(c, drops, adopted, (d) => (d.kind === 'DropIndex' ? [d.index] : []));
    }
    if (c.kind === 'AddConstraint' && (c.constraint.kind === 'PrimaryKey' || c.constraint.kind === 'Unique')) {
      const k = c.constraint;
      const drops = droppedConstraints.filter(
        (d) => d.kind === 'DropConstraint' && !adopted.has(d) && onPartitionOf(d.constraint, k) && sameDefinition(d.constraint, k),
      );
      return drops.length === 0 ? c : adopt<AddConstraint>(c, drops, adopted, (d) => (d.kind === 'DropConstraint' ? [d.constraint] : []));
    }
    return c;
  });
  return out.filter((c) => !adopted.has(c));
}

function adopt<C extends CreateIndex | AddConstraint>(c: C, drops: Change[], adopted: Set<Change>, of: (d: Change) => (Index | Constraint)[]): C {
  for (const d of drops) adopted.add(d);
  return { ...c, attaches: drops.flatMap(of) };
}

/** Same definition but for the table, the name and the comment (Postgres's CompareIndexInfo, by column names). */
export function sameDefinition<T extends Index | Constraint>(a: T, b: T): boolean {
  return deepEqual({ ...a, table: '', name: '', comment: null }, { ...b, table: '', name: '', comment: null });
}

/**
 * A partition's own PRIMARY KEY/UNIQUE attached to a plain index of its parent (`ON ONLY` + `ATTACH
 * PARTITION`, `Catalog.partitionKeyAttachments`) cannot be dropped on its own, and the parent's index is
 * dropped only with CASCADE, which takes the key along (and the foreign keys referencing it). So a dropped
 * parent index records the keys it takes (its step drops them through the parent, and its reverse adds them
 * back before rebuilding the index, which attaches them); a drop of such a key disappears, and a key the
 * target keeps is added again afterwards, as are the foreign keys referencing it, dropped first.
 * A created parent index records the keys it adopts, so that it comes after them, and the foreign keys
 * referencing them that the plan keeps, which its reverse (dropping the keys through it) adds back.
 */
export function withAttachedKeys(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  const attachedTo = (c: Catalog, i: Index): Constraint[] =>
    (c.partitionKeyAttachments ?? [])
      .filter((x) => x.indexSchema === i.schema && x.index === i.name)
      .flatMap((x) => c.constraints.filter((k) => k.schema === x.schema && k.table === x.table && k.name === x.name));
  const taken = changes.flatMap((c) => (c.kind === 'DropIndex' ? attachedTo(from, c.index) : []));
  if (taken.length === 0 && !(to.partitionKeyAttachments ?? []).length) return notAdopted([...changes], to);
  const dropped = (k: Constraint) => changes.some((c) => c.kind === 'DropConstraint' && same(c.constraint, k));
  const added = (k: Constraint) => changes.some((c) => c.kind === 'AddConstraint' && same(c.constraint, k));
  const references = taken.flatMap((k) => referencing(from, k)).filter((fk) => !dropped(fk));
  const readded = [...taken.filter((k) => !dropped(k)), ...references.filter((fk) => !added(fk))]
    .flatMap((k) => to.constraints.filter((t) => same(t, k)))
    .flatMap((k): Change[] => {
      const commented = (x: Change) => changes.some((c) => c.kind === 'SetComment' && x.kind === 'SetComment' && deepEqual(c.target, x.target));
      return [{ kind: 'AddConstraint', constraint: k }, ...constraintCommentChanges(k).filter((x) => !commented(x))];
    });
  const out = changes
    .filter((c) => !(c.kind === 'DropConstraint' && taken.some((k) => same(c.constraint, k))))
    .map((c): Change => {
      if (c.kind === 'DropIndex') {
        const keys = attachedTo(from, c.index);
        return keys.length === 0 ? c : { ...c, attachedKeys: keys };
      }
      if (c.kind === 'CreateIndex') {
        const keys = attachedTo(to, c.index);
        const kept = keys.flatMap((k) => referencing(to, k)).filter((fk) => from.constraints.some((x) => deepEqual(x, fk)));
        return keys.length === 0 ? c : { ...c, attachedKeys: keys, ...(kept.length > 0 ? { keyReferences: kept } : {}) };
      }
      return c;
    });
  return notAdopted([...out, ...references.map((constraint): Change => ({ kind: 'DropConstraint', constraint })), ...readded], to);
}

/**
 * A partition's index or key the plan creates that the target has as the partition's own, next to a new
 * index or key of its parent, is created after the parent's: created first, Postgres would adopt it (make it
 * the parent's copy, which the target does not have and which cannot be dropped alone).
 */
function notAdopted(changes: Change[], to: Catalog): Change[] {
  if (to.partitionKeyAttachments === undefined) return changes;
  const attached = new Set(to.partitionKeyAttachments.map((x) => JSON.stringify([x.schema, x.table, x.name])));
  const isKey = (k: Constraint) => k.kind === 'PrimaryKey' || k.kind === 'Unique';
  const parents = changes.flatMap((c): { schema: string; table: string; name: string }[] =>
    c.kind === 'CreateIndex' ? [c.index] : c.kind === 'AddConstraint' && isKey(c.constraint) ? [c.constraint] : [],
  );
  if (parents.length === 0) return changes;
  // By table, looked up once per change (a scan of every table per change was quadratic at scale).
  const created = new Map<string, { schema: string; name: string }[]>();
  for (const i of parents) {
    const key = tableKey({ schema: i.schema, name: i.table });
    created.set(key, [...(created.get(key) ?? []), { schema: i.schema, name: i.name }]);
  }
  const partitionOf = new Map(to.tables.flatMap((t) => (t.partitionOf ? [[tableKey(t), t.partitionOf] as const] : [])));
  const parentsOf = (x: { schema: string; table: string }) => {
    const p = partitionOf.get(tableKey({ schema: x.schema, name: x.table }));
    return p ? (created.get(tableKey({ schema: p.schema, name: p.table })) ?? []) : [];
  };
  return changes.map((c) => {
    if (c.kind === 'CreateIndex') {
      const first = parentsOf(c.index);
      return first.length === 0 ? c : { ...c, afterParents: first };
    }
    if (c.kind !== 'AddConstraint' || !isKey(c.constraint)) return c;
    const k = c.constraint;
    const first = attached.has(JSON.stringify([k.schema, k.table, k.name])) ? [] : parentsOf(k);
    return first.length === 0 ? c : { ...c, afterParents: first };
  });
}

const same = (a: Constraint, b: Constraint) => a.schema === b.schema && a.table === b.table && a.name === b.name;

/** The foreign keys of `c` referencing the key `k` (its table and columns, in any order). */
function referencing(c: Catalog, k: Constraint): Constraint[] {
  if (k.kind !== 'PrimaryKey' && k.kind !== 'Unique') return [];
  const cols = [...k.columns].sort().join(',');
  return c.constraints.filter(
    (x) => x.kind === 'ForeignKey' && x.refSchema === k.schema && x.refTable === k.table && [...x.refColumns].sort().join(',') === cols,
  );
}
