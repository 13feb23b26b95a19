import { expect } from 'chai';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

/** Views, functions, procedures and triggers with most of their options. */
export const PROGRAMMABLE_SQL = `
  CREATE SCHEMA app;
  CREATE TABLE app.users (id integer PRIMARY KEY, email text NOT NULL, active boolean NOT NULL DEFAULT true, updated_at timestamptz);
  CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END
$$;
  COMMENT ON FUNCTION app.touch() IS 'keeps updated_at';
  CREATE FUNCTION app.add(a integer, "B" integer DEFAULT 1, OUT total integer) LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp AS $$ SELECT a + "B" $$;
  CREATE FUNCTION app.add(double precision, timestamp with time zone) RETURNS SETOF text LANGUAGE sql STABLE COST 5 ROWS 20 AS 'SELECT ''x''';
  CREATE PROCEDURE app.reset(n integer) LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN PERFORM n; END $$;
  CREATE VIEW app.active_users WITH (security_barrier) AS SELECT id, email FROM app.users WHERE active;
  COMMENT ON VIEW app.active_users IS 'who can sign in';
  CREATE VIEW app.active_emails AS SELECT email FROM app.active_users WITH CASCADED CHECK OPTION;
  CREATE MATERIALIZED VIEW app.user_count AS SELECT count(*) AS n FROM app.users WITH NO DATA;
  CREATE TRIGGER users_touch BEFORE UPDATE OF email, active ON app.users FOR EACH ROW
    WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION app.touch('a', 'b');
  CREATE FUNCTION app.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl: %', tg_tag; END $$;
  CREATE EVENT TRIGGER log_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.log_ddl();
  ALTER EVENT TRIGGER log_ddl DISABLE;
  COMMENT ON EVENT TRIGGER log_ddl IS 'logs DDL';
  CREATE CONSTRAINT TRIGGER users_check AFTER INSERT ON app.users DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION app.touch();
`;

/** Pull writes views, routines and triggers that load back to the same objects. */
for (const engine of engines) {
  describe(`generators/pull programmable objects (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('pulls views, functions, procedures, triggers and event triggers; the plan after it is empty', async () => {
      await db().exec(PROGRAMMABLE_SQL);
      const files = renderPull(await introspect(db()));
      expect(files.get('app/views.ts')).to.include('FROM ${users}');
      expect(await planAfterPull(db(), files)).to.deep.equal([]);
    });
  });
}
