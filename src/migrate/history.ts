
import { withTransaction, type Db } from '../db';
import { ident, literal, qualified } from '../sql';
import { MIGRATION_LOCK_KEY } from './migration-lock';

/**
 * Where a migration history lives: a schema and the names of its two tables. The default is
 * `schemakit.migrations` and `schemakit.migration_progress`; a fleet keeps each tenant schema's own history
 * beside it (`schemakit.<tenant>__migrations`). The schema should be one introspection never reads
 * (`schemakit`, see introspect/sql-fragments.ts), so that no plan drops or changes the history.
 *
 * - `migrations`: one row per applied migration, inserted in the migration's own transaction.
 * - `progress`: while a migration with statements outside its transaction is under way, which of its
 *   statements (1-based) have committed; deleted with the history row's insert. A row left here means a
 *   run was interrupted between two such statements: the next run resumes after it.
 */
export interface HistoryLocation {
  readonly schema: string;
  readonly migrations: string;
  readonly progress: string;
}

/** `schemakit.migrations` and `schemakit.migration_progress`. */
export const DEFAULT_HISTORY: HistoryLocation = { schema: 'schemakit', migrations: 'migrations', progress: 'migration_progress' };

const tableOf = (at: HistoryLocation) => qualified(at.schema, at.migrations);
const progressOf = (at: HistoryLocation) => qualified(at.schema, at.progress);

/** The two history tables' DDL (`CREATE TABLE IF NOT EXISTS`; the schema is created by ensureHistory). */
export function historyDdl(at: HistoryLocation = DEFAULT_HISTORY): string {
  return `
CREATE TABLE IF NOT EXISTS ${tableOf(at)} (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  applied_by text NOT NULL DEFAULT CURRENT_USER,
  duration_ms integer NOT NULL,
  down_sql text
);
CREATE TABLE IF NOT EXISTS ${progressOf(at)} (
  version text NOT NULL,
  checksum text NOT NULL,
  statement integer NOT NULL,
  done_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  PRIMARY KEY (version, statement)
)`;
}

/** The DDL of the default history, schema included (as `ensureHistory` runs it on a new database). */
export const HISTORY_DDL = `CREATE SCHEMA IF NOT EXISTS schemakit;
COMMENT ON SCHEMA schemakit IS 'schemakit migration history';${historyDdl()}`;

/** One row of `schemakit.migrations`. */
export interface HistoryRow {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
  readonly appliedAt: Date;
  readonly appliedBy: string;
  readonly durationMs: number;
  readonly downSql: string | null;
}

/** Statements of an interrupted migration that already committed. */
export interface Progress {
  readonly version: string;
  readonly checksum: string;
  readonly statements: readonly number[];
}

/** A key serialising history DDL between runners that hold different migration locks (tenants of one database). */
const HISTORY_DDL_LOCK_KEY = MIGRATION_LOCK_KEY + 1;

/**
 * Creates the history schema and tables if missing (callers hold the migration lock). Under a
 * transaction-level advisory lock of its own, because tenants of one database hold different migration
 * locks and two concurrent `CREATE SCHEMA IF NOT EXISTS` can both try to insert it (PostgreSQL 15 then
 * raises a unique violation).
 */
export async function ensureHistory(db: Db, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  // Only when missing: COMMENT ON SCHEMA needs ownership, and a later runner may be another role.
  if (await hasHistory(db, at, true)) return;
  await withTransaction(db, async () => {
    if (db.engine === 'postgres') await db.query('SELECT pg_catalog.pg_advisory_xact_lock($1::bigint)', [HISTORY_DDL_LOCK_KEY]);
    const [r] = await db.query<{ ok: boolean }>('SELECT pg_catalog.to_regnamespace($1) IS NOT NULL AS ok', [ident(at.schema)]);
    const schema = r.ok ? '' : `CREATE SCHEMA IF NOT EXISTS ${ident(at.schema)};\nCOMMENT ON SCHEMA ${ident(at.schema)} IS ${literal('schemakit migration history')};`;
    await db.exec(schema + historyDdl(at));
  });
}

/** True when the history table exists (and, with `both`, its progress table too). */
export async function hasHistory(db: Db, at: HistoryLocation = DEFAULT_HISTORY, both = false): Promise<boolean> {
  const [r] = await db.query<{ ok: boolean }>(
    `SELECT pg_catalog.to_regclass($1) IS NOT NULL${both ? ' AND pg_catalog.to_regclass($2) IS NOT NULL' : ''} AS ok`, both ? [tableOf(at), progressOf(at)] : [tableOf(at)]);
  return r.ok;
}

/** The applied migrations in version order (empty when there is no history yet). */
export async function readHistory(db: Db, at: HistoryLocation = DEFAULT_HISTORY): Promise<HistoryRow[]> {
  if (!(await hasHistory(db, at))) return [];
  const rows = await db.query<{ version: string; name: string; checksum: string; applied_at: Date | string; applied_by: string; duration_ms: number; down_sql: string | null }>(
    `SELECT version, name, checksum, applied_at, applied_by, duration_ms, down_sql FROM ${tableOf(at)}`,
  );
  return rows
    .map((r) => ({ version: r.version, name: r.name, checksum: r.checksum, appliedAt: new Date(r.applied_at), appliedBy: r.applied_by, durationMs: Number(r.duration_ms), downSql: r.down_sql }))
    .sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : BigInt(a.version) > BigInt(b.version) ? 1 : 0));
}

/** Interrupted migrations (normally none). */
export async function readProgress(db: Db, at: HistoryLocation = DEFAULT_HISTORY): Promise<Progress[]> {
  if (!(await hasHistory(db, at))) return [];
  const rows = await db.query<{ version: string; checksum: string; statement: number }>(
    `SELECT version, checksum, statement FROM ${progressOf(at)} ORDER BY version, statement`,
  );
  const byVersion = new Map<string, { version: string; checksum: string; statements: number[] }>();
  for (const r of rows) {
    const p = byVersion.get(r.version) ?? { version: r.version, checksum: r.checksum, statements: [] };
    p.statements.push(Number(r.statement));
    byVersion.set(r.version, p);
  }
  return [...byVersion.values()];
}

/** Deletes the progress rows of a migration (`migrate resolve --rolled-back`). */
export async function clearProgress(db: Db, version: string, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  await db.query(`DELETE FROM ${progressOf(at)} WHERE version = $1`, [version]);
}

/** Records an applied migration and clears its progress (run inside the migration's transaction). */
export async function insertHistory(db: Db, row: { version: string; name: string; checksum: string; durationMs: number; downSql: string | null }, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  await db.query(
    `INSERT INTO ${tableOf(at)} (version, name, checksum, duration_ms, down_sql) VALUES ($1, $2, $3, $4, $5)`,
    [row.version, row.name, row.checksum, Math.round(row.durationMs), row.downSql],
  );
  await db.query(`DELETE FROM ${progressOf(at)} WHERE version = $1`, [row.version]);
}

/** Records that statement `n` of a migration committed outside its transaction. */
export async function insertProgress(db: Db, version: string, checksum: string, n: number, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  await db.query(`INSERT INTO ${progressOf(at)} (version, checksum, statement) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [version, checksum, n]);
}

/** Removes a migration from the history (run inside the transaction of its down script). */
export async function deleteHistory(db: Db, version: string, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  await db.query(`DELETE FROM ${tableOf(at)} WHERE version = $1`, [version]);
  await db.query(`DELETE FROM ${progressOf(at)} WHERE version = $1`, [version]);
}
