import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_FILE, describeTarget } from '../config';
import { defaultCacheDir, loadSchemaDir } from '../load';
import { applyPlan } from '../apply';
import {
  adoptHistory,
  readForeignMigrations,
  writeImported,
  type AdoptedRow,
  compareVersions,
  ensureHistory,
  migrationStates,
  readHistory,
  readMigrations,
  readProgress,
  withMigrationLock,
  migrateUp,
  insertHistory,
} from '../migrate';
import { loadSeed } from '../data';
import { queryRow } from '../db';
import { createTargetDatabase, databaseExists, dropTargetDatabase, extensionsCreatedBy, migrationDrift, planDeclared, planReferenceData } from '../pipeline';
import { SchemakitError, zip } from '../util';
import type { HazardKind } from '../plan';
import type { Outcome } from './commands';
import { cliTarget, openResolved, projectConfig, type TargetOptions } from './target';

type Json = { json?: boolean };
const out = (opts: Json, doc: Record<string, unknown>, text: string, exitCode = 0): Outcome => ({
  stdout: opts.json ? JSON.stringify(doc, null, 2) : text,
  exitCode,
});

const YAML = `# schemakit.yaml: paths, the engine for scratch databases, and environments.
# Every string may use \${VAR} or \${VAR:-default}; an unset variable without a default is an error.
# Choose an env with --env NAME or SCHEMAKIT_ENV; precedence: --url > --env > DATABASE_URL > defaultEnv > embedded.

paths:
  schema: schema                    # declarations (schema/*.ts)
  migrations: generated/migrations  # versioned migrations (generate, migrate)
  docs: generated/docs              # schemakit docs
  data: data                        # reference data (CSV)

# Scratch and replay databases: "embedded" (PGlite, no server) or a postgres:// server URL.
dev: embedded

# Used when no env is named and DATABASE_URL is unset. Remove it to use the embedded database.
# defaultEnv: local

envs:
  local:
    url: embedded                   # the project's own database in .schemakit/pglite
  # test:
  #   url: \${TEST_DATABASE_URL:-postgres://postgres@localhost:5432/app_test}
  # prod:
  #   host: db.internal
  #   port: 5432
  #   database: app
  #   user: app
  #   password: \${PROD_DB_PASSWORD}
  #   policy:
  #     protected: true             # db reset, db drop and restore refused
  #     requireBackup: true         # apply and migrate up/down back up first (.schemakit/backups)
  #     migrationsOnly: true        # apply refused: use generate + migrate up
  #     online: true                # plans in online mode by default
  #     allowHazards: [index-build] # hazards allowed without --allow-hazard
`;

const EXAMPLE = `import { c, sql, table } from 'schemakit';

/** An example table: edit it, then run \`schemakit plan\` and \`schemakit apply\`. */
export const notes = table('public', 'notes', {
  comment: 'Notes written by users',
  columns: {
    id: c.bigint().primaryKey().generatedAlwaysAsIdentity(),
    title: c.text().notNull(),
    body: c.text(),
    created_at: c.timestamptz().notNull().default(sql\`now()\`),
  },
});
`;

/** `schemakit init`: schemakit.yaml, schema/ with one example table, data/, .gitignore entries; never overwrites. */
export async function runInit(opts: Json): Promise<Outcome> {
  const cwd = process.cwd();
  const written: string[] = [];
  const kept: string[] = [];
  const write = (path: string, text: string) => {
    if (existsSync(join(cwd, path))) kept.push(path);
    else {
      mkdirSync(join(cwd, path, '..'), { recursive: true });
      writeFileSync(join(cwd, path), text);
      written.push(path);
    }
  };
  write(CONFIG_FILE, YAML);
  if (!existsSync(join(cwd, 'schema'))) write(join('schema', 'notes.ts'), EXAMPLE);
  else kept.push('schema/');
  write(join('data', '.gitkeep'), '');
  const ignore = join(cwd, '.gitignore');
  const had = existsSync(ignore) ? readFileSync(ignore, 'utf8') : '';
  const missing = ['.schemakit/', 'generated/site/'].filter((l) => !had.split('\n').some((x) => x.trim() === l));
  if (missing.length) {
    writeFileSync(
      ignore,
      `${had}${had && !had.endsWith('\n') ? '\n' : ''}# schemakit: embedded database, caches and backups; the generated HTML site\n${missing.join('\n')}\n`,
    );
    written.push('.gitignore');
  }
  const text = [...written.map((p) => `wrote ${p}`), ...kept.map((p) => `kept  ${p} (exists)`), '', 'Next: schemakit plan   (then schemakit apply --yes)'].join(
    '\n',
  );
  return out(opts, { written, kept }, text);
}

