import type { Command } from 'commander';
import type { Outcome } from './commands';

/** Registers `schemakit data validate|load|export|seed` (modules load lazily inside the actions). */
export function registerData(cmd: Command, target: (c: Command) => Command, done: (o: Outcome) => void): void {
  const data = cmd.command('data').description('reference data in data/<schema>/<table>.csv, bulk CSV load/export, seed data');
  target(
    data.command('validate').description('check every reference CSV against the declared schema and the database, writing nothing (exit 0 valid, 1 problems)'),
  )
    .option('--data <dir>', 'data folder', 'data')
    .option('--json', 'print the report as JSON')
    .action(async (o) => {
      const { runDataValidate } = await import('./data-command');
      done(await runDataValidate(o));
    });
  data
    .command('load')
    .description('stream a CSV file into a table with COPY in one transaction (a bad row aborts with its line; nothing is committed)')
    .argument('<table>', 'schema.table')
    .argument('<file>', 'CSV file with a header row')
    .option('--url <url>', 'database URL (default: $DATABASE_URL, else the embedded database in .schemakit/)')
    .option('--truncate', 'empty the table first, in the same transaction')
    .option('--json', 'print the result as JSON')
    .action(async (table, file, o) => {
      const { runDataLoad } = await import('./data-command');
      done(await runDataLoad(table, file, o));
    });
  data
    .command('export')
    .description('stream a table as CSV with COPY TO (what data load and data validate read)')
    .argument('<table>', 'schema.table')
    .option('--url <url>', 'database URL (default: $DATABASE_URL, else the embedded database in .schemakit/)')
    .option('--out <file>', 'write to FILE instead of stdout')
    .option('--where <sql>', 'only rows satisfying this SQL condition')
    .option('--json', 'with --out: print {table, file, bytes} as JSON')
    .action(async (table, o) => {
      const { runDataExport } = await import('./data-command');
      done(await runDataExport(table, o));
    });
  target(data.command('seed').description('load data/seeds/<name>/<schema>/<table>.csv (environment seed data: never planned as drift)').argument('<name>'))
    .option('--data <dir>', 'data folder', 'data')
    .option('--truncate', 'empty each table first')
    .option('--json', 'print the result as JSON')
    .action(async (name, o) => {
      const { runDataSeed } = await import('./data-command');
      done(await runDataSeed(name, o));
    });
}
