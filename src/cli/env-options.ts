import type { Command } from 'commander';

/** Adds `--url`, `--env` and `--config`: how every command that touches a database chooses it. */
export function withEnvOptions(c: Command): Command {
  return c
    .option('--url <url>', 'database URL (wins over everything below)')
    .option(
      '--env <name>',
      'an env of schemakit.yaml (default: $SCHEMAKIT_ENV, else $DATABASE_URL, else defaultEnv, else the embedded database in .schemakit/)',
    )
    .option('--config <file>', 'configuration file (default: the nearest schemakit.yaml above the working directory)');
}
