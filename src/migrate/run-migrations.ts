import { join } from 'node:path';
import type { Db } from '../db';
import { SchemakitError, sha256 } from '../util';
import {
  DEFAULT_HISTORY,
  deleteHistory,
  ensureHistory,
  insertHistory,
  readHistory,
  readProgress,
  type HistoryLocation,
  type HistoryRow,
  type Progress,
} from './history';
import { substitutePlaceholders, type Placeholders } from './placeholders';
import { compareVersions, type MigrationFile } from './migration-files';
import { runScript, type Script, type ScriptHooks } from './run-script';
import { splitStatements } from './split-statements';
import { analyzeStatement } from '../lint';
import { blockingHazards } from '../apply';
import type { Hazard, HazardKind } from '../plan';

/** Where a run keeps its history and what it substitutes: one database, or one tenant schema of a fleet. */
export interface MigrationScope {
  /** The history tables (default schemakit.migrations / schemakit.migration_progress). */
  readonly history?: HistoryLocation;
  /** `${name}` → SQL text in up.sql and down.sql (see substitutePlaceholders); none by default. */
  readonly placeholders?: Placeholders;
}

/** Options of migrateUp. */
export interface MigrateUpOptions extends ScriptHooks, MigrationScope {
  /** Apply pending migrations up to and including this version (default: all). */
  readonly to?: string;
  /** Told about anything unusual that does not stop the run (a branch-merged file applied out of order…). */
  readonly onNotice?: (message: string) => void;
  /** Told before each migration starts. */
  readonly onMigration?: (m: MigrationFile) => void;
}

/** One migration a run applied or reverted. */
export interface MigrationRun {
  readonly version: string;
  readonly name: string;
  readonly statements: number;
  readonly durationMs: number;
  /** Batches and rows of its batched statements (0 when it has none). */
  readonly batches: number;
  readonly rows: number;
}

/** The files whose applied checksum differs from the history: always an error, nothing is run. */
export function editedApplied(files: readonly MigrationFile[], history: readonly HistoryRow[]): { file: MigrationFile; row: HistoryRow }[] {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  return history.flatMap((row) => {
    const file = byVersion.get(row.version);
    return file && file.checksum !== row.checksum ? [{ file, row }] : [];
  });
}

function refuseEdited(files: readonly MigrationFile[], history: readonly HistoryRow[]): void {
  const edited = editedApplied(files, history);
  if (edited.length === 0) return;
  const list = edited.map(
    ({ file, row }) =>
      `  - ${join(file.dir, 'up.sql')}: applied ${row.appliedAt.toISOString()} with checksum ${row.checksum.slice(0, 12)}…, now ${file.checksum.slice(0, 12)}…`,
  );
  throw new SchemakitError(
    'migrate',
    'checksum-mismatch',
    `${edited.length} applied migration file(s) were edited after being applied; nothing was run. Restore them (git checkout) and put new changes in a new migration:\n${list.join('\n')}`,
    { problems: edited.map(({ file }) => ({ code: 'checksum-mismatch', message: `${file.id}/up.sql was edited after being applied` })) },
  );
}

/** The script of a migration's up.sql (statement numbering and outside-transaction marks from the file). */
export function upScript(m: MigrationFile, progress: Progress | undefined, started: number, scope: MigrationScope = {}): Script {
  const statements = splitStatements(substitutePlaceholders(m.up, scope.placeholders));
  const down = m.down === null ? null : substitutePlaceholders(m.down, scope.placeholders);
  // meta.json's numbering holds only while up.sql has the statements it was generated with.
  const meta = m.meta && m.meta.statements === statements.length ? m.meta : null;
  const outside = new Set([...statements.flatMap((s, i) => (s.outsideTransaction ? [i + 1] : [])), ...(meta?.outsideTransaction ?? [])]);
  const file = join(m.dir, 'up.sql');
  if (progress && progress.checksum !== m.checksum) {
    throw new SchemakitError(
      'migrate',
      'checksum-mismatch',
      `${file} was interrupted (${describeProgress(progress)}), and has been edited since; restore the file as it was to resume`,
    );
  }
  return {
    file,
    version: m.version,
    checksum: m.checksum,
    statements,
    outside,
    beforeRetry: new Map(Object.entries(meta?.beforeRetry ?? {}).map(([n, sql]) => [Number(n), sql])),
    done: new Set(progress?.statements ?? []),
    partial: new Map((progress?.batches ?? []).map((b) => [b.statement, b])),
    history: scope.history,
    // The down SQL is recorded as it would run here (placeholders substituted): migrate down runs the record.
    finish: (db) =>
      insertHistory(db, { version: m.version, name: m.name, checksum: m.checksum, durationMs: Date.now() - started, downSql: down }, scope.history),
  };
}

