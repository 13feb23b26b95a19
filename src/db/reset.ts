import type { Db } from './types';

/**
 * Everything a user can add to a database that is not inside a schema is dropped here (database-wide default
 * privileges too); schema objects go with DROP SCHEMA … CASCADE. Extensions go first so that their member objects are not dropped one by one.
 * `public` is then recreated exactly as initdb makes it since PostgreSQL 15: owned by pg_database_owner,
 * USAGE (not CREATE) for PUBLIC, and its standard comment (or kept, when it is still so and empty).
 */
export const RESET_SQL = `
DO $schemakit_reset$
DECLARE r record; kinds text[]; names text[];
BEGIN
  FOR r IN SELECT evtname FROM pg_catalog.pg_event_trigger LOOP
    EXECUTE format('DROP EVENT TRIGGER %I', r.evtname);
  END LOOP;
  FOR r IN SELECT pubname FROM pg_catalog.pg_publication LOOP
    EXECUTE format('DROP PUBLICATION %I', r.pubname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  -- Wrappers left once extensions are gone are the user's; their servers, mappings and foreign tables go with them.
  FOR r IN SELECT fdwname FROM pg_catalog.pg_foreign_data_wrapper LOOP
    EXECUTE format('DROP FOREIGN DATA WRAPPER %I CASCADE', r.fdwname);
  END LOOP;
  -- \`public\` stays when it is as initdb makes it (owner, privileges, comment) and its objects are all of kinds
  -- whose DROP leaves pg_namespace alone: they are dropped one by one (every object in a schema depends on it in
  -- pg_depend). A change to pg_namespace (or to operators) makes every session plan its prepared statements
  -- again, the catalog queries of introspection among them (~50 ms on PGlite). Whatever is left, the schema goes.
  SELECT pg_catalog.array_agg(o.type ORDER BY d.objid DESC), pg_catalog.array_agg(o.identity ORDER BY d.objid DESC)
    INTO kinds, names
    FROM pg_catalog.pg_namespace n
    JOIN pg_catalog.pg_depend d ON d.refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.refobjid = n.oid
    CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, 0) o
   WHERE n.nspname = 'public';
  IF kinds <@ ARRAY['function', 'procedure', 'aggregate', 'table', 'view', 'materialized view', 'sequence', 'type',
                    'domain', 'composite type', 'collation', 'statistics object', 'text search configuration',
                    'text search dictionary', 'conversion', 'foreign table'] THEN
    FOR i IN 1 .. pg_catalog.array_length(kinds, 1) LOOP
      BEGIN
        EXECUTE format('DROP %s IF EXISTS %s CASCADE',
                       CASE kinds[i] WHEN 'composite type' THEN 'TYPE' WHEN 'statistics object' THEN 'STATISTICS'
                                     ELSE pg_catalog.upper(kinds[i]) END, names[i]);
      EXCEPTION WHEN OTHERS THEN NULL; -- left in place: the schema is dropped below
      END;
    END LOOP;
  END IF;
  FOR r IN SELECT n.nspname FROM pg_catalog.pg_namespace n
            WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
              AND NOT (n.nspname = 'public'
                       AND n.nspowner = 'pg_database_owner'::pg_catalog.regrole
                       AND n.nspacl::pg_catalog.text = '{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}'
                       AND pg_catalog.obj_description(n.oid, 'pg_namespace') IS NOT DISTINCT FROM 'standard public schema'
                       AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                                        WHERE d.refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.refobjid = n.oid)
                       AND NOT EXISTS (SELECT FROM pg_catalog.pg_seclabel l
                                        WHERE l.classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND l.objoid = n.oid)) LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  -- Database-wide default privileges (schema-scoped ones went with their schemas): every grantee's taken away,
  -- then the built-in ones given back (all to the owner; EXECUTE on functions and USAGE on types to PUBLIC), at
  -- which point Postgres drops the entry.
  FOR r IN SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS owner,
                  CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                                       WHEN 'T' THEN 'TYPES' ELSE 'SCHEMAS' END AS objects,
                  d.defaclobjtype AS objtype,
                  (SELECT pg_catalog.array_agg(DISTINCT a.grantee) FROM pg_catalog.aclexplode(d.defaclacl) a) AS grantees
             FROM pg_catalog.pg_default_acl d WHERE d.defaclnamespace = 0 LOOP
    IF r.grantees IS NOT NULL THEN
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I REVOKE ALL ON %s FROM %s', r.owner, r.objects,
        (SELECT pg_catalog.string_agg(CASE g WHEN 0 THEN 'PUBLIC' ELSE format('%I', pg_catalog.pg_get_userbyid(g)) END, ', ')
           FROM pg_catalog.unnest(r.grantees) AS g));
    END IF;
    EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT ALL ON %s TO %I', r.owner, r.objects, r.owner);
    IF r.objtype IN ('f', 'T') THEN
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT %s ON %s TO PUBLIC', r.owner,
        CASE r.objtype WHEN 'f' THEN 'EXECUTE' ELSE 'USAGE' END, r.objects);
    END IF;
  END LOOP;
  EXECUTE format('ALTER DATABASE %I RESET ALL', current_database());
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = 'public') THEN
    CREATE SCHEMA public AUTHORIZATION pg_database_owner;
    COMMENT ON SCHEMA public IS 'standard public schema';
    GRANT USAGE ON SCHEMA public TO PUBLIC;
  END IF;
END
$schemakit_reset$;
`;

