import { withTransaction, type Db } from '../db';
import { SchemakitError, must } from '../util';
import { insertProgress, type BatchProgress, type HistoryLocation } from './history';
import { parseBatchDirective, type BatchSpec } from './batch-directive';
import { runBatched, type BatchHooks } from './run-batched';
import type { FileStatement } from './split-statements';

/** A migration script ready to run: its statements, which run outside the transaction, and how to finish. */
export interface Script {
  /** Names the script in messages, e.g. `generated/migrations/2026…_init/up.sql`. */
  readonly file: string;
  /** The history key of the migration (progress rows are recorded under it). */
  readonly version: string;
  /** sha256 of the script text (progress rows from another text of the script are refused). */
  readonly checksum: string;
  readonly statements: readonly FileStatement[];
  /** 1-based numbers of the statements that must run outside a transaction. */
  readonly outside: ReadonlySet<number>;
  /** Run before (re-)running an outside-transaction statement, to clear what an interruption left. */
  readonly beforeRetry: ReadonlyMap<number, string>;
  /** Statements that committed in an interrupted earlier run (skipped now). */
  readonly done: ReadonlySet<number>;
  /** Batched statements an interrupted earlier run left part done (they resume after their last batch). */
  readonly partial?: ReadonlyMap<number, BatchProgress>;
  /** Runs inside the script's last transaction, e.g. writing the history row. */
  readonly finish: (db: Db) => Promise<void>;
  /** Where progress rows go (default schemakit.migration_progress). */
  readonly history?: HistoryLocation;
}

/** What a script's batched statements did (earlier interrupted runs included). */
export interface ScriptResult {
  readonly batches: number;
  readonly rows: number;
}

/** Hooks of runScript (batched statements report each batch, see BatchHooks). */
export interface ScriptHooks extends BatchHooks {
  /**
   * Called (and awaited) before statement `n` (1-based) runs; `n = statements + 1` just before the final
   * COMMIT. Tests use it to kill the process at a chosen point.
   */
  readonly beforeStatement?: (file: string, n: number, total: number) => Promise<void> | void;
}

interface Unit {
  readonly transactional: boolean;
  readonly numbers: readonly number[];
}

/** Consecutive transactional statements form one unit; every outside-transaction statement is its own. */
function unitsOf(s: Script): Unit[] {
  const out: { transactional: boolean; numbers: number[] }[] = [];
  s.statements.forEach((_, i) => {
    const n = i + 1;
    const transactional = !s.outside.has(n);
    const last = out[out.length - 1];
    if (transactional && last?.transactional) last.numbers.push(n);
    else out.push({ transactional, numbers: [n] });
  });
  return out;
}

/**
 * Runs a script. Without statements outside a transaction it is one transaction with `finish`, so an
 * interruption anywhere leaves the database as before. Otherwise each outside statement runs on its own and
 * each run of the others in a transaction, each recording its statements in schemakit.migration_progress
 * as it commits; `finish` goes with the last transaction (or one of its own). A re-run skips what committed.
 * A failure names the file, the statement (number, line, text) and what had committed.
 */
export async function runScript(db: Db, s: Script, hooks: ScriptHooks = {}): Promise<ScriptResult> {
  const total = s.statements.length;
  const specs = batchSpecs(s);
  const result = { batches: 0, rows: 0 };
  const units = unitsOf(s).filter((u) => !u.numbers.every((n) => s.done.has(n)));
  const tracked = s.outside.size > 0;
  const committed: number[] = [...s.done];
  let current = 0;
  const statement = (n: number) => must(s.statements[n - 1], `statement ${n} of ${s.file}`);
  const exec = async (n: number) => {
    current = n;
    await hooks.beforeStatement?.(s.file, n, total);
    await db.exec(statement(n).sql);
  };
  try {
    for (const [i, unit] of units.entries()) {
      const last = i === units.length - 1;
      if (!unit.transactional) {
        const n = must(unit.numbers[0], `statement of a unit of ${s.file}`);
        const retry = s.beforeRetry.get(n);
        current = n;
        const spec = specs.get(n);
        if (spec) {
          await hooks.beforeStatement?.(s.file, n, total);
          const st = statement(n);
          const job = {
            where: `${s.file}:${st.line}`,
            version: s.version,
            checksum: s.checksum,
            statement: n,
            sql: st.sql,
            spec,
            from: s.partial?.get(n) ?? null,
            history: s.history,
          };
          const totals = await runBatched(db, job, hooks);
          result.batches += totals.batches;
          result.rows += totals.rows;
        } else {
          if (retry) await db.exec(retry);
          await exec(n);
        }
        await insertProgress(db, s.version, s.checksum, n, s.history);
        committed.push(n);
        continue;
      }
      await withTransaction(db, async () => {
        for (const n of unit.numbers) await exec(n);
        if (tracked) for (const n of unit.numbers) await insertProgress(db, s.version, s.checksum, n, s.history);
        if (last) {
          current = total + 1;
          await hooks.beforeStatement?.(s.file, total + 1, total);
          await s.finish(db);
        }
      });
      committed.push(...unit.numbers);
    }
    if (!units.at(-1)?.transactional) {
      current = total + 1;
      await withTransaction(db, async () => {
        await hooks.beforeStatement?.(s.file, total + 1, total);
        await s.finish(db);
      });
    }
    return result;
  } catch (cause) {
    throw scriptFailure(s, current, committed, cause);
  }
}

/** The batch directives of the script, parsed before anything runs (a bad one names file:line). */
function batchSpecs(s: Script): Map<number, BatchSpec> {
  const out = new Map<number, BatchSpec>();
  s.statements.forEach((st, i) => {
    if (st.batch !== null) out.set(i + 1, parseBatchDirective(st.batch, `${s.file}:${st.line}`));
  });
  return out;
}

function scriptFailure(s: Script, n: number, committed: readonly number[], cause: unknown): SchemakitError {
  const reason = cause instanceof Error ? cause.message.replace(/^db: /, '') : String(cause);
  const st = s.statements[n - 1];
  const where = st
    ? `statement ${n} of ${s.statements.length} (line ${st.line}${s.outside.has(n) ? ', outside the transaction' : ''}): ${firstLine(st.sql)}`
    : 'recording it in the history';
  const progressTable = s.history ? `${s.history.schema}.${s.history.progress}` : 'schemakit.migration_progress';
  const done =
    committed.length === 0
      ? 'Nothing of it was committed: the database is as before this migration.'
      : `Statements ${ranges(committed)} of it had committed (recorded in ${progressTable}); the next run resumes after them.`;
  const batched =
    s.statements[n - 1]?.batch != null ? ` Its committed batches are recorded in ${progressTable}: the next run resumes after the last of them.` : '';
  return new SchemakitError('migrate', 'statement-failed', `${s.file}: ${where} failed: ${reason}. ${done}${batched}`, { cause });
}

const firstLine = (sql: string) => {
  const lines = sql.split('\n');
  return lines.length > 1 ? `${lines[0]} …` : lines[0];
};

/** `1-3, 5` */
function ranges(ns: readonly number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const runs: [first: number, last: number][] = [];
  for (const n of sorted) {
    const run = runs.at(-1);
    if (run && n === run[1] + 1) run[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(', ');
}
