import {
  constraintKey,
  plainColumn,
  policyKey,
  sortCatalog,
  tableKey,
  type Catalog,
  type Column,
  type PartitionOf,
  type Policy,
  type Table,
  type TableName,
} from '../model';
import { deepEqual } from '../util';
import type { Change, KeptMembers } from './changes';
import { diffInheritedColumns, inheritedColumns, parentsOf } from './inherited-columns';
import { commentChanged, matchByKey } from './match';

/** The shape fields of a table that `ALTER TABLE` changes in place (see planAlterTableShape). */
const alterable = ['persistence', 'storageParameters', 'rowSecurity', 'forceRowSecurity', 'inherits', 'replicaIdentity', 'clusterOn'] as const;

/** A table as CREATE TABLE leaves it: row-level security, the replica identity and the CLUSTER index are set by later statements. */
export function shapeAsCreated(t: Table): Table {
  const { clusterOn, ...rest } = t;
  void clusterOn;
  return { ...rest, rowSecurity: false, forceRowSecurity: false, replicaIdentity: 'default' };
}

/** A column as CREATE TABLE / ADD COLUMN leaves it: the compression is inline, the storage set afterwards. */
export function columnAsCreated(c: Column): Column {
  return { ...c, storage: plainColumn.storage, statistics: plainColumn.statistics, attributeOptions: plainColumn.attributeOptions };
}

/** True when SET STORAGE, SET COMPRESSION, SET STATISTICS or the attribute options differ. */
const columnStorageDiffers = (a: Column, b: Column) =>
  a.storage !== b.storage || a.compression !== b.compression || a.statistics !== b.statistics || !deepEqual(a.attributeOptions, b.attributeOptions);

/** True when the pair differs in an in-place shape attribute. */
function shapeAltered(a: Table, b: Table): boolean {
  return alterable.some((k) => !deepEqual(a[k], b[k]));
}

/** The table with a renamed parent (partition parent or INHERITS) renamed in its references. */
export function renameParentIn(t: Table, schema: string, from: string, to: string): Table {
  const p = t.partitionOf;
  const inherits = t.inherits.map((x) => (x.schema === schema && x.name === from ? { ...x, name: to } : x));
  return {
    ...t,
    partitionOf: p !== null && p.schema === schema && p.table === from ? { ...p, table: to } : p,
    inherits: inherits.some((x, i) => x !== t.inherits[i]) ? inherits : t.inherits,
  };
}

/**
 * The pair of tables whose columns the column diff compares, when a table gains or loses parents (attach,
 * detach, INHERIT, NO INHERIT). Columns a new parent has become inherited (ATTACH / INHERIT require them
 * to be there): they are not compared. Columns of a parent left behind stay as the table's own: they are.
 */
export function columnPair(a: Table, b: Table, from: Catalog, to: Catalog): readonly [Table, Table] {
  const key = (p: TableName) => tableKey(p);
  const before = new Set(parentsOf(a).map(key));
  const after = new Set(parentsOf(b).map(key));
  if (before.size === after.size && [...before].every((k) => after.has(k))) return [a, b];
  const lost = inheritedColumns(a, from).filter((x) => !a.columns.some((y) => y.name === x.name));
  const gained = new Set(inheritedColumns(b, to).map((x) => x.name));
  const columns = [...a.columns, ...lost].filter((x, i, all) => !gained.has(x.name) && all.findIndex((y) => y.name === x.name) === i);
  return [{ ...a, columns }, b];
}

/** SET STORAGE / SET COMPRESSION changes of the columns of a table pair (`a` null: a new table). */
function columnStorageChanges(a: Table | null, b: Table): Change[] {
  const out: Change[] = [];
  for (const c of b.columns) {
    const old = a?.columns.find((x) => x.name === c.name);
    const before = old ?? columnAsCreated(c);
    if (columnStorageDiffers(before, c)) {
      out.push({ kind: 'AlterColumnStorage', schema: b.schema, table: b.name, from: before, to: c });
    }
  }
  return out;
}

/**
 * Shape changes of tables: attach / detach (a changed bound or parent is both), in-place ALTER TABLE
 * attributes, row-level security of new tables, and column storage. (A changed partition key never gets
 * here: see splitRecreatedTables.)
 */
