import type { RenameForeignColumn, RenameObject } from '../diff';
import { nameKey } from '../model';
import { renameForeignColumnSql, renameObjectSql } from '../sql';
import { assertNever } from '../util';
import { columnNode, foreignServerNode, publicationNode, relNode, statisticsNode, textSearchNode } from './graph-keys';
import { Phase, plannedStep, type PlannedStep } from './planned-step';

/** The graph key of a renamed object under one of its names. */
function nodeOf(c: RenameObject, name: string): string {
  switch (c.object) {
    case 'ForeignServer':
      return foreignServerNode(name);
    case 'Publication':
      return publicationNode(name);
    case 'TextSearchDictionary':
    case 'TextSearchConfiguration':
      return textSearchNode(c.object, c.schema ?? '', name);
    case 'Statistics':
      return statisticsNode(c.schema ?? '', name);
    default:
      return assertNever(c.object, 'renamed object kind');
  }
}

/** ALTER SERVER|PUBLICATION|TEXT SEARCH DICTIONARY|TEXT SEARCH CONFIGURATION|STATISTICS … RENAME TO, reversed by the rename back. */
export function planRenameObject(c: RenameObject): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameObjectSql(c.object, c.schema, c.from, c.to),
      reverse: renameObjectSql(c.object, c.schema, c.to, c.from),
      object: c.schema === null ? nameKey(c.to) : nameKey(c.schema, c.to),
      op: '~',
      phase: Phase.Rename,
      drops: [nodeOf(c, c.from)],
      creates: [nodeOf(c, c.to)],
    }),
  ];
}

/** ALTER FOREIGN TABLE … RENAME COLUMN, reversed by the rename back. */
export function planRenameForeignColumn(c: RenameForeignColumn): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameForeignColumnSql(c.schema, c.table, c.from, c.to),
      reverse: renameForeignColumnSql(c.schema, c.table, c.to, c.from),
      object: nameKey(c.schema, c.table, c.to),
      op: '~',
      phase: Phase.Rename,
      needs: [relNode(c.schema, c.table)],
      drops: [columnNode(c.schema, c.table, c.from)],
      creates: [columnNode(c.schema, c.table, c.to)],
    }),
  ];
}
