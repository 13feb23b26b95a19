import { qualified } from '../sql';
import { formatBytes, formatRows } from '../util';
import { finding, round1, type CheckResult, type HealthContext } from './context';
import type { TableStat } from './table-stats';
import type { Finding, HealthKind, Unavailable } from './types';

const objectOf = (t: TableStat) => `${t.schema}.${t.table}`;
const days = (d: number | null) => (d === null ? null : round1(d));

/** Kinds computed from activity counters, which PGlite (single-user) never fills. */
const counterKinds: readonly HealthKind[] = ['dead-tuples', 'never-vacuumed', 'vacuum-overdue', 'analyze-overdue', 'missing-index', 'cache-hit-ratio'];

/** Dead tuples, vacuum/analyze age, missing-index hints, per-table cache hits, xid age and the largest tables. */
export function checkTables(ctx: HealthContext, tables: readonly TableStat[], statsCollected: boolean): CheckResult {
  const t = ctx.thresholds;
  const out: Finding[] = [];
  const unavailable: Unavailable[] = statsCollected
    ? []
    : counterKinds.filter(ctx.wants).map((kind) => ({ kind, reason: 'this engine keeps no activity counters (PGlite runs single-user)' }));
  const add = (kind: HealthKind, make: () => Finding | null) => {
    if (!ctx.wants(kind) || (!statsCollected && counterKinds.includes(kind))) return;
    const f = make();
    if (f) out.push(f);
  };
  for (const s of tables) {
    const obj = objectOf(s);
    const at = ctx.locate(obj);
    const vacuum = { text: `vacuum it (schemakit vacuum --table ${obj})`, sql: `VACUUM (ANALYZE) ${qualified(s.schema, s.table)};` };
    const analyze = { text: `analyze it (schemakit analyze --table ${obj})`, sql: `ANALYZE ${qualified(s.schema, s.table)};` };
    const deadPct = s.deadRows + s.liveRows > 0 ? (100 * s.deadRows) / (s.deadRows + s.liveRows) : 0;
    add('dead-tuples', () =>
      s.deadRows >= t.deadTuples && deadPct >= t.deadTuplesPct
        ? finding(
            'dead-tuples',
            'warning',
            obj,
            `${obj} has ${s.deadRows} dead rows (${round1(deadPct)}% of ${s.deadRows + s.liveRows}); last vacuum ${s.lastVacuum ?? 'never'}`,
            { 'dead-rows': s.deadRows, 'live-rows': s.liveRows, 'dead-pct': round1(deadPct), 'last-vacuum': s.lastVacuum },
            vacuum,
            at,
          )
        : null,
    );
    add('never-vacuumed', () =>
      s.lastVacuum === null && !s.matview && s.deadRows + s.liveRows > 0
        ? finding(
            'never-vacuumed',
            'info',
            obj,
            `${obj} (${formatRows(s.liveRows)}) has never been vacuumed`,
            { 'live-rows': s.liveRows, 'dead-rows': s.deadRows },
            vacuum,
            at,
          )
        : null,
    );
    add('vacuum-overdue', () =>
      s.vacuumDays !== null && s.vacuumDays >= t.vacuumDays && s.deadRows > 0
        ? finding(
            'vacuum-overdue',
            'warning',
            obj,
            `${obj} was last vacuumed ${days(s.vacuumDays)} days ago and has ${s.deadRows} dead rows`,
            { 'days-since-vacuum': days(s.vacuumDays), 'dead-rows': s.deadRows, 'last-vacuum': s.lastVacuum },
            vacuum,
            at,
          )
        : null,
    );
    add('never-analyzed', () =>
      s.lastAnalyze === null && (s.pages > 0 || s.modifiedSinceAnalyze > 0)
        ? finding(
            'never-analyzed',
            'warning',
            obj,
            `${obj} has never been analyzed: the planner guesses its row counts and value distribution`,
            { 'modified-rows': s.modifiedSinceAnalyze, pages: s.pages },
            analyze,
            at,
          )
        : null,
    );
    add('analyze-overdue', () =>
      s.analyzeDays !== null && s.analyzeDays >= t.analyzeDays && s.modifiedSinceAnalyze > 0
        ? finding(
            'analyze-overdue',
            'info',
            obj,
            `${obj} was last analyzed ${days(s.analyzeDays)} days ago; ${s.modifiedSinceAnalyze} rows changed since`,
            { 'days-since-analyze': days(s.analyzeDays), 'modified-rows': s.modifiedSinceAnalyze, 'last-analyze': s.lastAnalyze },
            analyze,
            at,
          )
        : null,
    );
    add('missing-index', () =>
      s.liveRows >= t.largeTableRows && s.seqScans >= t.seqScans && s.seqScans > s.indexScans
        ? finding(
            'missing-index',
            'warning',
            obj,
            `${obj} (${formatRows(s.liveRows)}, ${formatBytes(s.bytes)}) was read by ${s.seqScans} sequential scans (${Math.round(s.seqRowsRead / s.seqScans)} rows each) against ${s.indexScans} index scans`,
            {
              'seq-scans': s.seqScans,
              'index-scans': s.indexScans,
              'rows-per-seq-scan': Math.round(s.seqRowsRead / s.seqScans),
              'live-rows': s.liveRows,
              bytes: s.bytes,
            },
            {
              text: `find the filtering columns of the queries on ${obj} (top-queries, EXPLAIN) and declare an index on them${at ? ` at ${at}` : ''}`,
              typescript: 'index().on(t.<column>)',
            },
            at,
          )
        : null,
    );
    add('cache-hit-ratio', () => {
      const blocks = s.heapHit + s.heapRead;
      const pct = blocks > 0 ? (100 * s.heapHit) / blocks : 100;
      return blocks >= t.cacheMinBlocks && pct < t.cacheHitPct
        ? finding(
            'cache-hit-ratio',
            'warning',
            obj,
            `${obj} is served from the buffer cache ${round1(pct)}% of the time (${s.heapRead} blocks read from disk)`,
            { 'hit-pct': round1(pct), 'blocks-hit': s.heapHit, 'blocks-read': s.heapRead },
            { text: 'raise shared_buffers, or read less of it (an index, a narrower query)' },
            at,
          )
        : null;
    });
    add('xid-wraparound', () =>
      s.xidAge >= t.xidAgeWarn
        ? finding(
            'xid-wraparound',
            s.xidAge >= t.xidAgeError ? 'error' : 'warning',
            obj,
            `${obj} has a frozen transaction ID ${s.xidAge} transactions old (wraparound at 2^31)`,
            { 'xid-age': s.xidAge },
            { text: 'freeze it', sql: `VACUUM (FREEZE, ANALYZE) ${qualified(s.schema, s.table)};` },
            at,
          )
        : null,
    );
  }
  if (ctx.wants('table-size')) {
    for (const s of [...tables].sort((a, b) => b.totalBytes - a.totalBytes).slice(0, t.largestTables)) {
      out.push(
        finding(
          'table-size',
          'info',
          objectOf(s),
          `${objectOf(s)}: ${formatBytes(s.totalBytes)} with indexes and TOAST (${formatBytes(s.bytes)} heap), ${formatRows(s.rows === null ? null : Math.round(s.rows))}`,
          { bytes: s.totalBytes, 'heap-bytes': s.bytes, rows: s.rows === null ? null : Math.round(s.rows) },
          null,
          ctx.locate(objectOf(s)),
        ),
      );
    }
  }
  return { findings: out, unavailable };
}
