import { finding, num, round1, type CheckResult, type HealthContext } from './context';
import type { Finding, Unavailable } from './types';

const CONNECTIONS = `
SELECT coalesce(state, backend_type) AS state, count(*)::int AS n,
       (SELECT setting::int FROM pg_catalog.pg_settings WHERE name = 'max_connections') AS max
  FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1 ORDER BY 1`;

const LONG = `
SELECT pid, usename AS "user", datname AS database, state, left(query, 200) AS query,
       extract(epoch FROM now() - xact_start)::float8 AS seconds
  FROM pg_catalog.pg_stat_activity
 WHERE xact_start IS NOT NULL AND pid <> pg_catalog.pg_backend_pid() AND backend_type = 'client backend'
   AND now() - xact_start >= make_interval(secs => $1)
 ORDER BY xact_start`;

const BLOCKED = `
SELECT a.pid, a.datname AS database, left(a.query, 200) AS query, extract(epoch FROM now() - coalesce(a.query_start, a.xact_start))::float8 AS seconds,
       pg_catalog.pg_blocking_pids(a.pid) AS blockers,
       ARRAY(SELECT left(b.query, 200) || ' [' || coalesce(b.state, '?') || ']' FROM pg_catalog.pg_stat_activity b
              WHERE b.pid = ANY (pg_catalog.pg_blocking_pids(a.pid)) ORDER BY b.pid) AS blocker_queries
  FROM pg_catalog.pg_stat_activity a
 WHERE cardinality(pg_catalog.pg_blocking_pids(a.pid)) > 0
 ORDER BY a.pid`;

/** Connections by state, long-running transactions and blocking chains (pg_blocking_pids), server-wide. */
export async function checkActivity(ctx: HealthContext, multiSession: boolean): Promise<CheckResult> {
  const out: Finding[] = [];
  const unavailable: Unavailable[] = [];
  const kinds = (['connections', 'long-transaction', 'blocked-session'] as const).filter(ctx.wants);
  if (!multiSession) {
    for (const kind of kinds) unavailable.push({ kind, reason: 'this engine has a single session (PGlite): no other connections to look at' });
    return { findings: out, unavailable };
  }
  const t = ctx.thresholds;
  if (ctx.wants('connections')) {
    const rows = await ctx.db.query<{ state: string; n: number; max: number }>(CONNECTIONS);
    const total = rows.reduce((s, r) => s + r.n, 0);
    const max = rows[0]?.max ?? 100;
    const pct = round1((100 * total) / max);
    const byState: Record<string, number> = {};
    for (const r of rows) byState[r.state] = r.n;
    out.push(
      finding(
        'connections',
        pct >= t.connectionsPct ? 'warning' : 'info',
        null,
        `${total} of ${max} connections in use (${pct}%): ${rows.map((r) => `${r.n} ${r.state}`).join(', ')}`,
        { total, max, pct, ...byState },
        pct >= t.connectionsPct ? { text: 'put a pooler (PgBouncer) in front, or close idle connections' } : null,
      ),
    );
  }
  if (ctx.wants('long-transaction')) {
    for (const r of await ctx.db.query<Record<string, unknown>>(LONG, [t.longTransactionSeconds])) {
      const seconds = Math.round(num(r.seconds)!);
      out.push(
        finding(
          'long-transaction',
          r.state === 'idle in transaction' ? 'error' : 'warning',
          `pid ${r.pid}`,
          `pid ${r.pid} (${r.user}@${r.database}, ${r.state}) has had a transaction open for ${seconds} s: ${r.query}`,
          { pid: num(r.pid), seconds, state: r.state as string },
          { text: 'it holds back vacuum and may hold locks: end it in the application, or cancel it', sql: `SELECT pg_cancel_backend(${num(r.pid)});` },
        ),
      );
    }
  }
  if (ctx.wants('blocked-session')) {
    for (const r of await ctx.db.query<Record<string, unknown>>(BLOCKED)) {
      const blockers = (r.blockers as number[]).map(Number);
      const seconds = Math.round(num(r.seconds) ?? 0);
      out.push(
        finding(
          'blocked-session',
          'error',
          `pid ${r.pid}`,
          `pid ${r.pid} (${r.database}) has waited ${seconds} s, blocked by pid ${blockers.join(', ')}: ${r.query} ← ${(r.blocker_queries as string[]).join(' | ')}`,
          { pid: num(r.pid), seconds, 'blocked-by': blockers.join(',') },
          {
            text: 'end the blocking transaction (cancel first, terminate if it is idle in transaction)',
            sql: blockers.map((p) => `SELECT pg_cancel_backend(${p});`).join(' '),
          },
        ),
      );
    }
  }
  return { findings: out, unavailable };
}
