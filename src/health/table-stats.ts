import type { Db } from '../db';
import { num, systemSchemas } from './context';

/** One table's size and statistics counters. */
export interface TableStat {
  readonly schema: string;
  readonly table: string;
  readonly matview: boolean;
  /** pg_class.reltuples (null before the first VACUUM/ANALYZE). */
  readonly rows: number | null;
  readonly pages: number;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly seqScans: number;
  readonly seqRowsRead: number;
  readonly indexScans: number;
  readonly liveRows: number;
  readonly deadRows: number;
  readonly modifiedSinceAnalyze: number;
  readonly lastVacuum: string | null;
  readonly lastAnalyze: string | null;
  readonly vacuumDays: number | null;
  readonly analyzeDays: number | null;
  readonly xidAge: number;
  readonly heapHit: number;
  readonly heapRead: number;
}

const SQL = `
SELECT n.nspname AS schema, c.relname AS "table", c.relkind = 'm' AS matview,
       CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples END::float8 AS rows, c.relpages::float8 AS pages,
       pg_catalog.pg_relation_size(c.oid)::float8 AS bytes, pg_catalog.pg_total_relation_size(c.oid)::float8 AS total_bytes,
       coalesce(s.seq_scan, 0)::float8 AS seq_scans, coalesce(s.seq_tup_read, 0)::float8 AS seq_rows_read,
       coalesce(s.idx_scan, 0)::float8 AS index_scans, coalesce(s.n_live_tup, 0)::float8 AS live_rows,
       coalesce(s.n_dead_tup, 0)::float8 AS dead_rows, coalesce(s.n_mod_since_analyze, 0)::float8 AS modified,
       greatest(s.last_vacuum, s.last_autovacuum) AS last_vacuum, greatest(s.last_analyze, s.last_autoanalyze) AS last_analyze,
       extract(epoch FROM now() - greatest(s.last_vacuum, s.last_autovacuum))::float8 / 86400 AS vacuum_days,
       extract(epoch FROM now() - greatest(s.last_analyze, s.last_autoanalyze))::float8 / 86400 AS analyze_days,
       pg_catalog.age(c.relfrozenxid)::float8 AS xid_age,
       coalesce(io.heap_blks_hit, 0)::float8 AS heap_hit, coalesce(io.heap_blks_read, 0)::float8 AS heap_read
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_stat_user_tables s ON s.relid = c.oid
  LEFT JOIN pg_catalog.pg_statio_user_tables io ON io.relid = c.oid
 WHERE c.relkind IN ('r', 'm') AND ${systemSchemas}
 ORDER BY n.nspname, c.relname`;

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

/** Every table and materialized view of the user's schemas with its counters, in one query. */
export async function readTableStats(db: Db): Promise<TableStat[]> {
  const rows = await db.query<Record<string, unknown>>(SQL);
  return rows.map((r) => ({
    schema: r.schema as string,
    table: r.table as string,
    matview: r.matview as boolean,
    rows: num(r.rows),
    pages: num(r.pages)!,
    bytes: num(r.bytes)!,
    totalBytes: num(r.total_bytes)!,
    seqScans: num(r.seq_scans)!,
    seqRowsRead: num(r.seq_rows_read)!,
    indexScans: num(r.index_scans)!,
    liveRows: num(r.live_rows)!,
    deadRows: num(r.dead_rows)!,
    modifiedSinceAnalyze: num(r.modified)!,
    lastVacuum: iso(r.last_vacuum),
    lastAnalyze: iso(r.last_analyze),
    vacuumDays: num(r.vacuum_days),
    analyzeDays: num(r.analyze_days),
    xidAge: num(r.xid_age)!,
    heapHit: num(r.heap_hit)!,
    heapRead: num(r.heap_read)!,
  }));
}
