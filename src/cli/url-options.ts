import type { Command } from 'commander';
import { parseDatabaseUrl, redactText, SchemakitError } from '../util';

/** Options that hold a database URL; `--from`/`--to` only when they look like one (they also take directories). */
const URL_OPTIONS = ['url', 'devUrl', 'from', 'to'] as const;

/**
 * Validates every database URL a command was given before it loads or connects anything, so that a
 * malformed URL, one without a scheme or a `mysql://` one fails at once with one clear message.
 */
export function checkUrlOptions(opts: Record<string, unknown>): void {
  for (const name of URL_OPTIONS) {
    const v = opts[name];
    if (typeof v !== 'string') continue;
    if ((name === 'from' || name === 'to') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) continue;
    if (v.startsWith('pglite:')) continue; // an embedded data directory, accepted by every command
    parseDatabaseUrl(v);
  }
  const timeout = opts.connectTimeout;
  if (typeof timeout === 'string') {
    const n = Number(timeout);
    if (!(timeout.trim() !== '' && Number.isFinite(n) && n >= 0))
      throw new SchemakitError('cli', 'bad-option', `--connect-timeout ${timeout}: expected a number of seconds (0: wait forever)`);
    // The db layer reads it (as it reads connect_timeout from the URL); child programs inherit it too.
    process.env.SCHEMAKIT_CONNECT_TIMEOUT = String(n);
  }
}

/** Adds `--connect-timeout` to a command that connects to a server. */
export function withConnectTimeout(c: Command): Command {
  return c.option(
    '--connect-timeout <seconds>',
    'seconds to wait for the server to answer (default: connect_timeout in the URL, else $SCHEMAKIT_CONNECT_TIMEOUT, else 10)',
  );
}

/**
 * A redactor for everything the CLI prints: the secrets of every URL on the command line and in
 * DATABASE_URL, `?password=` parameters and PGPASSWORD are replaced by `***` (see redactText).
 */
export function outputRedactor(argv: readonly string[]): (text: string) => string {
  const urls = [...argv.flatMap((a) => a.split(/=(.*)/s)), process.env.DATABASE_URL ?? ''].filter((a) => /^[a-z][a-z0-9+.-]*:\/\//i.test(a));
  return (text) => urls.reduce((t, u) => redactText(t, u), redactText(text));
}

/** Adds `--dev-url` and `--embedded-fallback` to a command that normalizes declarations in a scratch database. */
export function withScratchOptions(c: Command): Command {
  return c
    .option(
      '--dev-url <url>',
      'where to create the scratch database that normalizes the declarations: a server URL, or "pglite" (default: a temporary database next to the target)',
    )
    .option('--embedded-fallback', 'normalize in the embedded engine when the target refuses CREATE DATABASE (no CREATEDB)');
}
