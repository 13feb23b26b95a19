import { execFile } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SchemakitError, parseDatabaseUrl, redactText } from '../util';
import { pgliteInstanceOf } from './pglite';
import { connectTimeoutOf } from './postgres';
import { queryRow } from './query-row';
import type { Db, EngineKind } from './types';

/** A backup file written by takeBackup. */
export interface Backup {
  /** Absolute path: `<dir>/<database>-<UTC time>.dump` (pg_dump custom format) or `…/pglite-<time>.tar.gz`. */
  readonly file: string;
  readonly engine: EngineKind;
  readonly bytes: number;
  readonly durationMs: number;
}

const stamp = () =>
  new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** Runs a program (no shell) and resolves with its output; a non-zero exit rejects with its stderr (redacted). */
function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((done, fail) => {
    execFile(program, [...args], { maxBuffer: 64 * 1024 * 1024, env }, (err, stdout, stderr) => {
      if (err) fail(new SchemakitError('db', `${program}-failed`, `${program} failed: ${redactText((stderr || err.message).trim(), null, [env.PGPASSWORD])}`));
      else done(stdout);
    });
  });
}

/**
 * How a child program (pg_dump, pg_restore) connects without the password on its command line, where
 * every local user sees it in `ps`: `--dbname` without the password, which goes into the child's
 * environment (PGPASSWORD) instead; PGCONNECT_TIMEOUT carries the connect timeout.
 */
export function childConnection(url: string): { readonly dbname: string; readonly env: NodeJS.ProcessEnv } {
  const parsed = parseDatabaseUrl(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: String(connectTimeoutOf(parsed)) };
  if (parsed.password !== null) env.PGPASSWORD = parsed.password;
  return { dbname: `--dbname=${parsed.withoutPassword}`, env };
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
    const name = String((await queryRow<{ d: string }>(db, 'SELECT current_database() AS d')).d);
    file = resolve(dir, `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}-${stamp()}.dump`);
    const child = childConnection(db.url);
    await run('pg_dump', ['--format=custom', `--file=${file}`, child.dbname], child.env);
  } else {
    const pg = pgliteInstanceOf(db);
    if (pg === null) throw new SchemakitError('db', 'backup-failed', `${db.description}: not an embedded database schemakit opened`);
    file = resolve(dir, `pglite-${stamp()}.tar.gz`);
    writeFileSync(file, Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer()));
  }
  return { file, engine: db.engine, bytes: statSync(file).size, durationMs: Date.now() - started };
}
