import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createScratch, type Db } from '../db';
import {
  findReferenceTables,
  mapReferenceTable,
  readCsvFile,
  validateForeignKeys,
  validateRows,
  validateRowsCopied,
  copyReadable,
  diffReferenceData,
  type ReferenceTable,
  type ValidTable,
} from '../data';
import type { Declared } from '../declare';
import { diffCatalogs } from '../diff';
import { introspect, scopeCatalog, type Scope } from '../introspect';
import type { Catalog } from '../model';
import { planChanges, type Plan, type PlanOptions } from '../plan';
import { formatProblem, SchemakitError, sha256, stableJson, type OnProgress, type Problem } from '../util';
import { normalizeDeclared, normalizeInto, type NormalizeOptions } from './normalize';
import { introspectCached } from './introspect-cache';
import { normalizedCacheKey, readCacheEntry, writeCacheEntry } from './normalize-cache';

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
}

/** The declared schema normalized, and the reference data validated against it (problems: file:line:col). */
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
 */
async function prepareDeferred(declared: Declared, target: Db, options: DataOptions): Promise<{ prepared: PreparedData; settled: Promise<void> }> {
  const root = options.root ?? process.cwd();
  const refs = findReferenceTables(root, options.dataDir ?? 'data', declared.referenceData ?? []);
  const { cacheDir } = options;
  const key = cacheDir ? referenceDataCacheKey(declared, target, refs) : '';
  let checked = cacheDir ? readCacheEntry<CheckedData>(cacheDir, 'reference-data', key) : undefined;
  let settled: Promise<void> = Promise.resolve();
  if (!checked) {
    ({ checked, settled } = await checkOnScratch(declared, target, refs, options.onProgress));
    if (cacheDir) writeCacheEntry(cacheDir, 'reference-data', key, checked);
  }
  try {
    const problems = [...checked.problems];
    await validateForeignKeys(target, checked.catalog, checked.tables, problems, new Set(checked.unreadable));
    return { prepared: { catalog: checked.catalog, tables: checked.tables, problems: sortProblems(problems) }, settled };
  } catch (err) {
    await settled.catch(() => undefined);
    throw err;
  }
}

/** What the scratch database says of the CSV files: it depends only on the declarations and the files' content. */
interface CheckedData {
  readonly catalog: Catalog;
  readonly tables: readonly ValidTable[];
  readonly problems: readonly Problem[];
  /** `[schema, table]` JSON of the files whose header could not be read. */
  readonly unreadable: readonly string[];
}

/**
 * The normalized catalog and the reference data checked against it on a scratch database (types, lengths,
 * NOT NULL, CHECKs, duplicate keys); the foreign keys, which look at the target's rows, are checked apart.
 */
async function checkOnScratch(
  declared: Declared,
  target: Db,
  refs: readonly ReferenceTable[],
  onProgress?: OnProgress,
): Promise<{ checked: CheckedData; settled: Promise<void> }> {
  onProgress?.({ kind: 'ScratchDatabase' });
  const scratch = await createScratch(target, { extensions: declared.catalog.extensions.map((e) => e.name) });
  let checked: CheckedData;
  try {
    const catalog = await normalizeInto(declared, scratch.db, onProgress);
    const problems: Problem[] = [];
    const tables: ValidTable[] = [];
    const unreadable: string[] = [];
    for (const ref of refs) {
      const copied = await validateCopied(scratch.db, catalog, ref, refs, problems);
      if (copied) {
        tables.push(copied);
        continue;
      }
      const csv = await readCsvFile(ref.path, ref.file);
      problems.push(...csv.problems);
      const mapped = csv.header.length === 0 ? null : mapReferenceTable(catalog, ref, csv, refs, problems);
      if (mapped) tables.push(await validateRows(scratch.db, catalog, mapped, csv, problems));
      else unreadable.push(JSON.stringify([ref.schema, ref.table]));
    }
    checked = { catalog, tables, problems, unreadable };
  } catch (err) {
    await scratch.dispose();
    throw err;
  }
  const settled = scratch.dispose();
  settled.catch(() => undefined); // awaited by the caller; not an unhandled rejection meanwhile
  return { checked, settled };
}

/**
 * A reference file validated on the fast path: read by COPY in the scratch database, no record parsed in
 * JavaScript (see copyReadable). Null when the file needs csv-parse (its messages): unreadable, a header
 * problem, quoting COPY would read otherwise, or a file COPY refuses.
 */
async function validateCopied(
  scratch: Db,
  catalog: Catalog,
  ref: ReferenceTable,
  refs: readonly ReferenceTable[],
  problems: Problem[],
): Promise<ValidTable | null> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(ref.path);
  } catch {
    return null;
  }
  const readable = copyReadable(bytes);
  if (!readable) return null;
  const headerProblems: Problem[] = [];
  const csv = { file: ref.file, header: readable.header, headerLine: 1, records: [], problems: [] };
  const mapped = mapReferenceTable(catalog, ref, csv, refs, headerProblems);
  if (!mapped || headerProblems.length > 0) return null;
  return validateRowsCopied(scratch, catalog, mapped, { ...readable, bytes }, problems);
}

/**
 * Key of the scratch check: the normalized catalog's key (declarations, engine, server, build), the
 * reference tables found (paths, modes, specs) and every CSV file's content. The target's rows are not in
 * it: the foreign keys that read them are checked on every run.
 */
function referenceDataCacheKey(declared: Declared, target: Db, refs: readonly ReferenceTable[]): string {
  const content = (p: string): string => {
    try {
      return createHash('sha256').update(readFileSync(p)).digest('hex');
    } catch {
      return 'unreadable';
    }
  };
  return sha256([normalizedCacheKey(declared.catalog, target), stableJson(refs), ...refs.map((r) => content(r.path))].join('\0'));
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
    // No reference data: the DDL plan alone (its normalized catalog may come from the cache).
    const [actual, desired] = [
      await introspectCached(db, { scope: data.scope }, normalize.cacheDir),
      scopeCatalog(await normalizeDeclared(declared, db, normalize), data.scope),
    ];
    return planChanges(diffCatalogs(actual, desired, declared.renames), options);
  }
  const { prepared, settled } = await prepareDeferred(declared, db, { cacheDir: normalize.cacheDir, onProgress: normalize.onProgress, ...data });
  let plan: Plan;
  try {
    refuseInvalidData(prepared);
    const actual = await introspectCached(db, { scope: data.scope }, normalize.cacheDir);
    const rows = await diffReferenceData(db, actual, prepared.tables);
    plan = planChanges([...diffCatalogs(actual, scopeCatalog(prepared.catalog, data.scope), declared.renames), ...rows], options);
  } catch (err) {
    await settled.catch(() => undefined);
    throw err;
  }
  await settled;
  return plan;
}

/**
 * The row changes alone that bring `db`'s reference tables to data/<schema>/<table>.csv (after migrations
 * created the tables: `db reset`); an empty plan when the project has no reference data. Refuses invalid data.
 */
export async function planReferenceData(db: Db, declared: Declared, options: PlanOptions = {}, data: DataOptions = {}): Promise<Plan> {
  const root = data.root ?? process.cwd();
  if (findReferenceTables(root, data.dataDir ?? 'data', declared.referenceData ?? []).length === 0) return planChanges([], options);
  const prepared = await prepareReferenceData(declared, db, data);
  refuseInvalidData(prepared);
  return planChanges(await diffReferenceData(db, await introspect(db), prepared.tables), options);
}