/**
 * Relations and types of user schemas, as `DROP` commands and qualified names. Dropping a schema drops
 * everything in it in one transaction, taking a lock per object: with ~1,000 tables that exceeds the
 * lock table (max_locks_per_transaction 64 × max_connections 100, the default on PostgreSQL 15 and in
 * PGlite) and fails with "out of shared memory". So these go first, in batches, one transaction each.
 */
const OBJECTS_SQL = `
SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS command,
       pg_catalog.format('%I.%I', n.nspname, c.relname) AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
   AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
   AND c.oid NOT IN (SELECT objid FROM pg_catalog.pg_depend WHERE classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND deptype = 'e')
UNION ALL
SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, pg_catalog.format('%I.%I', n.nspname, t.typname)
  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
 WHERE t.typtype IN ('e', 'd') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
   AND t.oid NOT IN (SELECT objid FROM pg_catalog.pg_depend WHERE classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND deptype = 'e')`;

const BATCH = 100;

/**
 * Returns a database to the state of a new one: every non-system schema dropped, `public` recreated as
 * new, extensions (except the built-in plpgsql), foreign-data wrappers, event triggers, publications and database-wide
 * default privileges dropped, session state discarded. Roles and other cluster-wide objects are left alone.
 */
export async function resetDatabase(db: Db): Promise<void> {
  // Outside a transaction ROLLBACK only warns; inside an aborted one it is the only way out.
  await db.exec('ROLLBACK');
  // DISCARD ALL but for DEALLOCATE ALL and DISCARD PLANS: the session keeps the catalog statements it holds
  // prepared (Db.queryPrepared, introspection's), which read only system catalogs, so that the next
  // introspection does not parse and plan them again. Everything else of the session goes, as with DISCARD ALL.
  await db.exec(
    'CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; SELECT pg_catalog.pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES',
  );
  const objects = await db.query<{ command: string; name: string }>(OBJECTS_SQL);
  const byCommand = new Map<string, string[]>();
  for (const o of objects) byCommand.set(o.command, [...(byCommand.get(o.command) ?? []), o.name]);
  for (const [command, names] of byCommand) {
    for (let i = 0; i < names.length; i += BATCH) {
      await db.exec(`DROP ${command} IF EXISTS ${names.slice(i, i + BATCH).join(', ')} CASCADE`);
    }
  }
  await db.exec(RESET_SQL);
}
