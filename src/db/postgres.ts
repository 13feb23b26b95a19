import type { types as PgTypes } from 'pg';
import { must, SchemakitError, parseDatabaseUrl, redactText, type DatabaseUrl } from '../util';
import type { Db } from './types';
import { wrapQueryError } from './errors';
import { pgModule } from './lazy-modules';
import { withPgClient } from './copy-session';
import { batchRows, preparedBatch, PreparedNames } from './prepared-names';

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

/** Seconds to wait for a server to answer when the URL has no `connect_timeout` and the environment sets none. */
export const DEFAULT_CONNECT_TIMEOUT_S = 10;

/** The connect timeout in seconds: `connect_timeout` in the URL, else SCHEMAKIT_CONNECT_TIMEOUT, else 10 (0: wait forever). */
export function connectTimeoutOf(url: DatabaseUrl): number {
  if (url.connectTimeout !== null) return url.connectTimeout;
  const env = Number(process.env.SCHEMAKIT_CONNECT_TIMEOUT);
  return process.env.SCHEMAKIT_CONNECT_TIMEOUT !== undefined && Number.isFinite(env) && env >= 0 ? env : DEFAULT_CONNECT_TIMEOUT_S;
}

/**
 * Connects to a PostgreSQL server over `pg` and returns it as a Db (application_name `schemakit`). The URL
 * is validated first; a server that does not answer within the connect timeout is an error naming host and
 * port. No message carries the password (see redactUrl / redactText).
 */
export async function connectPostgres(url: string): Promise<Db> {
  const parsed = parseDatabaseUrl(url);
  const timeout = connectTimeoutOf(parsed);
  // libpq's connect_timeout is seconds; pg's connectionTimeoutMillis covers the TCP connect and the handshake.
  const client = new (pgModule().Client)({
    connectionString: url,
    application_name: 'schemakit',
    types: typeParsers(),
    connectionTimeoutMillis: Math.round(timeout * 1000),
  });
  // A connection lost while idle is reported as an 'error' event; without a listener Node would crash.
  let lost: unknown = null;
  client.on('error', (err) => (lost = err));
  const description = parsed.redacted;
  const started = Date.now();
  try {
    await client.connect();
  } catch (cause) {
    const text = redactText((cause as Error).message, url);
    const timedOut = timeout > 0 && (Date.now() - started >= timeout * 1000 - 50 || /timeout/i.test(text));
    const why = timedOut ? `no answer within ${timeout} s (set connect_timeout in the URL, --connect-timeout or SCHEMAKIT_CONNECT_TIMEOUT)` : text;
    // The cause keeps only the SQLSTATE (e.g. 3D000, a missing database, which callers name a remedy for):
    // the driver's error object may hold the connection string, and a debug print of it must not leak it.
    const code = (cause as { code?: unknown }).code;
    throw new SchemakitError(
      'db',
      timedOut ? 'connect-timeout' : 'connect-failed',
      `cannot connect to ${parsed.endpoint} (${description}): ${why}`,
      typeof code === 'string' ? { cause: { code } } : {},
    );
  }
  let serverVersion: number;
  try {
    const res = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    serverVersion = Number(must(res.rows[0], 'server_version_num row').v);
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw wrapQueryError(cause, "SELECT current_setting('server_version_num')");
  }
  const checkAlive = () => {
    if (lost) throw new SchemakitError('db', 'connection-lost', `connection to ${description} was lost: ${redactText((lost as Error).message, url)}`);
  };
  // pg keeps its own record of the statements this connection has parsed; names only need to change when a
  // statement run here drops them server-side.
  const names = new PreparedNames();
  // Statements prepared by SQL PREPARE in a batch (names are per generation, so a stale one is never asked for).
  const bySql = new Set<string>();
  return withPgClient<Db>(
    {
      engine: 'postgres',
      serverVersion,
      description,
      url,
      async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
        checkAlive();
        names.observe(sql);
        try {
          const res = await client.query(sql, params ? [...params] : undefined);
          return res.rows as T[];
        } catch (err) {
          throw wrapQueryError(err, sql);
        }
      },
      async queryPrepared<T = Record<string, unknown>>(sql: string): Promise<T[]> {
        checkAlive();
        try {
          const { name } = names.nameOf(sql);
          // One prepared by SQL in a batch is unknown to pg's own record: executed by SQL too.
          const res = bySql.has(name) ? await client.query(`EXECUTE ${name}`) : await client.query({ name, text: sql });
          names.remember(name);
          return res.rows as T[];
        } catch (err) {
          throw wrapQueryError(err, sql);
        }
      },
      async queryPreparedBatch(sqls: readonly string[], options?: { readonly unprepared?: 'prepare' }): Promise<unknown[][] | null> {
        checkAlive();
        const batch = preparedBatch(names, sqls, options?.unprepared === 'prepare');
        if (batch === null) return null;
        try {
          // The simple protocol runs every statement of the text in one round trip; pg returns one result per
          // statement (a lone result when there is one), whose rows go through the same type parsers.
          const res = (await client.query(batch.text)) as unknown as { rows: unknown[] } | { rows: unknown[] }[];
          for (const name of batch.preparing) bySql.add(name);
          return batchRows(names, batch, Array.isArray(res) ? res : [res]);
        } catch (err) {
          if (batch.preparing.length > 0) names.restart();
          throw wrapQueryError(err, batch.text);
        }
      },
      async rowCount(sql: string, params?: readonly unknown[]): Promise<number> {
        checkAlive();
        names.observe(sql);
        try {
          const res = await client.query(sql, params ? [...params] : undefined);
          return res.rowCount ?? 0;
        } catch (err) {
          throw wrapQueryError(err, sql);
        }
      },
      async exec(sql: string): Promise<void> {
        checkAlive();
        names.observe(sql);
        try {
          await client.query(sql);
        } catch (err) {
          throw wrapQueryError(err, sql);
        }
      },
      async close(): Promise<void> {
        await client.end().catch(() => undefined);
      },
    },
    client,
  );
}
