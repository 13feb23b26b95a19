import type { Db } from '../db';
import { qualified } from '../sql';
import { SchemakitError } from '../util';
import { readBloat } from './bloat';
import { num, systemSchemas } from './context';

/** One maintenance statement, run on its own (VACUUM cannot run inside a transaction block). */
export interface MaintenanceStep {
  /** `schema.table`, or `schema.matview`. */
  readonly object: string;
  readonly sql: string;
  /** Why it is there when a condition chose it (`bloat 42.1% (estimate)`), else null. */
  readonly reason: string | null;
}

/** Options of planVacuum. */
export interface VacuumOptions {
  /** Tables as written (`orders`, `sales.orders`, resolved like Postgres does); all user tables when empty. */
  readonly tables?: readonly string[];
  /** VACUUM FULL (rewrites the table under an ACCESS EXCLUSIVE lock). */
  readonly full?: boolean;
  /** Only tables whose bloat (estimate, or pgstattuple when installed) is at least this percentage. */
  readonly ifBloatOverPct?: number;
}

interface Rel {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
}

const RELS = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = ANY ($1::"char"[]) AND ${systemSchemas} ORDER BY n.nspname, c.relname`;

/** Resolves names the way Postgres does (search_path, quoting); a name that is not a relation of the kinds is an error naming it. */
async function resolveRels(db: Db, names: readonly string[], kinds: string, what: string): Promise<Rel[]> {
  const all = (await db.query<Record<string, unknown>>(RELS, [kinds.split('')])).map((r) => ({
    oid: num(r.oid)!,
    schema: r.schema as string,
    name: r.name as string,
  }));
  if (names.length === 0) return all;
  const out: Rel[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const [r] = await db.query<{ oid: string | null }>('SELECT pg_catalog.to_regclass($1)::oid::int8 AS oid', [name]).catch(() => [{ oid: null }]);
    const rel = r?.oid === null || r?.oid === undefined ? undefined : all.find((x) => x.oid === Number(r.oid));
    if (rel) {
      if (!out.includes(rel)) out.push(rel);
    } else missing.push(name);
  }
  if (missing.length > 0) throw new SchemakitError('health', 'unknown-table', `no ${what} named ${missing.join(', ')}`);
  return out;
}

/** The VACUUM or ANALYZE statements to run, one per table, filtered by bloat when asked. */
export async function planVacuum(db: Db, mode: 'vacuum' | 'analyze', o: VacuumOptions = {}): Promise<MaintenanceStep[]> {
  if (mode === 'analyze' && (o.full || o.ifBloatOverPct !== undefined))
    throw new SchemakitError('health', 'bad-option', '--full and --if-bloat-over are options of vacuum, not analyze');
  const rels = await resolveRels(db, o.tables ?? [], mode === 'analyze' ? 'rmp' : 'rm', 'table or materialized view');
  let reasons: Map<number, string> | null = null;
  if (o.ifBloatOverPct !== undefined) {
    const bloat = await readBloat(db, { pct: o.ifBloatOverPct, bytes: 0 }, { tables: true, indexes: false });
    reasons = new Map(bloat.map((b) => [b.oid, `bloat ${b.bloatPct}% (${b.method})`]));
  }
  const options = mode === 'analyze' ? '' : o.full ? ' (FULL, ANALYZE)' : ' (ANALYZE)';
  return rels
    .filter((r) => reasons === null || reasons.has(r.oid))
    .map((r) => ({
      object: `${r.schema}.${r.name}`,
      sql: `${mode.toUpperCase()}${options} ${qualified(r.schema, r.name)}`,
      reason: reasons?.get(r.oid) ?? null,
    }));
}

/** What one step did. */
export interface MaintenanceResult extends MaintenanceStep {
  readonly ms: number;
}

/** Runs the steps in order, outside any transaction; `onStep` is told before each one (progress). */
export async function runMaintenance(
  db: Db,
  steps: readonly MaintenanceStep[],
  onStep: (i: number, s: MaintenanceStep) => void = () => undefined,
): Promise<MaintenanceResult[]> {
  const out: MaintenanceResult[] = [];
  for (const [i, s] of steps.entries()) {
    onStep(i, s);
    const started = performance.now();
    try {
      await db.exec(s.sql);
    } catch (err) {
      throw new SchemakitError(
        'health',
        'maintenance-failed',
        `${s.sql} failed after ${out.length} of ${steps.length} step(s) ran: ${(err as Error).message}`,
        { cause: err },
      );
    }
    out.push({ ...s, ms: Math.round(performance.now() - started) });
  }
  return out;
}
