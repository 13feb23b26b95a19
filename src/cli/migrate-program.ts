import { Option, type Command } from 'commander';
import { logLine } from './progress';
import { hazardKinds } from '../plan/types'; // not plan's barrel: start-up (see main.ts)
import type { Outcome } from './commands';
import { fleetOr, withFleetOptions } from './fleet-options';
import { withScopeOptions } from './scope-options';

/** The command module, loaded when a migrate action runs (it loads the drivers and the schema loader). */
const command = () => import('./migrate-command');

const log = logLine;

/** Registers `schemakit migrate up|down|status|check`. */
export function registerMigrate(cmd: Command, target: (c: Command) => Command, done: (o: Outcome) => void): void {
  const migrate = cmd.command('migrate').description('versioned migrations from generated/migrations, with a history in the schemakit schema');
  const common = (c: Command) =>
    target(c)
      .option('--dir <dir>', 'migrations directory (default: paths.migrations of schemakit.yaml, else generated/migrations)')
      .option('--lock-wait <seconds>', "wait this long for another runner's migration lock", '60')
      .option('--json', 'print the result as one JSON document on stdout');

  withFleetOptions(common(migrate.command('up').description('apply pending migrations, each in its own transaction with its history row')), 'migrate-up')
    .option('--to <version>', 'stop after this version')
    .option('--backup <dir>', 'back up the database into DIR first (pg_dump -Fc, or the embedded data directory)')
    .action(async (o) => done(await fleetOr('migrate-up', o, async () => (await command()).runMigrateUp(o, log))));

  common(migrate.command('down').description('revert applied migrations with the down SQL recorded when they were applied'))
    .option('--steps <n>', 'revert the last N migrations (default 1)')
    .option('--to <version>', 'revert every migration newer than VERSION (0: all)')
    .option('--allow-incomplete', 'run a down script with irreversible (missing) steps anyway')
    .addOption(
      new Option(
        '--allow-hazard <kind...>',
        'run a down script with this hazard anyway (deletes-data: it drops tables or columns; asked on a terminal)',
      ).choices([...hazardKinds]),
    )
    .option('--backup <dir>', 'back up the database into DIR first (pg_dump -Fc, or the embedded data directory)')
    .action(async (o) => done(await (await command()).runMigrateDown(o, log)));

  common(
    migrate
      .command('resolve')
      .description('settle an interrupted migration (a step outside its transaction committed, a later one failed), showing what committed')
      .argument('<version>'),
  )
    .option('--rolled-back', 'forget its progress: the next migrate up runs the (corrected) up.sql from its first statement')
    .option('--applied', 'record it as applied (you finished it by hand)')
    .action(async (version, o) => done(await (await command()).runMigrateResolve(version, o, log)));

  withFleetOptions(
    withScopeOptions(
      common(
        migrate.command('status').description('applied, pending, edited, missing and interrupted migrations, and drift (exit 0 clean, 2 pending, 1 problems)'),
      ),
    ).option('--no-drift', 'skip the drift check (it replays the applied migrations into a scratch database)'),
    'migrate-status',
  ).action(async (o) => done(await fleetOr('migrate-status', o, async () => (await command()).runMigrateStatus(o))));

  withScopeOptions(
    common(
      migrate
        .command('check')
        .description('CI: the files replay cleanly, do not conflict, reproduce the declared schema, and (with --url) applied ones are unedited'),
    ),
  )
    .option('--dev-url <url>', 'server on which to replay in a temporary database (default: dev of schemakit.yaml, else --url, else embedded PGlite)')
    .action(async (o) => done(await (await command()).runMigrateCheck(o)));

  common(
    migrate
      .command('import')
      .description(
        "adopt a seed-style migrations folder (NNN_name/ with several .sql files, or NNN_name.sql with rollback/) and, with --history, the database's schema_migrations table",
      )
      .argument('<source>'),
  )
    .option('--history', "record the rows of schema_migrations(version, applied_at, ...) as applied in schemakit's history")
    .option('--history-table <table>', 'the old history table (default schema_migrations)')
    .action(async (source, o) => {
      const { runImport } = await import('./lifecycle-command');
      done(await runImport(source, o));
    });

  common(
    migrate
      .command('baseline')
      .description('record every migration up to VERSION as applied without running it (adopting a database that already has the schema, e.g. after pull)')
      .argument('<version>'),
  ).action(async (version, o) => {
    const { runBaseline } = await import('./lifecycle-command');
    done(await runBaseline(version, o));
  });
}
