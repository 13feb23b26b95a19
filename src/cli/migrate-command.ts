import { relative } from 'node:path';
import type { Db } from '../db';
import {
  checkDownHazards,
  describeHolder,
  describeProgress,
  migrationLockHolder,
  planMigrateDown,
  resolveMigration,
  migrateDown,
  migrateUp,
  migrationStates,
  readHistory,
  readMigrations,
  readProgress,
  withMigrationLock,
  type LockHolder,
  type MigrationRun,
  type MigrationState,
} from '../migrate';
import { checkMigrations, extensionsCreatedBy, generateMigration, migrationDrift } from '../pipeline';
import { planToJson } from '../plan';
import { formatProblem, SchemakitError } from '../util';
import type { Outcome } from './outcome';
import { loadDeclarations } from './load-declarations';
import { progress as progressLine, showProgress } from './progress';
import type { HazardKind } from '../plan';
import { confirm } from './prompt';
import { batchProgress } from './batch-progress';
import { backupFirst } from './backup-first';
import { bold, dim, green, red, renderSummary, yellow } from './output';
import { declarationDiff } from './drift-diff';
import { requiredBackupDir } from '../config';
import type { ScopeFlags } from './scope-options';
import { scopeOf } from './target';
import { cliTarget, devUrlOf, migrationsDirOf, openResolved, schemaDir, type TargetOptions } from './target';

/** Options every `migrate` command takes. */
export interface MigrateOptions extends TargetOptions, ScopeFlags {
  /** The migrations directory (default generated/migrations). */
  readonly dir?: string;
  /** Seconds to wait for another runner's migration lock (default 60). */
  readonly lockWait?: string;
  /** Print one JSON document on stdout. */
  readonly json?: boolean;
}

type Log = (s: string) => void;

const migrationsDir = (o: { dir?: string; config?: string }) => migrationsDirOf(o, o.dir);
const runJson = (r: MigrationRun) => ({
  version: r.version,
  name: r.name,
  statements: r.statements,
  durationMs: r.durationMs,
  batches: r.batches,
  rows: r.rows,
});
const runDetail = (r: MigrationRun) => `${r.statements} statement(s)${r.batches ? `, ${r.rows} row(s) in ${r.batches} batch(es)` : ''}, ${r.durationMs} ms`;
const show = (path: string) => relative(process.cwd(), path) || '.';

/** Lock options for a runner: the timeout, a label other runners see, and a message while waiting. */
export function lockOptions(o: { lockWait?: string }, label: string, log: Log, waited: { holder?: LockHolder | null }) {
  const seconds = o.lockWait === undefined ? 60 : Number(o.lockWait);
  if (!Number.isFinite(seconds) || seconds < 0) throw new SchemakitError('cli', 'bad-option', `--lock-wait ${o.lockWait}: not a number of seconds`);
  return {
    timeoutMs: seconds * 1000,
    label,
    onWait: (h: LockHolder | null) => {
      waited.holder = h;
      log(yellow(`waiting for the migration lock: held by ${describeHolder(h)} (up to ${seconds} s, --lock-wait)`));
    },
  };
}

