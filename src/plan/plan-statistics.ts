import type { AlterStatistics, CreateStatistics, DropStatistics } from '../diff';
import { relKey, type Statistics } from '../model';
import { alterStatisticsTargetSql, createStatisticsSql, dropStatisticsSql } from '../sql';
import { restoreComment } from './comment-step';
import { columnNode, relNode, schemaNode, statisticsNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

/** The table and its columns (created before, dropped after); expressions read columns the table has. */
const needs = (x: Statistics) => [schemaNode(x.schema), relNode(x.tableSchema, x.table), ...x.columns.map((c) => columnNode(x.tableSchema, x.table, c))];
const createSql = (x: Statistics) => statements(createStatisticsSql(x), x.target === null ? null : alterStatisticsTargetSql(x, x.target));

/** CREATE STATISTICS, with its target set when not the default, after the table's columns. */
export function planCreateStatistics(c: CreateStatistics): PlannedStep[] {
  const x = c.statistics;
  return [
    plannedStep(c, {
      sql: createSql(x),
      reverse: dropStatisticsSql(x),
      object: relKey(x),
      op: '+',
      phase: Phase.CreateIndex,
      creates: [statisticsNode(x.schema, x.name)],
      needs: needs(x),
    }),
  ];
}

/** DROP STATISTICS, before the table or columns it is on are dropped. */
export function planDropStatistics(c: DropStatistics): PlannedStep[] {
  const x = c.statistics;
  return [
    plannedStep(c, {
      sql: dropStatisticsSql(x),
      reverse: statements(createSql(x), restoreComment({ kind: 'Statistics', schema: x.schema, name: x.name }, x.comment)),
      object: relKey(x),
      op: '-',
      phase: Phase.DropIndex,
      drops: [statisticsNode(x.schema, x.name)],
      needs: needs(x),
    }),
  ];
}

/** ALTER STATISTICS … SET STATISTICS n (-1: the default). */
export function planAlterStatistics(c: AlterStatistics): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: alterStatisticsTargetSql(c.to, c.to.target),
      reverse: alterStatisticsTargetSql(c.from, c.from.target),
      object: relKey(c.to),
      op: '~',
      phase: Phase.AlterColumn,
      needs: [statisticsNode(c.to.schema, c.to.name)],
    }),
  ];
}
