import { pgliteDataDirOf, pgliteStateId, type Db } from '../db';
import { introspect, type Scope } from '../introspect';
import type { Catalog } from '../model';
import { sha256, stableJson } from '../util';
import { codeStamp, readCacheEntry, writeCacheEntry } from './normalize-cache';

/**
 * introspect(), answered from `cacheDir` when `db` is an embedded database (a data directory only this
 * process can open, under its lock) whose catalogs cannot have changed since it was read: introspecting
 * PGlite costs about a second of CPU even when it is empty (its catalog queries run in WASM), on every
 * `plan`. The key holds the data directory's state id (pgliteStateId: its identity, new when the
 * directory is made again, and the next transaction id: every change of a catalog takes one, reading
 * takes none). Servers are always introspected (other sessions change them, and their introspection is fast).
 */
export async function introspectCached(db: Db, options: { scope?: Scope }, cacheDir: string | undefined): Promise<Catalog> {
  const state = cacheDir ? await pgliteStateId(db, pgliteDataDirOf(db)) : null;
  if (!cacheDir || state === null) return introspect(db, options);
  const key = sha256([state, String(db.serverVersion), stableJson(options), codeStamp()].join('\0'));
  const cached = readCacheEntry<Catalog>(cacheDir, 'introspected', key);
  if (cached) return cached;
  const catalog = await introspect(db, options);
  writeCacheEntry(cacheDir, 'introspected', key, catalog);
  return catalog;
}
