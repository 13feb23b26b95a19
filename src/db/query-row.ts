import { SchemakitError } from '../util';
import type { Db } from './types';

/**
 * The one row of a query that always returns exactly one (`SELECT f(…)`, an aggregate without GROUP BY);
 * no row there is a bug, reported naming the statement rather than failing later on `undefined`.
 */
export async function queryRow<T = Record<string, unknown>>(db: Db, sql: string, params?: readonly unknown[]): Promise<T> {
  const [row] = await db.query<T>(sql, params);
  if (row === undefined) throw new SchemakitError('db', 'internal', `expected one row, got none from: ${sql.split('\n')[0]}`);
  return row;
}
