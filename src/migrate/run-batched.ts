import { queryRow, withTransaction, type Db } from '../db';
import { ident, literal, qualified } from '../sql';
import { SchemakitError } from '../util';
import type { BatchSpec } from './batch-directive';
import { saveBatchProgress, type BatchProgress, type HistoryLocation } from './history';

/** A batched statement to run: `sql` takes the batch's first and last key as `$1` and `$2`. */
export interface BatchJob {
  /** Names the statement in messages (`file:line`). */
  readonly where: string;
  readonly version: string;
  readonly checksum: string;
  /** 1-based number of the statement in its script (the progress row's key). */
  readonly statement: number;
  readonly sql: string;
  readonly spec: BatchSpec;
  /** Where an interrupted earlier run stopped (its committed batches are not run again), or null. */
  readonly from: BatchProgress | null;
  /** Where its progress rows go (default schemakit.migration_progress; a fleet tenant's own table). */
  readonly history?: HistoryLocation;
}

/** Where a batched statement is, after each committed batch. */
export interface BatchReport {
  readonly where: string;
  readonly statement: number;
  /** Batches, rows and keys done so far, earlier interrupted runs included. */
  readonly batches: number;
  readonly rows: number;
  readonly keys: number;
  /** Keys in all (counted when the run starts, only when someone listens), or null. */
  readonly totalKeys: number | null;
  /** Keys this run covered (without earlier runs'), for its rate. */
  readonly runKeys: number;
  /** Milliseconds this run has taken so far. */
  readonly elapsedMs: number;
  /** How long the last batch's transaction was open (its row locks are held that long). */
  readonly lastBatchMs: number;
  /** Estimated milliseconds left at this run's rate, or null when unknown. */
  readonly etaMs: number | null;
}

