import type { Db } from '../db';

/**
 * The migration history lives in the schema `schemakit`, which introspection never reads (see
 * introspect/sql-fragments.ts), so no plan ever drops or changes it.
 *
 * - `schemakit.migrations`: one row per applied migration, inserted in the migration's own transaction.
 * - `schemakit.migration_progress`: while a migration with statements outside its transaction is under
 *   way, which of its statements (1-based) have committed; deleted with the history row's insert. A row
 *   left here means a run was interrupted between two such statements: the next run resumes after it.
 *   A batched statement's row is written with each batch, in the batch's own transaction (`complete`
 *   false, `last_key` the last key done, with batch, row and key counts), and marked complete at the end.
 */
export const HISTORY_DDL = `
CREATE SCHEMA IF NOT EXISTS schemakit;
COMMENT ON SCHEMA schemakit IS 'schemakit migration history';
CREATE TABLE IF NOT EXISTS schemakit.migrations (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
  applied_by text NOT NULL DEFAULT CURRENT_USER,
  duration_ms integer NOT NULL,
  down_sql text
);
CREATE TABLE IF NOT EXISTS schemakit.migration_progress (
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

/** Brings a progress table made before batched statements existed up to date (columns of HISTORY_DDL). */
const PROGRESS_COLUMNS_DDL = `ALTER TABLE schemakit.migration_progress
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

/** Creates the history schema and tables if missing (callers hold the migration lock). */
export async function ensureHistory(db: Db): Promise<void> {
  // Only when missing: COMMENT ON SCHEMA needs ownership, and a later runner may be another role.
  const [r] = await db.query<{ ok: boolean; batched: boolean }>(
    "SELECT pg_catalog.to_regclass('schemakit.migrations') IS NOT NULL AND pg_catalog.to_regclass('schemakit.migration_progress') IS NOT NULL AS ok, " +
    "EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = pg_catalog.to_regclass('schemakit.migration_progress') AND attname = 'complete' AND NOT attisdropped) AS batched");
  if (!r.ok) await db.exec(HISTORY_DDL);
  else if (!r.batched) await db.exec(PROGRESS_COLUMNS_DDL);
}

/** True when the history table exists. */
export async function hasHistory(db: Db): Promise<boolean> {
  const [r] = await db.query<{ ok: boolean }>("SELECT pg_catalog.to_regclass('schemakit.migrations') IS NOT NULL AS ok");
  return r.ok;
}

/** The applied migrations in version order (empty when there is no history yet). */
export async function readHistory(db: Db): Promise<HistoryRow[]> {
  if (!(await hasHistory(db))) return [];
  const rows = await db.query<{ version: string; name: string; checksum: string; applied_at: Date | string; applied_by: string; duration_ms: number; down_sql: string | null }>(
    'SELECT version, name, checksum, applied_at, applied_by, duration_ms, down_sql FROM schemakit.migrations',
  );
  return rows
    .map((r) => ({ version: r.version, name: r.name, checksum: r.checksum, appliedAt: new Date(r.applied_at), appliedBy: r.applied_by, durationMs: Number(r.duration_ms), downSql: r.down_sql }))
    .sort((a, b) => (BigInt(a.version) < BigInt(b.version) ? -1 : BigInt(a.version) > BigInt(b.version) ? 1 : 0));
}

/** Interrupted migrations (normally none). */
export async function readProgress(db: Db): Promise<Progress[]> {
  if (!(await hasHistory(db))) return [];
  // to_jsonb(p): a table made before the batch columns existed (a read-only status) reads them as absent.
  const rows = await db.query<{ version: string; checksum: string; statement: number; j: Record<string, unknown> }>(
    'SELECT version, checksum, statement, pg_catalog.to_jsonb(p) AS j FROM schemakit.migration_progress p ORDER BY version, statement',
  );
  const byVersion = new Map<string, { version: string; checksum: string; statements: number[]; batches: BatchProgress[] }>();
  for (const r of rows) {
    const p = byVersion.get(r.version) ?? { version: r.version, checksum: r.checksum, statements: [], batches: [] };
    const j = typeof r.j === 'string' ? (JSON.parse(r.j) as Record<string, unknown>) : r.j;
    if (j.complete === false) {
      p.batches.push({ statement: Number(r.statement), lastKey: (j.last_key as string | null) ?? null, batches: Number(j.batches ?? 0), rows: Number(j.batch_rows ?? 0), keys: Number(j.batch_keys ?? 0) });
    } else p.statements.push(Number(r.statement));
    byVersion.set(r.version, p);
  }
  return [...byVersion.values()];
}

/** Records an applied migration and clears its progress (run inside the migration's transaction). */
export async function insertHistory(db: Db, row: { version: string; name: string; checksum: string; durationMs: number; downSql: string | null }): Promise<void> {
  await db.query(
    'INSERT INTO schemakit.migrations (version, name, checksum, duration_ms, down_sql) VALUES ($1, $2, $3, $4, $5)',
    [row.version, row.name, row.checksum, Math.round(row.durationMs), row.downSql],
  );
  await db.query('DELETE FROM schemakit.migration_progress WHERE version = $1', [row.version]);
}

/** Records that statement `n` of a migration committed outside its transaction (a batched one: all its batches). */
export async function insertProgress(db: Db, version: string, checksum: string, n: number): Promise<void> {
  await db.query(
    'INSERT INTO schemakit.migration_progress (version, checksum, statement) VALUES ($1, $2, $3) ON CONFLICT (version, statement) DO UPDATE SET complete = true, done_at = pg_catalog.now()',
    [version, checksum, n]);
}

/** Records a committed batch of statement `p.statement` (run inside the batch's transaction). */
export async function saveBatchProgress(db: Db, version: string, checksum: string, p: BatchProgress): Promise<void> {
  await db.query(
    `INSERT INTO schemakit.migration_progress (version, checksum, statement, last_key, batches, batch_rows, batch_keys, complete)
     VALUES ($1, $2, $3, $4, $5, $6, $7, false)
     ON CONFLICT (version, statement) DO UPDATE SET last_key = EXCLUDED.last_key, batches = EXCLUDED.batches,
       batch_rows = EXCLUDED.batch_rows, batch_keys = EXCLUDED.batch_keys, done_at = pg_catalog.now()`,
    [version, checksum, p.statement, p.lastKey, p.batches, p.rows, p.keys]);
}

/** Removes a migration from the history (run inside the transaction of its down script). */
export async function deleteHistory(db: Db, version: string): Promise<void> {
  await db.query('DELETE FROM schemakit.migrations WHERE version = $1', [version]);
  await db.query('DELETE FROM schemakit.migration_progress WHERE version = $1', [version]);
}