export function diffTableShapes(from: Catalog, to: Catalog): Change[] {
  const m = matchByKey(from.tables, to.tables, tableKey);
  const out: Change[] = [];
  // A dropped table's REPLICA IDENTITY USING INDEX is reset first, so that the drop's reverse (CREATE TABLE)
  // does not need the index, which comes back only after it.
  for (const t of m.removed) {
    if (typeof t.replicaIdentity !== 'string') out.push({ kind: 'AlterTableShape', from: t, to: { ...t, replicaIdentity: 'default' } });
  }
  for (const t of m.added) {
    const created = shapeAsCreated(t);
    if (shapeAltered(created, t)) out.push({ kind: 'AlterTableShape', from: created, to: t });
    out.push(...columnStorageChanges(null, t));
  }
  for (const [a, b] of m.common) {
    const moved = !deepEqual(a.partitionOf, b.partitionOf);
    const sameParent =
      a.partitionOf !== null && b.partitionOf !== null && a.partitionOf.schema === b.partitionOf.schema && a.partitionOf.table === b.partitionOf.table;
    if (moved && a.partitionOf !== null) out.push({ kind: 'DetachPartition', table: a, dropCopies: sameParent ? null : copiesToDrop(from, a) });
    if (moved && b.partitionOf !== null) out.push({ kind: 'AttachPartition', table: b, dropCopies: sameParent ? null : copiesToDrop(to, b) });
    if (shapeAltered(a, b)) out.push({ kind: 'AlterTableShape', from: a, to: b });
    const [x, y] = columnPair(a, b, from, to);
    out.push(...columnStorageChanges(x, y));
  }
  out.push(...diffInheritedColumns(from, to));
  return out;
}

/**
 * What a partition keeps of its members on DETACH when its parent has members it copied (else null): its
 * own in the catalog (the parent's checks stay anyway, see withParentMoves).
 */
function copiesToDrop(c: Catalog, t: Table): KeptMembers | null {
  if (t.partitionOf === null || !hasCopiedMembers(c, t.partitionOf)) return null;
  const on = (x: { schema: string; table: string }) => x.schema === t.schema && x.table === t.name;
  return { keepConstraints: c.constraints.filter(on).map((k) => k.name), keepIndexes: c.indexes.filter(on).map((i) => i.name) };
}

/** True when the table has indexes or constraints other than checks (which a partition must already have). */
function hasCopiedMembers(c: Catalog, p: { schema: string; table: string }): boolean {
  const on = (x: { schema: string; table: string }) => x.schema === p.schema && x.table === p.table;
  return c.indexes.some(on) || c.constraints.some((k) => on(k) && k.kind !== 'Check');
}

/** What ALTER POLICY cannot do: change the command or kind, or remove a USING / WITH CHECK clause. */
function needsRecreate(a: Policy, b: Policy): boolean {
  return a.command !== b.command || a.permissive !== b.permissive || (a.using !== null && b.using === null) || (a.withCheck !== null && b.withCheck === null);
}

/** Policy changes: create, drop, alter in place or recreate, and comments. */
export function diffPolicies(from: Catalog, to: Catalog): Change[] {
  const m = matchByKey(from.policies, to.policies, policyKey);
  const out: Change[] = [];
  const comment = (p: Policy, before: string | null): Change => ({
    kind: 'SetComment',
    target: { kind: 'Policy', schema: p.schema, table: p.table, name: p.name },
    from: before,
    to: p.comment,
  });
  const create = (p: Policy) => {
    out.push({ kind: 'CreatePolicy', policy: p });
    if (p.comment !== null) out.push(comment(p, null));
  };
  for (const p of m.removed) out.push({ kind: 'DropPolicy', policy: p });
  for (const p of m.added) create(p);
  for (const [a, b] of m.common) {
    if (needsRecreate(a, b)) {
      out.push({ kind: 'DropPolicy', policy: a });
      create(b);
      continue;
    }
    if (!deepEqual(a, b, 'comment')) out.push({ kind: 'AlterPolicy', from: a, to: b });
    if (commentChanged(a, b)) out.push(comment(b, a.comment));
  }
  return out;
}

/** The CHECK constraints of a partition's parent in a catalog. */
const parentChecks = (c: Catalog, p: PartitionOf) => c.constraints.filter((k) => k.kind === 'Check' && k.schema === p.schema && k.table === p.table);

