import { inTransaction, queryRow, withTransaction, type Db } from '../db';
import { emptyIntegrity } from '../model';
import { SchemakitError, firstLine } from '../util';
import { planDataChecks, planInvalidIndexes, planSequences } from './catalog-queries';
import { planLogicalForeignKeys, planNotValid } from './constraint-queries';
import type { DataQuery, Planned } from './data-query';
import { planExpectations, planNaturalKeys } from './expectation-queries';
import { readLiveTables, resolveTableName } from './live-tables';
import type { CheckDeclarations, CheckFinding, CheckReport, CheckSkipped } from './types';

/** Options of checkData(). */
export interface CheckOptions {
  /** Declarations: expectations, natural keys, logical foreign keys, and file:line of each. */
  readonly declared?: CheckDeclarations | null;
  /** Only checks reading these tables (`schema.table` or `table`); unknown names are an error. */
  readonly tables?: readonly string[];
  /**
   * Only the tables of these schemas (a fleet's tenant schema): checks of other schemas' tables are not
   * run, and the live tables are read for these schemas alone. Data checks (free SQL) still run.
   */
  readonly schemas?: readonly string[];
  /** statement_timeout of each check query, in milliseconds (default 30 000; 0 for none). */
  readonly timeoutMs?: number;
  /** Called before each check (progress). */
  readonly onCheck?: (object: string, i: number, total: number) => void;
}

/** The first line of an error, with a timeout said plainly. */
function reasonOf(err: unknown, timeoutMs: number): string {
  const e = err as { code?: string; message?: string };
  if (e.code === '57014' || /statement timeout/.test(e.message ?? '')) return `cancelled after the ${timeoutMs} ms statement_timeout (raise --timeout)`;
  return firstLine(e.message ?? String(err));
}

/**
 * Checks the live data against the declarations and the catalog, in one read-only transaction with a
 * statement_timeout per query: rows violating NOT VALID constraints, orphans of logical foreign keys,
 * duplicates over natural keys, expectations, data checks, invalid indexes, sequences behind their
 * column. Each check runs in a savepoint, so one that fails (timeout, bad SQL) is reported as skipped
 * and the others still run.
 */
export async function checkData(db: Db, options: CheckOptions = {}): Promise<CheckReport> {
  const integrity = options.declared?.integrity ?? emptyIntegrity;
  const locations = options.declared?.locations;
  const locate = (k: string) => locations?.get(k) ?? null;
  const timeout = Math.max(0, Math.floor(options.timeoutMs ?? 30_000));
  const outer = !inTransaction(db);
  return withTransaction(db, async () => {
    if (outer) await db.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await db.exec(`SET LOCAL statement_timeout = ${timeout}; SET LOCAL lock_timeout = ${Math.min(timeout || 5000, 5000)}`);
    const { ro } = await queryRow<{ ro: string }>(db, `SELECT current_setting('transaction_read_only') AS ro`);
    const tables = await readLiveTables(db, options.schemas);
    let only: Set<string> | null = null;
    if (options.tables && options.tables.length > 0) {
      const bad = options.tables.filter((t) => resolveTableName(t, tables) === null);
      if (bad.length > 0) throw new SchemakitError('check', 'unknown-table', `no table ${bad.join(', ')} in ${db.description}`);
      only = new Set(options.tables.map((t) => resolveTableName(t, tables)!));
    }
    const planned: Planned[] = [
      await planNotValid(db, tables, locate),
      planLogicalForeignKeys(integrity.logicalForeignKeys, tables),
      planNaturalKeys(integrity.naturalKeys, tables),
      planExpectations(integrity.expectations, tables),
      only ? { queries: [], skipped: [] } : planDataChecks(integrity.dataChecks),
      await planInvalidIndexes(db, locate),
      await planSequences(db, tables, locate),
    ];
    const inScope = (table: string | null) => !options.schemas || table === null || tables.has(table);
    const wanted = (table: string | null) => inScope(table) && (only === null || (table !== null && only.has(table)));
    const queries = planned.flatMap((p) => p.queries).filter((q) => wanted(q.table));
    const skipped: CheckSkipped[] = planned
      .flatMap((p) => p.skipped)
      .filter(
        (s) =>
          (only === null || only.has(s.object.split('.').slice(0, 2).join('.'))) &&
          (!options.schemas || s.kind === 'data-check' || options.schemas.includes(s.object.split('.')[0] ?? '')),
      );
    const findings: CheckFinding[] = [];
    for (const [i, q] of queries.entries()) {
      options.onCheck?.(q.object, i, queries.length);
      try {
        const f = await withTransaction(db, () => runQuery(db, q));
        if (f) findings.push(f);
      } catch (err) {
        skipped.push({ kind: q.kind, object: q.object, location: q.location, reason: reasonOf(err, timeout) });
      }
    }
    return { database: db.description, engine: db.engine, readOnly: ro === 'on', checked: queries.length, findings, skipped };
  });
}

/** Runs one check: null when it passes. */
async function runQuery(db: Db, q: DataQuery): Promise<CheckFinding | null> {
  const row = await queryRow<{ n: string | number; failed?: boolean; rows?: string | number }>(db, q.countSql);
  const n = Number(row.n);
  const failed = row.failed ?? n > 0;
  if (!failed) return null;
  const samples = q.sampleSql === null ? [] : (await db.query<{ v: string | null }>(q.sampleSql)).map((r) => r.v ?? 'NULL');
  const extra = row.rows !== undefined ? ` (${Number(row.rows)} rows)` : '';
  return { kind: q.kind, object: q.object, count: n, samples, message: q.describe(n) + extra, location: q.location, fix: q.fix };
}
