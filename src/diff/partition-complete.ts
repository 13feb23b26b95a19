import {
  chooseName,
  expressionColumnName,
  indexColumnNames,
  keyIndex,
  nameAddition,
  relKey,
  type Catalog,
  type Constraint,
  type Index,
  type TableName,
} from '../model';
import type { AttachPartitionIndex, Change, CreateTable, RelationName } from './changes';
import { sameDefinition } from './partition-attach';
import { constraintCommentChanges } from './constraints';

/** A primary key or unique constraint. */
export type Key = Extract<Constraint, { kind: 'PrimaryKey' | 'Unique' }>;
export const isKey = (k: Constraint): k is Key => k.kind === 'PrimaryKey' || k.kind === 'Unique';
const rel = (schema: string, name: string) => relKey({ schema, name });
/** True when `x` (an index, key or index part) is on table `t`. */
export const onTable = (x: { schema: string; table: string }, t: TableName) => x.schema === t.schema && x.table === t.name;

/**
 * Partitions' indexes and keys that the target shows attached to an index or key of their partitioned parent
 * (issue 9), where Postgres would not attach them by itself:
 *
 * - A new partition whose own key the target attaches to an existing plain index of the parent: created
 *   `PARTITION OF`, the partition gets a copy of the parent's index first and the key an index of its own
 *   beside it. The key is made from the copy instead (CreateTable.keysOnCopies).
 * - A parent's index or key that some partitions have no attached index for (`Catalog.incompletePartitionIndexes`)
 *   and that the target has complete: each such partition's matching index or key, which the target no longer
 *   lists as the partition's own (or lists as attached), is attached to it under its name (`ALTER INDEX …
 *   ATTACH PARTITION`) rather than dropped.
 *
 * - A parent's index or key the target leaves incomplete: created ON ONLY the parent, each partition the target
 *   has a part for getting it attached (leaveIncomplete).
 *
 * Runs on the whole change list, after the passes of partition-attach.ts and partition-adoption.ts.
 */
export function completePartitionIndexes(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  return markIncompleteDrops(attachToIncomplete(leaveIncomplete(keysOnCopies(changes, from, to), from, to), from, to), from);
}

/**
 * Drops of incomplete indexes and keys say so (DropIndex/DropConstraint `incomplete`): built again by their
 * reverse, they would get a part on every partition.
 */
function markIncompleteDrops(changes: Change[], from: Catalog): Change[] {
  const incomplete = new Map((from.incompletePartitionIndexes ?? []).map((x) => [rel(x.schema, x.index), x]));
  if (incomplete.size === 0) return changes;
  const partitions = (t: { schema: string; table: string }) =>
    from.tables.filter((p) => p.partitionOf !== null && p.partitionOf.schema === t.schema && p.partitionOf.table === t.table).length;
  const status = (x: { schema: string; table: string; name: string }) => {
    const e = incomplete.get(rel(x.schema, x.name));
    if (e === undefined || e.table !== x.table) return undefined;
    return e.partitions.length >= partitions(e) ? ('restorable' as const) : ('lossy' as const);
  };
  return changes.map((c): Change => {
    const s = c.kind === 'DropIndex' ? status(c.index) : c.kind === 'DropConstraint' && isKey(c.constraint) ? status(c.constraint) : undefined;
    return s === undefined ? c : ({ ...c, incomplete: s } as Change);
  });
}

/** Relation names (`schema.name`) of the indexes and keys the changes create or drop. */
function touchedRelations(changes: readonly Change[]): Set<string> {
  return new Set(
    changes.flatMap((c) =>
      c.kind === 'CreateIndex' || c.kind === 'DropIndex'
        ? [rel(c.index.schema, c.index.name)]
        : (c.kind === 'AddConstraint' || c.kind === 'DropConstraint') && isKey(c.constraint)
          ? [rel(c.constraint.schema, c.constraint.name)]
          : [],
    ),
  );
}

