import { copyIn, type Db } from '../db';
import { newStagedName, stagedColumn } from './bulk';
import type { ValidTable } from './validate-rows';

export { newStagedName, stagedColumn, withBulkSettings } from './bulk';

/** Drops the temporary tables validation left in `db`'s session (ValidTable.staged). */
export async function dropStaged(db: Db, tables: readonly ValidTable[]): Promise<void> {
  const names = tables.flatMap((t) => (t.staged ? [t.staged] : []));
  if (names.length > 0) await db.exec(`DROP TABLE IF EXISTS ${names.join(', ')}`);
}

/**
 * Puts a validated table's rows into a temporary table of `db`'s session, `(line, c0, c1, …)` all text but
 * the line, with one COPY (no row is parsed in JavaScript), for set-based queries against the target's
 * tables. Returns its name and a function that drops it. Rows validated in this session (`t.staged`) are
 * not copied again.
 */
export async function stageRows(db: Db, t: ValidTable): Promise<{ name: string; drop: () => Promise<void> }> {
  // Validated in this session: the rows are there already (dropped by dropStaged, not by each user).
  if (t.staged) return { name: t.staged, drop: async () => undefined };
  const name = newStagedName();
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
