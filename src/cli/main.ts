import { Command, Option } from 'commander';
// plan/types directly: plan's barrel loads the whole planner, which `--help` does not need.
import { hazardKinds } from '../plan/types';
import { formatProblem, runShutdownHooks, SchemakitError } from '../util';
import type { Outcome } from './commands';
import { registerMigrate } from './migrate-program';
import { registerData } from './data-program';
import { registerLifecycle } from './lifecycle-program';
import { registerHealth } from './health-program';
import { registerBackup } from './backup-program';
import { registerCheck } from './check-program';
import { red } from './colors';
import { logLine, progress, startProgress } from './progress';
import { withOnlineOptions } from './safety-options';
import { checkUrlOptions, outputRedactor, withConnectTimeout, withScratchOptions } from './url-options';
import { withEnvOptions } from './env-options';
import { fleetOr, withFleetOptions } from './fleet-options';
import { beginInvocation } from './invocation';
import { withScopeOptions } from './scope-options';
import { packageRoot } from '../load/package-root';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Every action imports its command module when it runs (`await import('./x-command')`): the command modules
// pull in the TypeScript compiler, ts-morph, Handlebars, `pg` and PGlite, which `--help` and the other
// commands should not pay for. test/architecture/startup.test.ts checks that loading this file loads none.

