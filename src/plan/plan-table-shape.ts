import type { AlterColumnStorage, AlterTableShape, AttachPartition, DetachPartition, KeptMembers } from '../diff';
import { nameKey, relKey, type StorageParameter, type Table, type TableName } from '../model';
import {
  alterColumnSql,
  attachPartitionSql,
  defaultStorage,
  detachPartitionSql,
  dropMembersExceptSql,
  forceRowSecuritySql,
  inheritSql,
  replicaIdentitySql,
  clusterOnSql,
  resetStorageParametersSql,
  rowSecuritySql,
  setColumnCompressionSql,
  setColumnStorageSql,
  setPersistenceSql,
  setStorageParametersSql,
  setColumnStatisticsSql,
  columnOptionsSql,
  type ColumnAction,
} from '../sql';
import { deepEqual } from '../util';
import { columnNode, relNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';

/** Keys a table's shape depends on: its partition parent and INHERITS parents (created first, dropped after). */
export function tableShapeNeeds(t: Table): string[] {
  return [...(t.partitionOf ? [relNode(t.partitionOf.schema, t.partitionOf.table)] : []), ...t.inherits.map((p) => relNode(p.schema, p.name))];
}

/**
 * Statements that give a table created by CREATE TABLE the rest of its shape (RLS flags, replica identity but
 * USING INDEX, which the diff sets apart after the index: see diffTableShapes, column storage, and a partition's
 * or child's own NOT NULL and DEFAULT of inherited columns, which CREATE TABLE … PARTITION OF / INHERITS copies
 * from the parent).
 */
export function tableShapeRestoreSql(t: Table): string[] {
  const own = (column: string, action: ColumnAction) => alterColumnSql(t.schema, t.name, column, action, true);
  return [
    ...t.columnOverrides.flatMap((o) => [
      ...(o.notNull === null ? [] : [own(o.name, { kind: o.notNull ? 'SetNotNull' : 'DropNotNull' })]),
      ...(o.default === null
        ? []
        : [own(o.name, o.default.expression === null ? { kind: 'DropDefault' } : { kind: 'SetDefault', expression: o.default.expression })]),
    ]),
    ...(t.rowSecurity ? [rowSecuritySql(t, true)] : []),
    ...(t.replicaIdentity === 'full' || t.replicaIdentity === 'nothing' ? [replicaIdentitySql(t, t.replicaIdentity)] : []),
    ...(t.forceRowSecurity ? [forceRowSecuritySql(t, true)] : []),
    ...t.columns.filter((c) => c.storage !== null).map((c) => setColumnStorageSql(t, c.name, c.storage!)),
  ];
}

const byName = (ps: readonly StorageParameter[]) => new Map(ps.map((p) => [p.name, p.value]));

/** Renders SET of parameters and RESET of names as one text (either part may be empty). */
export type ParameterSql = (set: readonly StorageParameter[], reset: readonly string[]) => string;

/** SET / RESET of a table's storage parameters. */
const tableParameters =
  (t: TableName): ParameterSql =>
  (set, reset) =>
    [...(set.length > 0 ? [setStorageParametersSql(t, set)] : []), ...(reset.length > 0 ? [resetStorageParametersSql(t, reset)] : [])].join(';\n');

/**
 * The parameter statements from `from` to `to` (storage parameters of tables and materialized views,
 * attribute options of columns): SET of those with a new value (its reverse sets the old value back or
 * resets a new one) and RESET of those removed (its reverse sets them again).
 */
export function parameterSteps(from: readonly StorageParameter[], to: readonly StorageParameter[], render: ParameterSql): { sql: string; reverse: string }[] {
  const before = byName(from);
  const after = byName(to);
  const set = to.filter((p) => before.get(p.name) !== p.value);
  const removed = from.filter((p) => !after.has(p.name));
  const out: { sql: string; reverse: string }[] = [];
  if (set.length > 0) {
    const old = set.filter((p) => before.has(p.name)).map((p) => ({ name: p.name, value: before.get(p.name)! }));
    out.push({
      sql: render(set, []),
      reverse: render(
        old,
        set.filter((p) => !before.has(p.name)).map((p) => p.name),
      ),
    });
  }
  if (removed.length > 0)
    out.push({
      sql: render(
        [],
        removed.map((p) => p.name),
      ),
      reverse: render(removed, []),
    });
  return out;
}

/**
 * ALTER TABLE for each shape attribute that differs: SET LOGGED/UNLOGGED (rewrites the table), storage
 * parameters SET/RESET, ENABLE/DISABLE and [NO] FORCE ROW LEVEL SECURITY, INHERIT/NO INHERIT per parent.
 */
export function planAlterTableShape(c: AlterTableShape): PlannedStep[] {
  const { from: a, to: b } = c;
  const object = relKey(b);
  const steps: PlannedStep[] = [];
  const step = (sql: string, reverse: string, extra: Partial<Parameters<typeof plannedStep>[1]> = {}) =>
    steps.push(plannedStep(c, { sql, reverse, object, op: '~', phase: Phase.AlterColumn, needs: [relNode(b.schema, b.name)], ...extra }));
  if (a.persistence !== b.persistence) {
    step(setPersistenceSql(b, b.persistence), setPersistenceSql(b, a.persistence), {
      hazards: [
        hazard('table-rewrite', object, `SET ${b.persistence === 'unlogged' ? 'UNLOGGED' : 'LOGGED'} rewrites the table`),
        hazard('access-exclusive-lock', object, 'the table is locked against reads and writes while it is rewritten'),
      ],
    });
  }
  if (!deepEqual(a.storageParameters, b.storageParameters)) {
    for (const p of parameterSteps(a.storageParameters, b.storageParameters, tableParameters(b))) step(p.sql, p.reverse);
  }
  if (a.rowSecurity !== b.rowSecurity) step(rowSecuritySql(b, b.rowSecurity), rowSecuritySql(b, a.rowSecurity));
  if (a.forceRowSecurity !== b.forceRowSecurity) step(forceRowSecuritySql(b, b.forceRowSecurity), forceRowSecuritySql(b, a.forceRowSecurity));
  if (!deepEqual(a.replicaIdentity, b.replicaIdentity)) {
    // USING INDEX needs the index (created first; dropped after the table stops using it).
    const uses = [a.replicaIdentity, b.replicaIdentity].flatMap((r) => (typeof r === 'string' ? [] : [relNode(b.schema, r.index)]));
    step(replicaIdentitySql(b, b.replicaIdentity), replicaIdentitySql(b, a.replicaIdentity), {
      needs: [relNode(b.schema, b.name), ...uses],
      phase: Phase.CreateIndex,
    });
  }
  if (a.clusterOn !== b.clusterOn) {
    // CLUSTER ON needs the index (created first; the mark removed before it is dropped).
    const uses = [a.clusterOn, b.clusterOn].flatMap((i) => (i === undefined ? [] : [relNode(b.schema, i)]));
    step(clusterOnSql(b, b.clusterOn), clusterOnSql(b, a.clusterOn), { needs: [relNode(b.schema, b.name), ...uses], phase: Phase.CreateIndex });
  }
  const has = (list: readonly TableName[], p: TableName) => list.some((x) => x.schema === p.schema && x.name === p.name);
  // NO INHERIT before the table's column changes (its inherited columns become its own), INHERIT after them
  // (the table must have every column of the parent), as for DETACH and ATTACH PARTITION.
  const parent = (p: TableName) => ({ needs: [relNode(b.schema, b.name), relNode(p.schema, p.name)] });
  for (const p of a.inherits.filter((x) => !has(b.inherits, x)))
    step(inheritSql(b, p, false), inheritSql(b, p, true), { ...parent(p), phase: Phase.DropConstraint });
  for (const p of b.inherits.filter((x) => !has(a.inherits, x)))
    step(inheritSql(b, p, true), inheritSql(b, p, false), { ...parent(p), phase: Phase.AddConstraint });
  return steps;
}

/** DETACH PARTITION, then the drop of the copies of the parent's members but those kept (see DetachPartition). */
function detachSql(t: Table, copies: KeptMembers | null): string {
  return statements(detachPartitionSql(t), copies && dropMembersExceptSql(t, copies.keepConstraints, copies.keepIndexes));
}

/** ALTER TABLE parent ATTACH PARTITION (after the table has its columns and checks; scans it for the bound). */
export function planAttachPartition(c: AttachPartition): PlannedStep[] {
  const t = c.table;
  const object = relKey(t);
  return [
    plannedStep(c, {
      sql: attachPartitionSql(t),
      object,
      op: '~',
      phase: Phase.AddConstraint,
      reverse: detachSql(t, c.dropCopies),
      hazards: [
        hazard('may-fail-on-data', object, `attaching fails if a row lies outside ${t.partitionOf?.bound}, or if the default partition holds rows of it`),
      ],
      needs: [relNode(t.schema, t.name), ...tableShapeNeeds(t)],
    }),
  ];
}

/** ALTER TABLE parent DETACH PARTITION (before the table's own changes; its rows leave the parent). */
export function planDetachPartition(c: DetachPartition): PlannedStep[] {
  const t = c.table;
  const object = relKey(t);
  return [
    plannedStep(c, {
      sql: detachSql(t, c.dropCopies),
      // ATTACH makes the copies again.
      reverse: attachPartitionSql(t),
      object,
      op: '~',
      phase: Phase.Rename,
      hazards: [hazard('access-exclusive-lock', object, 'DETACH PARTITION locks the parent table against reads and writes')],
      needs: [relNode(t.schema, t.name), ...tableShapeNeeds(t)],
    }),
  ];
}

/**
 * ALTER COLUMN SET STORAGE / SET COMPRESSION (both apply to values written from now on; no rewrite), SET
 * STATISTICS and SET / RESET of attribute options (read by the next ANALYZE).
 */
export function planAlterColumnStorage(c: AlterColumnStorage): PlannedStep[] {
  const t = { schema: c.schema, name: c.table };
  const object = nameKey(t.schema, t.name, c.to.name);
  const needs = [relNode(c.schema, c.table), columnNode(c.schema, c.table, c.to.name)];
  const steps: PlannedStep[] = [];
  if (c.from.storage !== c.to.storage) {
    // null is the type's default storage, named explicitly (see defaultStorage).
    steps.push(
      plannedStep(c, {
        sql: setColumnStorageSql(t, c.to.name, c.to.storage ?? defaultStorage(c.to.type)),
        reverse: setColumnStorageSql(t, c.to.name, c.from.storage ?? defaultStorage(c.from.type)),
        object,
        op: '~',
        phase: Phase.AlterColumn,
        needs,
      }),
    );
  }
  if (c.from.compression !== c.to.compression) {
    steps.push(
      plannedStep(c, {
        sql: setColumnCompressionSql(t, c.to),
        reverse: setColumnCompressionSql(t, c.from),
        object,
        op: '~',
        phase: Phase.AlterColumn,
        needs,
      }),
    );
  }
  if (c.from.statistics !== c.to.statistics) {
    steps.push(
      plannedStep(c, {
        sql: setColumnStatisticsSql(t, c.to.name, c.to.statistics),
        reverse: setColumnStatisticsSql(t, c.to.name, c.from.statistics),
        object,
        op: '~',
        phase: Phase.AlterColumn,
        needs,
      }),
    );
  }
  for (const p of parameterSteps(c.from.attributeOptions, c.to.attributeOptions, (set, reset) => columnOptionsSql(t, c.to.name, set, reset))) {
    steps.push(plannedStep(c, { sql: p.sql, reverse: p.reverse, object, op: '~', phase: Phase.AlterColumn, needs }));
  }
  return steps;
}
