import type { AddConstraint, DropConstraint, RenameConstraint } from '../diff';
import { constraintKey, type Constraint } from '../model';
import { addConstraintSql, commentSql, dropConstraintSql, renameConstraintSql } from '../sql';
import { isNewTable, type PlanContext } from './context';
import { columnNode, constraintNode, relNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import type { Hazard } from './types';
import { assertNever } from '../util';

/** Keys a constraint is made of: itself, and for PK/UNIQUE the index relation behind it. */
function constraintNodes(c: Constraint): string[] {
  const own = [constraintNode(c.schema, c.table, c.name)];
  return c.kind === 'PrimaryKey' || c.kind === 'Unique' || c.kind === 'Exclusion' ? [...own, relNode(c.schema, c.name)] : own;
}

/** Keys a constraint depends on: its table and columns, and for a foreign key the referenced ones. */
function constraintNeeds(c: Constraint): string[] {
  const own = [relNode(c.schema, c.table)];
  switch (c.kind) {
    case 'PrimaryKey':
    case 'Unique':
      return [...own, ...c.columns.map((x) => columnNode(c.schema, c.table, x))];
    case 'Check':
      return own; // the expression's columns are not parsed; phases put checks after column changes
    case 'ForeignKey':
      return [
        ...own, ...c.columns.map((x) => columnNode(c.schema, c.table, x)),
        relNode(c.refSchema, c.refTable), ...c.refColumns.map((x) => columnNode(c.refSchema, c.refTable, x)),
      ];
    case 'Exclusion':
      return [...own, ...[...c.elements.flatMap((e) => (e.column === null ? [] : [e.column])), ...c.include].map((x) => columnNode(c.schema, c.table, x))];
    default:
      return assertNever(c, 'constraint');
  }
}

const constraintNoun: Record<Constraint['kind'], string> = {
  PrimaryKey: 'primary key', Unique: 'unique constraint', Check: 'check', ForeignKey: 'foreign key', Exclusion: 'exclusion constraint',
};

/** Hazards of adding a constraint to an existing table (validation scan, index build). */
function addConstraintHazards(c: Constraint, ctx: PlanContext): Hazard[] {
  if (isNewTable(ctx, c.schema, c.table)) return [];
  const object = constraintKey(c);
  const out = [hazard('may-fail-on-data', object, `adding the ${constraintNoun[c.kind]} fails if existing rows violate it`)];
  if (c.kind === 'PrimaryKey' || c.kind === 'Unique' || c.kind === 'Exclusion') out.push(hazard('index-build', object, 'builds an index, blocking writes to the table meanwhile'));
  return out;
}

/** ALTER TABLE … ADD CONSTRAINT (foreign keys after every table and key exists). */
export function planAddConstraint(c: AddConstraint, ctx: PlanContext): PlannedStep[] {
  const k = c.constraint;
  return [plannedStep(c, {
    sql: addConstraintSql(k), reverse: dropConstraintSql(k), hazards: addConstraintHazards(k, ctx),
    object: constraintKey(k), op: '+', phase: k.kind === 'ForeignKey' ? Phase.AddForeignKey : Phase.AddConstraint,
    creates: constraintNodes(k), needs: constraintNeeds(k),
  })];
}

/** ALTER TABLE … DROP CONSTRAINT (foreign keys first, so the keys they reference can go). */
export function planDropConstraint(c: DropConstraint): PlannedStep[] {
  const k = c.constraint;
  const comment = k.comment !== null ? commentSql({ kind: 'Constraint', schema: k.schema, table: k.table, name: k.name }, k.comment) : null;
  return [plannedStep(c, {
    sql: dropConstraintSql(k), reverse: statements(addConstraintSql(k), comment),
    object: constraintKey(k), op: '-', phase: k.kind === 'ForeignKey' ? Phase.DropForeignKey : Phase.DropConstraint,
    drops: constraintNodes(k), needs: constraintNeeds(k),
  })];
}

/** ALTER TABLE … RENAME CONSTRAINT (a PK/UNIQUE index is renamed with it). */
export function planRenameConstraint(c: RenameConstraint): PlannedStep[] {
  return [plannedStep(c, {
    sql: renameConstraintSql(c.schema, c.table, c.from, c.to), reverse: renameConstraintSql(c.schema, c.table, c.to, c.from),
    object: constraintKey({ schema: c.schema, table: c.table, name: c.to }), op: '~', phase: Phase.Rename,
    drops: [constraintNode(c.schema, c.table, c.from)], creates: [constraintNode(c.schema, c.table, c.to)], needs: [relNode(c.schema, c.table)],
  })];
}
