import { relKey } from '../model';
import { isNewTable, type PlanContext } from './context';
import type { LockMode, TableLock } from './types';

/**
 * The locks of ALTER TABLE and friends (PostgreSQL docs, "Explicit Locking" and each command's page):
 * most ALTER TABLE forms take ACCESS EXCLUSIVE (blocks reads and writes); ADD FOREIGN KEY takes SHARE ROW
 * EXCLUSIVE on both tables; VALIDATE CONSTRAINT, CREATE/DROP INDEX CONCURRENTLY, COMMENT and (PG ≥ 12)
 * ALTER INDEX RENAME take SHARE UPDATE EXCLUSIVE (blocks no reads or writes); CREATE INDEX takes SHARE
 * (blocks writes). A table the same plan creates is nobody else's yet, so it gets no lock entry.
 */
export function tableLock(
  ctx: PlanContext | null,
  schema: string,
  table: string,
  mode: LockMode,
  what: { rewrite?: boolean; scan?: boolean } = {},
): TableLock[] {
  if (ctx !== null && isNewTable(ctx, schema, table)) return [];
  return [{ table: relKey({ schema, name: table }), mode, rewrite: what.rewrite ?? false, scan: what.scan ?? what.rewrite ?? false }];
}

/** Short text for a lock: `ACCESS EXCLUSIVE on public.users (rewrites the table)`. */
export function describeLock(l: TableLock): string {
  const how = l.rewrite ? ' (rewrites the table)' : l.scan ? ' (scans the table)' : '';
  return `${l.mode} on ${l.table}${how}`;
}
