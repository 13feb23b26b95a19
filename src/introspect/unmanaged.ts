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
  SELECT 'foreign table' AS kind,
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_class', 'c.oid')}
     AND c.relkind = 'f'
  UNION ALL
  SELECT 'window function',
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_proc', 'p.oid')} AND p.prokind = 'w'
  UNION ALL
  SELECT 'publication', pg_catalog.quote_ident(x.pubname)
    FROM pg_catalog.pg_publication x WHERE ${notExtensionMember('pg_publication', 'x.oid')}
  UNION ALL
  SELECT 'foreign server', pg_catalog.quote_ident(x.srvname)
    FROM pg_catalog.pg_foreign_server x WHERE ${notExtensionMember('pg_foreign_server', 'x.oid')}
) u ORDER BY kind, name`;

/**
 * Objects of kinds the engine does not manage yet (window functions, publications, foreign servers and tables),
 * in one query.
 * They are never dropped or changed by a plan; `plan` names them so nothing is silently ignored.
 */
export async function introspectUnmanaged(db: Db): Promise<UnmanagedObject[]> {
  return db.query<UnmanagedObject>(UNMANAGED_SQL);
}
