import { SchemakitError, assertNever } from '../util';
import type { Db } from './types';
import { acquirePglite } from './pglite-pool';
import { pgliteExtensionsOf } from './pglite';
import { createTempDatabase } from './temp-database';
import { DbQueryError } from './errors';

/** A disposable empty database of the same engine as another. */
export interface Scratch {
  readonly db: Db;
  dispose(): Promise<void>;
}

/** Options of createScratch. */
export interface ScratchOptions {
  /**
   * Extensions the scratch database must be able to CREATE (e.g. those a declared schema uses). Only
   * matters for PGlite, which registers contrib extensions at start; a server has what it has installed.
   */
  readonly extensions?: readonly string[];
  /**
   * Where to make the scratch database instead of next to `like` (`--dev-url`): a server URL (a temporary
   * database there), or `pglite` for the embedded engine.
   */
  readonly devUrl?: string;
  /**
   * When the target server refuses CREATE DATABASE (no CREATEDB), normalize in the embedded engine (PGlite,
   * PostgreSQL 18) instead of failing. Off by default: the two engines may print some definitions differently.
   */
  readonly embeddedFallback?: boolean;
}

/**
 * A brand-new empty database like `like`: on a server, a temporary database `schemakit_scratch_…` on the
 * same server (dropped on dispose); for PGlite, a fresh in-memory instance from the process pool that
 * offers the same contrib extensions as `like`.
 */
export async function createScratch(like: Db, options: ScratchOptions = {}): Promise<Scratch> {
  const embedded = async (): Promise<Scratch> => {
    const db = await acquirePglite({ extensions: [...pgliteExtensionsOf(like), ...(options.extensions ?? [])] });
    return { db, dispose: () => db.close() };
  };
  if (options.devUrl === 'pglite') return embedded();
  if (options.devUrl) {
    const temp = await createTempDatabase(options.devUrl, 'schemakit_scratch');
    return { db: temp.db, dispose: () => temp.dispose() };
  }
  switch (like.engine) {
    case 'postgres': {
      if (!like.url) throw new SchemakitError('db', 'no-url', `cannot create a scratch database next to ${like.description}: no URL`);
      try {
        const temp = await createTempDatabase(like.url, 'schemakit_scratch');
        return { db: temp.db, dispose: () => temp.dispose() };
      } catch (err) {
        if (!(err instanceof DbQueryError && err.sqlState === '42501')) throw err;
        if (options.embeddedFallback) return embedded();
        throw new SchemakitError(
          'db',
          'no-createdb',
          `cannot create a scratch database on ${like.description}: the role may not create databases (no CREATEDB). ` +
            'schemakit normalizes the declared schema by creating it in a temporary database and reading it back. ' +
            'Grant CREATEDB, pass --dev-url with a server where you may create databases (e.g. a local one), ' +
            '--dev-url pglite to use the embedded engine, or --embedded-fallback to use it when this happens.',
          { cause: err },
        );
      }
    }
    case 'pglite':
      return embedded();
    default:
      return assertNever(like.engine, 'engine');
  }
}
