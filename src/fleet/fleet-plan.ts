import type { Declared } from '../declare';
import { connectPostgres, type Db } from '../db';
import { diffCatalogs } from '../diff';
import { introspect } from '../introspect';
import { applyPlan } from '../apply';
import { catalogHash, withMigrationLock } from '../migrate';
import type { Catalog } from '../model';
import { normalizeDeclared, planDeclared } from '../pipeline';
import { planChanges, type HazardKind, type Plan, type PlanOptions } from '../plan';
import { firstLine } from '../util';
import { runFleet } from './run-fleet';
import { targetId } from './resolve-fleet';
import { withFleetTarget } from './open-target';
import type { FleetRunOptions, FleetTarget, TargetResult } from './types';

/** Targets that share one catalog state, and the plan that brings that state to the declared schema. */
export interface FleetPlanGroup {
  /** sha256 of the (rebound) catalog: equal for equal states. */
  readonly hash: string;
  readonly targets: readonly string[];
  readonly plan: Plan;
}

/** What planFleet found. */
export interface FleetPlan {
  /** Largest group first: the usual state, then drifted ones. */
  readonly groups: readonly FleetPlanGroup[];
  /** Targets that could not be read. */
  readonly failed: readonly TargetResult[];
}

/**
 * A value with every mention of schema `from` renamed to `to`: strings equal to it, and qualified names
 * (`from.x`, `"from".x`) inside strings (keys, expressions, SQL). Plain data in, plain data out (via JSON).
 */
export function renameSchemaIn<T>(value: T, from: string, to: string): T {
  if (from === to) return value;
  const esc = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const json = JSON.stringify(value)
    .replace(new RegExp(`"${esc}"`, 'g'), () => JSON.stringify(to))
    .replace(new RegExp(`(^|[^A-Za-z0-9_$])${esc}\\.`, 'g'), (_, before: string) => `${before}${to}.`)
    .replace(new RegExp(`\\\\"${esc}\\\\"\\.`, 'g'), () => `\\"${to}\\".`);
  return JSON.parse(json) as T;
}

/**
 * The part of a catalog in one tenant schema, renamed to the declared schema name, so that tenants with
 * the same objects hash equal whatever their names. Objects are kept when their `schema` (or, for
 * schemas, `name`) is the tenant; every string naming the tenant is rebound.
 */
export function rebindCatalog(catalog: Catalog, tenant: string, declared: string): Catalog {
  const keep = (o: unknown) => {
    const r = o as { kind?: string; schema?: string; name?: string };
    return r.kind === 'Schema' ? r.name === tenant : r.schema === undefined || r.schema === tenant;
  };
  const filtered: Record<string, unknown> = { ...catalog };
  for (const [k, v] of Object.entries(catalog)) if (Array.isArray(v) && k !== 'extensions') filtered[k] = v.filter(keep);
  return renameSchemaIn(filtered as unknown as Catalog, tenant, declared);
}

/**
 * The declared schema a tenant fleet binds: the one declared with `schema(tenant('…'))`; without one,
 * the one schema of the declarations other than `public` (or `public`).
 */
export function declaredTenantSchema(declared: Declared): string {
  if (declared.tenantSchema) return declared.tenantSchema;
  const names = declared.catalog.schemas.map((s) => s.name).filter((n) => n !== 'public');
  const [only] = names;
  return names.length === 1 && only !== undefined ? only : (declared.catalog.schemas[0]?.name ?? 'public');
}

/**
 * Plans a fleet: every target is introspected (one connection at a time per target, at most `parallel`),
 * grouped by catalog hash, and planned once per distinct state, so a thousand identical targets give one
 * plan. Tenant schemas of one database are read with one introspection of that database.
 */
