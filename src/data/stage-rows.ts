import { copyIn, type Db } from '../db';
import { ident } from '../sql';
import type { ValidTable } from './validate-rows';

let staged = 0;

/** CSV column `i` of a staged table. */
export const stagedColumn = (i: number): string => ident(`c${i}`);

/**
 * Puts a validated table's rows into a temporary table of `db`'s session, `(line, c0, c1, …)` all text but
 * the line, with one COPY (no row is parsed in JavaScript), for set-based queries against the target's
 * tables. Returns its name and a function that drops it.
 */
export async function stageRows(db: Db, t: ValidTable): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `pg_temp.schemakit_rows_${++staged}`;
  const cols = t.mapped.columns.map((_, i) => stagedColumn(i));
  await db.exec(`DROP TABLE IF EXISTS ${name}; CREATE TEMP TABLE ${name.slice('pg_temp.'.length)} (line integer, ${cols.map((c) => `${c} text`).join(', ')})`);
  try {
    if (t.count > 0) await copyIn(db, `COPY ${name} (line${cols.map((c) => `, ${c}`).join('')}) FROM STDIN WITH (FORMAT csv)`, t.rows);
    await db.exec(`ANALYZE ${name}`);
  } catch (err) {
    await db.exec(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    throw err;
  }
  return { name, drop: () => db.exec(`DROP TABLE IF EXISTS ${name}`) };
}

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
