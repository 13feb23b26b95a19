import { queryRow, type Db } from '../db';
import { SchemakitError } from '../util';

/**
 * The key of the session-level advisory lock that serialises `migrate up/down` and `apply` on one database
 * ('skmg' as a 32-bit integer: pg_locks shows it as classid 0, objid 1936420199, objsubid 1).
 */
export const MIGRATION_LOCK_KEY = 0x736b6d67;

/** Who holds the lock, from pg_stat_activity. */
export interface LockHolder {
  readonly pid: number;
  readonly applicationName: string;
  readonly user: string;
  /** Client address, or null for a Unix socket. */
  readonly client: string | null;
  readonly backendStart: Date | null;
}

/** Options of withMigrationLock. */
export interface LockOptions {
  /** Give up after this long (default 60 s; 0 = do not wait). */
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  /** application_name set on the session while it holds the lock, so a waiter sees what is running. */
  readonly label?: string;
  /** Called once when the lock is taken by someone else and the runner starts waiting. */
  readonly onWait?: (holder: LockHolder | null) => void;
  /**
   * The advisory lock key (default MIGRATION_LOCK_KEY, one per database). A fleet gives each tenant schema
   * its own key, so tenants of one database migrate in parallel while two runs on one tenant still serialise.
   */
  readonly key?: number;
  /** What the lock guards, for the timeout message (default: the database's description). */
  readonly scope?: string;
}

const HOLDER_SQL = `
SELECT a.pid, a.application_name, a.usename, a.client_addr::text AS client, a.backend_start
  FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1
   AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())`;

/** The session holding the migration lock (of `key`, default the database's), if any. */
export async function migrationLockHolder(db: Db, key: number = MIGRATION_LOCK_KEY): Promise<LockHolder | null> {
  const [r] = await db.query<{ pid: number; application_name: string; usename: string; client: string | null; backend_start: Date | null }>(HOLDER_SQL, [key]);
  return r
    ? {
        pid: Number(r.pid),
        applicationName: r.application_name,
        user: r.usename,
        client: r.client,
        backendStart: r.backend_start ? new Date(r.backend_start) : null,
      }
    : null;
}

/** `pid 123 (schemakit migrate up, user root, client 127.0.0.1, connected 2026-…)`. */
export function describeHolder(h: LockHolder | null): string {
  if (h === null) return 'another session (it could not be identified)';
  const parts = [h.applicationName || 'no application_name', `user ${h.user}`, h.client ? `client ${h.client}` : 'local socket'];
  if (h.backendStart) parts.push(`connected ${h.backendStart.toISOString()}`);
  return `pid ${h.pid} (${parts.join(', ')})`;
}

/**
 * Runs `fn` holding the session-level advisory lock of the database, taken by polling
 * pg_try_advisory_lock (so the wait has a timeout and can name the holder, which pg_advisory_lock's
 * blocking wait cannot). Session-level, not transaction-level, because a migration run spans several
 * transactions; the server releases it if the process dies. On PGlite the lock is a no-op: an embedded
 * database is opened by one process at a time (PGlite is single-user and keeps the data directory to
 * itself), so there is nobody to race with.
 */
export async function withMigrationLock<T>(db: Db, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  if (db.engine === 'pglite') return fn();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const key = options.key ?? MIGRATION_LOCK_KEY;
  const started = Date.now();
  let warned = false;
  let holder: LockHolder | null = null;
  for (;;) {
    const r = await queryRow<{ ok: boolean }>(db, 'SELECT pg_catalog.pg_try_advisory_lock($1::bigint) AS ok', [key]);
    if (r.ok) break;
    holder = await migrationLockHolder(db, key);
    if (!warned) {
      warned = true;
      options.onWait?.(holder);
    }
    if (Date.now() - started >= timeoutMs) {
      throw new SchemakitError(
        'migrate',
        'lock-timeout',
        `another schemakit run holds the migration lock of ${options.scope ?? db.description}: ${describeHolder(holder)}; gave up after ${Math.round((Date.now() - started) / 1000)} s (--lock-wait). Nothing was applied.`,
      );
    }
    await new Promise((done) => setTimeout(done, options.pollMs ?? 200));
  }
  const saved = await queryRow<{ name: string }>(db, "SELECT pg_catalog.current_setting('application_name') AS name");
  try {
    if (options.label) await db.query("SELECT pg_catalog.set_config('application_name', $1, false)", [options.label]);
    return await fn();
  } finally {
    // A lost connection has released the lock already; the original error matters more.
    await db
      .query("SELECT pg_catalog.set_config('application_name', $1, false), pg_catalog.pg_advisory_unlock($2::bigint)", [saved.name, key])
      .catch(() => undefined);
  }
}
