import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { SchemakitError } from '../util';
import { acquireEngineLock, type EngineLockOptions } from './engine-lock';
import { newPglite } from './pglite-factory';
import { trySeedDataDir } from './data-dir-tar';
import { pgliteExtensionNames } from './pglite-extensions';
import { redactUrl } from '../util';
import { childConnection } from './child-connection';
import { RESET_SQL } from './reset';
import { forgetPgliteState } from './pglite-state';

/** Where restoreBackup writes: a server database (URL) or an embedded database directory. */
export type RestoreTarget = { readonly url: string } | { readonly pgliteDir: string; readonly lock?: EngineLockOptions };

const UNCHANGED = 'The target was not changed.';

/** Runs a program (no shell); a non-zero exit rejects with `what(its stderr)` as the message. */
export function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv, what: (detail: string) => string, code: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(program, [...args], { maxBuffer: 64 * 1024 * 1024, env }, (err, stdout, stderr) => {
      if (err) fail(new SchemakitError('db', code, what((stderr || err.message).trim().replace(/^(\w+: )+(error: )?/, '')), { cause: err }));
      else done(stdout);
    });
  });
}

/**
 * Restores a backup made by takeBackup, replacing the target's contents, only once the whole backup has
 * been read successfully, and atomically: a truncated or foreign file, or a `pg_restore` too old for
 * the archive, leaves the target exactly as it was.
 *
 * - Server: `pg_restore --list` checks the archive's header and table of contents, then `pg_restore
 *   --file` turns the whole archive (every data block) into a script in a private temporary directory.
 *   `psql --single-transaction` then runs the reset of the database (every user schema and extension
 *   dropped, as for a new database, so objects created after the backup go too) and that script in ONE
 *   transaction: any failure rolls both back. The password goes to the children in PGPASSWORD.
 * - Embedded: under the directory's lock, the tarball is loaded into a new sibling directory and opened
 *   there; only when that works is the old directory renamed away and the new one renamed into place.
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<void> {
  if (!existsSync(file)) throw new SchemakitError('db', 'restore-failed', `backup file ${file} does not exist. ${UNCHANGED}`);
  if ('url' in target) return restoreServer(file, target.url);
  if (!file.endsWith('.tar.gz') && !file.endsWith('.tgz')) {
    throw new SchemakitError('db', 'restore-failed', `${file} is not an embedded-database backup (.tar.gz); restore a pg_dump file with --url. ${UNCHANGED}`);
  }
  return restoreEmbedded(file, resolve(target.pgliteDir), target.lock);
}

async function restoreServer(file: string, url: string): Promise<void> {
  if (file.endsWith('.tar.gz') || file.endsWith('.tgz'))
    throw new SchemakitError('db', 'restore-failed', `${file} is an embedded-database backup; restore it without --url. ${UNCHANGED}`);
  const { dbname, env } = childConnection(url);
  const bad = (detail: string) => `${file} is not a complete pg_dump archive this pg_restore can read (${detail}). ${UNCHANGED}`;
  await run('pg_restore', ['--list', file], env, bad, 'bad-backup');
  const work = mkdtempSync(join(tmpdir(), 'schemakit-restore-'));
  try {
    const script = join(work, 'restore.sql');
    await run('pg_restore', ['--clean', '--if-exists', '--no-password', `--file=${script}`, file], env, bad, 'bad-backup');
    await run(
      'psql',
      ['--no-psqlrc', '--quiet', '--no-password', '--single-transaction', '--set=ON_ERROR_STOP=1', dbname, `--command=${RESET_SQL}`, `--file=${script}`],
      env,
      (detail) => `restoring ${file} into ${redactUrl(url)} failed and was rolled back (${detail}). ${UNCHANGED}`,
      'restore-failed',
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function restoreEmbedded(file: string, dir: string, lock: EngineLockOptions | undefined): Promise<void> {
  const held = await acquireEngineLock(dir, { command: 'schemakit restore', ...lock });
  const parent = dirname(dir);
  const staging = join(parent, `.${basename(dir)}.restoring-${process.pid}`);
  const replaced = join(parent, `.${basename(dir)}.replaced-${process.pid}`);
  try {
    rmSync(staging, { recursive: true, force: true });
    let pg: PGlite;
    try {
      // Written with Node's file calls when the file is a tarball of plain files (~0.15 s), else by PGlite's
      // loader, which reads more formats and reports what it cannot read.
      const backup = readFileSync(file);
      mkdirSync(staging);
      const extracted = trySeedDataDir(backup, staging);
      pg = await newPglite({ dataDir: staging, extensions: pgliteExtensionNames, loadDataDir: extracted ? null : new Blob([backup]) });
    } catch (cause) {
      throw new SchemakitError(
        'db',
        'bad-backup',
        `${file} is not a complete embedded-database backup (PGlite cannot load it: ${(cause as Error).message}). ${UNCHANGED}`,
        { cause },
      );
    }
    try {
      await pg.query('SELECT count(*) FROM pg_catalog.pg_class');
    } catch (cause) {
      throw new SchemakitError('db', 'bad-backup', `${file} loads but its database cannot be read (${(cause as Error).message}). ${UNCHANGED}`, { cause });
    } finally {
      await pg.close().catch(() => undefined);
    }
    if (!existsSync(join(staging, 'PG_VERSION'))) throw new SchemakitError('db', 'bad-backup', `${file} did not restore a data directory. ${UNCHANGED}`);
    // Two renames on one file system: the directory is either the old one or the restored one, never half of each.
    forgetPgliteState(dir);
    if (existsSync(dir)) renameSync(dir, replaced);
    renameSync(staging, dir);
    rmSync(replaced, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    held.release();
  }
}