/**
 * Applies the pending migrations in version order (the caller holds the migration lock). Refuses first,
 * running nothing, when an applied file was edited. A pending file older than the newest applied one
 * (merged from a branch) is applied, by name, with a notice: never skipped. Each migration runs in its own
 * transaction with its history row (see runScript); an interrupted one resumes.
 */
export async function migrateUp(db: Db, files: readonly MigrationFile[], options: MigrateUpOptions = {}): Promise<MigrationRun[]> {
  const at = options.history ?? DEFAULT_HISTORY;
  await ensureHistory(db, at);
  const history = await readHistory(db, at);
  refuseEdited(files, history);
  if (options.to !== undefined && !files.some((f) => f.version === options.to)) {
    throw new SchemakitError('migrate', 'unknown-version', `--to ${options.to}: no migration has this version`);
  }
  const onDisk = new Set(files.map((f) => f.version));
  for (const h of history) {
    if (!onDisk.has(h.version))
      options.onNotice?.(
        `${h.version}_${h.name} was applied (${h.appliedAt.toISOString()}) but its directory is missing from the migrations directory (deleted, or this checkout is behind the database?); pending migrations are applied anyway`,
      );
  }
  const applied = new Set(history.map((h) => h.version));
  const newest = history[history.length - 1]?.version;
  const progress = new Map((await readProgress(db, at)).map((p) => [p.version, p]));
  const pending = files.filter((f) => !applied.has(f.version) && (options.to === undefined || compareVersions(f.version, options.to) <= 0));
  const runs: MigrationRun[] = [];
  for (const m of pending) {
    if (newest !== undefined && compareVersions(m.version, newest) < 0) {
      options.onNotice?.(`${m.id} is older than the last applied migration ${newest} (merged from a branch?): applying it now, by name`);
    }
    const p = progress.get(m.version);
    if (p) options.onNotice?.(`${m.id} was interrupted after ${describeProgress(p)}: resuming after them`);
    options.onMigration?.(m);
    const started = Date.now();
    const script = upScript(m, p, started, options);
    const r = await runScript(db, script, options).catch((e) => rethrowAfter(e, runs, 'applied'));
    runs.push({ version: m.version, name: m.name, statements: script.statements.length, durationMs: Date.now() - started, ...r });
  }
  return runs;
}

/** Options of migrateDown: how far back (default: the last migration). */
export interface MigrateDownOptions extends ScriptHooks, Pick<MigrationScope, 'history'> {
  /** Revert the last N applied migrations. */
  readonly steps?: number;
  /** Revert every applied migration newer than this version. */
  readonly to?: string;
  /** Run a down script that says it is incomplete (irreversible steps) anyway. */
  readonly allowIncomplete?: boolean;
  /** Hazards of the down scripts to run anyway (`deletes-data`: a down that drops tables or columns). */
  readonly allowHazards?: readonly HazardKind[];
  readonly onMigration?: (row: HistoryRow) => void;
}

/** A migration migrateDown would revert, with the hazards of its recorded down SQL (statement numbers 1-based). */
export interface DownTarget {
  readonly row: HistoryRow;
  readonly hazards: readonly { readonly statement: number; readonly hazard: Hazard }[];
}

/**
 * What migrateDown would revert, last applied first, and what each down script risks. The recorded down
 * SQL is text (generated from the plan's reverses, or hand-written), so its hazards come from the statement
 * analyzer `lint` uses for migration files: DROP TABLE, DROP COLUMN, TRUNCATE, DELETE without WHERE delete data.
 * Refuses, running nothing, a down that was never recorded or is incomplete (unless allowIncomplete).
 */
