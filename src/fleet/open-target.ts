import { connectPostgres, type Db } from '../db';
import { tenantDb } from './tenant-db';
import type { FleetTarget } from './types';

/** Opens one target: its own connection, seen as its tenant schema when it has one. */
export async function openFleetTarget(t: FleetTarget): Promise<Db> {
  const db = await connectPostgres(t.url);
  if (!t.schema) return db;
  try {
    return await tenantDb(db, t.schema);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/** Runs `fn` on the target's own connection, closed afterwards whatever happens. */
export async function withFleetTarget<T>(t: FleetTarget, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openFleetTarget(t);
  try {
    return await fn(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}
