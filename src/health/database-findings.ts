import { queryRow } from '../db';
import { formatBytes } from '../util';
import { finding, num, round1, type CheckResult, type HealthContext } from './context';
import type { Finding } from './types';

/** The database's size, overall buffer cache hit ratio, transaction ID age and statistics reset time. */
export interface DatabaseStat {
  readonly name: string;
  readonly bytes: number;
  readonly xidAge: number;
  readonly blocksHit: number;
  readonly blocksRead: number;
  readonly statsReset: string | null;
}

const SQL = `
SELECT d.datname AS name, pg_catalog.pg_database_size(d.oid)::float8 AS bytes, pg_catalog.age(d.datfrozenxid)::float8 AS xid_age,
       coalesce(s.blks_hit, 0)::float8 AS hit, coalesce(s.blks_read, 0)::float8 AS read, s.stats_reset
  FROM pg_catalog.pg_database d LEFT JOIN pg_catalog.pg_stat_database s ON s.datid = d.oid
 WHERE d.datname = current_database()`;

/** Reads the current database's figures. */
export async function readDatabaseStat(ctx: HealthContext): Promise<DatabaseStat> {
  const r = await queryRow<Record<string, unknown>>(ctx.db, SQL);
  const reset = r.stats_reset as Date | string | null;
  return {
    name: r.name as string,
    bytes: num(r.bytes)!,
    xidAge: num(r.xid_age)!,
    blocksHit: num(r.hit)!,
    blocksRead: num(r.read)!,
    statsReset: reset === null || reset === undefined ? null : reset instanceof Date ? reset.toISOString() : String(reset),
  };
}

/** Database size (info), overall cache hit ratio and the database's transaction ID age. */
export function checkDatabase(ctx: HealthContext, d: DatabaseStat, statsCollected: boolean): CheckResult {
  const t = ctx.thresholds;
  const out: Finding[] = [];
  if (ctx.wants('database-size')) {
    out.push(finding('database-size', 'info', d.name, `database ${d.name}: ${formatBytes(d.bytes)}`, { bytes: d.bytes, 'xid-age': d.xidAge }, null));
  }
  if (ctx.wants('cache-hit-ratio') && statsCollected) {
    const blocks = d.blocksHit + d.blocksRead;
    const pct = blocks > 0 ? round1((100 * d.blocksHit) / blocks) : null;
    const low = pct !== null && blocks >= t.cacheMinBlocks && pct < t.cacheHitPct;
    out.push(
      finding(
        'cache-hit-ratio',
        low ? 'warning' : 'info',
        d.name,
        pct === null ? `database ${d.name}: no blocks read yet` : `database ${d.name}: ${pct}% of ${blocks} block reads were served from the buffer cache`,
        { 'hit-pct': pct, 'blocks-hit': d.blocksHit, 'blocks-read': d.blocksRead },
        low ? { text: 'the working set does not fit in shared_buffers: raise it, or find the queries reading most (top-queries)' } : null,
      ),
    );
  }
  if (ctx.wants('xid-wraparound') && d.xidAge >= t.xidAgeWarn) {
    out.push(
      finding(
        'xid-wraparound',
        d.xidAge >= t.xidAgeError ? 'error' : 'warning',
        d.name,
        `database ${d.name}: oldest unfrozen transaction ID is ${d.xidAge} transactions old (Postgres stops writes near 2^31)`,
        { 'xid-age': d.xidAge },
        {
          text: 'vacuum the oldest tables with FREEZE (see the per-table xid-wraparound findings); check long transactions and replication slots holding the horizon',
          sql: 'VACUUM (FREEZE, ANALYZE);',
        },
      ),
    );
  }
  return { findings: out, unavailable: [] };
}
