import type { Command } from 'commander';

/** `--schemas`, `--exclude-schemas`, `--exclude-tables` as given on the command line. */
export interface ScopeFlags {
  readonly schemas?: string;
  readonly excludeSchemas?: string;
  readonly excludeTables?: string;
  readonly config?: string;
}

/** Adds the scope options to a command that compares or writes. */
export function withScopeOptions(c: Command): Command {
  return c
    .option('--schemas <a,b>', 'manage only these schemas; others are neither read nor dropped (default: schemas of the env, else of schemakit.yaml, else all)')
    .option('--exclude-schemas <x,y>', 'leave these schemas alone (default: excludeSchemas of the env / schemakit.yaml)')
    .option(
      '--exclude-tables <patterns>',
      'leave these tables alone: comma-separated, * matches any characters, schema.table or table (default: excludeTables)',
    );
}
