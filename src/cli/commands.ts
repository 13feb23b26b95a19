import { join } from 'node:path';
import { acquirePglite, type Db } from '../db';
import { diffCatalogs } from '../diff';
import { describeOutOfScope, introspect, introspectOutOfScope, introspectUnmanaged, scopeCatalog, type Scope } from '../introspect';
import { applyPlan, runPreflight, renderPreflight, withMigrationLock, type PreflightFinding } from '../migrate';
import { takeBackup } from '../db';
import { requiredBackupDir } from '../config';
import { planChanges, planToJson, renderUp, type HazardKind, type Plan, type PlanOptions } from '../plan';
import { openSource, parseSource, resolveSide, type Source } from '../pipeline';
import { noRenames, type Catalog } from '../model';
import { loadSchemaDir } from '../load';
import { planDeclared } from '../pipeline';
import { SchemakitError } from '../util';
import type { Declared } from '../declare';
import { confirm } from './prompt';
import { dim, red, renderSummary, renderUnmanaged, yellow } from './output';
import { cliTarget, openResolved, schemaDir, type TargetOptions } from './target';
import type { PolicyAction, ResolvedTarget } from '../config';
import { lockOptions } from './migrate-command';
import { countOption, planOptionsOf, type OnlineFlags } from './safety-options';
import type { ScopeFlags } from './scope-options';
import { scopeOf } from './target';

/** What a command asks of the process: text for stdout, and an exit code. */
export interface Outcome {
  readonly stdout: string;
  readonly exitCode: number;
}

/** Closes every database opened, whatever happens. */
export async function using<T>(dbs: (Db | null)[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    for (const db of dbs) if (db) await db.close().catch(() => undefined);
  }
}

/** `schemakit diff --from SRC --to DST`: exit 0 no differences, 2 differences. */
export async function runDiff(opts: { from: string; to: string; json?: boolean; privileges?: boolean } & OnlineFlags & ScopeFlags): Promise<Outcome> {
  const scope = scopeOf(opts);
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
    const seen = (c: Catalog): Catalog => scopeCatalog(managed ? c : { ...c, grants: null }, scope);
    const plan = planChanges(diffCatalogs(seen(a.catalog), seen(b.catalog), b.renames), planOptionsOf(opts));
    return { stdout: opts.json ? JSON.stringify(planToJson(plan), null, 2) : renderUp(plan), exitCode: plan.steps.length ? 2 : 0 };
  });
}

/**
 * Resolves the target (refused by its env's policy when `action` says so), loads the declarations, then opens
 * the target with the extensions they use (PGlite registers them at start).
 */
export async function loadAndOpen(opts: TargetOptions, action?: { action: PolicyAction; command: string }): Promise<{ declared: Declared; db: Db; target: ResolvedTarget }> {
  const target = cliTarget(opts, action);
  const declared = await loadSchemaDir(schemaDir(opts), { cacheDir: join(process.cwd(), '.schemakit', 'cache') });
  return { declared, target, db: await openResolved(target.target, declared.catalog.extensions.map((e) => e.name)) };
}

/** The flags with the env policy's defaults: `online: true` turns online mode on unless `--online` was given. */
export function withPolicyDefaults<T extends OnlineFlags>(opts: T, t: ResolvedTarget): T {
  return opts.online === undefined && t.policy.online ? { ...opts, online: true } : opts;
}

/** Computes the plan from the target database to the declared schema. */
export async function planTarget(db: Db, declared: Declared, options: PlanOptions = {}, scope?: Scope): Promise<Plan> {
  return planDeclared(db, declared, options, { cacheDir: join(process.cwd(), '.schemakit', 'cache') }, scope);
}

/** `schemakit plan`: summary then SQL; exit 0 no changes, 2 changes. */
export async function runPlan(opts: TargetOptions & OnlineFlags & ScopeFlags & { json?: boolean; preflight?: boolean }): Promise<Outcome> {
  const { declared, db, target } = await loadAndOpen(opts);
  const scope = scopeOf(opts, target);
  return using([db], async () => {
    const plan = await planTarget(db, declared, planOptionsOf(withPolicyDefaults(opts, target)), scope);
    const unmanaged = await introspectUnmanaged(db);
    const outOfScope = await introspectOutOfScope(db, scope);
    const preflight = opts.preflight === false ? null : await runPreflight(db, plan);
    if (opts.json) return { stdout: JSON.stringify({ ...planToJson(plan), unmanaged, outOfScope, ...(preflight ? { preflight } : {}) }, null, 2), exitCode: plan.steps.length ? 2 : 0 };
    const text = plan.steps.length ? `${renderSummary(plan)}${renderPreflightSection(preflight)}\n\n${dim('-- SQL --')}\n${renderUp(plan)}` : renderSummary(plan);
    const left = describeOutOfScope(outOfScope);
    return { stdout: `${dim(`target: ${db.description}`)}\n${left ? `${dim(`Left alone: ${left}.`)}\n` : ''}${text}${renderUnmanaged(unmanaged)}`, exitCode: plan.steps.length ? 2 : 0 };
  });
}