function keysOnCopies(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  const attachments = to.partitionKeyAttachments ?? [];
  if (attachments.length === 0) return [...changes];
  const touched = touchedRelations(changes);
  const kept = new Set(from.indexes.map((i) => rel(i.schema, i.name)).filter((k) => !touched.has(k)));
  return changes.map((c): Change => {
    if (c.kind !== 'CreateTable' || c.table.partitionOf === null) return c;
    const onCopies = c.constraints.flatMap((k) => {
      const x = isKey(k) ? attachments.find((a) => a.schema === k.schema && a.table === k.table && a.name === k.name) : undefined;
      return x !== undefined && kept.has(rel(x.indexSchema, x.index)) ? [{ key: k, parentIndex: { schema: x.indexSchema, name: x.index } }] : [];
    });
    if (onCopies.length === 0) return c;
    const moved = new Set(onCopies.map((k) => k.key));
    return { ...c, constraints: c.constraints.filter((k) => !moved.has(k)), keysOnCopies: onCopies } satisfies CreateTable;
  });
}

/** A parent's key's fields placed on partition `p` under `name` (without the parent's comment). */
export const onPartition = (p: TableName, name: string) => ({ schema: p.schema, table: p.name, name, comment: null });

/** Relation names of a schema (tables, views, sequences, indexes, keys' indexes), which a new index name must avoid. */
export function taken(c: Catalog, schema: string): Set<string> {
  const named = [...c.tables, ...c.views, ...c.sequences, ...c.indexes, ...c.constraints.filter((k) => k.kind !== 'Check' && k.kind !== 'ForeignKey')];
  return new Set(named.filter((x) => x.schema === schema).map((x) => x.name));
}

/**
 * The copy Postgres builds of a parent's index on partition `p` (CREATE INDEX on the parent, ADD PRIMARY
 * KEY/UNIQUE): the parent's definition under the name ChooseIndexName gives (`p_pkey`, `p_cols_key`, `p_cols_idx`).
 */
export function copyFor(i: Index, p: TableName, key: Key['kind'] | null, names: ReadonlySet<string>): Index {
  const columns = indexColumnNames(i.keys.map((k) => k.column ?? expressionColumnName(k.expression ?? '')));
  const name =
    key === 'PrimaryKey' ? chooseName(p.name, null, 'pkey', names) : chooseName(p.name, nameAddition(columns), key === 'Unique' ? 'key' : 'idx', names);
  return { ...i, schema: p.schema, table: p.name, name, comment: null };
}

/** A partition's plain index matches a parent's key: unique btree on the same plain columns, in order, nothing more. */
function indexMatchesKey(i: Index, k: Key): boolean {
  return (
    i.unique &&
    i.method === 'btree' &&
    i.where === null &&
    i.include.length === 0 &&
    (i.storageParameters ?? []).length === 0 &&
    i.nullsNotDistinct === (k.kind === 'Unique' && k.nullsNotDistinct) &&
    i.keys.length === k.columns.length &&
    i.keys.every((x, n) => x.column === k.columns[n] && x.opclass === null && x.collation === null && !x.descending && !x.nullsFirst)
  );
}

