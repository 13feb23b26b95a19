import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createScratch, startOwnPglite, type Db, type Scratch } from '../db';
import { diffReferenceData, dropStaged, findReferenceTables, validateForeignKeys, type ReferenceTable, type ValidTable } from '../data';
import type { Declared } from '../declare';
import { diffCatalogs } from '../diff';
import { introspect, scopeCatalog, type Scope } from '../introspect';
import type { Catalog } from '../model';
import { planChanges, type Plan, type PlanOptions } from '../plan';
import { formatProblem, SchemakitError, sha256, stableJson, type OnProgress, type Problem } from '../util';
import { normalizeDeclared, normalizeInto, type NormalizeOptions } from './normalize';
import { introspectCached } from './introspect-cache';
import { planResultKey, readPlanResult, writePlanResult } from './plan-result-cache';
import {
  embeddedNormalizedCacheKey,
  hasNormalizedCache,
  normalizedCacheKey,
  readCacheEntry,
  readNormalizedCache,
  writeCacheEntry,
  writeNormalizedCache,
} from './normalize-cache';
import { checkableOnTarget, checkRows, phase, type CheckedData, type OnPhase } from './reference-data-check';

export type { OnPhase } from './reference-data-check';

/** Where the project's reference data lives. */
export interface DataOptions {
  /** Project root the data folder and messages are relative to (default: the current directory). */
  readonly root?: string;
  /** Data folder under the root (default `data`). */
  readonly dataDir?: string;
  /**
   * Directory where the validation against the declared schema is cached by content (e.g. `.schemakit/cache`):
   * unchanged declarations and CSV files then need no scratch database. None when absent.
   */
  readonly cacheDir?: string;
  /** The part of the database managed (`--schemas`…): both sides are limited to it. */
  readonly scope?: Scope;
  /** Told as the declarations are rendered into the scratch database. */
  readonly onProgress?: OnProgress;
  /** Told the wall time of each phase (profiling: `npm run bench -- --data` logs them). */
  readonly onPhase?: OnPhase;
  /**
   * The target's whole catalog, read by the caller on this session just before and not changed through it
   * since (see introspectAhead): used instead of introspecting the target again (limited to `scope` here).
   */
  readonly introspected?: Catalog;
}

/**
 * The declared schema normalized, and the reference data validated against it (problems: file:line:col).
 * Tables validated in the target's session keep their rows in temporary tables there (ValidTable.staged)
 * until dropStaged() or the session's end.
 */
export interface PreparedData {
  readonly catalog: Catalog;
  readonly tables: readonly ValidTable[];
  readonly problems: readonly Problem[];
}

/**
 * Renders the declared schema into a scratch database like `target`, then reads and validates every
 * reference CSV there (types, lengths, NOT NULL, CHECKs, duplicate keys) and its foreign keys across files
 * and against `target`'s rows. Writes no table of `target` (the rows go to temporary tables of its session).
 */
export async function prepareReferenceData(declared: Declared, target: Db, options: DataOptions = {}): Promise<PreparedData> {
  const { prepared, settled } = await prepareDeferred(declared, target, options);
  await settled;
  return prepared;
}

/**
 * prepareReferenceData, and the drop of its scratch database (a checkpoint on PostgreSQL 15) still running:
 * the caller reads the target meanwhile and awaits `settled` before it returns.
 *
 * The declared catalog comes from the normalization cache, else from a scratch database. The rows are
 * checked in the target's own session when the reference tables use only built-in types and their CHECKs
 * call no declared routine (checkableOnTarget): the file goes there by one COPY and stays, staged, for the
 * row diff; the scratch database (if any) is dropped meanwhile. Otherwise they are checked on the scratch
 * database, where the declared types exist, and that check is cached by content.
 */
