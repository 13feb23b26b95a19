import { configScope, loadConfig, resolveTarget, type ProjectConfig, type ResolvedTarget } from '../config';
import type { Db } from '../db';
import { diffCatalogs } from '../diff';
import { introspect, scopeCatalog, type Scope } from '../introspect';
import { defaultCacheDir, loadSchemaDir } from '../load';
import type { Declared } from '../declare';
import { applyPlan } from '../apply';
import {
  migrateUp as runMigrations,
  migrationStates,
  readHistory,
  readMigrations,
  readProgress,
  withMigrationLock,
  type MigrationRun,
  type MigrationState,
} from '../migrate';
import { planChanges, type HazardKind, type Plan, type PlanOptions } from '../plan';
import { createTargetDatabase, openEnvTarget } from './database-lifecycle';
import { normalizeDeclared, type NormalizeOptions } from './normalize';
import { extensionsCreatedBy } from './replay-migrations';

/** How library calls choose their database: the same sources and precedence as the CLI. */
export interface TargetSelection {
  /** An env of schemakit.yaml (default: SCHEMAKIT_ENV, else DATABASE_URL, else defaultEnv, else embedded). */
  readonly env?: string;
  /** A database URL, winning over everything else. */
  readonly url?: string;
  /** The configuration file (default: the nearest schemakit.yaml above `cwd`). */
  readonly configFile?: string;
  readonly cwd?: string;
}

/** The configuration and target a selection names. */
export function selectTarget(sel: TargetSelection = {}): { config: ProjectConfig; target: ResolvedTarget } {
  const config = loadConfig({ file: sel.configFile, cwd: sel.cwd });
  return { config, target: resolveTarget(config, { url: sel.url, env: sel.env }) };
}

/**
 * The plan from the database to the declared schema. With a scope, both sides are limited to it: objects
 * outside it are neither read from the database nor created or dropped.
 */
export async function planDeclared(db: Db, declared: Declared, options: PlanOptions = {}, normalize: NormalizeOptions = {}, scope?: Scope): Promise<Plan> {
  const actual = await introspect(db, { scope });
  const desired = scopeCatalog(await normalizeDeclared(declared, db, normalize), scope);
  return planChanges(diffCatalogs(actual, desired, declared.renames), options);
}

async function withOpen<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await fn(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** What `migrationStatus` found. */
export interface MigrationStatus {
  /** The target, password masked. */
  readonly target: string;
  readonly migrations: readonly MigrationState[];
  readonly applied: number;
  readonly pending: number;
  /** Edited, missing or interrupted migrations. */
  readonly problems: number;
}

/** Applied, pending and problem migrations of the selected database (no drift check: that replays them). */
export async function migrationStatus(sel: TargetSelection = {}): Promise<MigrationStatus> {
  const { config, target } = selectTarget(sel);
  const files = readMigrations(config.paths.migrations);
  return withOpen(await openEnvTarget(target.target, extensionsCreatedBy(files)), async (db) => {
    const states = migrationStates(files, await readHistory(db), await readProgress(db));
    const count = (...kinds: MigrationState['kind'][]) => states.filter((s) => kinds.includes(s.kind)).length;
    return {
      target: target.description,
      migrations: states,
      applied: count('applied'),
      pending: count('pending'),
      problems: count('edited', 'missing-file', 'interrupted'),
    };
  });
}

/** Applies the pending migrations of `paths.migrations` to the selected database, under the migration lock. */
export async function migrateTargetUp(sel: TargetSelection & { to?: string; lockTimeoutMs?: number } = {}): Promise<MigrationRun[]> {
  const { config, target } = selectTarget(sel);
  const files = readMigrations(config.paths.migrations);
  return withOpen(await openEnvTarget(target.target, extensionsCreatedBy(files)), (db) =>
    withMigrationLock(db, { timeoutMs: sel.lockTimeoutMs ?? 60_000, label: 'schemakit ensureDatabase' }, () => runMigrations(db, files, { to: sel.to })),
  );
}

/** What ensureDatabase did. */
export interface EnsureResult {
  readonly target: string;
  /** The database did not exist and was created. */
  readonly created: boolean;
  /** Migrations applied (autoInit with migration files). */
  readonly migrations: readonly MigrationRun[];
  /** Statements applied from the declared schema (autoInit without migration files). */
  readonly statements: number;
}

/**
 * For application start-up (seed 003's AUTO_INIT): creates the database when missing and, with `autoInit`,
 * brings it up to date: pending migrations when the project has migration files, else the declared schema
 * (refused when the env's policy is `migrationsOnly`). Data-deleting hazards are never applied here.
 */
export async function ensureDatabase(sel: TargetSelection & { autoInit?: boolean } = {}): Promise<EnsureResult> {
  const { config, target } = selectTarget(sel);
  const created = await createTargetDatabase(target.target);
  const files = readMigrations(config.paths.migrations);
  if (!sel.autoInit) return { target: target.description, created, migrations: [], statements: 0 };
  if (files.length > 0) return { target: target.description, created, migrations: await migrateTargetUp(sel), statements: 0 };
  if (target.policy.migrationsOnly) return { target: target.description, created, migrations: [], statements: 0 };
  const declared = await loadSchemaDir(config.paths.schema, { cacheDir: defaultCacheDir(config.root) });
  return withOpen(
    await openEnvTarget(
      target.target,
      declared.catalog.extensions.map((e) => e.name),
    ),
    (db) =>
      withMigrationLock(db, { timeoutMs: 60_000, label: 'schemakit ensureDatabase' }, async () => {
        const plan = await planDeclared(db, declared, { online: target.policy.online }, {}, configScope(config, target.env));
        const r = plan.steps.length ? await applyPlan(db, plan, { allowHazards: target.policy.allowHazards as readonly HazardKind[] }) : { applied: 0 };
        return { target: target.description, created, migrations: [], statements: r.applied };
      }),
  );
}
