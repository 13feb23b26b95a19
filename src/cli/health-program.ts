import { Option, type Command } from 'commander';
import type { Outcome } from './commands';
import { fleetOr, withFleetOptions } from './fleet-options';

/** Threshold flags (`--bloat-pct 30`): the keys of health's Thresholds, kebab-cased, with their meaning. */
export const thresholdFlags: readonly (readonly [key: string, help: string])[] = [
  ['unusedIndexScans', 'an index scanned at most this often is unused (default 0)'],
  ['unusedIndexWarnBytes', 'unused indexes this large are warnings, smaller ones info (default 1048576)'],
  ['largeTableRows', 'rows that make a table large, for missing-index hints and FK severity (default 10000)'],
  ['seqScans', 'sequential scans of a large table that suggest a missing index (default 100)'],
  ['bloatPct', 'estimated bloat percentage that is reported (default 30)'],
  ['bloatBytes', '… when the wasted bytes are at least this (default 1048576)'],
  ['deadTuples', 'dead rows that are reported (default 1000)'],
  ['deadTuplesPct', '… when they are at least this percentage of the rows (default 10)'],
  ['vacuumDays', 'days since the last vacuum of a table with dead rows (default 7)'],
  ['analyzeDays', 'days since the last analyze of a modified table (default 7)'],
  ['xidAgeWarn', 'transaction ID age that is a warning (default 1000000000)'],
  ['xidAgeError', 'transaction ID age that is an error (default 1500000000)'],
  ['cacheHitPct', 'buffer cache hit percentage below which a warning is given (default 99)'],
  ['cacheMinBlocks', '… once this many blocks were read (default 10000)'],
  ['longTransactionSeconds', 'seconds after which an open transaction is long (default 300)'],
  ['connectionsPct', 'percentage of max_connections in use that is a warning (default 80)'],
  ['sequenceWarnPct', "percentage of a sequence's range used that is a warning (default 75)"],
  ['sequenceErrorPct', '… and an error (default 90)'],
  ['topQueries', 'queries listed from pg_stat_statements, by total and by mean time (default 5)'],
  ['largestTables', 'largest tables listed (default 5)'],
];

/** `bloatPct` → `bloat-pct`. */
export const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Registers `schemakit health` (thresholds: schemakit.yaml's `health:` keys, the flags over them), `vacuum`, `analyze` and `refresh`. */
export function registerHealth(cmd: Command, target: (c: Command) => Command, done: (o: Outcome) => void): void {
  const health = withFleetOptions(
    target(
      cmd
        .command('health')
        .description(
          'database doctor: index, storage, cache, query, activity and limit findings with fixes pointing at schema/ (one read-only transaction); with --schema and no database, the design lint alone; on a fleet env, one row per target',
        ),
    ),
    'health',
  )
    .option('--json', 'print the report as one JSON document')
    .option('--only <kind...>', 'only these kinds or categories (indexes, storage, cache, queries, activity, limits, design)')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['warning', 'error']))
    .option('--require-column-comments', 'design lint: report columns without a comment too')
    .option('--statement-timeout <ms>', 'statement_timeout of the pass (default 30000)');
  for (const [key, help] of thresholdFlags) health.option(`--${kebab(key)} <n>`, help);
  health.action(async (o, c: Command) => {
    const flags = { ...o, schemaGiven: c.getOptionValueSource('schema') === 'cli' };
    done(await fleetOr('health', flags, async () => (await import('./health-command')).runHealth(flags)));
  });

  const maintenance = (name: 'vacuum' | 'analyze', description: string) =>
    target(cmd.command(name).description(description))
      .option('--table <name...>', 'only these tables (resolved like Postgres does: search_path, quoting)')
      .option('--dry-run', 'print the statements without running them')
      .option('--json', 'print the steps run as one JSON document');
  maintenance('vacuum', 'VACUUM (ANALYZE) every table, or the ones named, one by one with progress')
    .option('--full', 'VACUUM FULL: rewrites each table under an ACCESS EXCLUSIVE lock')
    .option('--if-bloat-over <pct>', 'only tables whose bloat (estimate, pgstattuple when installed) is at least PCT percent')
    .action(async (o) => {
      const { runVacuum } = await import('./health-command');
      done(await runVacuum('vacuum', o));
    });
  maintenance('analyze', 'ANALYZE every table, or the ones named').action(async (o) => {
    const { runVacuum } = await import('./health-command');
    done(await runVacuum('analyze', o));
  });

  target(cmd.command('refresh').description('REFRESH MATERIALIZED VIEW, in dependency order, CONCURRENTLY when a unique index allows'))
    .argument('[matview...]', 'materialized views to refresh (default: all)')
    .option('--dry-run', 'print the statements without running them')
    .option('--json', 'print the steps run as one JSON document')
    .action(async (names: string[], o) => {
      const { runRefresh } = await import('./health-command');
      done(await runRefresh(names, o));
    });
}
