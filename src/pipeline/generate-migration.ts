import { join } from 'node:path';
import type { Declared } from '../declare';
import type { Db } from '../db';
import { diffCatalogs } from '../diff';
import { introspect, scopeCatalog, type Scope } from '../introspect';
import {
  catalogHash,
  hashedOn,
  metaFromPlan,
  migrateDown,
  migrateUp,
  nextVersion,
  readMigrations,
  upScript,
  runScript,
  writeMigration,
  type MigrationFile,
} from '../migrate';
import type { Catalog } from '../model';
import { planChanges, renderDown, renderUp, type Plan } from '../plan';
import { SchemakitError, type OnProgress } from '../util';
import { planDeclaredWithData } from './reference-data';
import { normalizeDeclared } from './normalize';
import { extensionsCreatedBy, openReplayScratch, type ReplayTarget } from './replay-migrations';
import { assertValidated, validateRun, type PlanValidation } from './validate-plan';

/** Options of generateMigration. */
export interface GenerateOptions {
  readonly name: string;
  /** The migrations directory (e.g. `generated/migrations`). */
  readonly dir: string;
  readonly replay?: ReplayTarget;
  /** The version's clock (tests). */
  readonly now?: Date;
  /** The part of the schema managed (`--schemas`…): declarations outside it are not generated. */
  readonly scope?: Scope;
  /** Project root whose `data/` holds reference data (default: the current directory). */
  readonly root?: string;
  /** Told as the declarations are normalized. */
  readonly onProgress?: OnProgress;
}

/** What generateMigration did: the plan, and the directory written (null when there was nothing to do). */
export interface GenerateResult {
  readonly plan: Plan;
  readonly written: string | null;
  /** False when down.sql is incomplete (irreversible steps); it was then not tested. */
  readonly reversible: boolean;
  /** What down.sql loses when run (tables and columns it drops), from meta.json's `down-loses`. */
  readonly downLoses: readonly string[];
  /** How up.sql fared on the replayed state (always `converges` once written; null when there was nothing to do). */
  readonly validation: PlanValidation | null;
}

/**
 * Computes the next migration from the state the existing migration files produce (replayed into an empty
 * scratch database) to the declared schema, and writes `<dir>/<version>_<name>/{up.sql,down.sql,meta.json}`.
 * Before writing, it runs the new up.sql on the replayed state and checks it reaches the declared schema,
 * then runs down.sql and checks it restores the state before (unless the plan is irreversible).
 */
export async function generateMigration(declared: Declared, options: GenerateOptions): Promise<GenerateResult> {
  const files = readMigrations(options.dir);
  const extensions = [...new Set([...extensionsCreatedBy(files), ...declared.catalog.extensions.map((e) => e.name)])];
  const scratch = await openReplayScratch({ ...options.replay, extensions: [...(options.replay?.extensions ?? []), ...extensions] });
  try {
    const db = scratch.db;
    await runReplay(db, files);
    const scope = options.scope;
    const before = await introspect(db, { scope });
    const normalized = await normalizeDeclared(declared, db, { onProgress: options.onProgress });
    const desired = scopeCatalog(normalized, scope);
    // Reference data: the rows the replayed migrations left, diffed against the CSV files (up writes them, down restores).
    const plan = await planDeclaredWithData(db, declared, {}, { root: options.root, scope }, { onProgress: options.onProgress, normalized });
    const reversible = plan.steps.every((s) => s.reverse !== null);
    if (plan.steps.length === 0) return { plan, written: null, reversible, downLoses: [], validation: null };

    const version = nextVersion(files, options.now);
    const [up, down] = [renderUp(plan), renderDown(plan)];
    const candidate: MigrationFile = {
      version,
      name: options.name,
      id: `${version}_${options.name}`,
      dir: join(options.dir, `${version}_${options.name}`),
      up,
      down,
      meta: null,
      checksum: '',
    };
    // Validated as apply validates (issue 9), on the replayed state itself: up.sql must run and reach the declarations.
    const validation = await validateRun(
      db,
      desired,
      async () => {
        await runScript(db, upScript({ ...candidate, checksum: 'generate' }, undefined, Date.now()));
      },
      { scope, privileges: true },
    );
    assertValidated(validation, 'generate');
    const after = await introspect(db, { scope });
    if (reversible) await verifyDown(db, candidate, before, scope);
    const meta = metaFromPlan(plan, { from: catalogHash(before), to: catalogHash(after), hashedOn: hashedOn(db) });
    const written = writeMigration(options.dir, { version, name: options.name, up, down, meta });
    return { plan, written, reversible, downLoses: meta.downLoses, validation };
  } finally {
    await scratch.dispose();
  }
}

/** Replays the existing files, naming the file that fails. */
async function runReplay(db: Db, files: readonly MigrationFile[]): Promise<void> {
  try {
    await migrateUp(db, files);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SchemakitError('migrate', 'replay-failed', `replaying the existing migrations into an empty database failed: ${reason}`, { cause });
  }
}

/** Runs the new down.sql (as recorded by the up run); it must restore the state before. */
async function verifyDown(db: Db, m: MigrationFile, before: Catalog, scope?: Scope): Promise<void> {
  // A scratch database: the down's data loss is what is being tested, not a risk.
  await migrateDown(db, { steps: 1, allowHazards: ['deletes-data'] });
  // Compared through the diff, which sees columns as a set: Postgres cannot put a re-added column back in place.
  const left = planChanges(diffCatalogs(await introspect(db, { scope }), before));
  if (left.steps.length > 0) {
    throw new SchemakitError(
      'migrate',
      'down-not-restoring',
      `the generated down.sql of ${m.id} does not restore the state before it (a planner bug; nothing was written). Left over:\n${left.steps.map((s) => `  ${s.sql}`).join('\n')}`,
    );
  }
}
