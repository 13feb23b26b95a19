import { queryRow } from '../db';
import { finding, hasExtension, num, round1, type CheckResult, type HealthContext } from './context';
import type { Finding } from './types';

/** How to install pg_stat_statements, for the step that is missing. */
export function statementsHowTo(preloaded: boolean, created: boolean): string {
  const steps = [
    ...(preloaded
      ? []
      : ["add pg_stat_statements to shared_preload_libraries in postgresql.conf (shared_preload_libraries = 'pg_stat_statements') and restart the server"]),
    ...(created ? [] : ['run CREATE EXTENSION pg_stat_statements; in this database']),
  ];
  return `pg_stat_statements is not installed: ${steps.join(', then ')}`;
}

const topSql = (v: number, order: string, limit: number) => {
  const [total, mean] = v >= 130000 ? ['total_exec_time', 'mean_exec_time'] : ['total_time', 'mean_time'];
  return `
SELECT queryid::text AS id, left(regexp_replace(query, '\\s+', ' ', 'g'), 300) AS query, calls::float8 AS calls, ${total}::float8 AS total_ms,
       ${mean}::float8 AS mean_ms, rows::float8 AS rows, 100 * ${total} / nullif(sum(${total}) OVER (), 0) AS pct
  FROM pg_stat_statements
 WHERE dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
 ORDER BY ${order === 'total' ? total : mean} DESC LIMIT ${Math.max(0, Math.floor(limit))}`;
};

/** The top queries by total and by mean time from pg_stat_statements, or how to install it. */
export async function checkStatements(ctx: HealthContext, available: boolean): Promise<CheckResult> {
  if (!ctx.wants('top-queries') && !ctx.wants('pg-stat-statements')) return { findings: [], unavailable: [] };
  if (!available) return { findings: [], unavailable: [{ kind: 'top-queries', reason: 'this engine has no pg_stat_statements (PGlite)' }] };
  const { preloaded } = await queryRow<{ preloaded: boolean }>(
    ctx.db,
    `SELECT current_setting('shared_preload_libraries') ~ '(^|[ ,])"?pg_stat_statements"?($|[ ,])' AS preloaded`,
  );
  const created = await hasExtension(ctx.db, 'pg_stat_statements');
  if (!preloaded || !created) {
    return {
      findings: ctx.wants('pg-stat-statements')
        ? [
            finding(
              'pg-stat-statements',
              'info',
              null,
              statementsHowTo(preloaded, created),
              { preloaded: String(preloaded), created: String(created) },
              {
                text: preloaded
                  ? 'create the extension'
                  : "preload the library (shared_preload_libraries = 'pg_stat_statements', restart), then create the extension",
                ...(created ? {} : { sql: 'CREATE EXTENSION pg_stat_statements;' }),
              },
            ),
          ]
        : [],
      unavailable: ctx.wants('top-queries') ? [{ kind: 'top-queries', reason: statementsHowTo(preloaded, created) }] : [],
    };
  }
  if (!ctx.wants('top-queries')) return { findings: [], unavailable: [] };
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const order of ['total', 'mean'] as const) {
    for (const r of await ctx.db.query<Record<string, unknown>>(topSql(ctx.db.serverVersion, order, ctx.thresholds.topQueries))) {
      if (seen.has(r.id as string)) continue;
      seen.add(r.id as string);
      const [total, mean, calls] = [round1(num(r.total_ms)!), round1(num(r.mean_ms)!), num(r.calls)!];
      out.push(
        finding(
          'top-queries',
          'info',
          `query ${r.id}`,
          `${order === 'total' ? 'top by total time' : 'top by mean time'}: ${calls} call(s), ${total} ms total (${round1(num(r.pct) ?? 0)}%), ${mean} ms mean: ${r.query}`,
          { calls, 'total-ms': total, 'mean-ms': mean, rows: num(r.rows), 'pct-of-total': round1(num(r.pct) ?? 0), query: r.query as string },
          { text: 'EXPLAIN (ANALYZE, BUFFERS) it; a filter on a large table usually wants an index' },
        ),
      );
    }
  }
  return { findings: out, unavailable: [] };
}
