import { createScratch, resetDatabase, type Db, type ScratchOptions } from '../db';
import type { Declared } from '../declare';
import { diffCatalogs } from '../diff';
import { introspect, scopeCatalog, type Scope } from '../introspect';
import { applyPlan } from '../apply';
import { noRenames, type Catalog } from '../model';
import { hazardKinds, planChanges, type Plan, type PlanOptions } from '../plan';
import { firstLine, SchemakitError, type OnProgress } from '../util';
import { buildCatalogInto } from './build-catalog';
import { normalizeInto, type NormalizeOptions } from './normalize';

/**
 * The outcome of running a plan on a scratch copy of the source's schema: `converges` when it ran and the
 * copy then equals the target; `fails` (a statement failed) and `diverges` (it ran but the result differs)
 * are refusals; `not-validated` when the copy itself could not be made faithfully (the reason says why).
 */
export interface PlanValidation {
  readonly outcome: 'converges' | 'fails' | 'diverges' | 'not-validated';
  /** What failed, or the statements still separating the result from the target. */
  readonly problems: readonly string[];
  readonly durationMs: number;
}

/**
 * The statements a plan from `db`'s schema to `target` still needs (empty: `db` is at `target`); privileges
 * aside unless `privileges` (a scratch copy of a live database has none of its roles' grants).
 */
export async function remainingSteps(db: Db, target: Catalog, scope?: Scope, privileges = false): Promise<string[]> {
  const after = await introspect(db, { scope });
  const [a, b] = privileges
    ? [after, target]
    : [
        { ...after, grants: null },
        { ...target, grants: null },
      ];
  return planChanges(diffCatalogs(a, b, noRenames)).steps.map((s) => s.sql);
}

const errorLine = (e: unknown) => firstLine(e instanceof Error ? e.message : String(e));

/**
 * Validates `plan` (from `source` to `target`) as pg-schema-diff does: `scratch` (an empty database of the
 * same engine, reset first) is given the source's schema, the plan runs there with every hazard allowed and
 * no pre-flight (there is no data), and the result is introspected and compared with the target. The real
 * database is not touched.
 */
export async function validatePlan(scratch: Db, source: Catalog, target: Catalog, plan: Plan, scope?: Scope): Promise<PlanValidation> {
  const started = performance.now();
  const done = (outcome: PlanValidation['outcome'], problems: readonly string[]): PlanValidation => ({
    outcome,
    problems,
    durationMs: performance.now() - started,
  });
  await resetDatabase(scratch);
  const copy = await buildCatalogInto(source, scratch).catch((e: unknown) => ({ rejected: [{ object: 'the schema', reason: errorLine(e) }] }));
  const [r] = copy.rejected;
  if (r !== undefined) {
    return done('not-validated', [`the source schema could not be copied to a scratch database: ${r.object}: ${errorLine(r.reason)}`]);
  }
  const copyDiffers = await remainingSteps(scratch, source, scope);
  if (copyDiffers.length > 0) return done('not-validated', ['the scratch copy of the source schema differs from it:', ...copyDiffers]);
  const v = await validateRun(scratch, target, () => applyPlan(scratch, plan, { allowHazards: hazardKinds, preflight: false }).then(() => undefined), {
    scope,
  });
  return { ...v, durationMs: performance.now() - started };
}

/**
 * The second half of a validation, shared by `apply` / `plan --validate` (on a scratch copy of the source)
 * and `generate` (on the state the migration files replay to): `run` executes the plan on `scratch`, whose
 * schema is the plan's source; a statement that fails is `fails`, a result that differs from `target` is
 * `diverges` with the statements still needed.
 */
export async function validateRun(
  scratch: Db,
  target: Catalog,
  run: () => Promise<void>,
  options: { readonly scope?: Scope; readonly privileges?: boolean } = {},
): Promise<PlanValidation> {
  const started = performance.now();
  const done = (outcome: PlanValidation['outcome'], problems: readonly string[]): PlanValidation => ({
    outcome,
    problems,
    durationMs: performance.now() - started,
  });
  try {
    await run();
  } catch (e) {
    return done('fails', [errorLine(e)]);
  }
  const left = await remainingSteps(scratch, target, options.scope, options.privileges);
  return left.length > 0 ? done('diverges', left) : done('converges', []);
}

/** A plan from `db` to the declarations, and its validation when asked (null when not asked or empty). */
export interface ValidatedPlan {
  readonly plan: Plan;
  readonly validation: PlanValidation | null;
}

/**
 * Plans from `db` to the declarations with one scratch database for both the normalization of the
 * declarations and, when `validate`, the validation of the plan (reset in between), so validating costs
 * no second database: a temporary database on the same server, or a pooled PGlite. With `normalized` (the
 * caller normalized them already) the scratch database serves the validation alone.
 */
export async function planValidated(
  db: Db,
  declared: Declared,
  options: PlanOptions & { readonly validate?: boolean } = {},
  where: Pick<ScratchOptions, 'devUrl' | 'embeddedFallback'> &
    Pick<NormalizeOptions, 'normalized'> & { readonly scope?: Scope; readonly onProgress?: OnProgress } = {},
): Promise<ValidatedPlan> {
  const scope = where.scope;
  const actual = await introspect(db, { scope });
  const extensions = [...new Set([...declared.catalog.extensions, ...actual.extensions].map((e) => e.name))];
  where.onProgress?.({ kind: 'ScratchDatabase' });
  const scratch = await createScratch(db, { extensions, devUrl: where.devUrl, embeddedFallback: where.embeddedFallback });
  try {
    const desired = scopeCatalog(where.normalized ?? (await normalizeInto(declared, scratch.db, where.onProgress)), scope);
    const plan = planChanges(diffCatalogs(actual, desired, declared.renames), options);
    if (options.validate && plan.steps.length > 0) where.onProgress?.({ kind: 'ValidatePlan', steps: plan.steps.length });
    const validation = options.validate && plan.steps.length > 0 ? await validatePlan(scratch.db, actual, desired, plan, scope) : null;
    return { plan, validation };
  } finally {
    await scratch.dispose();
  }
}

/**
 * Throws `plan-invalid` (nothing applied) when the validation showed the plan wrong (`fails`, `diverges`).
 * `not-validated` is not a refusal: the scratch copy could not reproduce the source (state that CREATE cannot
 * rebuild, such as NOT VALID constraints), which says nothing against the plan; callers report it.
 */
export function assertValidated(v: PlanValidation, on: 'apply' | 'generate' = 'apply'): void {
  if (v.outcome === 'converges' || v.outcome === 'not-validated') return;
  const where = on === 'apply' ? 'a scratch copy of the database schema' : 'the state the migration files replay to';
  const what = v.outcome === 'fails' ? `fails on ${where}` : `does not reach the declared schema on ${where}; still different`;
  const nothing = on === 'apply' ? 'nothing was applied; --no-validate skips this check' : 'nothing was written';
  throw new SchemakitError(
    on === 'apply' ? 'apply' : 'migrate',
    'plan-invalid',
    `the plan ${what} (${nothing}):\n${v.problems.map((p) => `  ${p}`).join('\n')}`,
  );
}
