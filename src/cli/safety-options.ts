import { Option, type Command } from 'commander';
import type { PlanOptions } from '../plan';
import { SchemakitError } from '../util';

/** `--online`, `--lock-timeout`, `--statement-timeout` as given on the command line. */
export interface OnlineFlags {
  readonly online?: boolean;
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
}

/** Adds the online-mode options to a command that plans. */
export function withOnlineOptions(c: Command): Command {
  return c
    .option('--online', 'plan for a database in use: CONCURRENTLY indexes, NOT VALID + VALIDATE, NOT NULL via a validated check, timeouts')
    .addOption(new Option('--lock-timeout <ms>', 'online: lock_timeout of every statement (default 3000)'))
    .addOption(
      new Option('--statement-timeout <ms>', 'online: statement_timeout of statements that lock briefly (default 3000; builds and validations get 20 min)'),
    );
}

const ms = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new SchemakitError('cli', 'bad-option', `${flag} must be a whole number of milliseconds, not "${v}"`);
  return n;
};

/** The plan options the flags ask for. */
export function planOptionsOf(o: OnlineFlags): PlanOptions {
  return { online: o.online ?? false, lockTimeoutMs: ms('--lock-timeout', o.lockTimeout), statementTimeoutMs: ms('--statement-timeout', o.statementTimeout) };
}

/** A non-negative whole number option (e.g. `--lock-retries`), or undefined. */
export function countOption(flag: string, v: string | undefined): number | undefined {
  return ms(flag, v);
}
