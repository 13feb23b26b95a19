import type { Db } from '../db';
import { describeOutOfScope, introspectOutOfScope, introspectUnmanaged, type OutOfScope, type Scope, type UnmanagedObject } from '../introspect';
import { isFailingPreflight, runPreflight, renderPreflight, type PreflightFinding } from '../lint';
import { loadDeclarations } from './load-declarations';
import { planToJson, renderUp, type Plan, type PlanOptions } from '../plan';
// pipeline/planning: the use cases `plan` runs, without the barrel's migrations and apply (startup test);
// --validate loads the barrel when it runs.
import { embeddedResultCache, planTarget, normalizeDeclared, prepareEmbeddedAhead, type PlanTargetOptions } from '../pipeline/planning';
import type { PlanValidation } from '../pipeline';
import { defaultCacheDir } from '../load';
import type { Declared } from '../declare';
import type { Catalog } from '../model';
import { dim, red, renderSummary, renderUnmanaged, yellow } from './output';
import { cliTarget, embeddedLockOptions, openResolved, openWithDeclarations, schemaDir, type TargetOptions } from './target';
import { during, progress, showProgress } from './progress';
import type { PolicyAction, ResolvedTarget } from '../config';
import { planOptionsOf, type OnlineFlags } from './safety-options';
import type { ScopeFlags } from './scope-options';
import { scopeOf } from './target';
import { using, type Outcome } from './outcome';

export { using, type Outcome };

/**
 * Resolves the target (refused by its env's policy when `action` says so), opens it and loads the
 * declarations: a server is connected to first, so a connection error comes before the type check (see
 * openWithDeclarations).
 */
export async function loadAndOpen(
  opts: TargetOptions,
  action?: { action: PolicyAction; command: string },
  ahead: { readonly readCatalog?: boolean } = {},
): Promise<{ declared: Declared; db: Db; target: ResolvedTarget; introspected?: Catalog }> {
  return openWithDeclarations(opts, () => loadDeclarations(schemaDir(opts)), action, ahead);
}

/** The flags with the env policy's defaults: `online: true` turns online mode on unless `--online` was given. */
export function withPolicyDefaults<T extends OnlineFlags>(opts: T, t: ResolvedTarget): T {
  return opts.online === undefined && t.policy.online ? { ...opts, online: true } : opts;
}

/** Where the declarations are normalized (`--dev-url`, `--embedded-fallback`): see createScratch. */
export interface ScratchFlags {
  readonly devUrl?: string;
  readonly embeddedFallback?: boolean;
}

/** planTarget's options in the CLI: the scratch flags, the scope, the project's cache, progress on stderr. */
export const planTargetOptions = (scratch: ScratchFlags, scope?: Scope): PlanTargetOptions => ({
  devUrl: scratch.devUrl,
  embeddedFallback: scratch.embeddedFallback,
  scope,
  cacheDir: defaultCacheDir(),
  onProgress: showProgress,
});

/**
 * The plan (DDL and reference data) and, when asked, the validation of its DDL on a scratch copy of the
 * target's schema. Data steps are not replayed there: the copy has no rows for them to match.
 */
export async function planAndValidate(
  db: Db,
  declared: Declared,
  options: PlanOptions,
  scratch: ScratchFlags,
  validate: boolean,
  scope?: Scope,
  introspected?: Catalog,
): Promise<{ plan: Plan; validation: PlanValidation | null }> {
  try {
    const where = { ...planTargetOptions(scratch, scope), introspected };
    if (!validate) return { plan: await planTarget(db, declared, options, where), validation: null };
    // Normalized once: the plan and its validation use the same catalog.
    const normalized = await normalizeDeclared(declared, db, where);
    const plan = await planTarget(db, declared, options, { ...where, normalized });
    if (plan.steps.length === 0) return { plan, validation: null };
    const { planValidated } = await import('../pipeline');
    return {
      plan,
      validation: (await planValidated(db, declared, { ...options, validate: true }, { ...scratch, scope, onProgress: showProgress, normalized })).validation,
    };
  } finally {
    progress().clear();
  }
}

/** What `plan` shows: computed on the target, or for an embedded one, read from the cache of an unchanged run. */
interface PlanView {
  readonly description: string;
  readonly plan: Plan;
  readonly validation: PlanValidation | null;
  readonly unmanaged: UnmanagedObject[];
  readonly outOfScope: OutOfScope;
  readonly preflight: PreflightFinding[] | null;
}

type PlanFlags = TargetOptions & OnlineFlags & ScratchFlags & ScopeFlags & { json?: boolean; preflight?: boolean; validate?: boolean };

