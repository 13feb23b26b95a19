import type { Db } from './types';

/**
 * Everything a user can add to a database that is not inside a schema is dropped here; schema objects go
 * with DROP SCHEMA … CASCADE. Extensions go first so that their member objects are not dropped one by one.
 * `public` is then recreated exactly as initdb makes it since PostgreSQL 15: owned by pg_database_owner,
 * USAGE (not CREATE) for PUBLIC, and its standard comment.
 */
const RESET_SQL = `
DO $schemakit_reset$
DECLARE r record;
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
  FOR r IN SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  EXECUTE format('ALTER DATABASE %I RESET ALL', current_database());
END
$schemakit_reset$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
COMMENT ON SCHEMA public IS 'standard public schema';
GRANT USAGE ON SCHEMA public TO PUBLIC;
`;

/**
 * Returns a database to the state of a new one: every non-system schema dropped, `public` recreated as
 * new, extensions (except the built-in plpgsql), event triggers and publications dropped, session state
 * discarded. Roles and other cluster-wide objects are left alone.
 */
export async function resetDatabase(db: Db): Promise<void> {
  // Outside a transaction ROLLBACK only warns; inside an aborted one it is the only way out.
  await db.exec('ROLLBACK');
  await db.exec('DISCARD ALL');
  await db.exec(RESET_SQL);
}
