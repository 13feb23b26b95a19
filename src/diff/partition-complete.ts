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
import type { Change, CreateTable } from './changes';
import { sameDefinition } from './partition-attach';

type Key = Extract<Constraint, { kind: 'PrimaryKey' | 'Unique' }>;
const isKey = (k: Constraint): k is Key => k.kind === 'PrimaryKey' || k.kind === 'Unique';
const rel = (schema: string, name: string) => relKey({ schema, name });
const onTable = (x: { schema: string; table: string }, t: TableName) => x.schema === t.schema && x.table === t.name;

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
 * Runs on the whole change list, after the passes of partition-attach.ts and partition-adoption.ts.
 */
export function completePartitionIndexes(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  return markIncompleteDrops(attachToIncomplete(keysOnCopies(changes, from, to), from, to), from);
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
const onPartition = (p: TableName, name: string) => ({ schema: p.schema, table: p.name, name, comment: null });

/** Relation names of a schema (tables, views, sequences, indexes, keys' indexes), which a new index name must avoid. */
function taken(c: Catalog, schema: string): Set<string> {
  const named = [...c.tables, ...c.views, ...c.sequences, ...c.indexes, ...c.constraints.filter((k) => k.kind !== 'Check' && k.kind !== 'ForeignKey')];
  return new Set(named.filter((x) => x.schema === schema).map((x) => x.name));
}

/**
 * The copy Postgres builds of a parent's index on partition `p` (CREATE INDEX on the parent, ADD PRIMARY
 * KEY/UNIQUE): the parent's definition under the name ChooseIndexName gives (`p_pkey`, `p_cols_key`, `p_cols_idx`).
 */
function copyFor(i: Index, p: TableName, key: Key['kind'] | null, names: ReadonlySet<string>): Index {
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
      const build = copyFor(index ?? keyIndex(key!), p, key?.kind ?? null, namesIn(p.schema));
      namesIn(p.schema).add(build.name);
      added.push({
        kind: 'AttachPartitionIndex',
        parent,
        table: p,
        index: build.name,
        build,
        ...(key ? { key: { ...key, ...onPartition(p, build.name) } } : {}),
      });
    }
  }
  return [...changes.filter((c) => !replaced.has(c)), ...added];
}
