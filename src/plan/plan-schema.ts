import type { CreateSchema, DropSchema } from '../diff';
import { createSchemaSql, dropSchemaSql } from '../sql';
import { schemaNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';
import { restoreComment } from './comment-step';

/** CREATE SCHEMA (its comment is a separate change). */
export function planCreateSchema(c: CreateSchema): PlannedStep[] {
  const s = c.schema;
  return [
    plannedStep(c, {
      sql: createSchemaSql(s),
      reverse: dropSchemaSql(s),
      object: s.name,
      op: '+',
      phase: Phase.CreateSchema,
      creates: [schemaNode(s.name)],
    }),
  ];
}

/** DROP SCHEMA: the diff drops its contents first, and RESTRICT refuses to drop anything unknown. */
export function planDropSchema(c: DropSchema): PlannedStep[] {
  const s = c.schema;
  const reverse = statements(createSchemaSql(s), restoreComment({ kind: 'Schema', name: s.name }, s.comment));
  return [
    plannedStep(c, {
      sql: dropSchemaSql(s),
      reverse,
      object: s.name,
      op: '-',
      phase: Phase.DropSchema,
      drops: [schemaNode(s.name)],
    }),
  ];
}
