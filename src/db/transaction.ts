import type { Db } from './types';

/** Transaction depth per connection, so a nested withTransaction becomes a savepoint. */
const depth = new WeakMap<Db, number>();

/**
 * Runs `fn` inside BEGIN … COMMIT on `db`, rolling back and rethrowing when it throws. Nested calls on
 * the same Db use a SAVEPOINT, so a helper such as introspect() can run inside a caller's transaction.
 */
export async function withTransaction<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const level = depth.get(db) ?? 0;
  const savepoint = `schemakit_sp_${level}`;
  await db.exec(level === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
  depth.set(db, level + 1);
  try {
    const result = await fn();
    await db.exec(level === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
    return result;
  } catch (err) {
    // The original error matters more than a failure to roll back (e.g. a lost connection).
    await db.exec(level === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`).catch(() => undefined);
    throw err;
  } finally {
    if (level === 0) depth.delete(db);
    else depth.set(db, level);
  }
}

/** True while `db` is inside withTransaction. */
export function inTransaction(db: Db): boolean {
  return (depth.get(db) ?? 0) > 0;
}
