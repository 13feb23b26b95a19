import { randomBytes } from 'node:crypto';
import { SchemakitError, ident, literal, redactUrl } from '../util';
import { queryRow } from './query-row';
import type { Db } from './types';
import { connectPostgres } from './postgres';

/** The server used when no admin URL is given: SCHEMAKIT_ADMIN_URL, else the local trust-auth server. */
export const defaultAdminUrl = (): string => process.env.SCHEMAKIT_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

/** `url` with its database replaced by `database`. */
export function urlForDatabase(url: string, database: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch (cause) {
    throw new SchemakitError('db', 'bad-url', `not a postgres:// URL: ${redactUrl(url)}`, { cause });
  }
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** A new, unique database name with the given prefix (lower-case, no quoting needed). */
export const uniqueDatabaseName = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

/** A temporary database on a server; `dispose()` closes the connection and drops the database. */
export interface TempDatabase {
  readonly db: Db;
  readonly name: string;
  dispose(): Promise<void>;
}

/**
 * Creates an empty database (from template0, so nothing added to template1 leaks in; encoding and libc
 * locale copied from the admin connection's database) and connects to it.
 */
export async function createTempDatabase(adminUrl: string = defaultAdminUrl(), prefix = 'schemakit_tmp'): Promise<TempDatabase> {
  const name = uniqueDatabaseName(prefix);
  const admin = await connectPostgres(adminUrl);
  try {
    await admin.exec(await createDatabaseSql(admin, name));
  } finally {
    await admin.close();
  }
  let db: Db;
  try {
    db = await connectPostgres(urlForDatabase(adminUrl, name));
  } catch (err) {
    await dropDatabase(adminUrl, name).catch(() => undefined);
    throw err;
  }
  return {
    db,
    name,
    async dispose() {
      await db.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

/** `CREATE DATABASE` copying the current database's encoding and (libc) locale, from template0. */
async function createDatabaseSql(admin: Db, name: string): Promise<string> {
  const d = await queryRow<{ enc: string; collate: string; ctype: string; provider: string }>(
    admin,
    `SELECT pg_encoding_to_char(encoding) AS enc, datcollate AS collate, datctype AS ctype, datlocprovider AS provider
       FROM pg_catalog.pg_database WHERE datname = current_database()`,
  );
  // An ICU database would also need ICU_LOCALE (PostgreSQL 15/16) or LOCALE (17+); template0's is used then.
  const locale = d.provider === 'c' ? ` LC_COLLATE ${literal(d.collate)} LC_CTYPE ${literal(d.ctype)}` : '';
  return `CREATE DATABASE ${ident(name)} TEMPLATE template0 ENCODING ${literal(d.enc)}${locale}`;
}

/** Drops a database, disconnecting any session still using it (WITH (FORCE), PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = await connectPostgres(adminUrl);
  try {
    await admin.exec(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}

/** Runs `fn` with a new temporary database on the server and drops the database afterwards. */
export async function withPostgresDatabase<T>(fn: (db: Db) => Promise<T>, adminUrl: string = defaultAdminUrl()): Promise<T> {
  const temp = await createTempDatabase(adminUrl);
  try {
    return await fn(temp.db);
  } finally {
    await temp.dispose();
  }
}