export async function planMigrateDown(db: Db, options: Pick<MigrateDownOptions, 'steps' | 'to' | 'allowIncomplete' | 'history'> = {}): Promise<DownTarget[]> {
  const history = await readHistory(db, options.history);
  if (options.to !== undefined && options.to !== '0' && !history.some((h) => h.version === options.to)) {
    throw new SchemakitError('migrate', 'unknown-version', `--to ${options.to}: no applied migration has this version (0 reverts all)`);
  }
  // Last applied first: with migrations merged from branches, application order is not version order.
  const newestFirst = [...history].sort((a, b) => b.appliedAt.getTime() - a.appliedAt.getTime() || compareVersions(b.version, a.version));
  const targets = options.to !== undefined ? newestFirst.filter((h) => compareVersions(h.version, options.to!) > 0) : newestFirst.slice(0, options.steps ?? 1);
  const problems = targets.flatMap((h) => {
    if (h.downSql === null) return [`${h.version}_${h.name}: no down.sql was recorded when it was applied`];
    if (!options.allowIncomplete && /^-- INCOMPLETE:/m.test(h.downSql))
      return [`${h.version}_${h.name}: its down script is incomplete (irreversible steps); pass --allow-incomplete to run what it has`];
    return [];
  });
  if (problems.length > 0)
    throw new SchemakitError('migrate', 'not-reversible', `cannot revert; nothing was run:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return targets.map((row) => ({
    row,
    hazards: splitStatements(row.downSql!).flatMap((st, i) => analyzeStatement(st.sql).hazards.map((hazard) => ({ statement: i + 1, hazard }))),
  }));
}

/** Throws `hazard-refused` when a down script has a blocking hazard (deletes-data…) that is not allowed. */
export function checkDownHazards(targets: readonly DownTarget[], allow: readonly HazardKind[]): void {
  const refused = blockingHazards.filter((k) => !allow.includes(k));
  const problems = targets.flatMap((t) =>
    t.hazards
      .filter((h) => refused.includes(h.hazard.kind))
      .map((h) => ({
        code: h.hazard.kind,
        message: `${t.row.version}_${t.row.name} down statement ${h.statement}: ${h.hazard.message}`,
      })),
  );
  if (problems.length === 0) return;
  const kinds = [...new Set(problems.map((p) => p.code))];
  throw new SchemakitError(
    'migrate',
    'hazard-refused',
    `reverting would lose data (${kinds.join(', ')}); nothing was run. Take a backup (--backup DIR) and allow it explicitly (--allow-hazard ${kinds.join(' --allow-hazard ')}) to proceed:\n` +
      problems.map((p) => `  - [${p.code}] ${p.message}`).join('\n'),
    { problems },
  );
}

/**
 * Reverts applied migrations, the last applied first, each by running the down SQL recorded when it was applied
 * (not today's down.sql, which may have changed) in one transaction with the removal of its history row.
 * Refuses, running nothing, when a down script deletes data and `allowHazards` does not allow it.
 */
export async function migrateDown(db: Db, options: MigrateDownOptions = {}): Promise<MigrationRun[]> {
  const targets = await planMigrateDown(db, options);
  const at = options.history ?? DEFAULT_HISTORY;
  if (targets.length > 0) await ensureHistory(db, at);
  checkDownHazards(targets, options.allowHazards ?? []);
  const progress = new Map((await readProgress(db, at)).map((p) => [p.version, p]));
  const runs: MigrationRun[] = [];
  for (const { row: h } of targets) {
    options.onMigration?.(h);
    const started = Date.now();
    const text = h.downSql!;
    const statements = splitStatements(text);
    const checksum = sha256(text);
    const p = progress.get(h.version);
    const same = p !== undefined && p.checksum === checksum;
    const r = await runScript(
      db,
      {
        file: `down SQL of ${h.version}_${h.name} (as recorded in ${at.schema}.${at.migrations})`,
        version: h.version,
        checksum,
        statements,
        outside: new Set(statements.flatMap((s, i) => (s.outsideTransaction ? [i + 1] : []))),
        beforeRetry: new Map(),
        done: new Set(same ? p.statements : []),
        partial: new Map(same ? p.batches.map((b) => [b.statement, b]) : []),
        history: at,
        finish: (d) => deleteHistory(d, h.version, at),
      },
      options,
    ).catch((e) => rethrowAfter(e, runs, 'reverted'));
    runs.push({ version: h.version, name: h.name, statements: statements.length, durationMs: Date.now() - started, ...r });
  }
  return runs;
}

/** `statement(s) 1 committed; statement 2 batched: 12 batch(es), 12000 row(s) up to key 12000`. */
export function describeProgress(p: Progress): string {
  const parts = p.statements.length ? [`statement(s) ${p.statements.join(', ')} committed`] : [];
  for (const b of p.batches)
    parts.push(`statement ${b.statement} batched: ${b.batches} batch(es), ${b.rows} row(s) changed, up to key ${b.lastKey ?? '(none yet)'}`);
  return parts.join('; ') || 'nothing committed yet';
}

/** A failure of a later migration also says which ones this run had committed before it. */
function rethrowAfter(e: unknown, runs: readonly MigrationRun[], verb: string): never {
  if (runs.length === 0 || !(e instanceof SchemakitError)) throw e;
  const before = runs.map((r) => `${r.version}_${r.name}`).join(', ');
  throw new SchemakitError('migrate', e.code, `${e.message.replace(/^migrate: /, '')} Already ${verb} and committed before it in this run: ${before}.`, {
    cause: e.cause,
    problems: e.problems,
  });
}
