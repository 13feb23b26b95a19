import { connectPostgres } from '../db';
import { health, type Finding, type HealthOptions, type HealthReport, type Severity } from '../health';
import { targetId } from './resolve-fleet';
import { runFleet, type TargetOutcome } from './run-fleet';
import { withFleetTarget } from './open-target';
import type { FleetRunOptions, FleetTarget, TargetResult } from './types';

/** Options of healthFleet. */
export interface FleetHealthOptions extends FleetRunOptions, Omit<HealthOptions, 'requireColumnComments'> {
  /** A target fails when one of its findings is at least this severe (as `--fail-on`); default: only an unreachable target fails. */
  readonly failOn?: Exclude<Severity, 'info'>;
}

const counts = (fs: readonly Finding[]) => ({
  errors: fs.filter((f) => f.severity === 'error').length,
  warnings: fs.filter((f) => f.severity === 'warning').length,
  infos: fs.filter((f) => f.severity === 'info').length,
});

/** One row: the findings of a target, failed when `failOn` is met (naming the worst findings). */
function outcomeOf(findings: readonly Finding[], unavailable: HealthReport['unavailable'], failOn: FleetHealthOptions['failOn']): TargetOutcome {
  const c = counts(findings);
  const failing = findings.filter((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'));
  const summary = `${c.errors} error(s), ${c.warnings} warning(s), ${c.infos} info`;
  const failed =
    failOn && failing.length > 0
      ? `${failing.length} finding(s) at --fail-on ${failOn}: ${failing
          .slice(0, 3)
          .map((f) => `${f.kind} ${f.object ?? '(database)'}`)
          .join(', ')}${failing.length > 3 ? ', …' : ''}`
      : null;
  return { before: null, after: null, summary, failed, detail: { summary: c, findings, unavailable } };
}

/** The design lint is about the declarations, not a target: it is left out of fleet rows (run `health --schema`). */
const live = (r: HealthReport) => r.findings.filter((f) => f.category !== 'design');

/**
 * `health` on every target. A database target gets the doctor's report as for one database. Tenant
 * schemas share their database's statistics, so each database holding tenants is examined once: every
 * finding about an object of a tenant schema goes to that tenant's row, and the database-wide ones (cache,
 * wraparound, connections, other schemas) to one row for the database itself (`host:port/db`).
 */
export async function healthFleet(targets: readonly FleetTarget[], options: FleetHealthOptions = {}): Promise<TargetResult[]> {
  const { failOn, ...rest } = options;
  const dbTargets = targets.filter((t) => !t.schema);
  const tenantUrls = [...new Set(targets.filter((t) => t.schema).map((t) => t.url))];
  const reports = new Map<string, HealthReport>();
  const databaseRows = await runFleet(
    tenantUrls.map((url) => ({ id: targetId(url), url, schema: null })),
    async (d) => {
      const db = await connectPostgres(d.url);
      try {
        const r = await health(db, rest);
        reports.set(d.url, r);
        const tenants = new Set(targets.filter((t) => t.url === d.url).map((t) => t.schema));
        const own = live(r).filter((f) => !tenants.has(f.object?.split('.')[0] ?? null));
        return outcomeOf(own, r.unavailable, failOn);
      } finally {
        await db.close().catch(() => undefined);
      }
    },
    { ...options, canary: 0, onProgress: undefined },
  );
  const dbRows = await runFleet(
    dbTargets,
    (t) =>
      withFleetTarget(t, async (db) => {
        const r = await health(db, rest);
        return outcomeOf(live(r), r.unavailable, failOn);
      }),
    options,
  );
  const byId = new Map(dbTargets.map((t, i) => [t.id, dbRows[i]]));
  const failedDb = new Map(tenantUrls.map((url, i) => [url, databaseRows[i]]));
  const tenantRows = targets
    .filter((t) => t.schema)
    .map((t): TargetResult => {
      const r = reports.get(t.url);
      if (!r) return { ...failedDb.get(t.url)!, target: t.id };
      const o = outcomeOf(
        live(r).filter((f) => f.object?.split('.')[0] === t.schema),
        [],
        failOn,
      );
      return {
        target: t.id,
        status: o.failed ? 'failed' : 'ok',
        before: null,
        after: null,
        durationMs: 0,
        error: o.failed ?? null,
        summary: o.summary,
        detail: o.detail,
      };
    });
  return [...targets.map((t) => byId.get(t.id)).filter((r): r is TargetResult => r !== undefined), ...databaseRows, ...tenantRows];
}
