import type { CreateTable, DropTable, RenameTable } from '../diff';
import { relKey, type Constraint, type Table } from '../model';
import { createTableSql, dropTableSql, isSerial, keyOnParentCopySql, renameForeignTableSql, renameTableSql, serialSequenceName } from '../sql';
import { columnDefinitionNeeds } from './column-needs';
import { columnNode, constraintNode, relNode, routineCallNeeds, schemaNode, typeNode } from './graph-keys';
import { tableLock } from './locks';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { tableShapeNeeds, tableShapeRestoreSql } from './plan-table-shape';
import { restoreComment, restoreConstraintComments } from './comment-step';

/** Graph keys a table and its inline constraints consist of (relation, row type, columns, keys' indexes). */
function tableNodes(t: Table, constraints: readonly Constraint[]): string[] {
  return [
    relNode(t.schema, t.name),
    typeNode(t.schema, t.name),
    ...t.columns.map((c) => columnNode(t.schema, t.name, c.name)),
    ...t.columns.filter((c) => isSerial(c.type)).map((c) => relNode(t.schema, serialSequenceName(t.name, c.name))),
    ...constraints.map((c) => constraintNode(c.schema, c.table, c.name)),
    ...constraints.filter((c) => c.kind === 'PrimaryKey' || c.kind === 'Unique' || c.kind === 'Exclusion').map((c) => relNode(c.schema, c.name)),
  ];
}

const tableNeeds = (t: Table) => [schemaNode(t.schema), ...t.columns.flatMap((c) => columnDefinitionNeeds(c)), ...tableShapeNeeds(t)];
/** The routines the CHECK constraints created inline with a table call. */
const inlineCheckNeeds = (constraints: readonly Constraint[]) => constraints.flatMap((k) => (k.kind === 'Check' ? routineCallNeeds(k.expression) : []));

/** The comments of a table, its columns and constraints, as statements (to restore a dropped table). */
function tableCommentsSql(t: Table, constraints: readonly Constraint[]): (string | null)[] {
  return [
    restoreComment({ kind: 'Table', schema: t.schema, name: t.name }, t.comment),
    ...t.columns.map((c) => restoreComment({ kind: 'Column', schema: t.schema, table: t.name, name: c.name }, c.comment)),
    ...constraints.map((c) => restoreConstraintComments(c)),
  ];
}

/**
 * CREATE TABLE with its columns and PK/UNIQUE/CHECK constraints inline (foreign keys come later); a
 * partition's keys made from its copies of the parent's indexes follow it (see CreateTable.keysOnCopies).
 */
export function planCreateTable(c: CreateTable): PlannedStep[] {
  const t = c.table;
  const onCopies = c.keysOnCopies ?? [];
  const keysSql = onCopies.map(({ key, parentIndex }) => (key.kind === 'PrimaryKey' || key.kind === 'Unique' ? keyOnParentCopySql(key, parentIndex) : null));
  return [
    plannedStep(c, {
      sql: statements(createTableSql(t, c.constraints), ...keysSql),
      reverse: dropTableSql(t),
      object: relKey(t),
      op: '+',
      phase: Phase.CreateTable,
      creates: tableNodes(t, [...c.constraints, ...onCopies.map((k) => k.key)]),
      needs: [...tableNeeds(t), ...inlineCheckNeeds(c.constraints), ...onCopies.map((k) => relNode(k.parentIndex.schema, k.parentIndex.name))],
    }),
  ];
}

/** DROP TABLE; its reverse recreates the structure and comments (not the data, nor its plain indexes). */
export function planDropTable(c: DropTable): PlannedStep[] {
  const t = c.table;
  const object = relKey(t);
  return [
    plannedStep(c, {
      sql: dropTableSql(t),
      reverse: statements(createTableSql(t, c.constraints), ...tableCommentsSql(t, c.constraints), ...tableShapeRestoreSql(t)),
      hazards: [hazard('deletes-data', object, 'dropping the table deletes all its rows')],
      object,
      op: '-',
      phase: Phase.DropTable,
      drops: tableNodes(t, c.constraints),
      needs: tableNeeds(t),
      locks: tableLock(null, t.schema, t.name, 'ACCESS EXCLUSIVE'),
    }),
  ];
}

/** ALTER TABLE … RENAME TO. */
export function planRenameTable(c: RenameTable): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: (c.foreign ? renameForeignTableSql : renameTableSql)(c.schema, c.from, c.to),
      reverse: (c.foreign ? renameForeignTableSql : renameTableSql)(c.schema, c.to, c.from),
      object: relKey({ schema: c.schema, name: c.to }),
      op: '~',
      phase: Phase.Rename,
      drops: [relNode(c.schema, c.from), typeNode(c.schema, c.from)],
      creates: [relNode(c.schema, c.to), typeNode(c.schema, c.to)],
      locks: tableLock(null, c.schema, c.from, 'ACCESS EXCLUSIVE'),
    }),
  ];
}