async function withDb<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** `schemakit migrate up [--to VERSION]`: applies pending migrations under the migration lock. */
export async function runMigrateUp(opts: MigrateOptions & { to?: string; backup?: string }, log: Log): Promise<Outcome> {
  const files = readMigrations(migrationsDir(opts));
  const target = cliTarget(opts, { action: 'migrate-up', command: 'migrate up' });
  const backupDir = opts.backup ?? requiredBackupDir(target, 'migrate-up');
  const db = await openResolved(target.target, extensionsCreatedBy(files));
  return withDb(db, async () => {
    const waited: { holder?: LockHolder | null } = {};
    let backup: string | null = null;
    const progress = batchProgress();
    const runs = await withMigrationLock(db, lockOptions(opts, 'schemakit migrate up', log, waited), async () => {
      if (backupDir) backup = await backupFirst(db, backupDir, target.policy, log);
      return migrateUp(db, files, {
        to: opts.to,
        onNotice: (m) => log(yellow(`notice: ${m}`)),
        onMigration: (m) => log(dim(`applying ${m.id}`)),
        onBatch: progress.onBatch,
      });
    }).finally(progress.end);
    const after = waited.holder !== undefined ? ` (after waiting for ${describeHolder(waited.holder ?? null)}, which applied what was pending)` : '';
    if (opts.json) return { stdout: JSON.stringify({ applied: runs.map(runJson), backup }, null, 2), exitCode: 0 };
    if (runs.length === 0) return { stdout: `No pending migrations: ${db.description} is up to date${after}.`, exitCode: 0 };
    const lines = runs.map((r) => `${green('applied')} ${r.version}_${r.name} (${runDetail(r)})`);
    return { stdout: `${lines.join('\n')}\n${runs.length} migration(s) applied to ${db.description}.`, exitCode: 0 };
  });
}

/** `schemakit migrate down [--steps N | --to VERSION]`: runs the recorded down SQL of the last migrations. */
export async function runMigrateDown(
  opts: MigrateOptions & { steps?: string; to?: string; allowIncomplete?: boolean; backup?: string; allowHazard?: string[] },
  log: Log,
): Promise<Outcome> {
  if (opts.steps !== undefined && opts.to !== undefined) throw new SchemakitError('cli', 'bad-option', 'give --steps or --to, not both');
  const steps = opts.steps === undefined ? undefined : Number(opts.steps);
  if (steps !== undefined && (!Number.isInteger(steps) || steps < 1))
    throw new SchemakitError('cli', 'bad-option', `--steps ${opts.steps}: not a positive integer`);
  const target = cliTarget(opts, { action: 'migrate-down', command: 'migrate down' });
  const backupDir = opts.backup ?? requiredBackupDir(target, 'migrate-down');
  const db = await openResolved(target.target, extensionsCreatedBy(readMigrations(migrationsDir(opts))));
  return withDb(db, async () => {
    let backup: string | null = null;
    const runs = await withMigrationLock(db, lockOptions(opts, 'schemakit migrate down', log, {}), async () => {
      // A down that deletes data is refused without --allow-hazard deletes-data; on a terminal the user is asked.
      const allowHazards = [...(opts.allowHazard ?? [])] as HazardKind[];
      const targets = await planMigrateDown(db, { steps, to: opts.to, allowIncomplete: opts.allowIncomplete });
      try {
        checkDownHazards(targets, allowHazards);
      } catch (e) {
        if (!process.stdin.isTTY || !(e instanceof SchemakitError)) throw e;
        log(e.message.replace(/^migrate: /, ''));
        if (!(await confirm(`Revert anyway and lose this data${backupDir ? ` (a backup is taken first into ${backupDir})` : ''}?`))) return null;
        allowHazards.push('deletes-data', 'irreversible');
      }
      if (backupDir) backup = await backupFirst(db, backupDir, target.policy, log);
      const progress = batchProgress();
      return migrateDown(db, {
        steps,
        to: opts.to,
        allowIncomplete: opts.allowIncomplete,
        allowHazards,
        onMigration: (h) => log(dim(`reverting ${h.version}_${h.name}`)),
        onBatch: progress.onBatch,
      }).finally(progress.end);
    });
    if (runs === null) return { stdout: 'Aborted; nothing was reverted.', exitCode: 1 };
    if (opts.json) return { stdout: JSON.stringify({ reverted: runs.map(runJson), backup }, null, 2), exitCode: 0 };
    if (runs.length === 0) return { stdout: 'Nothing to revert.', exitCode: 0 };
    const lines = runs.map((r) => `${yellow('reverted')} ${r.version}_${r.name} (${runDetail(r)})`);
    return { stdout: `${lines.join('\n')}\n${runs.length} migration(s) reverted on ${db.description}.`, exitCode: 0 };
  });
}

/**
 * `schemakit migrate resolve VERSION --rolled-back|--applied`: settles an interrupted migration (see
 * resolveMigration), showing what had committed.
 */
