import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pgliteDataDirOf, queryRow, type Db } from '../db';
import { introspect, type Scope } from '../introspect';
import type { Catalog } from '../model';
import { sha256, stableJson } from '../util';
import { codeStamp, readCacheEntry, writeCacheEntry } from './normalize-cache';

/**
 * introspect(), answered from `cacheDir` when `db` is an embedded database (a data directory only this
 * process can open, under its lock) whose catalogs cannot have changed since it was read: introspecting
 * PGlite costs about a second of CPU even when it is empty (its catalog queries run in WASM), on every
 * `plan`. The key holds the data directory's identity (the inode and change time of its PG_VERSION, new
 * when the directory is made again) and the next transaction id (`pg_current_snapshot()`'s xmax): every
 * change of a catalog (DDL, roles, grants) takes a transaction id, and reading takes none. Servers are
 * always introspected (other sessions change them, and their introspection is fast).
 */
export async function introspectCached(db: Db, options: { scope?: Scope }, cacheDir: string | undefined): Promise<Catalog> {
  const dir = pgliteDataDirOf(db);
  if (!cacheDir || dir === null) return introspect(db, options);
  let identity: string;
  try {
    const s = statSync(join(dir, 'PG_VERSION'), { bigint: true });
    identity = `${s.ino}:${s.ctimeNs}`;
  } catch {
    return introspect(db, options);
  }
  const { next } = await queryRow<{ next: string }>(db, 'SELECT pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text AS next');
  const key = sha256([dir, identity, next, String(db.serverVersion), stableJson(options), codeStamp()].join('\0'));
  const cached = readCacheEntry<Catalog>(cacheDir, 'introspected', key);
  if (cached) return cached;
  const catalog = await introspect(db, options);
  writeCacheEntry(cacheDir, 'introspected', key, catalog);
  return catalog;
}
