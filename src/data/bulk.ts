import type { Db } from '../db';
import { ident } from '../sql';

let staged = 0;

/** A new name for a temporary table of staged rows. */
export const newStagedName = (): string => `pg_temp.schemakit_rows_${++staged}`;

/** CSV column `i` of a staged table. */
export const stagedColumn = (i: number): string => ident(`c${i}`);

/**
 * Runs `fn` with settings for queries over whole reference tables, then resets them. JIT off: such a
 * query costs more than jit_above_cost, and compiling it (~0.3–0.9 s on PostgreSQL 15) takes longer than
 * running it. 64 MB of work_mem: 4 MB spills the hash of 100,000 rows to disk. No merge joins: the
 * planner cannot estimate a join on expressions (`t.id::text`) and picks a merge join that sorts both
 * sides by the locale's collation (4 s instead of 1 s for 100,000 rows on a loaded machine).
 */
export async function withBulkSettings<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  await db.exec(`SET jit = off; SET work_mem = '64MB'; SET enable_mergejoin = off`);
  try {
    return await fn();
  } finally {
    await db.exec('RESET jit; RESET work_mem; RESET enable_mergejoin').catch(() => undefined);
  }
}
