import type { AlterInheritedColumn, InheritedColumnFacts } from '../diff';
import { nameKey } from '../model';
import { alterColumnSql, type ColumnAction } from '../sql';
import { columnNode, relNode, sequenceNeeds } from './graph-keys';
import { hazard, Phase, plannedStep, type PlannedStep } from './planned-step';

/** The action that gives a child's inherited column one fact of `to` (NOT NULL or the default). */
function action(fact: keyof InheritedColumnFacts, to: InheritedColumnFacts): ColumnAction {
  if (fact === 'notNull') return { kind: to.notNull ? 'SetNotNull' : 'DropNotNull' };
  return to.default === null ? { kind: 'DropDefault' } : { kind: 'SetDefault', expression: to.default };
}

/**
 * A partition's or child table's own NOT NULL / DEFAULT of an inherited column: `ALTER TABLE ONLY` (the
 * child's partitions keep theirs), after the parent's column changes (which recurse into the child and
 * would override it) and after the child is created (phase AddConstraint, after AlterColumn).
 */
export function planAlterInheritedColumn(c: AlterInheritedColumn): PlannedStep[] {
  const object = nameKey(c.schema, c.table, c.column);
  const needs = [relNode(c.schema, c.table), columnNode(c.parent.schema, c.parent.name, c.column), ...sequenceNeeds(c.to.default)];
  const irreversible = 'the parent’s change overrode the child’s own value, which down does not bring back';
  return (['default', 'notNull'] as const)
    .filter((fact) => c.from[fact] !== c.to[fact])
    .map((fact) =>
      plannedStep(c, {
        sql: alterColumnSql(c.schema, c.table, c.column, action(fact, c.to), true),
        reverse: c.restorable ? alterColumnSql(c.schema, c.table, c.column, action(fact, c.from), true) : null,
        ...(c.restorable ? {} : { irreversible }),
        object,
        op: '~',
        phase: Phase.AddConstraint,
        needs,
        hazards:
          fact === 'notNull' && c.to.notNull
            ? [
                hazard('may-fail-on-data', object, 'SET NOT NULL fails if the column holds nulls'),
                hazard('access-exclusive-lock', object, 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock'),
              ]
            : [],
      }),
    );
}