/**
 * `schemakit ping`: connectivity, server version, latency, user and database, pending migrations and drift.
 * Exit 0 healthy, 1 not reachable, 2 reachable but pending migrations, problems or drift.
 */
export async function runPing(opts: TargetOptions & Json & { dir?: string; drift?: boolean }): Promise<Outcome> {
  const t = cliTarget(opts);
  const started = performance.now();
  let db;
  try {
    db = await openResolved(t.target);
  } catch (e) {
    const message = (e as Error).message;
    return out(opts, { target: describeTarget(t.target), reachable: false, error: message }, `unreachable: ${message}`, 1);
  }
  const connectMs = Math.round(performance.now() - started);
  try {
    const t0 = performance.now();
    const info = await queryRow<{ version: string; user: string; database: string }>(
      db,
      'SELECT pg_catalog.version() AS version, current_user AS user, current_database() AS database',
    );
    const latencyMs = Math.round((performance.now() - t0) * 10) / 10;
    const files = readMigrations(opts.dir ? opts.dir : projectConfig(opts).paths.migrations);
    const history = await readHistory(db);
    const states = migrationStates(files, history, await readProgress(db));
    const pending = states.filter((s) => s.kind === 'pending').length;
    const problems = states.filter((s) => s.kind === 'edited' || s.kind === 'missing-file' || s.kind === 'interrupted').length;
    const drift = opts.drift === false || history.length === 0 ? null : (await migrationDrift(db, files, history)).plan.steps.length;
    const healthy = pending === 0 && problems === 0 && !drift;
    const doc = {
      target: describeTarget(t.target),
      reachable: true,
      serverVersion: db.serverVersion,
      version: info.version,
      connectMs,
      latencyMs,
      user: info.user,
      database: info.database,
      migrations: { applied: states.filter((s) => s.kind === 'applied').length, pending, problems },
      drift,
    };
    const text = [
      `reachable  ${info.version.split(',')[0]}, connected in ${connectMs} ms, round trip ${latencyMs} ms, as ${info.user} on ${info.database}`,
      `migrations ${doc.migrations.applied} applied, ${pending} pending${problems ? `, ${problems} with problems (see migrate status)` : ''}`,
      `drift      ${drift === null ? 'not checked' : drift === 0 ? 'none' : `${drift} statement(s) (see migrate status)`}`,
    ].join('\n');
    return out(opts, doc, text, healthy ? 0 : 2);
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** `schemakit db create`: creates the target's database when it is missing. */
export async function runDbCreate(opts: TargetOptions & Json): Promise<Outcome> {
  const t = cliTarget(opts);
  const created = await createTargetDatabase(t.target);
  const what = describeTarget(t.target);
  return out(opts, { target: what, created }, created ? `Created ${what}.` : `${what} already exists; nothing to do.`);
}

/**
 * `schemakit db reset`: refused on a protected env whatever the flags; else terminates the other sessions,
 * drops and recreates the database, then runs the migrations (when the project has any) or applies the schema,
 * loads the reference data (data/<schema>/<table>.csv) and the env's seed (`seed:`, data/seeds/<name>/).
 */
export async function runDbReset(
  opts: TargetOptions & Json & { yes?: boolean; dir?: string; seed?: string | false },
  log: (s: string) => void,
): Promise<Outcome> {
  const t = cliTarget(opts, { action: 'reset', command: 'db reset' });
  const what = describeTarget(t.target);
  if (!opts.yes) throw new SchemakitError('cli', 'needs-confirmation', `db reset drops every object and row of ${what}: pass --yes`);
  const config = projectConfig(opts);
  const seed = opts.seed === false ? null : (opts.seed ?? t.env?.seed ?? null);
  if (seed !== null && !existsSync(join(config.paths.data, 'seeds', seed))) {
    const from = opts.seed ? '--seed' : `${t.env?.location}: envs.${t.env?.name}.seed`;
    throw new SchemakitError(
      'config',
      'no-seed',
      `${from}: no seed folder ${relative(process.cwd(), join(config.paths.data, 'seeds', seed))}; nothing was dropped`,
    );
  }
  const files = readMigrations(opts.dir ? opts.dir : config.paths.migrations);
  const schemaDir = opts.schema ? opts.schema : config.paths.schema;
  // Loaded before dropping: a broken schema/ must not leave an empty database behind.
  const declared =
    files.length > 0 && !existsSync(schemaDir)
      ? null
      : files.length === 0 && t.policy.migrationsOnly
        ? null
        : await loadSchemaDir(schemaDir, { cacheDir: defaultCacheDir(config.root) });
  const existed = await databaseExists(t.target);
  if (existed) await dropTargetDatabase(t.target);
  await createTargetDatabase(t.target);
  const extensions = files.length > 0 ? extensionsCreatedBy(files) : (declared?.catalog.extensions.map((e) => e.name) ?? []);
  const db = await openResolved(t.target, extensions);
  const data = { root: config.root, dataDir: relative(config.root, config.paths.data) };
  try {
    let migrations: string[] = [];
    let statements = 0;
    if (files.length > 0) {
      const runs = await withMigrationLock(db, { label: 'schemakit db reset' }, () => migrateUp(db, files, { onMigration: (m) => log(`applying ${m.id}`) }));
      migrations = runs.map((r) => r.version);
    } else if (declared) {
      const plan = await planDeclared(db, declared, { online: false });
      statements = plan.steps.length ? (await applyPlan(db, plan, { allowHazards: t.policy.allowHazards as HazardKind[] })).applied : 0;
    }
    // Reference data: after migrations, the row changes alone (the tables exist); the same after apply.
    let dataStatements = 0;
    if (declared) {
      const rows = await planReferenceData(db, declared, {}, data);
      if (rows.steps.length) dataStatements = (await applyPlan(db, rows, { allowHazards: t.policy.allowHazards as HazardKind[] })).applied;
    }
    const loaded = seed !== null ? await loadSeed(db, config.paths.data, seed) : [];
    const doc = { target: what, dropped: existed, migrations, statements, dataStatements, seed, seeded: loaded };
    const text = [
      `Reset ${what}: ${files.length > 0 ? `${migrations.length} migration(s) applied` : t.policy.migrationsOnly ? 'empty (no migrations; policy migrationsOnly)' : `${statements} statement(s) of the declared schema applied`}.`,
      ...(dataStatements ? [`Reference data: ${dataStatements} statement(s).`] : []),
      ...loaded.map((l) => `Seed ${seed}: loaded ${l.file} into ${l.table}`),
    ].join('\n');
    return out(opts, doc, text);
  } finally {
    await db.close().catch(() => undefined);
  }
}

/**
 * `schemakit migrate baseline VERSION`: records every migration up to VERSION as applied without running
 * it (Flyway/Atlas baseline), for a database that already has that schema (after `pull`).
 */
export async function runBaseline(version: string, opts: TargetOptions & Json & { dir?: string }): Promise<Outcome> {
  const t = cliTarget(opts, { action: 'baseline', command: 'migrate baseline' });
  const files = readMigrations(opts.dir ? opts.dir : projectConfig(opts).paths.migrations);
  if (!files.some((f) => f.version === version)) {
    throw new SchemakitError(
      'migrate',
      'unknown-version',
      `no migration with version ${version} in ${relative(process.cwd(), projectConfig(opts).paths.migrations) || '.'}${files.length ? `; versions: ${files.map((f) => f.version).join(', ')}` : ''}`,
    );
  }
  const db = await openResolved(t.target, extensionsCreatedBy(files));
  try {
    const recorded = await withMigrationLock(db, { label: 'schemakit migrate baseline' }, async () => {
      await ensureHistory(db);
      const applied = new Set((await readHistory(db)).map((h) => h.version));
      const todo = files.filter((f) => compareVersions(f.version, version) <= 0 && !applied.has(f.version));
      for (const f of todo) await insertHistory(db, { version: f.version, name: f.name, checksum: f.checksum, durationMs: 0, downSql: f.down });
      return todo.map((f) => f.id);
    });
    return out(
      opts,
      { target: describeTarget(t.target), baseline: version, recorded },
      recorded.length
        ? `Recorded ${recorded.length} migration(s) up to ${version} as applied (not run):\n${recorded.map((id) => `  ${id}`).join('\n')}`
        : `Nothing to record: every migration up to ${version} is already in the history.`,
    );
  } finally {
    await db.close().catch(() => undefined);
  }
}

/**
 * `schemakit migrate import SOURCE [--history [TABLE]]`: adopts a seed-style migrations folder into schemakit's
 * migrations directory and, with --history, the database's own `schema_migrations` into schemakit's history.
 */
export async function runImport(source: string, opts: TargetOptions & Json & { dir?: string; history?: boolean; historyTable?: string }): Promise<Outcome> {
  const dir = opts.dir ? opts.dir : projectConfig(opts).paths.migrations;
  const found = readForeignMigrations(source);
  let adopted: AdoptedRow[] | null = null;
  let target: string | null = null;
  const written = writeImported(dir, found);
  if (opts.history || opts.historyTable) {
    const t = cliTarget(opts, { action: 'baseline', command: 'migrate import' });
    target = describeTarget(t.target);
    const db = await openResolved(t.target, extensionsCreatedBy(readMigrations(dir)));
    try {
      adopted = await withMigrationLock(db, { label: 'schemakit migrate import' }, () => adoptHistory(db, found, opts.historyTable ?? 'schema_migrations'));
    } finally {
      await db.close().catch(() => undefined);
    }
  }
  const migrations = zip(found, written, 'imported migrations').map(([m, w]) => ({
    id: w.id,
    status: w.status,
    source: m.source,
    files: m.files,
    down: m.downFile,
    strippedTransaction: m.strippedTransaction,
  }));
  const shownDir = relative(process.cwd(), dir) || '.';
  const text = [
    ...migrations.map(
      (m) =>
        `${m.status === 'written' ? 'wrote' : 'kept '} ${join(shownDir, m.id)}  <- ${m.files.join(' + ')}${m.down ? `, down ${m.down}` : ', no down script'}${m.strippedTransaction ? ' (BEGIN/COMMIT removed)' : ''}`,
    ),
    ...(adopted
      ? [
          adopted.length
            ? `history: ${adopted.filter((a) => a.status === 'recorded').length} of ${adopted.length} row(s) of ${opts.historyTable ?? 'schema_migrations'} recorded as applied (the old table is left as it is)`
            : `history: ${opts.historyTable ?? 'schema_migrations'} is empty`,
        ]
      : []),
    `Next: schemakit migrate status${adopted ? '' : ' (or migrate import --history on a database that ran them)'}`,
  ].join('\n');
  return out(opts, { source: relative(process.cwd(), source) || '.', dir: shownDir, migrations, target, history: adopted }, text);
}
