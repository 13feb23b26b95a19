import { execFile } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SchemakitError } from '../util';
import { pgliteInstanceOf } from './pglite';
import type { Db, EngineKind } from './types';

/** A backup file written by takeBackup. */
export interface Backup {
  /** Absolute path: `<dir>/<database>-<UTC time>.dump` (pg_dump custom format) or `…/pglite-<time>.tar.gz`. */
  readonly file: string;
  readonly engine: EngineKind;
  readonly bytes: number;
  readonly durationMs: number;
}

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
