import type { CreateCollation, DropCollation } from '../diff';
import { relKey } from '../model';
import { createCollationSql, dropCollationSql } from '../sql';
import { collationNode, schemaNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { restoreComment } from './comment-step';

/** CREATE COLLATION, before the domains, types and columns that use it. */
export function planCreateCollation(c: CreateCollation): PlannedStep[] {
  const x = c.collation;
  return [
    plannedStep(c, {
      sql: createCollationSql(x),
      reverse: dropCollationSql(x),
      object: relKey(x),
      op: '+',
      phase: Phase.Extension,
      creates: [collationNode(x.schema, x.name)],
      needs: [schemaNode(x.schema)],
    }),
  ];
}

/** DROP COLLATION, after everything using it. */
export function planDropCollation(c: DropCollation): PlannedStep[] {
  const x = c.collation;
  const comment = restoreComment({ kind: 'Collation', schema: x.schema, name: x.name }, x.comment);
  return [
    plannedStep(c, {
      sql: dropCollationSql(x),
      reverse: statements(createCollationSql(x), comment),
      object: relKey(x),
      op: '-',
      phase: Phase.DropExtension,
      drops: [collationNode(x.schema, x.name)],
      needs: [schemaNode(x.schema)],
    }),
  ];
}