/** `schemakit plan`: summary then SQL; exit 0 no changes, 2 changes. */
export async function runPlan(opts: PlanFlags): Promise<Outcome> {
  const resolved = cliTarget(opts);
  // The embedded database, unchanged since a run with the same declarations and flags: that run's result,
  // without starting PGlite (see embeddedResultCache). --validate always runs.
  if (resolved.target.kind === 'pglite' && opts.validate !== true) {
    const declared = await loadDeclarations(schemaDir(opts));
    const scope = scopeOf(opts, resolved);
    const options = planOptionsOf(withPolicyDefaults(opts, resolved));
    const flags = { options, scope, preflight: opts.preflight !== false, devUrl: opts.devUrl ?? null, embeddedFallback: opts.embeddedFallback ?? null };
    const cache = embeddedResultCache<PlanView>(
      defaultCacheDir(),
      resolved.target.dir,
      { kind: 'plan', declared, root: process.cwd(), options: flags },
      embeddedLockOptions({ lockWait: opts.lockWait }),
    );
    const hit = await cache.lookup();
    if (hit) return renderPlanView(hit, opts.json === true);
    const target = resolved.target;
    // Normalized (unless cached) before the target starts, so the scratch instance is gone by then.
    if (!opts.devUrl) await prepareEmbeddedAhead(declared, defaultCacheDir(), { onProgress: showProgress }).finally(() => progress().clear());
    const db = await during('starting the embedded database', () =>
      openResolved(
        target,
        declared.catalog.extensions.map((e) => e.name),
      ),
    );
    return using([db], async () => {
      const view = await computePlanView(db, declared, options, opts, scope);
      // The state after planning: planning writes only temporary tables and rolled-back work (reference
      // data staged in the session, pre-flight probes), which take transaction ids but change nothing, and
      // the directory's lock keeps every other process out meanwhile. It is the state the stamp records at close.
      cache.store(db, view, await cache.stateOf(db));
      return renderPlanView(view, opts.json === true);
    });
  }
  // The server's catalog is read while the declarations load (see openWithDeclarations).
  const { declared, db, target, introspected } = await loadAndOpen(opts, undefined, { readCatalog: true });
  const scope = scopeOf(opts, target);
  return using([db], async () =>
    renderPlanView(await computePlanView(db, declared, planOptionsOf(withPolicyDefaults(opts, target)), opts, scope, introspected), opts.json === true),
  );
}

/** The plan, its validation when asked, what the target holds outside the declarations and the pre-flight findings. */
async function computePlanView(db: Db, declared: Declared, options: PlanOptions, opts: PlanFlags, scope: Scope, introspected?: Catalog): Promise<PlanView> {
  const { plan, validation } = await planAndValidate(db, declared, options, opts, opts.validate === true, scope, introspected);
  const unmanaged = await introspectUnmanaged(db);
  const outOfScope = await introspectOutOfScope(db, scope);
  const preflight = opts.preflight === false ? null : await runPreflight(db, plan);
  return { description: db.description, plan, validation, unmanaged, outOfScope, preflight };
}

/** The plan's text (or JSON) and exit code. */
function renderPlanView(view: PlanView, json: boolean): Outcome {
  const { plan, validation, unmanaged, outOfScope, preflight } = view;
  // A plan that fails or lands elsewhere on the scratch copy exits 1 (apply would refuse it).
  const exitCode = validation !== null && (validation.outcome === 'fails' || validation.outcome === 'diverges') ? 1 : plan.steps.length ? 2 : 0;
  if (json)
    return {
      stdout: JSON.stringify(
        { ...planToJson(plan), unmanaged, outOfScope, ...(preflight ? { preflight } : {}), ...(validation ? { validation } : {}) },
        null,
        2,
      ),
      exitCode,
    };
  const text = plan.steps.length
    ? `${renderSummary(plan)}${renderPreflightSection(preflight)}${renderValidation(validation)}\n\n${dim('-- SQL --')}\n${renderUp(plan)}`
    : renderSummary(plan);
  const left = describeOutOfScope(outOfScope);
  return { stdout: `${dim(`target: ${view.description}`)}\n${left ? `${dim(`Left alone: ${left}.`)}\n` : ''}${text}${renderUnmanaged(unmanaged)}`, exitCode };
}

/** The validation's outcome under the summary (nothing when it did not run). */
function renderValidation(v: PlanValidation | null): string {
  if (v === null) return '';
  const ms = `${Math.round(v.durationMs)} ms`;
  if (v.outcome === 'converges') return `\n\n${dim(`Validated on a scratch copy of the schema in ${ms}: the plan reaches the declared schema.`)}`;
  const problems = v.problems.map((p) => `  ${p}`).join('\n');
  if (v.outcome === 'not-validated') return `\n\n${yellow(`Validation (${ms}): the plan could not be validated; apply will run it unvalidated`)}\n${problems}`;
  return `\n\n${red(`Validation (${ms}): the plan ${v.outcome === 'fails' ? 'fails' : 'lands elsewhere'}; apply would refuse it`)}\n${problems}`;
}

/** The pre-flight findings under the summary (nothing when none ran or all passed). */
function renderPreflightSection(findings: readonly PreflightFinding[] | null): string {
  if (findings === null || findings.length === 0) return '';
  const failing = findings.filter(isFailingPreflight).length;
  const changes = findings.some((f) => f.kind === 'values-change');
  const head =
    failing > 0
      ? red(`Pre-flight: ${failing} data problem(s); apply would refuse`)
      : changes
        ? yellow('Pre-flight: a lossy conversion would change stored values (deletes-data)')
        : yellow('Pre-flight: some checks could not run');
  return `\n\n${head}\n${renderPreflight(findings)}`;
}
