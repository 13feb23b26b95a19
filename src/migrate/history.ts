import { queryRow, withTransaction, type Db } from '../db';
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
 *   run was interrupted between two such statements: the next run resumes after it. A batched
 *   statement's row is written with each batch, in the batch's own transaction (`complete` false,
 *   `last_key` the last key done, with batch, row and key counts), and marked complete at the end.
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
  last_key text,
  batches integer,
  batch_rows bigint,
  batch_keys bigint,
  complete boolean NOT NULL DEFAULT true,
  PRIMARY KEY (version, statement)
)`;
}

/** The DDL of the default history, schema included (as `ensureHistory` runs it on a new database). */
export const HISTORY_DDL = `CREATE SCHEMA IF NOT EXISTS schemakit;
COMMENT ON SCHEMA schemakit IS 'schemakit migration history';${historyDdl()}`;

/** Brings a progress table made before batched statements existed up to date (columns of historyDdl). */
const progressColumnsDdl = (at: HistoryLocation) => `ALTER TABLE ${progressOf(at)}
  ADD COLUMN IF NOT EXISTS last_key text, ADD COLUMN IF NOT EXISTS batches integer, ADD COLUMN IF NOT EXISTS batch_rows bigint,
  ADD COLUMN IF NOT EXISTS batch_keys bigint, ADD COLUMN IF NOT EXISTS complete boolean NOT NULL DEFAULT true`;

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

/** How far a batched statement got: its last committed batch ends at `lastKey`. */
export interface BatchProgress {
  readonly statement: number;
  readonly lastKey: string | null;
  readonly batches: number;
  /** Rows the statement changed, summed over the batches. */
  readonly rows: number;
  /** Keys of the table the batches covered. */
  readonly keys: number;
}

/** Statements of an interrupted migration that already committed, and batched statements part done. */
export interface Progress {
  readonly version: string;
  readonly checksum: string;
  readonly statements: readonly number[];
  readonly batches: readonly BatchProgress[];
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
  const r = await queryRow<{ ok: boolean; batched: boolean }>(
    db,
    'SELECT pg_catalog.to_regclass($1) IS NOT NULL AND pg_catalog.to_regclass($2) IS NOT NULL AS ok, ' +
      "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass($2) AND attname = 'complete' AND NOT attisdropped) AS batched",
    [tableOf(at), progressOf(at)],
  );
  if (r.ok && r.batched) return;
  await withTransaction(db, async () => {
    if (db.engine === 'postgres') await db.query('SELECT pg_catalog.pg_advisory_xact_lock($1::bigint)', [HISTORY_DDL_LOCK_KEY]);
    if (r.ok) {
      await db.exec(progressColumnsDdl(at));
      return;
    }
    const s = await queryRow<{ ok: boolean }>(db, 'SELECT pg_catalog.to_regnamespace($1) IS NOT NULL AS ok', [ident(at.schema)]);
    const schema = s.ok
      ? ''
      : `CREATE SCHEMA IF NOT EXISTS ${ident(at.schema)};\nCOMMENT ON SCHEMA ${ident(at.schema)} IS ${literal('schemakit migration history')};`;
    await db.exec(schema + historyDdl(at));
  });
}

/** True when the history table exists (and, with `both`, its progress table too). */
export async function hasHistory(db: Db, at: HistoryLocation = DEFAULT_HISTORY, both = false): Promise<boolean> {
  const r = await queryRow<{ ok: boolean }>(
    db,
    `SELECT pg_catalog.to_regclass($1) IS NOT NULL${both ? ' AND pg_catalog.to_regclass($2) IS NOT NULL' : ''} AS ok`,
    both ? [tableOf(at), progressOf(at)] : [tableOf(at)],
  );
  return r.ok;
}

/** The applied migrations in version order (empty when there is no history yet). */
export async function readHistory(db: Db, at: HistoryLocation = DEFAULT_HISTORY): Promise<HistoryRow[]> {
  if (!(await hasHistory(db, at))) return [];
  const rows = await db.query<{
    version: string;
    name: string;
    checksum: string;
    applied_at: Date | string;
    applied_by: string;
    duration_ms: number;
    down_sql: string | null;
  }>(`SELECT version, name, checksum, applied_at, applied_by, duration_ms, down_sql FROM ${tableOf(at)}`);
  return rows
    .map((r) => ({
      version: r.version,
      name: r.name,
      checksum: r.checksum,
      appliedAt: new Date(r.applied_at),
      appliedBy: r.applied_by,
      durationMs: Number(r.duration_ms),
      downSql: r.down_sql,
    }))
    .sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : BigInt(a.version) > BigInt(b.version) ? 1 : 0));
}

/** Interrupted migrations (normally none). */
export async function readProgress(db: Db, at: HistoryLocation = DEFAULT_HISTORY): Promise<Progress[]> {
  if (!(await hasHistory(db, at))) return [];
  // to_jsonb(p): a table made before the batch columns existed (a read-only status) reads them as absent.
  const rows = await db.query<{ version: string; checksum: string; statement: number; j: Record<string, unknown> }>(
    `SELECT version, checksum, statement, pg_catalog.to_jsonb(p) AS j FROM ${progressOf(at)} p ORDER BY version, statement`,
  );
  const byVersion = new Map<string, { version: string; checksum: string; statements: number[]; batches: BatchProgress[] }>();
  for (const r of rows) {
    const p = byVersion.get(r.version) ?? { version: r.version, checksum: r.checksum, statements: [], batches: [] };
    const j = typeof r.j === 'string' ? (JSON.parse(r.j) as Record<string, unknown>) : r.j;
    if (j.complete === false) {
      p.batches.push({
        statement: Number(r.statement),
        lastKey: (j.last_key as string | null) ?? null,
        batches: Number(j.batches ?? 0),
        rows: Number(j.batch_rows ?? 0),
        keys: Number(j.batch_keys ?? 0),
      });
    } else p.statements.push(Number(r.statement));
    byVersion.set(r.version, p);
  }
  return [...byVersion.values()];
}

/** Deletes the progress rows of a migration (`migrate resolve --rolled-back`). */
export async function clearProgress(db: Db, version: string, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  await db.query(`DELETE FROM ${progressOf(at)} WHERE version = $1`, [version]);
}

/** Records an applied migration and clears its progress (run inside the migration's transaction). */
export async function insertHistory(
  db: Db,
  row: { version: string; name: string; checksum: string; durationMs: number; downSql: string | null },
  at: HistoryLocation = DEFAULT_HISTORY,
): Promise<void> {
  await db.query(`INSERT INTO ${tableOf(at)} (version, name, checksum, duration_ms, down_sql) VALUES ($1, $2, $3, $4, $5)`, [
    row.version,
    row.name,
    row.checksum,
    Math.round(row.durationMs),
    row.downSql,
  ]);
  await db.query(`DELETE FROM ${progressOf(at)} WHERE version = $1`, [row.version]);
}

/** Records that statement `n` of a migration committed outside its transaction (a batched one: all its batches). */
export async function insertProgress(db: Db, version: string, checksum: string, n: number, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  await db.query(
    `INSERT INTO ${progressOf(at)} (version, checksum, statement) VALUES ($1, $2, $3) ON CONFLICT (version, statement) DO UPDATE SET complete = true, done_at = pg_catalog.now()`,
    [version, checksum, n],
  );
}

/** Records a committed batch of statement `p.statement` (run inside the batch's transaction). */
export async function saveBatchProgress(db: Db, version: string, checksum: string, p: BatchProgress, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  await db.query(
    `INSERT INTO ${progressOf(at)} (version, checksum, statement, last_key, batches, batch_rows, batch_keys, complete)
     VALUES ($1, $2, $3, $4, $5, $6, $7, false)
     ON CONFLICT (version, statement) DO UPDATE SET last_key = EXCLUDED.last_key, batches = EXCLUDED.batches,
       batch_rows = EXCLUDED.batch_rows, batch_keys = EXCLUDED.batch_keys, done_at = pg_catalog.now()`,
    [version, checksum, p.statement, p.lastKey, p.batches, p.rows, p.keys],
  );
}

/** Removes a migration from the history (run inside the transaction of its down script). */
export async function deleteHistory(db: Db, version: string, at: HistoryLocation = DEFAULT_HISTORY): Promise<void> {
  await db.query(`DELETE FROM ${tableOf(at)} WHERE version = $1`, [version]);
  await db.query(`DELETE FROM ${progressOf(at)} WHERE version = $1`, [version]);
}