function attachToIncomplete(changes: Change[], from: Catalog, to: Catalog): Change[] {
  const incomplete = from.incompletePartitionIndexes ?? [];
  if (incomplete.length === 0) return changes;
  const stillMissing = new Set(
    (to.incompletePartitionIndexes ?? []).flatMap((x) => x.partitions.map((p) => JSON.stringify([x.schema, x.index, p.schema, p.name]))),
  );
  const touched = touchedRelations(changes);
  const replaced = new Set<Change>();
  const added: Change[] = [];
  // Relation names per schema, read once and grown with each part built here, so that two parts built on one
  // partition (two parent indexes on the same columns) get distinct names, as ChooseIndexName gives them.
  const names = new Map<string, Set<string>>();
  const namesIn = (schema: string) => names.get(schema) ?? names.set(schema, taken(from, schema)).get(schema)!;
  for (const x of incomplete) {
    // A parent index the plan drops or rebuilds: building it attaches (or copies) the partitions' indexes.
    if (touched.has(rel(x.schema, x.index))) continue;
    const parent = { schema: x.schema, name: x.index };
    const index = from.indexes.find((i) => i.schema === x.schema && i.name === x.index);
    const key = index ? undefined : from.constraints.find((k): k is Key => isKey(k) && k.schema === x.schema && k.table === x.table && k.name === x.index);
    if (index === undefined && key === undefined) continue;
    for (const p of x.partitions) {
      if (stillMissing.has(JSON.stringify([x.schema, x.index, p.schema, p.name]))) continue;
      const attach = (name: string, madeKey?: Key) =>
        added.push({ kind: 'AttachPartitionIndex', parent, table: p, index: name, ...(madeKey ? { key: madeKey } : {}) });
      // The partition's own key the target attaches to the parent's plain index.
      const att = (to.partitionKeyAttachments ?? []).find(
        (a) => a.indexSchema === x.schema && a.index === x.index && a.schema === p.schema && a.table === p.name,
      );
      if (att !== undefined) {
        attach(att.name);
        continue;
      }
      // The partition's own index the target no longer lists (it is the parent's part there).
      const drop = changes.find(
        (c) =>
          c.kind === 'DropIndex' &&
          !replaced.has(c) &&
          onTable(c.index, p) &&
          (index ? sameDefinition({ ...c.index, schema: index.schema }, index) : indexMatchesKey(c.index, key!)),
      );
      if (drop !== undefined && drop.kind === 'DropIndex') {
        replaced.add(drop);
        attach(drop.index.name, key && { ...key, ...onPartition(p, drop.index.name) });
        continue;
      }
      // The partition's own key the target no longer lists (the parent's key's part there).
      const dropKey = key
        ? changes.find(
            (c) =>
              c.kind === 'DropConstraint' &&
              !replaced.has(c) &&
              onTable(c.constraint, p) &&
              c.constraint.kind === key.kind &&
              sameDefinition({ ...c.constraint, schema: key.schema }, key),
          )
        : undefined;
      if (dropKey !== undefined && dropKey.kind === 'DropConstraint') {
        replaced.add(dropKey);
        attach(dropKey.constraint.name);
        continue;
      }
      // None: built as Postgres builds the parent's copy on a partition, under the name it would choose.
      added.push(buildPart(parent, index ?? key!, p, namesIn(p.schema), false));
    }
  }
  return [...changes.filter((c) => !replaced.has(c)), ...added];
}

/**
 * Indexes and keys of partitioned tables the target leaves incomplete (its `incompletePartitionIndexes`): a plain
 * CREATE INDEX or ADD CONSTRAINT gives every partition its part, so one the plan creates is created ON ONLY the
 * parent, and each partition the target has a part for gets it attached: the partition's own index the create
 * adopted, or one built as Postgres builds its copies. A kept one that a partition loses its part of is dropped
 * and made so again (Postgres cannot detach a part); one the target has as complete or more is attachToIncomplete's.
 */