/** Hooks of runBatched. */
export interface BatchHooks {
  /** Told after every committed batch (progress display). Having it costs one count of the remaining keys at the start. */
  readonly onBatch?: (r: BatchReport) => void;
  /**
   * Called inside batch `n`'s transaction after its statement ran and before its progress row is written;
   * throwing rolls the batch back. Tests use it to interrupt a run mid-batch.
   */
  readonly inBatch?: (where: string, batch: number) => Promise<void> | void;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * The table, schema-qualified, and its key column: the directive's, else the table's one-column primary key.
 * A table named without a schema is looked up through `search_path`, as the statement's own unqualified
 * names are (a fleet tenant's migration: the tenant schema).
 */
async function keyColumn(db: Db, job: BatchJob): Promise<{ table: string; key: string }> {
  const named = job.spec.schema === null ? ident(job.spec.table) : qualified(job.spec.schema, job.spec.table);
  const [t] = await db.query<{ oid: number | null; schema: string | null }>(
    `SELECT c.oid, n.nspname AS schema FROM (SELECT pg_catalog.to_regclass(${literal(named)}) AS r) x
       LEFT JOIN pg_catalog.pg_class c ON c.oid = x.r LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace`,
  );
  if (!t || t.oid === null || t.schema === null)
    throw new SchemakitError('migrate', 'bad-batch', `${job.where}: schemakit:batch: table ${named} does not exist`);
  const table = qualified(t.schema, job.spec.table);
  if (job.spec.key !== null) return { table, key: job.spec.key };
  const pk = await db.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1 AND i.indisprimary`,
    [t.oid],
  );
  const [only] = pk;
  if (only === undefined || pk.length !== 1) {
    throw new SchemakitError(
      'migrate',
      'bad-batch',
      `${job.where}: schemakit:batch: ${table} has ${pk.length === 0 ? 'no primary key' : 'a primary key of several columns'}; name the key column with key=COLUMN`,
    );
  }
  return { table, key: only.name };
}

/**
 * Runs a batched statement: each batch is the next (at most `size`) keys of the table after the last one done,
 * found by a keyset scan of the key (`WHERE key > last ORDER BY key LIMIT size`, an index range when the key is
 * indexed; never OFFSET), and runs `sql` with that range's first and last key as `$1`, `$2` in a transaction
 * of its own together with the progress row, so a batch is committed exactly once: an interruption rolls back
 * the batch under way and the next run starts after the last committed one. Rows whose key is NULL are never
 * in a range. Returns the totals (earlier runs included); the caller marks the statement complete.
 */
export async function runBatched(db: Db, job: BatchJob, hooks: BatchHooks = {}): Promise<BatchProgress> {
  const resolved = await keyColumn(db, job);
  const key = ident(resolved.key);
  const table = resolved.table;
  const inner = (after: boolean) =>
    `SELECT ${key} AS k FROM ${table} WHERE ${after ? `${key} > $1` : `${key} IS NOT NULL`} ORDER BY ${key} LIMIT ${job.spec.size}`;
  const bounds = (after: boolean) =>
    `SELECT pg_catalog.min(k)::text AS lo, pg_catalog.max(k)::text AS hi, pg_catalog.count(*)::int AS n FROM (${inner(after)}) s`;
  let done: BatchProgress = job.from ?? { statement: job.statement, lastKey: null, batches: 0, rows: 0, keys: 0 };
  const started = Date.now();
  const keysAtStart = done.keys;
  let totalKeys: number | null = null;
  if (hooks.onBatch) {
    const after = done.lastKey !== null;
    const c = await queryRow<{ n: string }>(
      db,
      `SELECT pg_catalog.count(*)::text AS n FROM ${table} WHERE ${after ? `${key} > $1` : `${key} IS NOT NULL`}`,
      after ? [done.lastKey] : [],
    );
    totalKeys = done.keys + Number(c.n);
  }
  for (let first = true; ; first = false) {
    if (!first && job.spec.sleepMs > 0) await sleep(job.spec.sleepMs);
    const batchStart = Date.now();
    const next = await withTransaction(db, async () => {
      // A batch and its progress row commit (or are lost in a crash) together, so waiting for the WAL flush
      // of every batch buys nothing: a crash loses the last batches with their progress rows, and they rerun.
      await db.exec('SET LOCAL synchronous_commit = off');
      const after = done.lastKey !== null;
      const b = await queryRow<{ lo: string | null; hi: string | null; n: number }>(db, bounds(after), after ? [done.lastKey] : []);
      if (Number(b.n) === 0) return null;
      const rows = await db.rowCount(job.sql, [b.lo, b.hi]).catch((e: unknown) => {
        if (!/parameter|bind message/i.test((e as Error).message)) throw e;
        throw new SchemakitError(
          'migrate',
          'bad-batch',
          `${(e as Error).message.replace(/^db: /, '')} (a batched statement takes the batch's first and last key as $1 and $2, e.g. WHERE ${key} BETWEEN $1 AND $2)`,
          { cause: e },
        );
      });
      await hooks.inBatch?.(job.where, done.batches + 1);
      const p: BatchProgress = { statement: job.statement, lastKey: b.hi, batches: done.batches + 1, rows: done.rows + rows, keys: done.keys + Number(b.n) };
      await saveBatchProgress(db, job.version, job.checksum, p, job.history);
      return p;
    });
    if (next === null) return done;
    done = next;
    if (hooks.onBatch) {
      const elapsedMs = Date.now() - started;
      const rate = (done.keys - keysAtStart) / Math.max(elapsedMs, 1);
      const etaMs = totalKeys === null || rate <= 0 ? null : Math.max(0, totalKeys - done.keys) / rate;
      hooks.onBatch({
        where: job.where,
        statement: job.statement,
        batches: done.batches,
        rows: done.rows,
        keys: done.keys,
        runKeys: done.keys - keysAtStart,
        totalKeys,
        elapsedMs,
        lastBatchMs: Date.now() - batchStart,
        etaMs,
      });
    }
  }
}
