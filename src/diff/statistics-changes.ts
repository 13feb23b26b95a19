import type { Statistics } from '../model';

/** `CREATE STATISTICS` (and its target, when set). */
export interface CreateStatistics {
  readonly kind: 'CreateStatistics';
  readonly statistics: Statistics;
}
/** `DROP STATISTICS`; a changed definition is a drop and a create. */
export interface DropStatistics {
  readonly kind: 'DropStatistics';
  readonly statistics: Statistics;
}
/** `ALTER STATISTICS … SET STATISTICS` (only the target differs). */
export interface AlterStatistics {
  readonly kind: 'AlterStatistics';
  readonly from: Statistics;
  readonly to: Statistics;
}
export type StatisticsChange = CreateStatistics | DropStatistics | AlterStatistics;
