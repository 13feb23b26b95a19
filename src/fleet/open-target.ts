import { connectPostgres, type Db } from '../db';
import { enterTenant } from './tenant-scope';
import type { FleetTarget } from './types';

/**
 * Idle connections of one fleet run, by database URL, so that tenant schemas of one database do not each pay
 * for a new backend (~80-100 ms). A connection is held by one target at a time and only comes back here
 * after its target finished cleanly (session state reset); after an error it is closed. The number of open
 * connections therefore never exceeds the run's concurrency.
 */
export class FleetConnections {
  private readonly idle = new Map<string, Db[]>();

  async take(url: string): Promise<Db> {
    return this.idle.get(url)?.pop() ?? connectPostgres(url);
  }

  async give(url: string, db: Db): Promise<void> {
    try {
      await db.exec('RESET ALL');
    } catch {
      await db.close().catch(() => undefined);
      return;
    }
    this.idle.set(url, [...(this.idle.get(url) ?? []), db]);
  }

  async close(): Promise<void> {
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(all.map((db) => db.close().catch(() => undefined)));
  }
}

/** Opens one target: its own connection, working in its tenant schema (search_path) when it has one. */
export async function openFleetTarget(t: FleetTarget): Promise<Db> {
  const db = await connectPostgres(t.url);
  if (!t.schema) return db;
  try {
    await enterTenant(db, t.schema);
    return db;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Runs `fn` on a connection held by this target alone, closed afterwards (or, for a tenant schema with a
 * `pool`, reset and kept for the next tenant of the same database).
 */
export async function withFleetTarget<T>(t: FleetTarget, fn: (db: Db) => Promise<T>, pool?: FleetConnections): Promise<T> {
  if (!t.schema || !pool) {
    const db = await openFleetTarget(t);
    try {
      return await fn(db);
    } finally {
      await db.close().catch(() => undefined);
    }
  }
  const raw = await pool.take(t.url);
  let ok = false;
  try {
    await enterTenant(raw, t.schema);
    const r = await fn(raw);
    ok = true;
    return r;
  } finally {
    if (ok) await pool.give(t.url, raw);
    else await raw.close().catch(() => undefined);
  }
}
