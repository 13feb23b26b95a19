import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pgliteModule } from './lazy-modules';
import { SchemakitError } from '../util';
import { pgliteInstanceOf, pgliteParsers, pgliteStartParams } from './pglite';
import { connectPostgres } from './postgres';
import { resetDatabase } from './reset';
import type { Db, EngineKind } from './types';

/** A backup file written by takeBackup. */
export interface Backup {
  /** Absolute path: `<dir>/<database>-<UTC time>.dump` (pg_dump custom format) or `…/pglite-<time>.tar.gz`. */
  readonly file: string;
  readonly engine: EngineKind;
  readonly bytes: number;
  readonly durationMs: number;
}

/** Where restoreBackup writes: a server database (URL) or an embedded database directory. */
export type RestoreTarget = { readonly url: string } | { readonly pgliteDir: string };

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Runs a program (no shell) and resolves with its output; a non-zero exit rejects with its stderr. */
function run(program: string, args: readonly string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(program, [...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) fail(new SchemakitError('db', `${program}-failed`, `${program} failed: ${(stderr || err.message).trim()}`, { cause: err }));
      else done(stdout);
    });
  });
}

/**
 * Backs up the whole database into `dir` before a change: `pg_dump -Fc` for a server database (the
 * `pg_dump` on PATH, which must be at least the server's version), the data directory as a gzipped
 * tarball (PGlite `dumpDataDir`) for an embedded one.
 */
export async function takeBackup(db: Db, dir: string): Promise<Backup> {
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  let file: string;
  if (db.engine === 'postgres') {
    if (db.url === null) throw new SchemakitError('db', 'backup-failed', `${db.description}: no connection URL to give pg_dump`);
    const name = String((await db.query<{ d: string }>('SELECT current_database() AS d'))[0].d);
    file = resolve(dir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}-${stamp()}.dump`);
    await run('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${db.url}`]);
  } else {
    const pg = pgliteInstanceOf(db);
    if (pg === null) throw new SchemakitError('db', 'backup-failed', `${db.description}: not an embedded database schemakit opened`);
    file = resolve(dir, `pglite-${stamp()}.tar.gz`);
    writeFileSync(file, Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer()));
  }
  return { file, engine: db.engine, bytes: statSync(file).size, durationMs: Date.now() - started };
}

/**
 * Restores a backup made by takeBackup, replacing the target's contents. A server database is first
 * emptied (every user schema and extension dropped, as for a new database) so objects created after the
 * backup go too, then `pg_restore --clean --if-exists --single-transaction` loads the dump. An embedded
 * database directory is replaced by the tarball (no instance may have it open).
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<void> {
  if (!existsSync(file)) throw new SchemakitError('db', 'restore-failed', `backup file ${file} does not exist`);
  if ('url' in target) {
    if (file.endsWith('.tar.gz')) throw new SchemakitError('db', 'restore-failed', `${file} is an embedded-database backup; restore it without --url`);
    const db = await connectPostgres(target.url);
    try {
      await resetDatabase(db);
    } finally {
      await db.close();
    }
    await run('pg_restore', ['--clean', '--if-exists', '--single-transaction', `--dbname=${target.url}`, file]);
    return;
  }
  if (!file.endsWith('.tar.gz') && !file.endsWith('.tgz')) {
    throw new SchemakitError('db', 'restore-failed', `${file} is not an embedded-database backup (.tar.gz); restore a pg_dump file with --url`);
  }
  rmSync(target.pgliteDir, { recursive: true, force: true });
  mkdirSync(target.pgliteDir, { recursive: true });
  const pg = await pgliteModule().PGlite.create({
    dataDir: target.pgliteDir, parsers: pgliteParsers, startParams: pgliteStartParams(),
    loadDataDir: new Blob([readFileSync(file)]),
  });
  await pg.close();
  if (!existsSync(join(target.pgliteDir, 'PG_VERSION'))) throw new SchemakitError('db', 'restore-failed', `${file} did not restore a data directory`);
}
