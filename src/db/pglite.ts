import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { SchemakitError } from '../util';
import type { Db } from './types';
import { wrapQueryError } from './errors';
import { normalizeExtensionNames, pgliteExtensionNames, pgliteExtensions } from './pglite-extensions';
import { cachedPristineTarball } from './pglite-template';
import { pgliteModule } from './lazy-modules';

/**
 * Parsers that make PGlite return what `pg` returns: PGlite turns `int8` (and `int8[]`) into numbers,
 * which silently lose precision past 2^53; `pg` keeps them as strings.
 */
export const pgliteParsers: PGliteOptions['parsers'] = { 20: (value: string) => value };

/**
 * PGlite's start parameters plus `log_startup_progress_interval=0`. An instance started from a data
 * directory that needs recovery (a loadDataDir tarball, a directory not closed cleanly) arms the startup
 * progress timer (10 s, PostgreSQL 15+) and PGlite 0.5 re-arms it forever, which keeps Node alive. With
 * the interval 0 it still fires once, so a process that does not close its instances (closePglitePool)
 * lingers up to 10 s before exiting.
 */
export const pgliteStartParams = (): string[] => [...pgliteModule().PGlite.defaultStartParams, '-c', 'log_startup_progress_interval=0'];

/** Options of openPglite. */
export interface PgliteOpenOptions {
  /** Directory of a persistent database (created if missing); in memory when absent. */
  readonly dataDir?: string;
  /**
   * Contrib extensions to make available (SQL names, e.g. `citext`, `uuid-ossp`). Default: all of
   * pgliteExtensionNames (~0.5 s more start-up), because a database that already uses an extension
   * cannot even be read without it; pass `[]` for the fastest start.
   */
  readonly extensions?: readonly string[];
}

/**
 * The extensions a PGlite Db was started with, so a scratch database can offer the same ones. A symbol
 * property rather than a WeakMap so that wrappers made with `{ ...db, close }` keep it.
 */
const EXTENSIONS = Symbol('schemakit.pgliteExtensions');

/** The contrib extensions available in a PGlite Db (empty for other engines). */
export const pgliteExtensionsOf = (db: Db): readonly string[] => (db as Db & { [EXTENSIONS]?: readonly string[] })[EXTENSIONS] ?? [];

/** The PGlite instance behind a Db (backups dump its data directory); null for other engines. */
const INSTANCE = Symbol('schemakit.pgliteInstance');
export const pgliteInstanceOf = (db: Db): PGlite | null => (db as Db & { [INSTANCE]?: PGlite })[INSTANCE] ?? null;

/** Opens an embedded PGlite database (PostgreSQL 18 in WASM, in-process) as a Db. */
export async function openPglite(options: PgliteOpenOptions = {}): Promise<Db> {
  const { dataDir } = options;
  const extensions = normalizeExtensionNames(options.extensions ?? pgliteExtensionNames);
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  // A new data directory is seeded from the cached pristine one instead of running initdb.
  const seed = dataDir !== undefined && !existsSync(join(dataDir, 'PG_VERSION')) ? await cachedPristineTarball() : null;
  let pg: PGlite;
  try {
    pg = await pgliteModule().PGlite.create({ dataDir, parsers: pgliteParsers, extensions: pgliteExtensions(extensions), startParams: pgliteStartParams(), ...(seed ? { loadDataDir: seed } : {}) });
  } catch (cause) {
    throw new SchemakitError('db', 'connect-failed', `cannot open PGlite ${dataDir ?? '(memory)'}: ${(cause as Error).message}`, { cause });
  }
  return wrapPglite(pg, dataDir === undefined ? 'pglite (memory)' : `pglite ${dataDir}`, undefined, extensions);
}

/** Wraps an open PGlite instance as a Db; `onClose` replaces closing the instance (used by the pool). */
export async function wrapPglite(pg: PGlite, description: string, onClose?: () => Promise<void>, extensions: readonly string[] = []): Promise<Db> {
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
  const db: Db = {
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
  return Object.assign(db, { [EXTENSIONS]: extensions, [INSTANCE]: pg });
}
