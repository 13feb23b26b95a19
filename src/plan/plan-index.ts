import type { CreateIndex, DropIndex, RenameIndex } from '../diff';
import { relKey, type Index } from '../model';
import { commentSql, createIndexSql, dropIndexSql, renameIndexSql } from '../sql';
import { isNewTable, type PlanContext } from './context';
import { columnNode, relNode, schemaNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';

/** Keys an index depends on: schema, table, and the plain columns among its keys and INCLUDE list. */
function indexNeeds(i: Index): string[] {
  const cols = [...i.keys.map((k) => k.column).filter((c): c is string => c !== null), ...i.include];
  return [schemaNode(i.schema), relNode(i.schema, i.table), ...cols.map((c) => columnNode(i.schema, i.table, c))];
}

/** CREATE INDEX (not CONCURRENTLY: it runs in the migration transaction). */
export function planCreateIndex(c: CreateIndex, ctx: PlanContext): PlannedStep[] {
  const i = c.index;
  const object = relKey(i);
  const hazards = isNewTable(ctx, i.schema, i.table) ? [] : [
    hazard('index-build', object, `building the index blocks writes to ${relKey({ schema: i.schema, name: i.table })} meanwhile`),
    ...(i.unique ? [hazard('may-fail-on-data', object, 'a unique index fails if existing rows have duplicates')] : []),
  ];
  return [plannedStep(c, {
    sql: createIndexSql(i), reverse: dropIndexSql(i), hazards, object, op: '+', phase: Phase.CreateIndex,
    creates: [relNode(i.schema, i.name)], needs: indexNeeds(i),
  })];
}

/** DROP INDEX (before the columns it covers are dropped). */
export function planDropIndex(c: DropIndex): PlannedStep[] {
  const i = c.index;
  const comment = i.comment !== null ? commentSql({ kind: 'Index', schema: i.schema, name: i.name }, i.comment) : null;
  return [plannedStep(c, {
    sql: dropIndexSql(i), reverse: statements(createIndexSql(i), comment), object: relKey(i), op: '-', phase: Phase.DropIndex,
    drops: [relNode(i.schema, i.name)], needs: indexNeeds(i),
  })];
}

/** ALTER INDEX … RENAME TO. */
export function planRenameIndex(c: RenameIndex): PlannedStep[] {
  return [plannedStep(c, {
    sql: renameIndexSql(c.schema, c.from, c.to), reverse: renameIndexSql(c.schema, c.to, c.from),
    object: relKey({ schema: c.schema, name: c.to }), op: '~', phase: Phase.Rename,
    drops: [relNode(c.schema, c.from)], creates: [relNode(c.schema, c.to)],
  })];
}