export async function planFleet(
  targets: readonly FleetTarget[],
  declared: Declared,
  options: FleetRunOptions & { plan?: PlanOptions } = {},
): Promise<FleetPlan> {
  const bound = declaredTenantSchema(declared);
  const byDb = new Map<string, FleetTarget[]>();
  for (const t of targets) byDb.set(t.url, [...(byDb.get(t.url) ?? []), t]);
  const states = new Map<string, { hash: string; catalog: Catalog; url: string }>();
  const dbTargets = [...byDb.keys()].map((url) => ({ id: url, url, schema: null }));
  const failures = new Map<string, string>();
  await runFleet(
    dbTargets,
    async (d) => {
      const db = await connectPostgres(d.url);
      try {
        const catalog = await introspect(db);
        for (const t of byDb.get(d.url) ?? []) {
          const c = t.schema ? rebindCatalog(catalog, t.schema, bound) : catalog;
          states.set(t.id, { hash: catalogHash(c), catalog: c, url: d.url });
        }
        return { before: null, after: null };
      } catch (e) {
        for (const t of byDb.get(d.url) ?? []) failures.set(t.id, firstLine((e as Error).message));
        throw e;
      } finally {
        await db.close().catch(() => undefined);
      }
    },
    { ...options, onProgress: undefined },
  );
  const groups = new Map<string, { hash: string; targets: string[]; catalog: Catalog; url: string }>();
  for (const t of targets) {
    const s = states.get(t.id);
    if (!s) continue;
    const g = groups.get(s.hash) ?? { hash: s.hash, targets: [], catalog: s.catalog, url: s.url };
    g.targets.push(t.id);
    groups.set(s.hash, g);
  }
  const planned: FleetPlanGroup[] = [];
  // The declared schema is normalized once per server (in a scratch database there), not once per state.
  const normalized = new Map<string, Catalog>();
  const desiredOn = async (url: string): Promise<Catalog> => {
    const server = targetId(url).replace(/\/.*$/, '');
    const known = normalized.get(server);
    if (known) return known;
    const db = await connectPostgres(url);
    try {
      const c = await normalizeDeclared(declared, db);
      normalized.set(server, c);
      return c;
    } finally {
      await db.close().catch(() => undefined);
    }
  };
  for (const g of [...groups.values()].sort((a, b) => b.targets.length - a.targets.length)) {
    const desired = await desiredOn(g.url);
    const tenant = targets.find((t) => t.id === g.targets[0])?.schema;
    // A tenant's state holds only its schema (rebound); compare it with the declared schema alone.
    const scoped = tenant ? rebindCatalog(desired, bound, bound) : desired;
    planned.push({ hash: g.hash, targets: g.targets, plan: planChanges(diffCatalogs(g.catalog, scoped, declared.renames), options.plan ?? {}) });
  }
  const failed = targets
    .filter((t) => failures.has(t.id) || !states.has(t.id))
    .map((t): TargetResult => ({ target: t.id, status: 'failed', before: null, after: null, durationMs: 0, error: failures.get(t.id) ?? 'not read' }));
  return { groups: planned, failed };
}

/** Options of applyFleet. */
export interface FleetApplyOptions extends FleetRunOptions {
  readonly plan?: PlanOptions;
  readonly allowHazards?: readonly HazardKind[];
  readonly lockTimeoutMs?: number;
}

/**
 * `apply` on every database target: under its migration lock, planned there and applied in one
 * transaction, exactly as for one database. Tenant-schema targets are refused: their plans name the
 * declared schema; use versioned migrations (`migrate up`), which run in each tenant's search_path.
 */
export async function applyFleet(targets: readonly FleetTarget[], declared: Declared, options: FleetApplyOptions = {}): Promise<TargetResult[]> {
  return runFleet(
    targets,
    (t) => {
      if (t.schema) throw new Error('apply is not supported on tenant schemas: use versioned migrations (migrate up)');
      return withFleetTarget(t, (db: Db) =>
        withMigrationLock(db, { timeoutMs: options.lockTimeoutMs ?? 60_000, label: 'schemakit fleet apply' }, async () => {
          const before = catalogHash(await introspect(db)).slice(0, 12);
          const plan = await planDeclared(db, declared, options.plan ?? {});
          if (plan.steps.length === 0) return { before, after: before, detail: { statements: 0 } };
          const r = await applyPlan(db, plan, { allowHazards: options.allowHazards ?? [] });
          const after = catalogHash(await introspect(db)).slice(0, 12);
          return { before, after, detail: { statements: r.applied } };
        }),
      );
    },
    options,
  );
}