/**
 * The source catalog as the diff should see it when tables change parents. A table leaving its parent
 * keeps the parent's CHECK constraints as its own (DETACH makes them local): they are added to it. A
 * table's CHECKs named like its new parent's merge into those on ATTACH (which requires them): they leave
 * it, as every inherited constraint of a partition does.
 */
export function withParentMoves(from: Catalog, to: Catalog): Catalog {
  const toTables = new Map(to.tables.map((t) => [tableKey(t), t]));
  const moved = from.tables.flatMap((a) => {
    const b = toTables.get(tableKey(a));
    return b !== undefined && !deepEqual(a.partitionOf, b.partitionOf) ? [[a, b] as const] : [];
  });
  if (moved.length === 0) return from;
  const kept = moved.flatMap(([a]) =>
    a.partitionOf === null ? [] : parentChecks(from, a.partitionOf).map((k) => ({ ...k, schema: a.schema, table: a.name })),
  );
  const merged = new Set(
    moved.flatMap(([, b]) =>
      b.partitionOf === null ? [] : parentChecks(to, b.partitionOf).map((k) => constraintKey({ schema: b.schema, table: b.name, name: k.name })),
    ),
  );
  const constraints = [...from.constraints, ...kept].filter((c) => !(c.kind === 'Check' && merged.has(constraintKey(c))));
  return sortCatalog({ ...from, constraints });
}

/**
 * Tables whose partitioning changes (a plain table becoming partitioned, a new key or strategy) cannot be
 * altered: they are dropped and created again (`deletes-data`), with their partitions (recursively), their
 * constraints, indexes and policies, and the foreign keys of other tables that reference them. Returns the
 * catalog pairs to diff: the rest as is, then those objects going away, then those objects coming back.
 */
export function splitRecreatedTables(from: Catalog, to: Catalog): (readonly [Catalog, Catalog])[] {
  const toTables = new Map(to.tables.map((t) => [tableKey(t), t]));
  const recreated = new Set(
    from.tables
      .filter((t) => {
        const b = toTables.get(tableKey(t));
        return b !== undefined && !deepEqual(t.partitionBy, b.partitionBy);
      })
      .map(tableKey),
  );
  if (recreated.size === 0) return [[from, to]];
  const parentKey = (t: Table) => (t.partitionOf === null ? null : tableKey({ schema: t.partitionOf.schema, name: t.partitionOf.table }));
  for (let grew = true; grew;) {
    grew = false;
    for (const t of [...from.tables, ...to.tables]) {
      const p = parentKey(t);
      if (p !== null && recreated.has(p) && !recreated.has(tableKey(t))) {
        recreated.add(tableKey(t));
        grew = true;
      }
    }
  }
  const on = (x: { schema: string; table: string }) => recreated.has(tableKey({ schema: x.schema, name: x.table }));
  const touches = (c: Catalog['constraints'][number]) => on(c) || (c.kind === 'ForeignKey' && on({ schema: c.refSchema, table: c.refTable }));
  const part = (c: Catalog, inside: boolean): Catalog => ({
    ...c,
    tables: c.tables.filter((t) => recreated.has(tableKey(t)) === inside),
    constraints: c.constraints.filter((k) => touches(k) === inside),
    indexes: c.indexes.filter((i) => on(i) === inside),
    policies: c.policies.filter((p) => on(p) === inside),
    ...(c.partitionIndexParts ? { partitionIndexParts: c.partitionIndexParts.filter((x) => on(x) === inside) } : {}),
    ...(c.incompletePartitionIndexes ? { incompletePartitionIndexes: c.incompletePartitionIndexes.filter((x) => on(x) === inside) } : {}),
  });
  // The partitions' parts and incomplete indexes go with their tables (a side without them has none).
  const none = (c: Catalog): Catalog => ({
    ...c,
    tables: [],
    constraints: [],
    indexes: [],
    policies: [],
    ...(c.partitionIndexParts ? { partitionIndexParts: [] } : {}),
    ...(c.incompletePartitionIndexes ? { incompletePartitionIndexes: [] } : {}),
  });
  return [
    [part(from, false), part(to, false)],
    [part(from, true), none(from)],
    [none(to), part(to, true)],
  ];
}
