import type { Statistics } from '../model';
import { ident, qualified } from './quote';

/** `CREATE STATISTICS s.name [(kinds)] ON columns, (expressions) FROM s.table`. */
export function createStatisticsSql(x: Statistics): string {
  const kinds = x.kinds.length === 0 ? '' : ` (${x.kinds.join(', ')})`;
  const on = [...x.columns.map(ident), ...x.expressions.map((e) => `(${e})`)].join(', ');
  return `CREATE STATISTICS ${qualified(x.schema, x.name)}${kinds} ON ${on} FROM ${qualified(x.tableSchema, x.table)}`;
}

/** `ALTER STATISTICS s.name SET STATISTICS n` (-1: back to the default, accepted by PostgreSQL 15 to 18). */
export function alterStatisticsTargetSql(x: Pick<Statistics, 'schema' | 'name'>, target: number | null): string {
  return `ALTER STATISTICS ${qualified(x.schema, x.name)} SET STATISTICS ${target ?? -1}`;
}

/** `DROP STATISTICS s.name`. */
export function dropStatisticsSql(x: Pick<Statistics, 'schema' | 'name'>): string {
  return `DROP STATISTICS ${qualified(x.schema, x.name)}`;
}
