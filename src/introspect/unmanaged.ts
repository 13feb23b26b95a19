import type { Db } from '../db';
import { notExtensionMember, userSchema } from './sql-fragments';

/** An object in the database that schemakit does not manage yet: left as it is, and named in plans. */
export interface UnmanagedObject {
  /** e.g. `aggregate`, `sequence`, `domain`, `policy`, `exclusion constraint`. */
  readonly kind: string;
  /** Qualified name, e.g. `public.counter_seq` or `public.users.p_own` for a policy. */
  readonly name: string;
}

const UNMANAGED_SQL = `
SELECT kind, name FROM (
  SELECT CASE c.relkind WHEN 'f' THEN 'foreign table' ELSE 'partitioned table' END AS kind,
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_class', 'c.oid')}
     AND c.relkind IN ('f', 'p')
  UNION ALL
  SELECT 'table partition', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${userSchema('n')} AND c.relispartition
  UNION ALL
  SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'window function' END,
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_proc', 'p.oid')} AND p.prokind IN ('a', 'w')
  UNION ALL
  SELECT 'range type',
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.typname)
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_type', 't.oid')}
     AND t.typtype = 'r'
  UNION ALL
  SELECT 'policy', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || '.' || pg_catalog.quote_ident(po.polname)
    FROM pg_catalog.pg_policy po JOIN pg_catalog.pg_class c ON c.oid = po.polrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${userSchema('n')}
  UNION ALL
  SELECT 'exclusion constraint', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || '.' || pg_catalog.quote_ident(k.conname)
    FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${userSchema('n')} AND k.contype = 'x'
) u ORDER BY kind, name`;

/**
 * Objects of kinds the engine does not manage yet (aggregates, range types, policies, exclusion constraints,
 * partitioning), in one query.
 * They are never dropped or changed by a plan; `plan` names them so nothing is silently ignored.
 */
export async function introspectUnmanaged(db: Db): Promise<UnmanagedObject[]> {
  return db.query<UnmanagedObject>(UNMANAGED_SQL);
}
