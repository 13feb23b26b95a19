import type { Db } from '../db';
import { MIGRATION_LOCK_KEY } from '../migrate';
import { sha256 } from '../util';

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The history table of a tenant, in the `schemakit` schema that introspection never reads: `<tenant>__migrations`. */
export function tenantHistoryTable(schema: string, table: 'migrations' | 'migration_progress' = 'migrations'): string {
  return `schemakit.${quote(`${schema}__${table}`)}`;
}

/** The advisory lock key of a tenant schema: distinct per schema, so tenants of one database migrate in parallel. */
export function tenantLockKey(schema: string): number {
  const k = parseInt(sha256(`schemakit tenant ${schema}`).slice(0, 8), 16) & 0x7fffffff;
  return k === MIGRATION_LOCK_KEY ? k ^ 1 : k;
}

/**
 * A view of a database as one tenant schema: `search_path` is the tenant schema (so unqualified migration
 * SQL lands there), the migration history is `schemakit."<tenant>__migrations"` instead of
 * `schemakit.migrations`, and the migration lock key is the tenant's. It rewrites only the history
 * statements of src/migrate/history.ts and the lock key parameter, so the migration runner is used
 * unchanged, "exactly as for one database". The `schemakit` schema is created once here under a
 * transaction-level advisory lock, because tenants of one database run in parallel and two concurrent
 * `CREATE SCHEMA IF NOT EXISTS` can both try to insert it (PostgreSQL 15 raises a unique violation).
 */
export async function tenantDb(db: Db, schema: string): Promise<Db> {
  const key = tenantLockKey(schema);
  const sql = (s: string) => s
    .replace(/COMMENT ON SCHEMA schemakit IS '[^']*';/g, '')
    .replace(/CREATE SCHEMA IF NOT EXISTS schemakit;/g, '')
    .replace(/\bschemakit\.(migrations|migration_progress)\b/g, (_, t: 'migrations' | 'migration_progress') => tenantHistoryTable(schema, t));
  const params = (s: string, p?: readonly unknown[]) => (p && /advisory/.test(s) ? p.map((v) => (v === MIGRATION_LOCK_KEY ? key : v)) : p);
  await db.exec(`BEGIN; SELECT pg_catalog.pg_advisory_xact_lock(${MIGRATION_LOCK_KEY + 1}); CREATE SCHEMA IF NOT EXISTS schemakit; CREATE SCHEMA IF NOT EXISTS ${quote(schema)}; COMMIT`);
  await db.exec(`SET search_path TO ${quote(schema)}, public`);
  return {
    engine: db.engine, serverVersion: db.serverVersion, url: db.url,
    description: `${db.description} schema ${schema}`,
    query: (s, p) => db.query(sql(s), params(s, p)),
    rowCount: (s, p) => db.rowCount(sql(s), params(s, p)),
    exec: (s) => db.exec(sql(s)),
    close: () => db.close(),
  };
}
