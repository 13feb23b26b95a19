import { mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { acquirePglite, type Db } from '../db';
import { diffCatalogs } from '../diff';
import { introspect, introspectUnmanaged } from '../introspect';
import { applyPlan } from '../migrate';
import { planChanges, planToJson, renderDown, renderUp, type HazardKind, type Plan } from '../plan';
import { openSource, parseSource, resolveSide, type Source } from '../pipeline';
import { noRenames, type Catalog } from '../model';
import { loadSchemaDir } from '../load';
import { normalizeDeclared } from '../pipeline';
import { SchemakitError } from '../util';
import type { Declared } from '../declare';
import { confirm } from './prompt';
import { bold, dim, renderSummary, renderUnmanaged } from './output';
import { openTarget, schemaDir, type TargetOptions } from './target';

/** What a command asks of the process: text for stdout, and an exit code. */
export interface Outcome {
  readonly stdout: string;
  readonly exitCode: number;
}

/** Closes every database opened, whatever happens. */
async function using<T>(dbs: (Db | null)[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    for (const db of dbs) if (db) await db.close().catch(() => undefined);
  }
}

/** `schemakit diff --from SRC --to DST`: exit 0 no differences, 2 differences. */
export async function runDiff(opts: { from: string; to: string; json?: boolean; privileges?: boolean }): Promise<Outcome> {
  const from = parseSource(opts.from);
  const to = parseSource(opts.to);
  const fromDb = await openSource(from);
  const toDb = await openSource(to).catch(async (e) => { await fromDb?.close(); throw e; });
  const extra = fromDb ?? toDb ? null : await acquirePglite();
  return using([fromDb, toDb, extra], async () => {
    const like = (fromDb ?? toDb ?? extra)!;
    // `extra` is itself a brand-new empty database: reading `empty` from it saves starting another PGlite.
    const side = (s: Source, db: Db | null) => (s.kind === 'empty' && extra ? introspect(extra).then((catalog) => ({ catalog, renames: noRenames })) : resolveSide(s, db, like, { cacheDir: join(process.cwd(), '.schemakit', 'cache') }));
    const a = await side(from, fromDb);
    const b = await side(to, toDb);
    // Privileges are compared only when asked (--privileges) or declared: roles live outside one database.
    const managed = opts.privileges === true || (from.kind === 'dir' && a.catalog.grants !== null) || (to.kind === 'dir' && b.catalog.grants !== null);
    const seen = (c: Catalog): Catalog => (managed ? c : { ...c, grants: null });
    const plan = planChanges(diffCatalogs(seen(a.catalog), seen(b.catalog), b.renames));
    return { stdout: opts.json ? JSON.stringify(planToJson(plan), null, 2) : renderUp(plan), exitCode: plan.steps.length ? 2 : 0 };
  });
}

/** Loads the declarations, then opens the target with the extensions they use (PGlite registers them at start). */
async function loadAndOpen(opts: TargetOptions): Promise<{ declared: Declared; db: Db }> {
  const declared = await loadSchemaDir(schemaDir(opts), { cacheDir: join(process.cwd(), '.schemakit', 'cache') });
  return { declared, db: await openTarget(opts, declared.catalog.extensions.map((e) => e.name)) };
}

/** Computes the plan from the target database to the declared schema. */
async function planTarget(db: Db, declared: Declared): Promise<Plan> {
  const [actual, desired] = [await introspect(db), await normalizeDeclared(declared, db)];
  return planChanges(diffCatalogs(actual, desired, declared.renames));
}

/** `schemakit plan`: summary then SQL; exit 0 no changes, 2 changes. */
export async function runPlan(opts: TargetOptions & { json?: boolean }): Promise<Outcome> {
  const { declared, db } = await loadAndOpen(opts);
  return using([db], async () => {
    const plan = await planTarget(db, declared);
    const unmanaged = await introspectUnmanaged(db);
    if (opts.json) return { stdout: JSON.stringify({ ...planToJson(plan), unmanaged }, null, 2), exitCode: plan.steps.length ? 2 : 0 };
    const text = plan.steps.length ? `${renderSummary(plan)}\n\n${dim('-- SQL --')}\n${renderUp(plan)}` : renderSummary(plan);
    return { stdout: `${dim(`target: ${db.description}`)}\n${text}${renderUnmanaged(unmanaged)}`, exitCode: plan.steps.length ? 2 : 0 };
  });
}

/** `schemakit apply`: plan, confirm, execute in one transaction. */
export async function runApply(opts: TargetOptions & { allowHazard?: string[]; yes?: boolean; chunked?: boolean }, log: (s: string) => void): Promise<Outcome> {
  const { declared, db } = await loadAndOpen(opts);
  return using([db], async () => {
    const plan = await planTarget(db, declared);
    if (plan.steps.length === 0) return { stdout: renderSummary(plan), exitCode: 0 };
    log(`${dim(`target: ${db.description}`)}\n${renderSummary(plan)}\n`);
    if (!opts.yes) {
      if (!process.stdin.isTTY) throw new SchemakitError('cli', 'needs-confirmation', 'not a terminal: pass --yes to apply without confirmation');
      if (!(await confirm(`Apply ${plan.steps.length} statement(s) to ${db.description}?`))) return { stdout: 'Aborted; nothing was applied.', exitCode: 1 };
    }
    const result = await applyPlan(db, plan, { allowHazards: (opts.allowHazard ?? []) as HazardKind[], chunked: opts.chunked });
    return { stdout: `Applied ${result.applied} statement(s)${result.chunks > 1 ? ` in ${result.chunks} transactions` : ' in one transaction'} (${Math.round(result.durationMs)} ms).`, exitCode: 0 };
  });
}

/** `schemakit generate NAME`: writes generated/migrations/<NNNN>_<name>/{up,down}.sql. */
export async function runGenerate(name: string, opts: TargetOptions & { out?: string }): Promise<Outcome> {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) throw new SchemakitError('cli', 'bad-name', `migration name "${name}" must be letters, digits, _ or -`);
  const { declared, db } = await loadAndOpen(opts);
  return using([db], async () => {
    const plan = await planTarget(db, declared);
    if (plan.steps.length === 0) return { stdout: 'No changes: nothing to generate.', exitCode: 0 };
    const root = opts.out ?? join('generated', 'migrations');
    mkdirSync(root, { recursive: true });
    const versions = existsSync(root) ? readdirSync(root).map((d) => parseInt(d.slice(0, 4), 10)).filter((n) => !isNaN(n)) : [];
    const version = String((versions.length ? Math.max(...versions) : 0) + 1).padStart(4, '0');
    const dir = join(root, `${version}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'up.sql'), renderUp(plan));
    writeFileSync(join(dir, 'down.sql'), renderDown(plan));
    return { stdout: `Wrote ${bold(dir)}/up.sql and down.sql (${plan.steps.length} statement(s)).`, exitCode: 0 };
  });
}
