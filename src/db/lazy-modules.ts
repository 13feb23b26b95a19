import type * as PgliteModule from '@electric-sql/pglite';
import type * as PgModule from 'pg';

/**
 * The database drivers, loaded on first use rather than when `db` is imported: `pg` costs ~130 ms of CPU
 * and PGlite ~60 ms (plus its WASM when started), which `schemakit --help` and commands that use only the
 * other engine should not pay. `require` is cached by Node, so each call after the first is a lookup.
 */
export const pgModule = (): typeof PgModule => require('pg') as typeof PgModule;

/** The PGlite package (see pgModule). */
export const pgliteModule = (): typeof PgliteModule => require('@electric-sql/pglite') as typeof PgliteModule;