export async function runMigrateResolve(version: string, opts: MigrateOptions & { rolledBack?: boolean; applied?: boolean }, log: Log): Promise<Outcome> {
  if (Boolean(opts.rolledBack) === Boolean(opts.applied)) throw new SchemakitError('cli', 'bad-option', 'give exactly one of --rolled-back or --applied');
  const files = readMigrations(migrationsDir(opts));
  const db = await openResolved(cliTarget(opts).target, extensionsCreatedBy(files));
  return withDb(db, async () => {
    const r = await withMigrationLock(db, lockOptions(opts, 'schemakit migrate resolve', log, {}), () =>
      resolveMigration(db, files, version, opts.applied ? 'applied' : 'rolled-back'),
    );
    const lines = r.committed.length
      ? [
          `Statement(s) of ${version} that had committed (outside its transaction; they stay):`,
          ...r.committed.map((c) => `  ${c.n}: ${c.sql ?? '(the file has been edited since; see the version that ran)'}`),
        ]
      : [`No statement of ${version} had committed.`];
    lines.push(
      r.as === 'applied'
        ? `${green('resolved')} ${version} recorded as applied (with the checksum of the file as it is now).`
        : `${green('resolved')} ${version} marked rolled back: migrate up runs its up.sql (correct it first) from the first statement; statements that committed run again, so they must be idempotent or undone by hand.`,
    );
    return { stdout: lines.join('\n'), exitCode: 0 };
  });
}

/** One migration's state for `migrate status --json`: `{ id, state, … }` (`running` while a runner holds the lock). */
function stateJson(s: MigrationState, running: boolean): Record<string, unknown> {
  switch (s.kind) {
    case 'applied':
      return { id: s.file.id, state: s.kind, appliedAt: s.row.appliedAt.toISOString(), appliedBy: s.row.appliedBy, durationMs: s.row.durationMs };
    case 'edited':
      return { id: s.file.id, state: s.kind, recordedChecksum: s.row.checksum, fileChecksum: s.file.checksum };
    case 'missing-file':
      return { id: `${s.row.version}_${s.row.name}`, state: s.kind, appliedAt: s.row.appliedAt.toISOString() };
    case 'pending':
      return { id: s.file.id, state: s.kind, outOfOrder: s.outOfOrder };
    case 'interrupted':
      return {
        id: s.file?.id ?? s.version,
        state: running ? 'running' : s.kind,
        direction: s.direction,
        committedStatements: s.progress.statements,
        batched: s.progress.batches.map((b) => ({ statement: b.statement, batches: b.batches, rows: b.rows, keys: b.keys, lastKey: b.lastKey })),
      };
  }
}

function stateLine(s: MigrationState, running: LockHolder | null): string {
  switch (s.kind) {
    case 'applied':
      return `  ${green('applied    ')} ${s.file.id}  ${dim(`${s.row.appliedAt.toISOString()} by ${s.row.appliedBy}, ${s.row.durationMs} ms`)}`;
    case 'edited':
      return `  ${red('EDITED     ')} ${s.file.id}  up.sql changed after it was applied (checksum ${s.row.checksum.slice(0, 12)}… → ${s.file.checksum.slice(0, 12)}…): restore it`;
    case 'missing-file':
      return `  ${red('NO FILE    ')} ${s.row.version}_${s.row.name}  applied ${s.row.appliedAt.toISOString()}, but its directory is missing`;
    case 'pending':
      return `  ${yellow('pending    ')} ${s.file.id}${s.outOfOrder ? '  older than the last applied migration (merged from a branch): migrate up applies it' : ''}`;
    case 'interrupted':
      return running
        ? `  ${yellow('RUNNING    ')} ${s.file?.id ?? s.version}  migrate ${s.direction} under way (${describeProgress(s.progress)}), by ${describeHolder(running)}`
        : `  ${red('INTERRUPTED')} ${s.file?.id ?? s.version}  migrate ${s.direction} stopped after ${describeProgress(s.progress)}: run migrate ${s.direction} again to resume it, or settle it with migrate resolve ${s.version} --rolled-back|--applied`;
  }
}

