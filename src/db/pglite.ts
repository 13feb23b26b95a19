import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { must, SchemakitError } from '../util';
import type { Db } from './types';
import { wrapQueryError } from './errors';
import { batchRows, preparedBatch, PreparedNames } from './prepared-names';
import { normalizeExtensionNames, pgliteExtensionNames } from './pglite-extensions';
import { newPglite } from './pglite-factory';
import { cachedPristineTarball } from './pglite-template';
import { trySeedDataDir } from './data-dir-tar';
import { acquireEngineLock, type EngineLockOptions } from './engine-lock';
import { forgetPgliteState, NEXT_XID_SQL, recordPgliteState, stateIdOf } from './pglite-state';

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
  /** The exclusive lock on a data directory (see acquireEngineLock): how long to wait, what to tell a waiter. */
  readonly lock?: EngineLockOptions;
}

/** The PostgreSQL major version of the installed PGlite's data directories (`PG_VERSION`). */
export const PGLITE_PG_MAJOR = '18';

/**
 * Refuses a data directory PGlite must not touch. A directory without PG_VERSION would be seeded (the
 * pristine tarball written over it), so one with files in it is refused: it is another program's
 * directory, or a data directory that lost its PG_VERSION, and seeding it would destroy its tables.
 */
function checkDataDir(dir: string): 'new' | 'existing' {
  if (existsSync(join(dir, 'PG_VERSION'))) {
    const major = readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim();
    if (major !== PGLITE_PG_MAJOR) {
      throw new SchemakitError(
        'db',
        'bad-data-dir',
        `${dir} is a PostgreSQL ${major} data directory; this PGlite runs PostgreSQL ${PGLITE_PG_MAJOR} and cannot open it. Nothing was changed.`,
      );
    }
    return 'existing';
  }
  const entries = readdirSync(dir);
  if (entries.length === 0) return 'new';
  throw new SchemakitError(
    'db',
    'bad-data-dir',
    `${dir} is not empty but is not a PostgreSQL data directory (no PG_VERSION; it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); ` +
      'refusing to create a database over it. If it is a damaged embedded database, restore a backup (schemakit restore FILE); ' +
      'otherwise move it away and a new empty database is created.',
  );
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

/** The data directory of a PGlite Db opened on one (absolute); null in memory and for other engines. */
const DATA_DIR = Symbol('schemakit.pgliteDataDir');
export const pgliteDataDirOf = (db: Db): string | null => (db as Db & { [DATA_DIR]?: string })[DATA_DIR] ?? null;

/** Opens an embedded PGlite database (PostgreSQL 18 in WASM, in-process) as a Db. */
export async function openPglite(options: PgliteOpenOptions = {}): Promise<Db> {
  const { dataDir } = options;
  const extensions = normalizeExtensionNames(options.extensions ?? pgliteExtensionNames);
  if (dataDir === undefined) {
    const pg = await createPglite(undefined, null, extensions);
    return wrapPglite(pg, 'pglite (memory)', undefined, extensions);
  }
  mkdirSync(dataDir, { recursive: true });
  const lock = await acquireEngineLock(resolve(dataDir), options.lock);
  try {
    const state = checkDataDir(dataDir);
    const dir = resolve(dataDir);
    // Opened: its stamp no longer tells its state (see pglite-state.ts); written again on a clean close.
    forgetPgliteState(dir);
    // A new data directory is seeded from the cached pristine one instead of running initdb: written with Node's
    // file calls when it can (~0.15 s), else by PGlite's loader (~1 s of CPU through its emulated file system).
    const pristine = state === 'new' ? await cachedPristineTarball() : null;
    const seeded = pristine !== null && trySeedDataDir(new Uint8Array(await pristine.arrayBuffer()), dir);
    const pg = await createPglite(dataDir, seeded ? null : pristine, extensions, state === 'existing');
    const db = await wrapPglite(
      pg,
      `pglite ${dataDir}`,
      async () => {
        try {
          // The Db is already marked closed here: the state is read on the instance itself.
          const at = await pg
            .query<{ next: string }>(NEXT_XID_SQL)
            .then((r) => (r.rows[0] ? stateIdOf(dir, r.rows[0].next) : null))
            .catch(() => null);
          await pg.close();
          if (at !== null) recordPgliteState(dir, at);
        } finally {
          lock.release();
        }
      },
      extensions,
    );
    return Object.assign(db, { [DATA_DIR]: dir });
  } catch (e) {
    lock.release();
    throw e;
  }
}

/**
 * Starts PGlite. PGlite reports a damaged data directory (a missing or overwritten catalog file, a
 * truncated WAL) only as `Aborted(). Build with -sASSERTIONS…` (its WASM abort), so a failure to start
 * an existing directory is reported as a damaged directory, with the ways out.
 */
async function createPglite(dataDir: string | undefined, seed: Blob | null, extensions: readonly string[], existing = false): Promise<PGlite> {
  try {
    return await newPglite({ dataDir, extensions, loadDataDir: seed });
  } catch (cause) {
    const detail = (cause as Error).message;
    if (existing) {
      throw new SchemakitError(
        'db',
        'corrupt-data-dir',
        `the embedded database ${dataDir} is damaged: PGlite cannot start it (${detail.replace(/\s*Build with -sASSERTIONS.*$/s, '')}). ` +
          'Nothing was changed. Restore a backup into it (schemakit restore FILE, from apply/migrate --backup), ' +
          'or move the directory away to start a new empty database.',
        { cause },
      );
    }
    throw new SchemakitError('db', 'connect-failed', `cannot open PGlite ${dataDir ?? '(memory)'}: ${detail}`, { cause });
  }
}

/** The statements each PGlite instance keeps prepared: one record per instance, shared by every Db lent over it (the pool wraps an instance again for each lease). */
const preparedByInstance = new WeakMap<PGlite, PreparedNames>();

function preparedNamesOf(pg: PGlite): PreparedNames {
  let names = preparedByInstance.get(pg);
  if (!names) preparedByInstance.set(pg, (names = new PreparedNames()));
  return names;
}

/** Wraps an open PGlite instance as a Db; `onClose` replaces closing the instance (used by the pool). */
export async function wrapPglite(pg: PGlite, description: string, onClose?: () => Promise<void>, extensions: readonly string[] = []): Promise<Db> {
  let serverVersion: number;
  try {
    const res = await pg.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    serverVersion = Number(must(res.rows[0], 'server_version_num row').v);
  } catch (cause) {
    throw wrapQueryError(cause, "SELECT current_setting('server_version_num')");
  }
  let closed = false;
  const checkOpen = () => {
    if (closed) throw new SchemakitError('db', 'closed', `${description} is closed`);
  };
  const names = preparedNamesOf(pg);
  const db: Db = {
    engine: 'pglite',
    serverVersion,
    description,
    url: null,
    async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      checkOpen();
      names.observe(sql);
      try {
        const res = await pg.query<T>(sql, params ? [...params] : undefined);
        return res.rows;
      } catch (err) {
        throw wrapQueryError(err, sql);
      }
    },
    async queryPrepared<T = Record<string, unknown>>(sql: string): Promise<T[]> {
      checkOpen();
      const { name, known } = names.nameOf(sql);
      try {
        // PGlite's query() has no statement names: SQL PREPARE (which a rollback does not undo) and EXECUTE.
        if (!known) {
          await pg.exec(`PREPARE ${name} AS ${sql}`);
          names.remember(name);
        }
        // The simple protocol (exec): one message instead of query()'s parse, bind, describe and execute of
        // `EXECUTE name`; the rows come back through the same type parsers.
        return ((await pg.exec(`EXECUTE ${name}`))[0]?.rows ?? []) as T[];
      } catch (err) {
        throw wrapQueryError(err, sql);
      }
    },
    async queryPreparedBatch(sqls: readonly string[], options?: { readonly unprepared?: 'prepare' }): Promise<unknown[][] | null> {
      checkOpen();
      const batch = preparedBatch(names, sqls, options?.unprepared === 'prepare');
      if (batch === null) return null;
      try {
        return batchRows(names, batch, await pg.exec(batch.text));
      } catch (err) {
        if (batch.preparing.length > 0) names.restart();
        throw wrapQueryError(err, batch.text);
      }
    },
    async rowCount(sql: string, params?: readonly unknown[]): Promise<number> {
      checkOpen();
      names.observe(sql);
      try {
        const res = await pg.query(sql, params ? [...params] : undefined);
        return res.affectedRows ?? 0;
      } catch (err) {
        throw wrapQueryError(err, sql);
      }
    },
    async exec(sql: string): Promise<void> {
      checkOpen();
      names.observe(sql);
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
