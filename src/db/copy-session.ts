import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from './types';
import { pgliteInstanceOf } from './pglite';
import { wrapQueryError } from './errors';

const CLIENT = Symbol('schemakit.pgClient');

/** The `pg` client behind a Db made by connectPostgres (a property, so `{ ...db }` wrappers keep it). */
export function withPgClient<T extends Db>(db: T, client: unknown): T {
  return Object.assign(db, { [CLIENT]: client });
}

type CopyClient = { query(stream: unknown): unknown };

/**
 * Runs `COPY … FROM STDIN` on `db`'s own session (so it reaches the session's temporary tables) with
 * `data` as its input: a pg-copy-streams stream on a server, PGlite's `/dev/blob` on the embedded engine.
 * A failure is a DbQueryError with the server's fields (its `where` names the line COPY stopped at).
 */
export async function copyIn(db: Db, sql: string, data: Buffer | string): Promise<void> {
  const pg = pgliteInstanceOf(db);
  if (pg) {
    const blobSql = sql.replace(/FROM STDIN/i, "FROM '/dev/blob'");
    try {
      await pg.query(blobSql, [], { blob: new Blob([data]) });
    } catch (err) {
      throw wrapQueryError(err, blobSql);
    }
    return;
  }
  const client = (db as Db & { [CLIENT]?: CopyClient })[CLIENT];
  if (!client) throw wrapQueryError(new Error(`${db.description}: COPY needs a connection made by schemakit`), sql);
  const { from } = await import('pg-copy-streams');
  try {
    await pipeline(Readable.from([data]), client.query(from(sql)) as unknown as NodeJS.WritableStream);
  } catch (err) {
    throw wrapQueryError(err, sql);
  }
}

/**
 * Runs `COPY … TO STDOUT` on `db`'s own session and returns its output whole (what the caller keeps, e.g.
 * validated reference rows; not for tables of any size): pg-copy-streams on a server, `/dev/blob` on PGlite.
 */
export async function copyOut(db: Db, sql: string): Promise<Buffer> {
  const pg = pgliteInstanceOf(db);
  if (pg) {
    const blobSql = sql.replace(/TO STDOUT/i, "TO '/dev/blob'");
    try {
      const blob = (await pg.query(blobSql)).blob;
      return Buffer.from(await (blob ?? new Blob([])).arrayBuffer());
    } catch (err) {
      throw wrapQueryError(err, blobSql);
    }
  }
  const client = (db as Db & { [CLIENT]?: CopyClient })[CLIENT];
  if (!client) throw wrapQueryError(new Error(`${db.description}: COPY needs a connection made by schemakit`), sql);
  const { to } = await import('pg-copy-streams');
  const chunks: Buffer[] = [];
  try {
    const stream = client.query(to(sql)) as unknown as NodeJS.ReadableStream;
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (err) {
    throw wrapQueryError(err, sql);
  }
  return Buffer.concat(chunks);
}