/**
 * `schemakit migrate status`: every migration (applied, pending, edited, missing, interrupted) and the drift:
 * what the database holds that the applied migrations do not explain. Exit 0 up to date, 2 pending, 1 problems.
 */
export async function runMigrateStatus(opts: MigrateOptions & { drift?: boolean }): Promise<Outcome> {
  const files = readMigrations(migrationsDir(opts));
  const resolved = cliTarget(opts);
  const db = await openResolved(resolved.target, extensionsCreatedBy(files));
  return withDb(db, async () => {
    const history = await readHistory(db);
    const states = migrationStates(files, history, await readProgress(db));
    // A migration with progress rows is being run right now when another session holds the migration lock.
    const running = states.some((s) => s.kind === 'interrupted') && db.engine === 'postgres' ? await migrationLockHolder(db) : null;
    const lines = [dim(`target: ${db.description}; migrations: ${show(migrationsDir(opts))}`)];
    lines.push(...(states.length ? states.map((s) => stateLine(s, running)) : ['  no migrations']));
    const bad = states.filter((s) => s.kind === 'edited' || s.kind === 'missing-file' || (s.kind === 'interrupted' && !running)).length;
    const pending = states.filter((s) => s.kind === 'pending' || (s.kind === 'interrupted' && running)).length;
    let drifted = false;
    let driftJson: { steps: unknown[]; unexplained: readonly string[] } | null = null;
    // An edited or missing applied file can make the replay fail: the status above is still reported.
    const drift = opts.drift === false ? null : await migrationDrift(db, files, history, scopeOf(opts, resolved)).catch((e: unknown) => e as Error);
    if (drift instanceof Error) {
      lines.push(
        '',
        red(`Drift not checked: replaying the applied migrations failed (${bad ? 'fix the problems above first' : 'see below'}):`),
        `  ${drift.message.split('\n').join('\n  ')}`,
      );
    } else if (drift !== null) {
      drifted = drift.plan.steps.length > 0;
      driftJson = { steps: [...planToJson(drift.plan).steps], unexplained: drift.unexplained };
      lines.push('');
      if (!drifted) lines.push(green('No drift: the database is what its applied migrations produce.'));
      else {
        lines.push(red('Drift: the database differs from what its applied migrations produce (changed outside the migrations).'));
        lines.push(dim('Read as: what was done to the state the history explains to get the database as it is.'));
        lines.push(renderSummary(drift.plan));
        const declarations = declarationDiff(drift.expected, drift.actual);
        if (declarations?.text) lines.push('', dim('As declarations (a/: what the applied migrations produce, b/: the database):'), '', declarations.text, '');
        lines.push(
          dim('schemakit changes nothing here: capture intended changes in the schema and a new migration (generate), or undo unintended ones by hand.'),
        );
      }
      if (drift.unexplained.length) lines.push(yellow(`(approximate: ${drift.unexplained.join(', ')} could not be replayed, edited or missing)`));
    }
    const exitCode = bad || drifted || drift instanceof Error ? 1 : pending ? 2 : 0;
    if (opts.json)
      return {
        stdout: JSON.stringify(
          {
            migrations: states.map((s) => stateJson(s, running !== null)),
            applied: states.filter((s) => s.kind === 'applied').length,
            pending,
            problems: bad,
            drift: driftJson,
          },
          null,
          2,
        ),
        exitCode,
      };
    lines.push(
      '',
      `${states.filter((s) => s.kind === 'applied').length} applied, ${pending} pending${bad ? `, ${bad} with problems` : ''}${drifted ? ', drift' : ''}.`,
    );
    return { stdout: lines.join('\n'), exitCode: bad || drifted ? 1 : pending ? 2 : 0 };
  });
}

