import { SchemakitError, assertNever } from '../util';
import type { Db } from './types';
import { acquirePglite } from './pglite-pool';
import { pgliteExtensionsOf } from './pglite';
import { createTempDatabase } from './temp-database';

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
}

/**
 * A brand-new empty database like `like`: on a server, a temporary database `schemakit_scratch_…` on the
 * same server (dropped on dispose); for PGlite, a fresh in-memory instance from the process pool that
 * offers the same contrib extensions as `like`.
 */
export async function createScratch(like: Db, options: ScratchOptions = {}): Promise<Scratch> {
  switch (like.engine) {
    case 'postgres': {
      if (!like.url) throw new SchemakitError('db', 'no-url', `cannot create a scratch database next to ${like.description}: no URL`);
      const temp = await createTempDatabase(like.url, 'schemakit_scratch');
      return { db: temp.db, dispose: () => temp.dispose() };
    }
    case 'pglite': {
      const db = await acquirePglite({ extensions: [...pgliteExtensionsOf(like), ...(options.extensions ?? [])] });
      return { db, dispose: () => db.close() };
    }
    default:
      return assertNever(like.engine, 'engine');
  }
}
