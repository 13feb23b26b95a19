import { readFileSync } from 'node:fs';
import type { Db } from '../db';
import { copyReadable, mapReferenceTable, readCsvFile, validateRows, validateRowsCopied, type ReferenceTable, type ValidTable } from '../data';
import type { Catalog } from '../model';
import type { Problem } from '../util';

/** Receives the name and wall time in ms of a phase of preparing or planning reference data. */
export type OnPhase = (phase: string, ms: number) => void;

/** Runs `fn`, telling `onPhase` its wall time. */
export async function phase<T>(onPhase: OnPhase | undefined, name: string, fn: () => Promise<T>): Promise<T> {
  if (!onPhase) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    onPhase(name, performance.now() - t);
  }
}

/** What checking the CSV files says: it depends only on the declarations and the files' content. */
export interface CheckedData {
  readonly catalog: Catalog;
  readonly tables: readonly ValidTable[];
  readonly problems: readonly Problem[];
  /** `[schema, table]` JSON of the files whose header could not be read. */
  readonly unreadable: readonly string[];
}

/**
 * Whether the reference files can be checked in the target's own session rather than on a scratch
 * database holding the declarations: every column type of their tables (and of the tables their lookups
 * match) is a built-in type, which the target reads as the declarations mean it, and no CHECK of theirs
 * names a declared routine (which the target may not have yet, or have otherwise).
 */
export async function checkableOnTarget(target: Db, catalog: Catalog, refs: readonly ReferenceTable[]): Promise<boolean> {
  const names = new Set(refs.flatMap((r) => [`${r.schema}.${r.table}`, ...(r.spec?.lookups ?? []).map((l) => `${l.matchSchema}.${l.matchTable}`)]));
  const tables = catalog.tables.filter((t) => names.has(`${t.schema}.${t.name}`));
  const routines = new Set(catalog.routines.map((r) => r.name));
  const checks = catalog.constraints.filter((c) => c.kind === 'Check' && names.has(`${c.schema}.${c.table}`));
  const words = (text: string) => text.match(/[A-Za-z_][A-Za-z0-9_$]*/g) ?? [];
  if (checks.some((c) => c.kind === 'Check' && words(c.expression).some((w) => routines.has(w)))) return false;
  const types = [
    ...new Set(tables.flatMap((t) => t.columns.map((c) => ({ serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' })[c.type] ?? c.type))),
  ];
  if (types.length === 0) return true;
  const rows = await target.query<{ ok: boolean }>(
    `SELECT coalesce(bool_and(x.typnamespace = 'pg_catalog'::regnamespace), false) AND count(x.oid) = count(*) AS ok
       FROM unnest($1::text[]) u(name) LEFT JOIN pg_type x ON x.oid = to_regtype(u.name)`,
    [types],
  );
  return rows[0]?.ok === true;
}

/**
 * Checks every reference file on `db` (types, lengths, NOT NULL, CHECKs, duplicate keys); the foreign
 * keys, which look at the target's rows, are checked apart. `stage`: `db` is the target, the good rows stay
 * in temporary tables of its session (ValidTable.staged).
 */
export async function checkRows(
  db: Db,
  catalog: Catalog,
  refs: readonly ReferenceTable[],
  options: { stage?: boolean; onPhase?: OnPhase },
): Promise<CheckedData> {
  const problems: Problem[] = [];
  const tables: ValidTable[] = [];
  const unreadable: string[] = [];
  const stage = { stage: options.stage };
  for (const ref of refs) {
    const copied = await phase(options.onPhase, `validate ${ref.file}`, () => validateCopied(db, catalog, ref, refs, problems, stage));
    if (copied) {
      tables.push(copied);
      continue;
    }
    const csv = await readCsvFile(ref.path, ref.file);
    problems.push(...csv.problems);
    const mapped = csv.header.length === 0 ? null : mapReferenceTable(catalog, ref, csv, refs, problems);
    if (mapped) tables.push(await validateRows(db, catalog, mapped, csv, problems, stage));
    else unreadable.push(JSON.stringify([ref.schema, ref.table]));
  }
  return { catalog, tables, problems, unreadable };
}

/**
 * A reference file validated on the fast path: read by COPY, no record parsed in JavaScript (see
 * copyReadable). Null when the file needs csv-parse (its messages): unreadable, a header problem, quoting
 * COPY would read otherwise, or a file COPY refuses.
 */
async function validateCopied(
  db: Db,
  catalog: Catalog,
  ref: ReferenceTable,
  refs: readonly ReferenceTable[],
  problems: Problem[],
  options: { stage?: boolean },
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
  return validateRowsCopied(db, catalog, mapped, { ...readable, bytes }, problems, options);
}
