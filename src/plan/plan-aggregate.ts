import type { CreateAggregate, DropAggregate, ReplaceAggregate } from '../diff';
import { aggregateKey, type Aggregate } from '../model';
import { createAggregateSql, dropAggregateSql } from '../sql';
import { commentAfterCreate, restoreComment } from './comment-step';
import { dependencyNeeds, routineNode, schemaNode, typeNeeds } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

/** An aggregate shares the routines' key space (pg_proc): views calling it need this key. */
const node = (a: Aggregate) => routineNode(a.schema, a.name, a.identityArgs);
const needs = (a: Aggregate) => [schemaNode(a.schema), ...typeNeeds(a.stype), ...dependencyNeeds(a.dependsOn)];
const target = (a: Aggregate) => ({ kind: 'Aggregate' as const, schema: a.schema, name: a.name, identityArgs: a.identityArgs, args: a.args });

/** CREATE AGGREGATE, after its support functions and state type, before the views and routines calling it. */
export function planCreateAggregate(c: CreateAggregate): PlannedStep[] {
  const a = c.aggregate;
  const object = aggregateKey(a);
  return [
    plannedStep(c, {
      sql: createAggregateSql(a),
      reverse: dropAggregateSql(a),
      object,
      op: '+',
      phase: Phase.CreateAggregate,
      creates: [node(a)],
      needs: needs(a),
    }),
    ...commentAfterCreate(c, target(a), a.comment, object, node(a)),
  ];
}

/** DROP AGGREGATE, after what calls it, before its support functions. */
export function planDropAggregate(c: DropAggregate): PlannedStep[] {
  const a = c.aggregate;
  return [
    plannedStep(c, {
      sql: dropAggregateSql(a),
      reverse: statements(createAggregateSql(a), restoreComment(target(a), a.comment)),
      object: aggregateKey(a),
      op: '-',
      phase: Phase.DropRoutine,
      drops: [node(a)],
      needs: needs(a),
    }),
  ];
}

/** CREATE OR REPLACE AGGREGATE; the reverse replaces it with the old definition. */
export function planReplaceAggregate(c: ReplaceAggregate): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: createAggregateSql(c.to, true),
      reverse: createAggregateSql(c.from, true),
      object: aggregateKey(c.to),
      op: '~',
      phase: Phase.CreateAggregate,
      needs: [node(c.to), ...needs(c.to), ...needs(c.from)],
    }),
  ];
}
