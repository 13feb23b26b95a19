import type { Db } from '../db';
import { notExtensionMember, userSchema } from './sql-fragments';

/** An object in the database that schemakit does not manage yet: left as it is, and named in plans. */
export interface UnmanagedObject {
  /** e.g. `view`, `function`, `trigger`, `sequence`, `domain`. */
  readonly kind: string;
  /** Qualified name, e.g. `public.active_users` or `public.users.trg_touch` for a trigger. */
  readonly name: string;
}

const UNMANAGED_SQL = `
SELECT kind, name FROM (
  SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' ELSE 'foreign table' END AS kind,
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_class', 'c.oid')}
     AND (c.relkind IN ('v', 'm', 'f')
          OR (c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))))
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_proc', 'p.oid')}
  UNION ALL
  SELECT 'trigger', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || '.' || pg_catalog.quote_ident(t.tgname)
    FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE ${userSchema('n')} AND NOT t.tgisinternal
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'composite type' END,
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.typname)
    FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE ${userSchema('n')} AND ${notExtensionMember('pg_type', 't.oid')}
     AND (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c'))
  UNION ALL
  SELECT 'event trigger', pg_catalog.quote_ident(e.evtname) FROM pg_catalog.pg_event_trigger e
   WHERE ${notExtensionMember('pg_event_trigger', 'e.oid')}
) u ORDER BY kind, name`;

/**
 * Objects of kinds the engine does not manage yet (views, functions, triggers, standalone sequences, domains,
 * composite and range types, event triggers), in one query.
 * They are never dropped or changed by a plan; `plan` names them so nothing is silently ignored.
 */
export async function introspectUnmanaged(db: Db): Promise<UnmanagedObject[]> {
  return db.query<UnmanagedObject>(UNMANAGED_SQL);
}
