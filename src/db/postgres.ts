import type { types as PgTypes } from 'pg';
import { SchemakitError } from '../util';
import type { Db } from './types';
import { wrapQueryError } from './errors';
import { pgModule } from './lazy-modules';

/**
 * `pg` leaves `name[]` (oid 1003) and `"char"[]` (1002) as unparsed text while PGlite parses them;
 * parse them like `text[]` so both engines give the same JavaScript values.
 */
let parsers: { getTypeParser: typeof PgTypes.getTypeParser } | undefined;
const typeParsers = () => {
  if (parsers) return parsers;
  const pgTypes = pgModule().types;
  const textArray = pgTypes.getTypeParser(1009 as Parameters<typeof pgTypes.getTypeParser>[0], 'text');
  parsers = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      (oid === 1003 || oid === 1002) && format !== 'binary' ? textArray : pgTypes.getTypeParser(oid, format as 'text')) as typeof pgTypes.getTypeParser,
  };
  return parsers;
};

/** The URL with any password replaced by `***`, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Connects to a PostgreSQL server over `pg` and returns it as a Db (application_name `schemakit`). */
export async function connectPostgres(url: string): Promise<Db> {
  const client = new (pgModule().Client)({ connectionString: url, application_name: 'schemakit', types: typeParsers() });
  // A connection lost while idle is reported as an 'error' event; without a listener Node would crash.
  let lost: unknown = null;
  client.on('error', (err) => (lost = err));
  const description = redactUrl(url);
  try {
    await client.connect();
  } catch (cause) {
    throw new SchemakitError('db', 'connect-failed', `cannot connect to ${description}: ${(cause as Error).message}`, { cause });
  }
  let serverVersion: number;
  try {
    const res = await client.query<{ v: string }>('SELECT current_setting(\'server_version_num\') AS v');
    serverVersion = Number(res.rows[0].v);
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw wrapQueryError(cause, 'SELECT current_setting(\'server_version_num\')');
  }
  const checkAlive = () => {
    if (lost) throw new SchemakitError('db', 'connection-lost', `connection to ${description} was lost: ${(lost as Error).message}`, { cause: lost });
  };
  return {
    engine: 'postgres',
    serverVersion,
    description,
    url,
    async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      checkAlive();
      try {
        const res = await client.query(sql, params ? [...params] : undefined);
        return res.rows as T[];
      } catch (err) {
        throw wrapQueryError(err, sql);
      }
    },
    async exec(sql: string): Promise<void> {
      checkAlive();
      try {
        await client.query(sql);
      } catch (err) {
        throw wrapQueryError(err, sql);
      }
    },
    async close(): Promise<void> {
      await client.end().catch(() => undefined);
    },
  };
}
