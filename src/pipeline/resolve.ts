import { connectPostgres, createScratch, openPglite, type Db } from '../db';
import { introspect } from '../introspect';
import type { LoadOptions } from '../load';
import { noRenames, type Catalog, type Renames } from '../model';
import type { Source } from './source';

/** A catalog ready to diff, with the rename intents of its declarations (none for databases). */
export interface Side {
  readonly catalog: Catalog;
  readonly renames: Renames;
}

/** Opens the database a source names (null for `empty` and declarations). */
export async function openSource(source: Source): Promise<Db | null> {
  switch (source.kind) {
    case 'url':
      return connectPostgres(source.url);
    case 'pglite':
      return openPglite({ dataDir: source.dir });
    case 'empty':
    case 'dir':
      return null;
  }
}

/**
 * Resolves a source to a normalized catalog. `db` is the source's own open database (for url/pglite);
 * `like` is the server whose catalog functions normalize declarations and define `empty`; `load` is passed to
 * loadSchemaDir (e.g. its type-check cache).
 */
export async function resolveSide(source: Source, db: Db | null, like: Db, load: LoadOptions = {}): Promise<Side> {
  switch (source.kind) {
    case 'url':
    case 'pglite':
      return { catalog: await introspect(db!), renames: noRenames };
    case 'empty': {
      const scratch = await createScratch(like);
      try {
        return { catalog: await introspect(scratch.db), renames: noRenames };
      } finally {
        await scratch.dispose();
      }
    }
    case 'dir': {
      // Loaded here: the schema loader and normalization are not needed to compare two databases.
      const { loadSchemaDir } = await import('../load');
      const { normalizeDeclared } = await import('./normalize');
      const declared = await loadSchemaDir(source.dir, load);
      return { catalog: await normalizeDeclared(declared, like, { cacheDir: load.cacheDir }), renames: declared.renames };
    }
  }
}
