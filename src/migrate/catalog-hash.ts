import type { Db } from '../db';
import type { Catalog } from '../model';
import { sha256, stableJson } from '../util';

/** sha256 of a normalized catalog's stable JSON: equal states give equal hashes on the same engine. */
export function catalogHash(catalog: Catalog): string {
  return sha256(stableJson(catalog));
}

/**
 * The engine a hash was computed on, e.g. `postgres 15` or `pglite 18`: catalogs read from different major
 * versions can differ in details (deparsed expressions, extension versions), so hashes compare only within one.
 */
export function hashedOn(db: Db): string {
  return `${db.engine} ${Math.floor(db.serverVersion / 10000)}`;
}
