import type { Command } from 'commander';
import type { Outcome } from './commands';
import { fleetOr, withFleetOptions } from './fleet-options';

const log = (s: string) => process.stderr.write(s + '\n');

/** Registers `schemakit init`, `ping` and `db create|reset`. */
export function registerLifecycle(cmd: Command, target: (c: Command) => Command, done: (o: Outcome) => void): void {
  cmd
    .command('init')
    .description('write a commented schemakit.yaml, schema/ with an example table, data/ and .gitignore entries (never overwrites)')
    .option('--json', 'print the files written as one JSON document')
    .action(async (o) => {
      const { runInit } = await import('./lifecycle-command');
      done(await runInit(o));
    });

  withFleetOptions(
    target(
      cmd
        .command('ping')
        .description('connectivity, server version, latency, user, database, pending migrations and drift (exit 0 healthy, 1 unreachable, 2 pending or drift)'),
    ),
    'ping',
  )
    .option('--dir <dir>', 'migrations directory (default: paths.migrations, else generated/migrations)')
    .option('--no-drift', 'skip the drift check (it replays the applied migrations into a scratch database)')
    .option('--json', 'print the result as one JSON document')
    .action(async (o) => {
      const { runPing } = await import('./lifecycle-command');
      done(await fleetOr('ping', o, () => runPing(o)));
    });

  const db = cmd.command('db').description('create or reset the database of an env');
  target(db.command('create').description('create the database when it is missing'))
    .option('--json', 'print the result as one JSON document')
    .action(async (o) => {
      const { runDbCreate } = await import('./lifecycle-command');
      done(await runDbCreate(o));
    });
  target(
    db
      .command('reset')
      .description(
        "drop and recreate the database (other sessions terminated), then migrate up, or apply the schema when there are no migrations, load the reference data (data/) and the env's seed; refused on a protected env",
      ),
  )
    .option('--yes', 'confirm: every object and row is dropped')
    .option('--seed <name>', "load data/seeds/<name>/ afterwards (default: the env's seed: key)")
    .option('--no-seed', 'load no seed data')
    .option('--dir <dir>', 'migrations directory (default: paths.migrations, else generated/migrations)')
    .option('--json', 'print the result as one JSON document')
    .action(async (o) => {
      const { runDbReset } = await import('./lifecycle-command');
      done(await runDbReset(o, log));
    });
}
