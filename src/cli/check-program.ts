import type { Command } from 'commander';
import type { Outcome } from './commands';
import { fleetOr, withFleetOptions } from './fleet-options';

/** Registers `schemakit check` and `schemakit dedupe`. */
export function registerCheck(cmd: Command, target: (c: Command) => Command, done: (o: Outcome) => void): void {
  withFleetOptions(
    target(
      cmd
        .command('check')
        .description(
          'check the live data against the schema and the declared expectations, in one read-only transaction (exit 0: clean, 1: findings); on a fleet env, every target (tenant schemas: their own tables)',
        ),
    ),
    'check',
  )
    .option('--json', 'print the report as one JSON document')
    .option('--table <name...>', 'only checks of these tables')
    .option('--timeout <ms>', 'statement_timeout of each check query (default 30000; 0: none)')
    .action(async (o, c: Command) => {
      const flags = { ...o, schemaGiven: c.getOptionValueSource('schema') === 'cli' };
      done(await fleetOr('check', flags, async () => (await import('./check-command')).runCheck(flags)));
    });

  target(
    cmd
      .command('dedupe')
      .description('merge duplicate rows over a key: re-point foreign keys from losers to survivors, then delete the losers (a dry run without --yes)'),
  )
    .argument('<table>', 'schema.table (or table)')
    .requiredOption('--key <columns>', 'the columns that should be unique, comma-separated')
    .requiredOption(
      '--keep <strategy>',
      'the survivor of each group: newest:<col>, oldest:<col>, max:<col>, min:<col> or most-complete (fewest NULLs); ties by primary key',
    )
    .option('--where <sql>', 'only rows matching this SQL condition')
    .option('--yes', 'merge (one transaction); without it, print what would be done')
    .option('--backup <dir>', 'back up the database into DIR first')
    .option('--batch-size <n>', 'losers deleted per statement (default 5000)')
    .option('--json', 'print the report as one JSON document')
    .action(async (table: string, o) => {
      const { runDedupe } = await import('./check-command');
      done(await runDedupe(table, o));
    });
}
