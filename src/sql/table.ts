import type { Constraint, Table } from '../model';
import { columnDefinitionSql } from './column';
import { constraintDefinitionSql } from './constraint';
import { ident, qualified } from './quote';
import { createTableKeyword, partitionOfSql, tableClausesSql } from './table-shape';

/**
 * `CREATE TABLE s.t (columns…, CONSTRAINT … inline constraints)`, one column or constraint per line.
 * Foreign keys are normally added afterwards (so cycles need nothing special) but are accepted here too.
 */
export function createTableSql(table: Table, constraints: readonly Constraint[] = []): string {
  const lines = [...table.columns.map(columnDefinitionSql), ...constraints.map(constraintDefinitionSql)];
  const head = `${createTableKeyword(table)} ${qualified(table.schema, table.name)}${partitionOfSql(table)}`;
  // A partition's column list is its parent's: only its own constraints may be listed, and may be absent.
  if (lines.length === 0) return `${head}${table.partitionOf === null ? ' ()' : ''}${tableClausesSql(table)}`;
  return `${head} (\n${lines.map((l) => `  ${l}`).join(',\n')}\n)${tableClausesSql(table)}`;
}

/** `DROP TABLE s.t` (RESTRICT: fails if something the plan does not know about depends on it). */
export function dropTableSql(table: Pick<Table, 'schema' | 'name'>): string {
  return `DROP TABLE ${qualified(table.schema, table.name)}`;
}

/** `ALTER TABLE s.from RENAME TO to`. */
export function renameTableSql(schema: string, from: string, to: string): string {
  return `ALTER TABLE ${qualified(schema, from)} RENAME TO ${ident(to)}`;
}