/** The installed package's version (`schemakit --version`), read from its package.json. */
function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Builds the command-line program; actions record their outcome instead of exiting. */
function program(done: (o: Outcome) => void): Command {
  const cmd = new Command('schemakit')
    .description('Declarative schema-as-code for PostgreSQL')
    .version(version(), '-v, --version', 'print the version of schemakit')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (_, action) => checkUrlOptions(action.opts()));
  const target = (c: Command) =>
    withConnectTimeout(withEnvOptions(c.option('--schema <dir>', 'directory of schema declarations (default: paths.schema of schemakit.yaml, else schema/)')));

  withScopeOptions(withConnectTimeout(withOnlineOptions(cmd.command('diff'))))
    .description('print the SQL that turns SRC into DST (exit 0: none, 2: differences)')
    .requiredOption('--from <src>', 'empty | postgres://… | pglite:DIR | schema directory')
    .requiredOption('--to <dst>', 'empty | postgres://… | pglite:DIR | schema directory')
    .option('--json', 'print the plan as JSON')
    .option('--privileges', 'compare privileges (GRANT/REVOKE) too; declarations that declare grants always do')
    .action(async (o) => done(await (await import('./diff-command')).runDiff(o)));

  withScopeOptions(
    withFleetOptions(
      withScratchOptions(
        withOnlineOptions(
          target(cmd.command('plan').description('show what apply would change (exit 0: nothing, 2: changes); on a fleet env, once per distinct state')),
        ),
      ),
      'plan',
    ),
  )
    .option('--json', 'print the plan as JSON')
    .option('--no-preflight', 'do not run the pre-flight data checks')
    .option('--validate', 'run the plan on a scratch copy of the database schema and check it reaches the declared schema (exit 1 if not)')
    .action(async (o) => done(await fleetOr('plan', o, async () => (await import('./commands')).runPlan(o))));

  withScopeOptions(
    withFleetOptions(
      withScratchOptions(
        withOnlineOptions(
          target(
            cmd
              .command('apply')
              .description('apply the declared schema to the database (in one transaction, unless --online or --chunked; a fleet env: to each target)'),
          ),
        ),
      ),
      'apply',
    ),
  )
    .option('--json', 'print the result as one JSON document')
    .option('--backup <dir>', 'back up the database into DIR first (pg_dump -Fc, or the embedded data directory)')
    .option('--no-preflight', 'do not run the pre-flight data checks (apply may then fail halfway on data)')
    .option('--no-validate', 'do not first run the plan on a scratch copy of the database schema (refused there when it fails or lands elsewhere)')
    .option('--lock-retries <n>', 'retries after a lock timeout (default 3)')
    .addOption(new Option('--allow-hazard <kind...>', 'allow a refused hazard (repeatable)').choices([...hazardKinds]))
    .option('--yes', 'do not ask for confirmation')
    .option('--chunked', 'commit in chunks when the plan needs more locks than one transaction can hold (resumable)')
    .option('--lock-wait <seconds>', "wait this long for another runner's migration lock", '60')
    .action(async (o) => done(await fleetOr('apply', o, async () => (await import('./apply-command')).runApply(o, logLine))));

  withScopeOptions(
    withOnlineOptions(
      target(cmd.command('generate').description('write generated/migrations/<timestamp>_<name>/{up,down}.sql and meta.json').argument('<name>')),
    ),
  )
    .option('--out <dir>', 'migrations directory (default: paths.migrations, else generated/migrations)')
    .option(
      '--dev-url <url>',
      'server on which to replay the migrations in a temporary database (default: dev of schemakit.yaml, else --url, else embedded PGlite)',
    )
    .option('--json', 'print the result as one JSON document')
    .option('--data', 'write a data-migration template instead: a batched UPDATE (keyset ranges, a commit per batch, resumable) and its down')
    .option('--table <table>', 'with --data: the table the batches walk (schema.table)')
    .option('--key <column>', 'with --data: its key column (default id)')
    .option('--batch-size <n>', 'with --data: keys per batch (default 1000)')
    .option('--sleep <duration>', 'with --data: pause between batches (default 50ms)')
    .action(async (name, o) => {
      const dataOnly = ['table', 'key', 'batchSize', 'sleep'].filter((k) => o[k] !== undefined);
      const [first] = dataOnly;
      if (!o.data && first !== undefined)
        throw new SchemakitError(
          'cli',
          'bad-option',
          `--${first.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} goes with --data (a data-migration template)`,
        );
      done(
        o.data
          ? await (await import('./data-migration-command')).runGenerateData(name, o)
          : await (await import('./migrate-command')).runGenerateMigration(name, o),
      );
    });

  registerMigrate(cmd, target, done);
  registerData(cmd, target, done);
  registerLifecycle(cmd, target, done);
  registerHealth(cmd, target, done);
  registerBackup(cmd, target, done);
  registerCheck(cmd, target, done);

  withScopeOptions(withConnectTimeout(cmd.command('docs')))
    .description('write Markdown docs and Mermaid ER diagrams of the schema to generated/docs (large schemas: a diagram per area, a map of the areas)')
    .option('--schema <dir>', 'directory of schema declarations (default: paths.schema, else schema/)')
    .option('--url <url>', 'document a live database instead of the declarations')
    .option('--env <name>', 'document the live database of this env of schemakit.yaml instead of the declarations')
    .option('--config <file>', 'configuration file (default: the nearest schemakit.yaml)')
    .option('--out <dir>', 'output directory (default: paths.docs, else generated/docs; with --html generated/site)')
    .option('--html', 'write a static HTML site with the ER diagrams rendered (Mermaid bundled) instead of Markdown')
    .option('--templates <dir>', 'directory of Handlebars templates overriding the defaults (default: paths.templates)')
    .option('--check', 'write nothing; exit 1 naming the stale files, with a unified diff of each, when the output is not up to date')
    .option('--no-stats', 'with --url/--env: leave out the row estimates and sizes of the tables (committed docs would churn with them)')
    .option('--json', 'print the result as one JSON document')
    .action(async (o) => done(await (await import('./docs-command')).runDocs(o)));

  withScopeOptions(withConnectTimeout(withEnvOptions(cmd.command('pull').description('write declarations (schema/*.ts) of an existing database'))))
    .option('--out <dir>', 'output directory (default: paths.schema, else schema/)')
    .option('--json', 'print the result as one JSON document')
    .addOption(new Option('--layout <layout>', 'one file per table, or one per schema').choices(['table', 'schema']).default('table'))
    .option('--force', 'overwrite files whose content differs from the pulled declarations')
    .action(async (o) => done(await (await import('./pull-command')).runPull(o)));

  withScopeOptions(
    withScratchOptions(
      withOnlineOptions(
        target(
          cmd.command('lint').description('lint the plan, or migration files, for locks, rewrites, data loss and data that would fail (exit 1 on errors)'),
        ),
      ).argument('[paths...]', 'migration directories or .sql files (default: the plan from the database to the schema)'),
    ),
  )
    .option('--json', 'print the findings as JSON')
    .option('--large-table-rows <n>', 'tables with at least this many rows make rewrites and blocking scans errors (default 1000000)')
    .option('--large-table-bytes <n>', 'same, in bytes (default 1 GiB)')
    .action(async (paths, o) => done(await (await import('./lint-command')).runLint(paths, o)));

  withConnectTimeout(
    withEnvOptions(
      cmd
        .command('restore')
        .description('restore a backup taken by apply --backup, replacing the database contents (refused on a protected env)')
        .argument('<file>'),
    ),
  )
    .option('--yes', 'do not ask for confirmation')
    .option(
      '--table <table>',
      'restore only this table (schema.table, repeatable) from a full server backup, in one transaction',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--replace', 'with --table: drop the live table first instead of refusing')
    .option('--verify', 'restore into a scratch database and compare catalog hash and row counts with the sidecar; changes nothing (exit 1 if not ok)')
    .option('--json', 'print the result as one JSON document')
    .action(async (file, o) => done(await (await import('./restore-command')).runRestore(file, o)));

  cmd
    .command('hooks')
    .description('git hooks')
    .command('install')
    .description('install a pre-commit hook that regenerates generated/docs when schema/ changes')
    .option('--json', 'print {hook, file, status: installed|updated|unchanged} as JSON')
    .action(async (o: { json?: boolean }) => done(await (await import('./hooks-command')).runHooksInstall(o)));
  return cmd;
}

