import type { Extensions } from '@electric-sql/pglite';
import { SchemakitError, must } from '../util';

/**
 * PGlite ships contrib extensions as separate bundles that must be registered when an instance starts
 * (registering all of them adds ~1.5 s to every start, so only the requested ones are). Keys are the SQL
 * extension names (`CREATE EXTENSION "uuid-ossp"`), values the `@electric-sql/pglite/contrib/…` modules.
 */
const CONTRIB: Record<string, string> = {
  amcheck: 'amcheck',
  bloom: 'bloom',
  btree_gin: 'btree_gin',
  btree_gist: 'btree_gist',
  citext: 'citext',
  cube: 'cube',
  dict_int: 'dict_int',
  dict_xsyn: 'dict_xsyn',
  earthdistance: 'earthdistance',
  file_fdw: 'file_fdw',
  fuzzystrmatch: 'fuzzystrmatch',
  hstore: 'hstore',
  intarray: 'intarray',
  isn: 'isn',
  lo: 'lo',
  ltree: 'ltree',
  pg_trgm: 'pg_trgm',
  pgcrypto: 'pgcrypto',
  seg: 'seg',
  tablefunc: 'tablefunc',
  tcn: 'tcn',
  tsm_system_rows: 'tsm_system_rows',
  tsm_system_time: 'tsm_system_time',
  unaccent: 'unaccent',
  'uuid-ossp': 'uuid_ossp',
};

/** SQL names of the extensions PGlite can load. */
export const pgliteExtensionNames: readonly string[] = Object.keys(CONTRIB);

/** The canonical (sorted, de-duplicated) list of extension names, validated. */
export function normalizeExtensionNames(names: readonly string[] = []): string[] {
  const unknown = names.filter((n) => !(n in CONTRIB));
  if (unknown.length > 0) {
    throw new SchemakitError('db', 'unknown-extension', `PGlite has no extension ${unknown.join(', ')} (available: ${pgliteExtensionNames.join(', ')})`);
  }
  return [...new Set(names)].sort();
}

/** The `extensions` option of PGlite.create for these SQL extension names. */
export function pgliteExtensions(names: readonly string[]): Extensions {
  const out: Extensions = {};
  for (const name of normalizeExtensionNames(names)) {
    const mod = must(CONTRIB[name], `PGlite module of extension ${name}`); // names are checked against CONTRIB
    out[mod] = must(
      (require(`@electric-sql/pglite/contrib/${mod}`) as Record<string, Extensions[string]>)[mod],
      `export ${mod} of @electric-sql/pglite/contrib/${mod}`,
    );
  }
  return out;
}
