import type { Db } from '../db';
import { notExtensionMember, userSchema } from './sql-fragments';

/** An object in the database that schemakit does not manage yet: left as it is, and named in plans. */
export interface UnmanagedObject {
  /** e.g. `window function`, `publication`, `foreign table`. */
  readonly kind: string;
  /** Qualified name, e.g. `public.counter_seq` or `public.users.p_own` for a policy. */
  readonly name: string;
}

const UNMANAGED_SQL = `
SELECT kind, name FROM (
  SELECT 'window function' AS kind,
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS name
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_proc', 'p.oid')} AND p.prokind = 'w'
  UNION ALL
  SELECT 'foreign data wrapper', pg_catalog.quote_ident(x.fdwname)
    FROM pg_catalog.pg_foreign_data_wrapper x WHERE ${notExtensionMember('pg_foreign_data_wrapper', 'x.oid')}
  UNION ALL
  -- Only the names: the options of a user mapping may hold a password, and are never read.
  SELECT 'user mapping', pg_catalog.quote_ident(x.usename) || '@' || pg_catalog.quote_ident(x.srvname)
    FROM pg_catalog.pg_user_mappings x
) u ORDER BY kind, name`;

/**
 * Objects of kinds the engine does not manage yet (window functions, foreign data wrappers not created by an
 * extension, user mappings), in one query.
 * They are never dropped or changed by a plan; `plan` names them so nothing is silently ignored.
 */
export async function introspectUnmanaged(db: Db): Promise<UnmanagedObject[]> {
  return db.query<UnmanagedObject>(UNMANAGED_SQL);
}
