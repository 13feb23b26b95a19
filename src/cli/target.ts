import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectPostgres, describeEngineHolder, openPglite, type Db, type EngineLockOptions } from '../db';

/** Options shared by commands that talk to one database. */
export interface TargetOptions {
  readonly url?: string;
  readonly schema?: string;
  /** Seconds to wait for another process holding the embedded database (`--lock-wait`; default 10). */
  readonly lockWait?: string;
}

/** `schemakit migrate up`: the command words of this process, which a process waiting for the embedded database's lock is shown. */
export function commandLabel(argv: readonly string[] = process.argv): string {
  const words: string[] = [];
  for (const a of argv.slice(2)) {
    if (a.startsWith('-') || words.length === 2) break;
    words.push(a);
  }
  return ['schemakit', ...words].join(' ');
}

/** Options of the embedded database's lock file for a command: its label, the wait, a line on stderr while waiting. */
export function embeddedLockOptions(opts: { lockWait?: string }): EngineLockOptions {
  const seconds = opts.lockWait === undefined ? 10 : Number(opts.lockWait);
  return {
    command: commandLabel(),
    waitMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 10_000,
    onWait: (h) => process.stderr.write(`waiting for the embedded database: in use by ${describeEngineHolder(h)} (up to ${seconds} s)\n`),
  };
}

/** The embedded database used when no server is configured: `.schemakit/pglite` in the project. */
export function embeddedDir(cwd = process.cwd()): string {
  return join(cwd, '.schemakit', 'pglite');
}

/**
 * Opens `--url`, else `DATABASE_URL`, else the project's embedded PGlite database, which is started with the
 * given contrib extensions registered (PGlite can only CREATE an extension registered when it starts).
 */
export async function openTarget(opts: TargetOptions, extensions: readonly string[] = []): Promise<Db> {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url) return connectPostgres(url);
  const dir = embeddedDir();
  mkdirSync(dir, { recursive: true });
  return openPglite({ dataDir: dir, extensions, lock: embeddedLockOptions(opts) });
}

/** The declarations directory (`--schema`, default `schema/`). */
export function schemaDir(opts: TargetOptions): string {
  return resolve(opts.schema ?? 'schema');
}