/** Entry point of the `schemakit` binary: the only place that prints and sets the exit code. */
export async function main(argv: string[]): Promise<number> {
  beginInvocation();
  let outcome: Outcome = { stdout: '', exitCode: 0 };
  // No password is ever printed: whatever reaches stdout or stderr goes through one redactor.
  const redact = outputRedactor(argv);
  // A spinner line on stderr while the engine starts, the type check, normalization and apply run (terminal only).
  startProgress(argv);
  try {
    await program((o) => (outcome = o)).parseAsync(argv);
    progress().clear();
  } catch (err) {
    progress().clear();
    return reportError(err, redact);
  } finally {
    // Pooled in-memory PGlite instances (scratch databases) keep Node alive for seconds unless shut down:
    // db's pool registers its shutdown when it is loaded (a command that never loads db pays nothing).
    await runShutdownHooks();
  }
  if (outcome.stdout) process.stdout.write(redact(outcome.stdout.endsWith('\n') ? outcome.stdout : outcome.stdout + '\n'));
  return outcome.exitCode;
}

function reportError(err: unknown, redact: (s: string) => string): number {
  const e = err as { code?: string; exitCode?: number };
  if (typeof e?.code === 'string' && e.code.startsWith('commander.')) {
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 1;
  }
  if (err instanceof SchemakitError) {
    process.stderr.write(redact(`${red('error')} ${err.message}\n`));
    // Messages often list the first problems already (load: `N type error(s) in …`); print only the others.
    for (const p of err.problems) if (!err.message.includes(formatProblem(p))) process.stderr.write(redact(`  ${formatProblem(p)}\n`));
    if (process.env.SCHEMAKIT_DEBUG && err.cause) process.stderr.write(redact(`${String((err.cause as Error)?.stack ?? err.cause)}\n`));
  } else {
    process.stderr.write(redact(`${red('error')} ${(err as Error)?.stack ?? String(err)}\n`));
  }
  return 1;
}
