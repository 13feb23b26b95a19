import type { AddConstraint, DropConstraint, RenameConstraint, ValidateConstraint } from '../diff';
import { constraintKey, type Constraint } from '../model';
import { addConstraintOnlySql, addConstraintSql, attachPartitionIndexSql, dropConstraintSql, renameConstraintSql, validateConstraintSql } from '../sql';
import { isNewTable, isOnlineTable, type PlanContext } from './context';
import { columnNode, constraintNode, relNode, routineCallNeeds, uniqueKeyNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { tableLock } from './locks';
import { planAddConstraintNotValid, planAddKeyConcurrently } from './online-constraint';
import { planAddPartitionedKeyOnline } from './online-partitioned';
import type { Hazard, TableLock } from './types';
import { assertNever } from '../util';
import { restoreConstraintComments } from './comment-step';

/** Keys a constraint is made of: itself, and for PK/UNIQUE the index relation behind it. */
export function constraintNodes(c: Constraint): string[] {
  const own = [constraintNode(c.schema, c.table, c.name)];
  if (c.kind === 'PrimaryKey' || c.kind === 'Unique') return [...own, relNode(c.schema, c.name), uniqueKeyNode(c.schema, c.table, c.columns)];
  return c.kind === 'Exclusion' ? [...own, relNode(c.schema, c.name)] : own;
}

/** Keys a constraint depends on: its table and columns, and for a foreign key the referenced ones. */
function constraintNeeds(c: Constraint): string[] {
  const own = [relNode(c.schema, c.table)];
  switch (c.kind) {
    case 'PrimaryKey':
    case 'Unique':
      return [...own, ...c.columns.map((x) => columnNode(c.schema, c.table, x))];
    case 'Check':
      // The expression's columns are not parsed (phases put checks after column changes); the routines it calls are.
      return [...own, ...routineCallNeeds(c.expression)];
    case 'ForeignKey':
      return [
        ...own,
        ...c.columns.map((x) => columnNode(c.schema, c.table, x)),
        relNode(c.refSchema, c.refTable),
        ...c.refColumns.map((x) => columnNode(c.refSchema, c.refTable, x)),
        uniqueKeyNode(c.refSchema, c.refTable, c.refColumns),
      ];
    case 'Exclusion':
      return [
        ...own,
        ...[...c.elements.flatMap((e) => (e.column === null ? [] : [e.column])), ...c.include].map((x) => columnNode(c.schema, c.table, x)),
        ...[...c.elements.map((e) => e.expression), c.where].flatMap(routineCallNeeds),
      ];
    default:
      return assertNever(c, 'constraint');
  }
}

const constraintNoun: Record<Constraint['kind'], string> = {
  PrimaryKey: 'primary key',
  Unique: 'unique constraint',
  Check: 'check',
  ForeignKey: 'foreign key',
  Exclusion: 'exclusion constraint',
};

/** Hazards of adding a constraint to an existing table (validation scan, index build). */
function addConstraintHazards(c: Constraint, ctx: PlanContext): Hazard[] {
  if (isNewTable(ctx, c.schema, c.table)) return [];
  if ((c.kind === 'Check' || c.kind === 'ForeignKey') && c.notValid === true) return []; // existing rows are not checked
  const object = constraintKey(c);
  const out = [hazard('may-fail-on-data', object, `adding the ${constraintNoun[c.kind]} fails if existing rows violate it`)];
  if (c.kind === 'PrimaryKey' || c.kind === 'Unique' || c.kind === 'Exclusion')
    out.push(hazard('index-build', object, 'builds an index, blocking writes to the table meanwhile'));
  return out;
}

/**
 * Locks of ADD CONSTRAINT: a foreign key takes SHARE ROW EXCLUSIVE on both tables and scans the table; a
 * check scans under ACCESS EXCLUSIVE; a primary key or unique constraint builds its index under it.
 */
function addConstraintLocks(k: Constraint, ctx: PlanContext): TableLock[] {
  if (k.kind === 'ForeignKey') {
    return [...tableLock(ctx, k.schema, k.table, 'SHARE ROW EXCLUSIVE', { scan: true }), ...tableLock(ctx, k.refSchema, k.refTable, 'SHARE ROW EXCLUSIVE')];
  }
  return tableLock(ctx, k.schema, k.table, 'ACCESS EXCLUSIVE', { scan: true });
}

/** ALTER TABLE … ADD CONSTRAINT (foreign keys after every table and key exists); online, see online-constraint.ts. */
export function planAddConstraint(c: AddConstraint, ctx: PlanContext): PlannedStep[] {
  const k = c.constraint;
  // The partitions' keys it adopts (made first when the plan makes them) come before it.
  const after = [...(c.afterParents ?? []), ...(c.attaches ?? [])].map((i) => relNode(i.schema, i.name));
  const base = { object: constraintKey(k), op: '+' as const, creates: constraintNodes(k), needs: [...constraintNeeds(k), ...after] };
  if (isOnlineTable(ctx, k.schema, k.table) && k.kind !== 'Exclusion' && c.only !== true) {
    if (k.kind === 'ForeignKey' || k.kind === 'Check') return planAddConstraintNotValid(c, k, ctx, base);
    // A key WITHOUT OVERLAPS is backed by a GiST index only ADD CONSTRAINT builds: it takes the plain path.
    if (k.withoutOverlaps !== true)
      return c.onlineParts ? planAddPartitionedKeyOnline(c, k, c.onlineParts, ctx, base) : planAddKeyConcurrently(c, k, ctx, base);
  }
  // Dropping a partitioned table's key drops the partitions' keys it attached: the reverse adds them back.
  const reattach = (c.attaches ?? []).map((x) => statements(addConstraintSql(x), restoreConstraintComments(x)));
  return [
    plannedStep(c, {
      ...base,
      sql: (c.only === true ? addConstraintOnlySql : addConstraintSql)(k),
      reverse: statements(dropConstraintSql(k), ...reattach),
      // ONLY a partitioned table builds nothing.
      hazards: c.only === true ? [] : addConstraintHazards(k, ctx),
      phase: k.kind === 'ForeignKey' ? Phase.AddForeignKey : Phase.AddConstraint,
      locks: addConstraintLocks(k, ctx),
    }),
  ];
}

/**
 * ALTER TABLE … VALIDATE CONSTRAINT: checks the rows a NOT VALID constraint skipped, under SHARE UPDATE
 * EXCLUSIVE (reads and writes go on). A failed VALIDATE leaves it NOT VALID, so the next plan plans it again.
 * Postgres cannot make a constraint NOT VALID again, so the step has no reverse.
 */
export function planValidateConstraint(c: ValidateConstraint, ctx: PlanContext): PlannedStep[] {
  const k = c.constraint;
  return [
    plannedStep(c, {
      sql: validateConstraintSql(k),
      reverse: null,
      irreversible: 'a validated constraint cannot be made NOT VALID again',
      object: constraintKey(k),
      op: '~',
      phase: k.kind === 'ForeignKey' ? Phase.AddForeignKey : Phase.AddConstraint,
      needs: constraintNodes(k),
      locks: tableLock(ctx, k.schema, k.table, 'SHARE UPDATE EXCLUSIVE', { scan: true }),
      hazards: [hazard('may-fail-on-data', constraintKey(k), 'validating fails if existing rows violate it (it stays NOT VALID)')],
    }),
  ];
}

/**
 * How a dropped key comes back: with its partitions' parts under their names (added first, the parent's key
 * adopts them; left incomplete, ONLY on the parent and each attached); one none of whose partitions had a part
 * ONLY on the parent; one whose parts' names are not known (no partitionIndexParts) not at all.
 */
function dropConstraintReverse(c: DropConstraint, comment: string | null): { reverse: string | null; irreversible?: string } {
  const k = c.constraint;
  const [sub, parts] = [(c.subParts ?? []).map(addConstraintSql), c.parts ?? []];
  if (c.incomplete !== undefined && parts.length > 0) {
    const attach = (x: Constraint) => attachPartitionIndexSql({ schema: k.schema, name: k.name }, { schema: x.schema, name: x.name });
    return { reverse: statements(addConstraintOnlySql(k), ...sub, ...parts.flatMap((x) => [addConstraintSql(x), attach(x)]), comment) };
  }
  if (c.incomplete === 'lossy')
    return { reverse: null, irreversible: 'some partitions had their part of the key attached, under names the plan does not know' };
  return { reverse: statements(...sub, ...parts.map(addConstraintSql), (c.incomplete === 'restorable' ? addConstraintOnlySql : addConstraintSql)(k), comment) };
}

/** ALTER TABLE … DROP CONSTRAINT (foreign keys first, so the keys they reference can go). */
export function planDropConstraint(c: DropConstraint): PlannedStep[] {
  const k = c.constraint;
  const comment = restoreConstraintComments(k);
  return [
    plannedStep(c, {
      sql: dropConstraintSql(k),
      ...dropConstraintReverse(c, comment),
      object: constraintKey(k),
      op: '-',
      phase: k.kind === 'ForeignKey' ? Phase.DropForeignKey : Phase.DropConstraint,
      drops: constraintNodes(k),
      needs: constraintNeeds(k),
      locks: tableLock(null, k.schema, k.table, 'ACCESS EXCLUSIVE'),
    }),
  ];
}

/** ALTER TABLE … RENAME CONSTRAINT (a PK/UNIQUE index is renamed with it). */
export function planRenameConstraint(c: RenameConstraint): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameConstraintSql(c.schema, c.table, c.from, c.to),
      reverse: renameConstraintSql(c.schema, c.table, c.to, c.from),
      object: constraintKey({ schema: c.schema, table: c.table, name: c.to }),
      op: '~',
      phase: Phase.Rename,
      drops: [constraintNode(c.schema, c.table, c.from)],
      creates: [constraintNode(c.schema, c.table, c.to)],
      needs: [relNode(c.schema, c.table)],
      locks: tableLock(null, c.schema, c.table, 'ACCESS EXCLUSIVE'),
    }),
  ];
}