async function prepareDeferred(declared: Declared, target: Db, options: DataOptions): Promise<{ prepared: PreparedData; settled: Promise<void> }> {
  const root = options.root ?? process.cwd();
  const refs = findReferenceTables(root, options.dataDir ?? 'data', declared.referenceData ?? []);
  const { cacheDir, onPhase, onProgress } = options;
  const normalizedKey = cacheDir ? normalizedCacheKey(declared.catalog, target) : '';
  let catalog = cacheDir ? readNormalizedCache(cacheDir, normalizedKey) : undefined;
  let scratch: Scratch | undefined;
  let settled: Promise<void> = Promise.resolve();
  const dispose = () => {
    const s = scratch;
    scratch = undefined;
    if (!s) return;
    settled = phase(onPhase, 'scratch drop (in the background)', () => s.dispose());
    settled.catch(() => undefined); // awaited by the caller; not an unhandled rejection meanwhile
  };
  const normalize = async (): Promise<{ scratch: Scratch; catalog: Catalog }> => {
    onProgress?.({ kind: 'ScratchDatabase' });
    const made = await phase(onPhase, 'scratch create', () => createScratch(target, { extensions: declared.catalog.extensions.map((e) => e.name) }));
    scratch = made;
    const normalized = await phase(onPhase, 'normalize', () => normalizeInto(declared, made.db, onProgress));
    if (cacheDir) writeNormalizedCache(cacheDir, normalizedKey, normalized);
    return { scratch: made, catalog: normalized };
  };
  let checked: CheckedData | undefined;
  try {
    if (!catalog) catalog = (await normalize()).catalog;
    if (await checkableOnTarget(target, catalog, refs)) {
      dispose();
      checked = await checkRows(target, catalog, refs, { stage: true, onPhase });
    } else {
      const key = cacheDir ? referenceDataCacheKey(normalizedKey, refs) : '';
      checked = cacheDir ? readCacheEntry<CheckedData>(cacheDir, 'reference-data', key) : undefined;
      if (!checked) {
        // The declared types must exist where the rows are checked: a scratch database the declarations are in.
        const on = scratch ?? (await normalize()).scratch;
        checked = await checkRows(on.db, catalog, refs, { onPhase });
        const write = checked;
        if (cacheDir) await phase(onPhase, 'cache write', async () => writeCacheEntry(cacheDir, 'reference-data', key, write));
      }
      dispose();
    }
    const problems = [...checked.problems];
    const c = checked;
    await phase(onPhase, 'foreign keys', () => validateForeignKeys(target, c.catalog, c.tables, problems, new Set(c.unreadable)));
    return { prepared: { catalog: checked.catalog, tables: checked.tables, problems: sortProblems(problems) }, settled };
  } catch (err) {
    dispose();
    if (checked) await dropStaged(target, checked.tables).catch(() => undefined);
    await settled.catch(() => undefined);
    throw err;
  }
}

/**
 * For a command about to start its embedded target: when the declarations are not in the cache yet,
 * normalizes them (and checks the reference data that must be checked where the declarations exist) into
 * the cache first, in a PGlite instance of its own that is shut down before this returns. The command then
 * finds both cached and holds no scratch instance next to its target: one instance at a time, ~150 MB less
 * (the first `plan` of the example project: ~600 MB → under 400 MB). Reference data edited under cached
 * declarations is checked as before (on a scratch instance beside the target, when it must be).
 */
export async function prepareEmbeddedAhead(declared: Declared, cacheDir: string, options: { root?: string; onProgress?: OnProgress } = {}): Promise<void> {
  const normalizedKey = embeddedNormalizedCacheKey(declared.catalog);
  if (hasNormalizedCache(cacheDir, normalizedKey)) return;
  options.onProgress?.({ kind: 'ScratchDatabase' });
  const scratch = await startOwnPglite({ extensions: declared.catalog.extensions.map((e) => e.name) });
  try {
    const catalog = await normalizeInto(declared, scratch, options.onProgress);
    writeNormalizedCache(cacheDir, normalizedKey, catalog);
    const refs = findReferenceTables(options.root ?? process.cwd(), 'data', declared.referenceData ?? []);
    // As prepareDeferred: types the target may not read as declared are checked where the declarations are.
    if (refs.length === 0 || (await checkableOnTarget(scratch, catalog, refs))) return;
    writeCacheEntry(cacheDir, 'reference-data', referenceDataCacheKey(normalizedKey, refs), await checkRows(scratch, catalog, refs, {}));
  } finally {
    await scratch.close();
  }
}

/**
 * Key of the scratch check: the normalized catalog's key (declarations, engine, server, build), the
 * reference tables found (paths, modes, specs) and every CSV file's content. The target's rows are not in
 * it: the foreign keys that read them are checked on every run.
 */
function referenceDataCacheKey(normalizedKey: string, refs: readonly ReferenceTable[]): string {
  const content = (p: string): string => {
    try {
      return createHash('sha256').update(readFileSync(p)).digest('hex');
    } catch {
      return 'unreadable';
    }
  };
  return sha256([normalizedKey, stableJson(refs), ...refs.map((r) => content(r.path))].join('\0'));
}

