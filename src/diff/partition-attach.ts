import type { Catalog, Constraint, Index } from '../model';
import { deepEqual } from '../util';
import type { AddConstraint, Change, CreateIndex } from './changes';

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
  const out = changes.map((c): Change => {
    if (c.kind === 'CreateIndex') {
      const drops = changes.filter((d) => d.kind === 'DropIndex' && !adopted.has(d) && onPartitionOf(d.index, c.index) && sameDefinition(d.index, c.index));
      return drops.length === 0 ? c : adopt<CreateIndex>(c, drops, adopted, (d) => (d.kind === 'DropIndex' ? [d.index] : []));
    }
    if (c.kind === 'AddConstraint' && (c.constraint.kind === 'PrimaryKey' || c.constraint.kind === 'Unique')) {
      const k = c.constraint;
      const drops = changes.filter((d) => d.kind === 'DropConstraint' && !adopted.has(d) && onPartitionOf(d.constraint, k) && sameDefinition(d.constraint, k));
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
