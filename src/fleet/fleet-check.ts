import { checkData, type CheckDeclarations, type CheckFinding, type CheckReport } from '../check';
import type { Db } from '../db';
import { emptyIntegrity } from '../model';
import { FleetConnections, withFleetTarget } from './open-target';
import { renameSchemaIn } from './fleet-plan';
import { runFleet, type TargetOutcome } from './run-fleet';
import type { FleetRunOptions, FleetTarget, TargetResult } from './types';

/** Options of checkFleet. */
export interface FleetCheckOptions extends FleetRunOptions {
  /** Declarations (expectations, natural keys, logical foreign keys, file:line); null: catalog checks only. */
  readonly declared?: (CheckDeclarations & { readonly tenantSchema?: string }) | null;
  /** The declared schema that tenant targets bind (see declaredTenantSchema); default `public`. */
  readonly boundSchema?: string;
  /** Only checks of these tables (`table` or `schema.table`; in a tenant, `table` means the tenant's). */
  readonly tables?: readonly string[];
  /** statement_timeout of each check query (default 30 000 ms). */
  readonly timeoutMs?: number;
}

/** `3 finding(s): orphans app.orders (2), …` */
export function findingsSummary(findings: readonly CheckFinding[]): string {
  const head = findings
    .slice(0, 3)
    .map((f) => `${f.kind} ${f.object} (${f.count})`)
    .join(', ');
  return `${findings.length} finding(s): ${head}${findings.length > 3 ? ', …' : ''}`;
}

/** The declarations as they read in one tenant: every name of the bound schema renamed to the tenant's. */
function declarationsFor(declared: CheckDeclarations | null | undefined, bound: string, tenant: string): CheckDeclarations {
  const integrity = renameSchemaIn(declared?.integrity ?? emptyIntegrity, bound, tenant);
  const locations = new Map(renameSchemaIn([...(declared?.locations ?? new Map<string, string>())], bound, tenant));
  return { integrity, locations };
}

/** Checks one tenant schema: only its tables, with the declarations rebound to it. */
async function checkTenant(db: Db, tenant: string, options: FleetCheckOptions): Promise<CheckReport> {
  const bound = options.boundSchema ?? options.declared?.tenantSchema ?? 'public';
  const tables = options.tables?.length ? options.tables.map((t) => `${tenant}.${t.includes('.') ? t.slice(t.indexOf('.') + 1) : t}`) : undefined;
  return checkData(db, { declared: declarationsFor(options.declared, bound, tenant), schemas: [tenant], tables, timeoutMs: options.timeoutMs });
}

/** One target's outcome: failed with a summary of the findings, ok with the number of checks. */
function outcomeOf(report: CheckReport): TargetOutcome {
  const detail = { checked: report.checked, findings: report.findings, skipped: report.skipped };
  const skipped = report.skipped.length ? `, ${report.skipped.length} not checked` : '';
  if (report.findings.length > 0)
    return { before: null, after: null, detail, failed: findingsSummary(report.findings), summary: `${report.checked} check(s)${skipped}` };
  return { before: null, after: null, detail, summary: `${report.checked} check(s), no findings${skipped}` };
}

/**
 * `check` on every target, each in its own read-only transaction exactly as for one database. A tenant
 * schema is checked alone: the checks of its own tables, with the declarations (expectations, natural keys,
 * logical foreign keys) rebound from the declared schema to the tenant's. A target with findings fails
 * and names them; a target that cannot be reached fails alone.
 */
export async function checkFleet(targets: readonly FleetTarget[], options: FleetCheckOptions = {}): Promise<TargetResult[]> {
  const pool = new FleetConnections();
  try {
    return await runFleet(
      targets,
      (t) =>
        withFleetTarget(
          t,
          async (db) =>
            outcomeOf(
              t.schema
                ? await checkTenant(db, t.schema, options)
                : await checkData(db, { declared: options.declared, tables: options.tables, timeoutMs: options.timeoutMs }),
            ),
          pool,
        ),
      options,
    );
  } finally {
    await pool.close();
  }
}
