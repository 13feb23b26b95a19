import type { AttachPartitionIndex } from '../diff';
import { relKey } from '../model';
import { addConstraintUsingIndexSql, attachPartitionIndexSql, createIndexSql } from '../sql';
import { constraintNodes } from './plan-constraint';
import { relNode } from './graph-keys';
import { hazard, Phase, plannedStep, statements, type PlannedStep } from './planned-step';

/**
 * ALTER INDEX parent ATTACH PARTITION (after the partition's key, when the parent's is a key, is made from the
 * index). Postgres has no DETACH for an index: only dropping the parent's index would part them again.
 */
export function planAttachPartitionIndex(c: AttachPartitionIndex): PlannedStep[] {
  const index = { schema: c.table.schema, name: c.index };
  const key = c.key;
  return [
    plannedStep(c, {
      sql: statements(
        c.build ? createIndexSql(c.build) : null,
        key && (key.kind === 'PrimaryKey' || key.kind === 'Unique') ? addConstraintUsingIndexSql(key) : null,
        attachPartitionIndexSql(c.parent, index),
      ),
      hazards: c.build
        ? [
            hazard('index-build', relKey(index), `building the index blocks writes to ${relKey(c.table)} meanwhile`),
            ...(c.build.unique ? [hazard('may-fail-on-data', relKey(index), 'a unique index fails if existing rows have duplicates')] : []),
          ]
        : [],
      ...(c.withParent
        ? { reverse: '' }
        : { reverse: null, irreversible: 'an index attached to a partitioned index cannot be detached (only dropped with it)' }),
      object: relKey(index),
      op: '~',
      phase: Phase.CreateIndex,
      creates: [
        ...(c.build ? [relNode(index.schema, index.name)] : []),
        ...(key ? constraintNodes(key).filter((n) => n !== relNode(index.schema, index.name)) : []),
      ],
      needs: [relNode(c.table.schema, c.table.name), ...(c.build ? [] : [relNode(index.schema, index.name)]), relNode(c.parent.schema, c.parent.name)],
    }),
  ];
}
