import type { CreateRoutine, DropRoutine, RenameRoutine, ReplaceRoutine } from '../diff';
import { routineKey, type Routine } from '../model';
import { createRoutineSql, dropRoutineSql, renameAggregateSql, renameRoutineSql } from '../sql';
import { commentAfterCreate, restoreComment } from './comment-step';
import { dependencyNeeds, routineNameNode, routineNode, schemaNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

const node = (r: Routine) => routineNode(r.schema, r.name, r.identityArgs);
const needs = (r: Routine) => [schemaNode(r.schema), ...dependencyNeeds(r.dependsOn)];
const target = (r: Routine) => ({ kind: 'Routine' as const, schema: r.schema, name: r.name, identityArgs: r.identityArgs, procedure: r.procedure });
const routineComment = (r: Routine) => restoreComment(target(r), r.comment);

/**
 * CREATE FUNCTION|PROCEDURE, before the tables (a default, check or index may call it); plans that create
 * routines run with check_function_bodies off (see planPreamble), so a body may name later objects.
 */
export function planCreateRoutine(c: CreateRoutine): PlannedStep[] {
  const r = c.routine;
  const object = routineKey(r);
  return [
    plannedStep(c, {
      sql: createRoutineSql(r),
      reverse: dropRoutineSql(r),
      object,
      op: '+',
      phase: Phase.CreateRoutine,
      creates: [node(r), routineNameNode(r.schema, r.name)],
      needs: needs(r),
    }),
    ...commentAfterCreate(c, target(r), r.comment, object, node(r)),
  ];
}

/** DROP FUNCTION|PROCEDURE, after the views, triggers and tables that use it. */
export function planDropRoutine(c: DropRoutine): PlannedStep[] {
  const r = c.routine;
  return [
    plannedStep(c, {
      sql: dropRoutineSql(r),
      reverse: statements(createRoutineSql(r), routineComment(r)),
      object: routineKey(r),
      op: '-',
      phase: Phase.DropRoutine,
      drops: [node(r), routineNameNode(r.schema, r.name)],
      needs: needs(r),
    }),
  ];
}

/** CREATE OR REPLACE (same arguments and result): the reverse replaces it with the old definition. */
export function planReplaceRoutine(c: ReplaceRoutine): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: createRoutineSql(c.to, true),
      reverse: createRoutineSql(c.from, true),
      object: routineKey(c.to),
      op: '~',
      phase: Phase.CreateRoutine,
      needs: [node(c.to), ...needs(c.to)],
    }),
  ];
}

/** ALTER FUNCTION|PROCEDURE … RENAME TO (same arguments). */
export function planRenameRoutine(c: RenameRoutine): PlannedStep[] {
  const at = (name: string) => ({ schema: c.schema, name, identityArgs: c.identityArgs, procedure: c.procedure });
  return [
    plannedStep(c, {
      sql: c.aggregateArgs === undefined ? renameRoutineSql(at(c.from), c.to) : renameAggregateSql({ ...at(c.from), args: c.aggregateArgs }, c.to),
      reverse: c.aggregateArgs === undefined ? renameRoutineSql(at(c.to), c.from) : renameAggregateSql({ ...at(c.to), args: c.aggregateArgs }, c.from),
      object: routineKey(at(c.to)),
      op: '~',
      phase: Phase.Rename,
      drops: [routineNode(c.schema, c.from, c.identityArgs)],
      creates: [routineNode(c.schema, c.to, c.identityArgs)],
    }),
  ];
}
