import { mkdirSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { SchemakitError } from '../util';
import type { Db } from './types';
import { wrapQueryError } from './errors';

/**
 * Parsers that make PGlite return what `pg` returns: PGlite turns `int8` (and `int8[]`) into numbers,
 * which silently lose precision past 2^53; `pg` keeps them as strings.
 */
export const pgliteParsers: PGliteOptions['parsers'] = { 20: (value: string) => value };

/** Options of openPglite. */
export interface PgliteOpenOptions {
  /** Directory of a persistent database (created if missing); in memory when absent. */
  readonly dataDir?: string;
}

/** Opens an embedded PGlite database (PostgreSQL 18 in WASM, in-process) as a Db. */
export async function openPglite(options: PgliteOpenOptions = {}): Promise<Db> {
  const { dataDir } = options;
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  let pg: PGlite;
  try {
    pg = await PGlite.create({ dataDir, parsers: pgliteParsers });
  } catch (cause) {
    throw new SchemakitError('db', 'connect-failed', `cannot open PGlite ${dataDir ?? '(memory)'}: ${(cause as Error).message}`, { cause });
  }
  return wrapPglite(pg, dataDir === undefined ? 'pglite (memory)' : `pglite ${dataDir}`);
}

/** Wraps an open PGlite instance as a Db; `onClose` replaces closing the instance (used by the pool). */
export async function wrapPglite(pg: PGlite, description: string, onClose?: () => Promise<void>): Promise<Db> {
  let serverVersion: number;
  try {
    const res = await pg.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    serverVersion = Number(res.rows[0].v);
  } catch (cause) {
    throw wrapQueryError(cause, "SELECT current_setting('server_version_num')");
  }
  let closed = false;
  const checkOpen = () => {
    if (closed) throw new SchemakitError('db', 'closed', `${description} is closed`);
  };
  return {
    engine: 'pglite',
    serverVersion,
    description,
    url: null,
    async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      checkOpen();
      try {
        const res = await pg.query<T>(sql, params ? [...params] : undefined);
        return res.rows;
      } catch (err) {
        throw wrapQueryError(err, sql);
      }
    },
    async exec(sql: string): Promise<void> {
      checkOpen();
      try {
        await pg.exec(sql);
      } catch (err) {
        throw wrapQueryError(err, sql);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (onClose) await onClose();
      else await pg.close();
    },
  };
}
