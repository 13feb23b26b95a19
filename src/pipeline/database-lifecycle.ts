import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeTarget, type EnvTarget } from '../config';
import { connectPostgres, dropDatabase, forgetPgliteState, openPglite, urlForDatabase, type Db, type EngineLockOptions } from '../db';
import { SchemakitError, ident } from '../util';

/** The database name of a server URL (default: the user name, as libpq does). */
export function databaseName(url: string): string {
  const u = new URL(url);
  return decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username) || 'postgres';
}

/** Connects to the server's maintenance database (`postgres`, else `template1`) to create or drop another one. */
async function connectAdmin(url: string): Promise<Db> {
  try {
    return await connectPostgres(urlForDatabase(url, 'postgres'));
  } catch (first) {
    try {
      return await connectPostgres(urlForDatabase(url, 'template1'));
    } catch {
      throw first;
    }
  }
}

/** Whether the target's database exists (a server database in pg_database, or an initialised PGlite directory). */
export async function databaseExists(target: EnvTarget): Promise<boolean> {
  if (target.kind === 'pglite') return existsSync(join(target.dir, 'PG_VERSION'));
  const admin = await connectAdmin(target.url);
  try {
    const rows = await admin.query('SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1', [databaseName(target.url)]);
    return rows.length > 0;
  } finally {
    await admin.close();
  }
}

/** Creates the target's database when it is missing; true when it was created. */
export async function createTargetDatabase(target: EnvTarget): Promise<boolean> {
  if (await databaseExists(target)) return false;
  if (target.kind === 'pglite') {
    mkdirSync(target.dir, { recursive: true });
    const db = await openPglite({ dataDir: target.dir, extensions: [] });
    await db.close();
    return true;
  }
  const admin = await connectAdmin(target.url);
  try {
    const name = databaseName(target.url);
    await admin.exec(`CREATE DATABASE ${ident(name)}`);
  } catch (cause) {
    throw new SchemakitError('db', 'create-failed', `cannot create ${describeTarget(target)}: ${(cause as Error).message}`, { cause });
  } finally {
    await admin.close();
  }
  return true;
}

/**
 * Drops the target's database, terminating the other sessions first (DROP DATABASE … WITH (FORCE),
 * PostgreSQL 13+), or removes the embedded data directory. Callers check the env's policy first.
 */
export async function dropTargetDatabase(target: EnvTarget): Promise<void> {
  if (target.kind === 'pglite') {
    rmSync(target.dir, { recursive: true, force: true });
    forgetPgliteState(resolve(target.dir));
    return;
  }
  const name = databaseName(target.url);
  await dropDatabase(urlForDatabase(target.url, 'postgres'), name);
}

/** Opens a target; a missing database is reported naming `schemakit db create`. */
export async function openEnvTarget(target: EnvTarget, extensions: readonly string[] = [], lock?: EngineLockOptions): Promise<Db> {
  if (target.kind === 'pglite') {
    mkdirSync(target.dir, { recursive: true });
    return openPglite({ dataDir: target.dir, extensions, lock });
  }
  try {
    return await connectPostgres(target.url);
  } catch (e) {
    const code = ((e as Error).cause as { code?: string } | undefined)?.code;
    if (code === '3D000') {
      throw new SchemakitError(
        'db',
        'no-database',
        `database "${databaseName(target.url)}" does not exist on ${describeTarget(target)}: create it with \`schemakit db create\``,
        { cause: e },
      );
    }
    throw e;
  }
}