function leaveIncomplete(changes: Change[], from: Catalog, to: Catalog): Change[] {
  const targets = to.incompletePartitionIndexes ?? [];
  if (targets.length === 0) return changes;
  const lacked = new Map((from.incompletePartitionIndexes ?? []).map((x) => [rel(x.schema, x.index), new Set(x.partitions.map((p) => rel(p.schema, p.name)))]));
  const names = new Map<string, Set<string>>();
  const namesIn = (schema: string) => names.get(schema) ?? names.set(schema, taken(from, schema)).get(schema)!;
  const replaced = new Map<Change, Change>();
  const added: Change[] = [];
  for (const x of targets) {
    const named = (i: { schema: string; table: string; name: string }) => i.schema === x.schema && i.table === x.table && i.name === x.index;
    const index = to.indexes.find(named);
    const key = index ? undefined : to.constraints.find((k): k is Key => isKey(k) && named(k));
    const create = changes.find((c) => (c.kind === 'CreateIndex' && named(c.index)) || (c.kind === 'AddConstraint' && named(c.constraint)));
    // A new table's key is inline: it is added ONLY after the table, and its partitions, are created.
    const table = key ? changes.find((c) => c.kind === 'CreateTable' && c.constraints.some(named)) : undefined;
    let adopted: readonly { schema: string; table: string; name: string }[] = [];
    if (table !== undefined && table.kind === 'CreateTable') {
      replaced.set(table, { ...table, constraints: table.constraints.filter((k) => !named(k)) });
      added.push({ kind: 'AddConstraint', constraint: key!, only: true });
    } else if (create !== undefined && (create.kind === 'CreateIndex' || create.kind === 'AddConstraint')) {
      // The partitions' own indexes or keys the create adopted: attached where the target has a part, else dropped.
      const lacks = (i: { schema: string; table: string }) => x.partitions.some((p) => onTable(i, p));
      if (create.kind === 'CreateIndex') {
        const attaches = create.attaches ?? [];
        replaced.set(create, { ...create, only: true, attaches: attaches.filter((i) => !lacks(i)) });
        added.push(...attaches.filter(lacks).map((i): Change => ({ kind: 'DropIndex', index: i })));
        adopted = attaches.filter((i) => !lacks(i));
      } else {
        const attaches = create.attaches ?? [];
        replaced.set(create, { ...create, only: true, attaches: attaches.filter((k) => !lacks(k)) });
        added.push(...attaches.filter(lacks).map((k): Change => ({ kind: 'DropConstraint', constraint: k })));
        adopted = attaches.filter((k) => !lacks(k));
      }
    } else {
      const old = index ? from.indexes.find(named) : from.constraints.find((k): k is Key => isKey(k) && named(k));
      const had = lacked.get(rel(x.schema, x.index)) ?? new Set<string>();
      if (old === undefined || (index === undefined && key === undefined) || x.partitions.every((p) => had.has(rel(p.schema, p.name)))) continue;
      if (changes.some((c) => (c.kind === 'DropIndex' && named(c.index)) || (c.kind === 'DropConstraint' && named(c.constraint)))) continue;
      const target = index
        ? ({ kind: 'Index', schema: index.schema, name: index.name } as const)
        : ({ kind: 'Constraint', schema: key!.schema, table: key!.table, name: key!.name } as const);
      const made = index ?? key!;
      added.push(
        old.kind === 'Index' ? { kind: 'DropIndex', index: old } : { kind: 'DropConstraint', constraint: old },
        index ? { kind: 'CreateIndex', index, only: true } : { kind: 'AddConstraint', constraint: key!, only: true },
        ...(index === undefined
          ? constraintCommentChanges(key!)
          : made.comment === null
            ? []
            : [{ kind: 'SetComment' as const, target, from: null, to: made.comment }]),
      );
    }
    const parent = { schema: x.schema, name: x.index };
    const missing = new Set(x.partitions.map((p) => rel(p.schema, p.name)));
    for (const t of to.tables) {
      if (t.partitionOf === null || t.partitionOf.schema !== x.schema || t.partitionOf.table !== x.table || missing.has(rel(t.schema, t.name))) continue;
      const p = { schema: t.schema, name: t.name };
      const own = adopted.find((i) => onTable(i, p));
      added.push(
        own !== undefined
          ? { kind: 'AttachPartitionIndex', parent, table: p, index: own.name, withParent: true }
          : buildPart(parent, index ?? key!, p, namesIn(p.schema), true),
      );
    }
  }
  return [...changes.map((c) => replaced.get(c) ?? c), ...added];
}

/** Builds a parent's index or key's part on partition `p` (as Postgres builds its copies, named so) and attaches it. */
function buildPart(parent: RelationName, made: Index | Key, p: TableName, names: Set<string>, withParent: boolean): AttachPartitionIndex {
  const key = made.kind === 'Index' ? null : made;
  const build = copyFor(key === null ? (made as Index) : keyIndex(key), p, key?.kind ?? null, names);
  names.add(build.name);
  return {
    kind: 'AttachPartitionIndex',
    parent,
    table: p,
    index: build.name,
    build,
    ...(key ? { key: { ...key, ...onPartition(p, build.name) } } : {}),
    ...(withParent ? { withParent } : {}),
  };
}