/** The pre-flight findings under the summary (nothing when none ran or all passed). */
function renderPreflightSection(findings: readonly PreflightFinding[] | null): string {
  if (findings === null || findings.length === 0) return '';
  const failing = findings.filter((f) => f.kind !== 'not-checked').length;
  return `\n\n${failing > 0 ? red(`Pre-flight: ${failing} data problem(s); apply would refuse`) : yellow('Pre-flight: some checks could not run')}\n${renderPreflight(findings)}`;
}

/** `schemakit apply`: plan, confirm, execute in one transaction. */
export async function runApply(
  opts: TargetOptions & OnlineFlags & {
    allowHazard?: string[]; yes?: boolean; chunked?: boolean; backup?: string; preflight?: boolean; lockRetries?: string; lockWait?: string; json?: boolean;
  } & ScopeFlags,
  log: (s: string) => void,
): Promise<Outcome> {
  const { declared, db, target } = await loadAndOpen(opts, { action: 'apply', command: 'apply' });
  const scope = scopeOf(opts, target);
  const backupDir = opts.backup ?? requiredBackupDir(target, 'apply');
  const allowHazards = [...new Set([...(opts.allowHazard ?? []), ...target.policy.allowHazards])] as HazardKind[];
  const json = (o: Record<string, unknown>, exitCode: number, text: string): Outcome => ({ stdout: opts.json ? JSON.stringify(o, null, 2) : text, exitCode });
  // Under the migration lock, planned after taking it: a second runner waits, then finds nothing left to do.
  return using([db], () => withMigrationLock(db, lockOptions(opts, 'schemakit apply', log, {}), async () => {
    const plan = await planTarget(db, declared, planOptionsOf(withPolicyDefaults(opts, target)), scope);
    if (plan.steps.length === 0) return json({ applied: 0, chunks: 0, durationMs: 0, backup: null, steps: [] }, 0, renderSummary(plan));
    log(`${dim(`target: ${db.description}`)}\n${renderSummary(plan)}\n`);
    if (!opts.yes) {
      if (!process.stdin.isTTY) throw new SchemakitError('cli', 'needs-confirmation', 'not a terminal: pass --yes to apply without confirmation');
      if (!(await confirm(`Apply ${plan.steps.length} statement(s) to ${db.description}?`))) return json({ applied: 0, aborted: true }, 1, 'Aborted; nothing was applied.');
    }
    let backup: string | null = null;
    if (backupDir) {
      const b = await takeBackup(db, backupDir);
      backup = b.file;
      log(`Backed up ${db.description} to ${b.file} (${Math.round(b.bytes / 1024)} kB); undo with: schemakit restore ${b.file}`);
    }
    const result = await applyPlan(db, plan, {
      allowHazards, chunked: opts.chunked, preflight: opts.preflight !== false,
      lockRetries: countOption('--lock-retries', opts.lockRetries),
      onRetry: (n, e) => log(`${yellow('lock timeout')} (${e.message.split('\n')[0]}); retry ${n}`),
    });
    const outside = plan.steps.filter((s) => !s.transactional).length;
    const where = result.chunks > 1 ? ` in ${result.chunks} transactions` : outside === 0 ? ' in one transaction'
      : outside === result.applied ? ' outside a transaction (statements Postgres cannot run in one, e.g. CREATE INDEX CONCURRENTLY)'
        : `: ${result.applied - outside} in one transaction, ${outside} outside it (statements Postgres cannot run in one, e.g. CREATE INDEX CONCURRENTLY)`;
    const text = `Applied ${result.applied} statement(s)${where} (${Math.round(result.durationMs)} ms).`;
    return json({ applied: result.applied, chunks: result.chunks, durationMs: Math.round(result.durationMs), backup, steps: planToJson(plan).steps }, 0, text);
  }));
}

/** `schemakit generate NAME`: see runGenerateMigration (from the state the migration files produce, not the live database). */
export { runGenerateMigration as runGenerate } from './migrate-command';
