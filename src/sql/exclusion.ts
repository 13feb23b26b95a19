import type { Exclusion } from '../model';
import { parens } from './expr';
import { indexKeySql } from './index-def';
import { identList } from './quote';

/** `EXCLUDE USING method (key WITH op, …) [INCLUDE (…)] [WHERE (…)]`, without deferrability. */
export function exclusionBodySql(c: Exclusion): string {
  let sql = `EXCLUDE USING ${c.method} (${c.elements.map((e) => `${indexKeySql(e)} WITH ${e.operator}`).join(', ')})`;
  if (c.include.length > 0) sql += ` INCLUDE (${identList(c.include)})`;
  if (c.where !== null) sql += ` WHERE ${parens(c.where)}`;
  return sql;
}
