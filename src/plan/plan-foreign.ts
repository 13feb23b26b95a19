import type { AlterForeignServer, AlterForeignTable, CreateForeignServer, CreateForeignTable, DropForeignServer, DropForeignTable } from '../diff';
import { nameKey, type ForeignServer, type ForeignTable } from '../model';
import {
  alterForeignServerSql,
  alterForeignTableSql,
  commentSql,
  createForeignServerSql,
  createForeignTableSql,
  dropForeignServerSql,
  dropForeignTableSql,
} from '../sql';
import { commentAfterCreate, restoreComment } from './comment-step';
import { columnNode, extensionNode, foreignServerNode, relNode, schemaNode, typeNeeds, typeNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

const serverTarget = (s: ForeignServer) => ({ kind: 'ForeignServer' as const, name: s.name });
/** Wrappers come from the extension of the same name (postgres_fdw, file_fdw) when the plan creates it. */
const serverNeeds = (s: ForeignServer) => [extensionNode(s.wrapper)];

/** CREATE SERVER, after the extension providing its wrapper. */
export function planCreateForeignServer(c: CreateForeignServer): PlannedStep[] {
  const s = c.server;
  return [
    plannedStep(c, {
      sql: createForeignServerSql(s),
      reverse: dropForeignServerSql(s.name),
      object: s.name,
      op: '+',
      phase: Phase.Extension,
      creates: [foreignServerNode(s.name)],
      needs: serverNeeds(s),
    }),
    ...commentAfterCreate(c, serverTarget(s), s.comment, s.name, foreignServerNode(s.name)),
  ];
}

/** DROP SERVER, after its foreign tables; the reverse creates it again. */
export function planDropForeignServer(c: DropForeignServer): PlannedStep[] {
  const s = c.server;
  return [
    plannedStep(c, {
      sql: dropForeignServerSql(s.name),
      reverse: statements(createForeignServerSql(s), restoreComment(serverTarget(s), s.comment)),
      object: s.name,
      op: '-',
      phase: Phase.DropExtension,
      drops: [foreignServerNode(s.name)],
      needs: serverNeeds(s),
    }),
  ];
}

/** ALTER SERVER … VERSION / OPTIONS. */
export function planAlterForeignServer(c: AlterForeignServer): PlannedStep[] {
  const sql = alterForeignServerSql(c.from, c.to);
  if (sql === null) return [];
  return [
    plannedStep(c, {
      sql,
      reverse: alterForeignServerSql(c.to, c.from),
      object: c.to.name,
      op: '~',
      phase: Phase.Extension,
      needs: [foreignServerNode(c.to.name)],
    }),
  ];
}

const tableTarget = (t: ForeignTable) => ({ kind: 'ForeignTable' as const, schema: t.schema, name: t.name });
const columnTarget = (t: ForeignTable, column: string) => ({ kind: 'Column' as const, schema: t.schema, table: t.name, name: column });
/** A foreign table takes the relation's, row type's and columns' keys, as a table does. */
const tableNodes = (t: ForeignTable) => [relNode(t.schema, t.name), typeNode(t.schema, t.name), ...t.columns.map((c) => columnNode(t.schema, t.name, c.name))];
const tableNeeds = (t: ForeignTable) => [schemaNode(t.schema), foreignServerNode(t.server), ...t.columns.flatMap((c) => typeNeeds(c.type))];
/** COMMENT ON statements of a foreign table and its columns. */
const comments = (t: ForeignTable) => [restoreComment(tableTarget(t), t.comment), ...t.columns.map((c) => restoreComment(columnTarget(t, c.name), c.comment))];

/** CREATE FOREIGN TABLE (with its comments), after its server. */
export function planCreateForeignTable(c: CreateForeignTable): PlannedStep[] {
  const t = c.table;
  const object = nameKey(t.schema, t.name);
  return [
    plannedStep(c, {
      sql: createForeignTableSql(t),
      reverse: dropForeignTableSql(t),
      object,
      op: '+',
      phase: Phase.CreateTable,
      creates: tableNodes(t),
      needs: tableNeeds(t),
    }),
    ...commentAfterCreate(c, tableTarget(t), t.comment, object, relNode(t.schema, t.name)),
    ...t.columns.flatMap((col) => commentAfterCreate(c, columnTarget(t, col.name), col.comment, `${object}.${col.name}`, relNode(t.schema, t.name))),
  ];
}

/** DROP FOREIGN TABLE (it holds no data); the reverse creates it again with its comments. */
export function planDropForeignTable(c: DropForeignTable): PlannedStep[] {
  const t = c.table;
  return [
    plannedStep(c, {
      sql: dropForeignTableSql(t),
      reverse: statements(createForeignTableSql(t), ...comments(t)),
      object: nameKey(t.schema, t.name),
      op: '-',
      phase: Phase.DropTable,
      drops: tableNodes(t),
      needs: tableNeeds(t),
    }),
  ];
}

/** ALTER FOREIGN TABLE (columns and options in one statement), then the column comments that changed. */
export function planAlterForeignTable(c: AlterForeignTable): PlannedStep[] {
  const { from, to } = c;
  const object = nameKey(to.schema, to.name);
  const steps: PlannedStep[] = [];
  const sql = alterForeignTableSql(from, to);
  const added = to.columns.filter((x) => !from.columns.some((y) => y.name === x.name));
  const dropped = from.columns.filter((x) => !to.columns.some((y) => y.name === x.name));
  if (sql !== null) {
    steps.push(
      plannedStep(c, {
        sql,
        // The reverse adds the dropped columns back with their comments.
        reverse: statements(alterForeignTableSql(to, from), ...dropped.map((x) => restoreComment(columnTarget(from, x.name), x.comment))),
        object,
        op: '~',
        phase: Phase.AlterColumn,
        creates: added.map((x) => columnNode(to.schema, to.name, x.name)),
        drops: dropped.map((x) => columnNode(from.schema, from.name, x.name)),
        needs: [relNode(to.schema, to.name), ...to.columns.flatMap((x) => typeNeeds(x.type))],
      }),
    );
  }
  for (const col of to.columns) {
    const before = from.columns.find((x) => x.name === col.name)?.comment ?? null;
    if (before !== col.comment)
      steps.push(
        plannedStep(c, {
          sql: commentSql(columnTarget(to, col.name), col.comment),
          reverse: commentSql(columnTarget(to, col.name), before),
          object: `${object}.${col.name}`,
          op: '~',
          phase: Phase.Comment,
          needs: [columnNode(to.schema, to.name, col.name)],
        }),
      );
  }
  return steps;
}
