import { withTransaction, type Db } from '../db';
import { userObject, userSchema } from './sql-fragments';

/** An object in the database that schemakit does not manage yet: left as it is, and named in plans. */
export interface UnmanagedObject {
  /** e.g. `window function`, `publication`, `foreign table`. */
  readonly kind: string;
  /** Qualified name, e.g. `public.counter_seq` or `public.users.p_own` for a rule; types in it qualified too (`public.pair`). */
  readonly name: string;
}

const UNMANAGED_SQL = `
SELECT kind, name FROM (
  SELECT 'window function' AS kind,
         pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS name
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE ${userSchema('n')} AND ${userObject('pg_proc', 'p.oid')} AND p.prokind = 'w'
  UNION ALL
  SELECT 'foreign data wrapper', pg_catalog.quote_ident(x.fdwname)
    FROM pg_catalog.pg_foreign_data_wrapper x WHERE ${userObject('pg_foreign_data_wrapper', 'x.oid')}
  UNION ALL
  -- Only the names: the options of a user mapping may hold a password, and are never read.
  SELECT 'user mapping', pg_catalog.quote_ident(x.usename) || '@' || pg_catalog.quote_ident(x.srvname)
    FROM pg_catalog.pg_user_mappings x
  UNION ALL
  SELECT 'operator', pg_catalog.quote_ident(n.nspname) || '.' || o.oprname || '(' || pg_catalog.format_type(NULLIF(o.oprleft, 0), NULL)
         || ', ' || pg_catalog.format_type(NULLIF(o.oprright, 0), NULL) || ')'
    FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
   WHERE ${userSchema('n')} AND ${userObject('pg_operator', 'o.oid')}
  UNION ALL
  SELECT 'operator class', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.opcname) || ' USING ' || a.amname
    FROM pg_catalog.pg_opclass c JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod
   WHERE ${userSchema('n')} AND ${userObject('pg_opclass', 'c.oid')}
  UNION ALL
  SELECT 'operator family', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(f.opfname) || ' USING ' || a.amname
    FROM pg_catalog.pg_opfamily f JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace JOIN pg_catalog.pg_am a ON a.oid = f.opfmethod
   WHERE ${userSchema('n')} AND ${userObject('pg_opfamily', 'f.oid')}
  UNION ALL
  SELECT 'cast', '(' || pg_catalog.format_type(c.castsource, NULL) || ' AS ' || pg_catalog.format_type(c.casttarget, NULL) || ')'
    FROM pg_catalog.pg_cast c WHERE c.oid >= 16384 AND ${userObject('pg_cast', 'c.oid')}
  UNION ALL
  SELECT 'text search parser', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.prsname)
    FROM pg_catalog.pg_ts_parser p JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace
   WHERE ${userSchema('n')} AND ${userObject('pg_ts_parser', 'p.oid')}
  UNION ALL
  SELECT 'text search template', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.tmplname)
    FROM pg_catalog.pg_ts_template t JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace
   WHERE ${userSchema('n')} AND ${userObject('pg_ts_template', 't.oid')}
  UNION ALL
  -- Facts of managed objects that the model does not hold yet: named so that a rebuild does not lose them silently.
  SELECT 'comment on domain constraint', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.typname) || '.' || pg_catalog.quote_ident(co.conname)
    FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_type t ON t.oid = co.contypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    JOIN pg_catalog.pg_description d ON d.objoid = co.oid AND d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass
   WHERE ${userSchema('n')} AND ${userObject('pg_type', 't.oid')}
  UNION ALL
  SELECT 'comment on type attribute', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || '.' || pg_catalog.quote_ident(a.attname)
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
    JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = a.attnum
   WHERE c.relkind = 'c' AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}
  UNION ALL
  SELECT 'storage parameters of a key index', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || '.' || pg_catalog.quote_ident(co.conname)
    FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_class c ON c.oid = co.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_class ic ON ic.oid = co.conindid
   WHERE co.contype IN ('p', 'u', 'x') AND ic.reloptions IS NOT NULL AND ${userSchema('n')} AND ${userObject('pg_class', 'c.oid')}
  UNION ALL
  SELECT 'conversion', pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(x.conname)
    FROM pg_catalog.pg_conversion x JOIN pg_catalog.pg_namespace n ON n.oid = x.connamespace
   WHERE ${userSchema('n')} AND ${userObject('pg_conversion', 'x.oid')}
  UNION ALL
  SELECT 'language', pg_catalog.quote_ident(l.lanname)
    FROM pg_catalog.pg_language l WHERE l.oid >= 16384 AND ${userObject('pg_language', 'l.oid')}
  UNION ALL
  SELECT 'access method', pg_catalog.quote_ident(a.amname)
    FROM pg_catalog.pg_am a WHERE a.oid >= 16384 AND ${userObject('pg_am', 'a.oid')}
) u ORDER BY kind, name`;

/**
 * Objects of kinds the engine does not manage yet (window functions, foreign data wrappers not created by an
 * extension, user mappings, operators and their classes and families, casts, text search parsers and
 * templates, conversions, procedural languages and access methods not made by an extension; comments on
 * domain constraints and composite type attributes, and storage parameters of key indexes; user
 * objects only: catalog OIDs from 16384, FirstNormalObjectId, for those without a schema), in one query.
 * They are never dropped or changed by a plan; `plan` names them so nothing is silently ignored.
 */
export async function introspectUnmanaged(db: Db): Promise<UnmanagedObject[]> {
  // format_type and the identity arguments qualify a type by what search_path shows: with '' every type
  // outside pg_catalog is named with its schema (`cast (public.pair AS text)`), whatever the session's path.
  return withTransaction(db, async () => {
    const [saved] = await db.query<{ path: string }>(`SELECT pg_catalog.current_setting('search_path') AS path`);
    await db.query(`SELECT pg_catalog.set_config('search_path', '', true)`);
    try {
      return await db.query<UnmanagedObject>(UNMANAGED_SQL);
    } finally {
      await db.query(`SELECT pg_catalog.set_config('search_path', $1, true)`, [saved?.path ?? '']);
    }
  });
}