/** `schemakit migrate check` (CI): exit 1 naming every problem, 0 when the files are consistent. */
export async function runMigrateCheck(opts: MigrateOptions & { devUrl?: string }): Promise<Outcome> {
  // The applied migrations are checked when a database is named (--url, --env, SCHEMAKIT_ENV, DATABASE_URL, defaultEnv),
  // opened before the type check so that a connection error comes first.
  const resolved = cliTarget(opts);
  const target = resolved.source !== 'embedded' ? await openResolved(resolved.target) : null;
  const declared = await loadDeclarations(schemaDir(opts)).catch(async (e: unknown) => {
    await target?.close();
    throw e;
  });
  const run = () =>
    checkMigrations(declared, { dir: migrationsDir(opts), target: target ?? undefined, replay: { devUrl: devUrlOf(opts) }, scope: scopeOf(opts, resolved) });
  const report = target ? await withDb(target, run) : await run();
  if (opts.json) {
    const doc = {
      ok: report.problems.length === 0,
      migrations: report.migrations,
      notices: report.notices,
      problems: report.problems,
      missing: planToJson(report.missing).steps,
    };
    return { stdout: JSON.stringify(doc, null, 2), exitCode: report.problems.length === 0 ? 0 : 1 };
  }
  const lines = report.notices.map((n) => yellow(`notice: ${n}`));
  if (report.problems.length === 0) {
    lines.push(
      green(
        `OK: ${report.migrations} migration(s) replay cleanly and reproduce the declared schema${target ? `; none applied to ${target.description} was edited` : ''}.`,
      ),
    );
    return { stdout: lines.join('\n'), exitCode: 0 };
  }
  lines.push(red(`${report.problems.length} problem(s):`), ...report.problems.map((p) => `  - [${p.code}] ${formatProblem(p)}`));
  if (report.missing.steps.length) lines.push('', bold('Missing from the migration files:'), renderSummary(report.missing));
  return { stdout: lines.join('\n'), exitCode: 1 };
}

/** `schemakit generate NAME`: the next migration, from the state the existing files produce to the declarations. */
export async function runGenerateMigration(
  name: string,
  opts: TargetOptions & ScopeFlags & { out?: string; devUrl?: string; json?: boolean },
): Promise<Outcome> {
  const declared = await loadDeclarations(schemaDir(opts));
  const scope = scopeOf(opts, opts.url || opts.env ? cliTarget(opts) : null);
  const result = await generateMigration(declared, {
    name,
    dir: migrationsDirOf(opts, opts.out),
    replay: { devUrl: devUrlOf(opts) },
    scope,
    onProgress: showProgress,
  });
  progressLine().clear();
  if (opts.json) {
    const doc = {
      written: result.written === null ? null : show(result.written),
      reversible: result.written === null ? null : result.reversible,
      validation: result.validation,
      steps: planToJson(result.plan).steps,
    };
    return { stdout: JSON.stringify(doc, null, 2), exitCode: 0 };
  }
  if (result.written === null) return { stdout: 'No changes: the migration files already produce the declared schema; nothing to generate.', exitCode: 0 };
  const loses = result.downLoses.length ? `; down.sql loses data (${result.downLoses.join('; ')}): migrate down asks for --allow-hazard deletes-data` : '';
  const note =
    (result.reversible ? 'down.sql tested: up then down restores the schema' : 'down.sql is INCOMPLETE: the migration has irreversible steps') + loses;
  const hazards = result.plan.steps.flatMap((s) => s.hazards.map((h) => `  ${red('hazard')} ${bold(h.kind)}: ${s.object}: ${h.message}`));
  const hazardText = hazards.length ? `\n${yellow(`${hazards.length} hazard(s) in what was written:`)}\n${hazards.join('\n')}` : '';
  const validated = result.validation
    ? `\n${dim(`Validated on the state the migration files replay to in ${Math.round(result.validation.durationMs)} ms: up.sql reaches the declared schema.`)}`
    : '';
  return {
    stdout: `Wrote ${bold(show(result.written))}/up.sql, down.sql and meta.json (${result.plan.steps.length} statement(s); ${note}).${validated}${hazardText}`,
    exitCode: 0,
  };
}
