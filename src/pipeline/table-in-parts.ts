import type { CreateTable } from '../diff';
import { columnKey, constraintKey } from '../model';
import { addColumnSql, addConstraintSql, alterColumnSql, createTableSql } from '../sql';

/** One declared member of a table, as a statement of its own. */
export interface TablePart {
  /** The member's key (`s.t.column`, `s.t.constraint`), which names its declaration. */
  readonly object: string;
  readonly sql: string;
}

/**
 * A CREATE TABLE split so that each member Postgres checks for meaning runs on its own: the table with plain
 * columns and its keys, then each column default (SET DEFAULT), generated column (ADD COLUMN) and CHECK
 * (ADD CONSTRAINT). Postgres stops a CREATE TABLE at its first bad expression; run apart, every bad default
 * and check of one table is reported, each at its own declaration, and the table exists for what needs it.
 */
export function tableInParts(c: CreateTable): { readonly bare: string; readonly parts: readonly TablePart[] } {
  const t = c.table;
  const plain = t.columns.filter((col) => col.generated === null).map((col) => ({ ...col, default: null }));
  const bare = createTableSql(
    { ...t, columns: plain },
    c.constraints.filter((k) => k.kind !== 'Check'),
  );
  const defaults = t.columns
    .filter((col) => col.generated === null && col.default !== null)
    .map((col) => ({
      object: columnKey(t.schema, t.name, col.name),
      sql: alterColumnSql(t.schema, t.name, col.name, { kind: 'SetDefault', expression: col.default! }),
    }));
  const generated = t.columns
    .filter((col) => col.generated !== null)
    .map((col) => ({
      object: columnKey(t.schema, t.name, col.name),
      sql: addColumnSql(t.schema, t.name, col),
    }));
  const checks = c.constraints.filter((k) => k.kind === 'Check').map((k) => ({ object: constraintKey(k), sql: addConstraintSql(k) }));
  return { bare, parts: [...defaults, ...generated, ...checks] };
}
