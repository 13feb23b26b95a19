import type * as PgliteModule from '@electric-sql/pglite';
import type * as PgModule from 'pg';

/**
 * The database drivers, loaded on first use rather than when `db` is imported: `pg` costs ~130 ms of CPU
 * and PGlite ~60 ms (plus its WASM when started), which `schemakit --help` and commands that use only the
 * other engine should not pay. `require` is cached by Node, so each call after the first is a lookup.
 */
export const pgModule = (): typeof PgModule => {
  const g = globalThis as { navigator?: unknown };
  // pg asks whether it runs in a Cloudflare Worker: where there is no global `navigator` (Node 20), it builds a
  // `Response`, which loads Node's whole fetch implementation (undici, ~40 ms of CPU, several times that on a
  // busy machine). Node 21+ has a `navigator` whose userAgent answers at once; the same is lent to it here.
  if (g.navigator !== undefined) return require('pg') as typeof PgModule;
  g.navigator = { userAgent: `Node.js/${process.versions.node}` };
  try {
    return require('pg') as typeof PgModule;
  } finally {
    delete g.navigator;
  }
};

/** The PGlite package (see pgModule). */
export const pgliteModule = (): typeof PgliteModule => require('@electric-sql/pglite') as typeof PgliteModule;