/** Problems in file, line, column order. */
function sortProblems(ps: Problem[]): Problem[] {
  const parts = (p: Problem) => {
    const m = /^(.*?):(\d+)(?::(\d+))?$/.exec(p.location ?? '') ?? ['', '', '0', '0'];
    return [m[1], Number(m[2]), Number(m[3] ?? 0)] as const;
  };
  return [...ps].sort((a, b) => {
    const [fa, la, ca] = parts(a);
    const [fb, lb, cb] = parts(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb;
  });
}

/** Throws the validation report (every problem) when there is one. */
export function refuseInvalidData(p: PreparedData): void {
  if (p.problems.length === 0) return;
  const shown = p.problems
    .slice(0, 3)
    .map((x) => `\n  ${formatProblem(x)}`)
    .join('');
  throw new SchemakitError('data', 'invalid-data', `${p.problems.length} problem(s) in reference data; nothing was written:${shown}`, { problems: p.problems });
}

/**
 * The plan from `db` to the declared schema and reference data: the DDL, then the row changes of each
 * reference table by key (ordered by the foreign keys between them). Refuses invalid data.
 */
export async function planDeclaredWithData(
  db: Db,
  declared: Declared,
  options: PlanOptions = {},
  data: DataOptions = {},
  normalize: NormalizeOptions = {},
): Promise<Plan> {
  const root = data.root ?? process.cwd();
  if (findReferenceTables(root, data.dataDir ?? 'data', declared.referenceData ?? []).length === 0) {
    // No reference data: the DDL plan alone (its normalized catalog may come from the cache, and on a server,
    // the plan itself when neither side changed since: see planResultKey).
    const actual = await actualOf(db, data, normalize.cacheDir);
    const { cacheDir } = normalize;
    const key = cacheDir && !normalize.normalized && db.engine === 'postgres' ? planResultKey(db, declared, actual, data.scope, options) : null;
    const cached = cacheDir && key ? readPlanResult(cacheDir, key) : undefined;
    if (cached) return cached;
    const desired = scopeCatalog(await normalizeDeclared(declared, db, normalize), data.scope);
    const plan = planChanges(diffCatalogs(actual, desired, declared.renames), options);
    if (cacheDir && key) writePlanResult(cacheDir, key, plan);
    return plan;
  }
  const { prepared, settled } = await prepareDeferred(declared, db, { cacheDir: normalize.cacheDir, onProgress: normalize.onProgress, ...data });
  let plan: Plan;
  try {
    refuseInvalidData(prepared);
    const { onPhase } = data;
    const actual = await phase(onPhase, 'introspect', () => actualOf(db, data, normalize.cacheDir));
    const rows = await phase(onPhase, 'row diff', () => diffReferenceData(db, actual, prepared.tables));
    plan = await phase(onPhase, 'plan', async () =>
      planChanges([...diffCatalogs(actual, scopeCatalog(prepared.catalog, data.scope), declared.renames), ...rows], options),
    );
  } catch (err) {
    await dropStaged(db, prepared.tables).catch(() => undefined);
    await settled.catch(() => undefined);
    throw err;
  }
  await dropStaged(db, prepared.tables);
  // The scratch database's drop (a checkpoint on PostgreSQL 15) finishes after the plan is returned.
  const pending: Promise<void> = settled.finally(() => pendingDrops.delete(pending));
  pending.catch(() => undefined); // scratchDropsSettled() reports it
  pendingDrops.add(pending);
  return plan;
}

/** The target's catalog within the scope: the one the caller read (DataOptions.introspected), else introspected now. */
async function actualOf(db: Db, data: DataOptions, cacheDir: string | undefined): Promise<Catalog> {
  return data.introspected ? scopeCatalog(data.introspected, data.scope) : introspectCached(db, { scope: data.scope }, cacheDir);
}

/** Scratch databases still being dropped after the plan that made them returned. */
const pendingDrops = new Set<Promise<void>>();

/**
 * Waits for the scratch databases that plans returned before dropping are gone; rejects with the first
 * drop that failed. A process that exits normally waits for them anyway (their connections keep it alive).
 */
export async function scratchDropsSettled(): Promise<void> {
  await Promise.all([...pendingDrops]);
}

/**
 * The row changes alone that bring `db`'s reference tables to data/<schema>/<table>.csv (after migrations
 * created the tables: `db reset`); an empty plan when the project has no reference data. Refuses invalid data.
 */
export async function planReferenceData(db: Db, declared: Declared, options: PlanOptions = {}, data: DataOptions = {}): Promise<Plan> {
  const root = data.root ?? process.cwd();
  if (findReferenceTables(root, data.dataDir ?? 'data', declared.referenceData ?? []).length === 0) return planChanges([], options);
  const prepared = await prepareReferenceData(declared, db, data);
  try {
    refuseInvalidData(prepared);
    return planChanges(await diffReferenceData(db, await introspect(db), prepared.tables), options);
  } finally {
    await dropStaged(db, prepared.tables);
  }
}
