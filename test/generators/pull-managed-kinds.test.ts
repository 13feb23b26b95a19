import { expect } from 'chai';
import { renderPull } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines, useFreshDb, type EngineUnderTest } from '../support/engines';
import { planAfterPull } from './pull-round-trip';

const ROLES = `
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sk_reader') THEN CREATE ROLE sk_reader; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sk_writer') THEN CREATE ROLE sk_writer; END IF;
  END $$;`;

/** Grants on every grantable kind pull writes (issue 9): views, their columns, materialized views, serial sequences, routines. */
const GRANTS_SQL = `${ROLES}
  CREATE SCHEMA app;
  CREATE TABLE app.users (id serial PRIMARY KEY, email text NOT NULL);
  CREATE VIEW app.emails AS SELECT id, email FROM app.users;
  CREATE MATERIALIZED VIEW app.user_count AS SELECT count(*) AS n FROM app.users;
  CREATE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
  CREATE PROCEDURE app.reset(n integer) LANGUAGE sql AS 'SELECT 1';
  CREATE DOMAIN app.pos AS integer CHECK (VALUE > 0);
  GRANT USAGE ON SCHEMA app TO sk_reader;
  GRANT SELECT ON app.emails TO sk_reader;
  GRANT UPDATE (email) ON app.emails TO sk_writer WITH GRANT OPTION;
  GRANT SELECT ON app.user_count TO sk_reader;
  GRANT USAGE, SELECT ON SEQUENCE app.users_id_seq TO sk_writer;
  GRANT EXECUTE ON FUNCTION app.add(integer, integer) TO sk_writer;
  REVOKE EXECUTE ON PROCEDURE app.reset(integer) FROM PUBLIC;
  REVOKE USAGE ON DOMAIN app.pos FROM PUBLIC;
  GRANT USAGE ON DOMAIN app.pos TO sk_reader;
`;

/** Publications of every form (PGlite 0.3 / PostgreSQL 18 creates them too: no WAL sender is needed to hold one). */
const PUBLICATIONS_SQL = `
  CREATE SCHEMA sales;
  CREATE TABLE public.orders (id integer PRIMARY KEY, amount integer NOT NULL, note text);
  CREATE TABLE sales.deals (id integer PRIMARY KEY);
  CREATE PUBLICATION orders_pub FOR TABLE public.orders (id, amount) WHERE (amount > 0) WITH (publish = 'insert, update', publish_via_partition_root = true);
  COMMENT ON PUBLICATION orders_pub IS 'for the warehouse';
  CREATE PUBLICATION deals_pub FOR TABLES IN SCHEMA sales, TABLE public.orders;
  CREATE PUBLICATION everything FOR ALL TABLES;
  CREATE PUBLICATION empty_pub;
`;

/** file_fdw servers and foreign tables (PGlite ships file_fdw), with options, defaults and comments. */
const FILE_FDW_SQL = `
  CREATE EXTENSION file_fdw;
  CREATE SCHEMA ext;
  CREATE SERVER files FOREIGN DATA WRAPPER file_fdw;
  COMMENT ON SERVER files IS 'CSV files';
  CREATE FOREIGN TABLE ext.prices (id bigint OPTIONS (force_not_null 'true') NOT NULL, "Label" varchar(40) DEFAULT 'none', amount numeric(10,2))
    SERVER files OPTIONS (filename '/tmp/prices.csv', format 'csv', header 'true');
  COMMENT ON FOREIGN TABLE ext.prices IS 'price list';
  COMMENT ON COLUMN ext.prices.amount IS 'in euros';
  DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sk_reader') THEN CREATE ROLE sk_reader; END IF;
  END $$;
  GRANT SELECT ON ext.prices TO sk_reader;
  GRANT USAGE ON FOREIGN SERVER files TO sk_reader;
`;

/** postgres_fdw (PostgreSQL only): a server, a foreign table, and a user mapping whose password must never be written. */
const POSTGRES_FDW_SQL = `
  CREATE EXTENSION postgres_fdw;
  CREATE SERVER remote TYPE 'postgresql' VERSION '15' FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'db.internal', dbname 'app', port '5432');
  CREATE USER MAPPING FOR CURRENT_USER SERVER remote OPTIONS (user 'app', password 'hunter2-never-printed');
  CREATE FOREIGN TABLE public.remote_users (id integer OPTIONS (column_name 'user_id'), email text) SERVER remote OPTIONS (table_name 'users');
`;

/** REPLICA IDENTITY in its four forms, on tables a publication replicates. */
const REPLICA_IDENTITY_SQL = `
  CREATE TABLE audit (id integer PRIMARY KEY, body text);
  ALTER TABLE audit REPLICA IDENTITY FULL;
  CREATE TABLE logs (id integer NOT NULL, at timestamptz);
  CREATE UNIQUE INDEX logs_id_idx ON logs (id);
  ALTER TABLE logs REPLICA IDENTITY USING INDEX logs_id_idx;
  CREATE TABLE scratch (x text);
  ALTER TABLE scratch REPLICA IDENTITY NOTHING;
  CREATE TABLE plain (id integer PRIMARY KEY);
  CREATE PUBLICATION changes FOR TABLE audit, logs, plain WITH (publish = 'insert, update, delete');
`;

/** One database state per kind: its SQL, a file and text the pull must write, and the engines that cannot hold it (why). */
const CASES: readonly { what: string; sql: string; file: string; text: string; skip?: (e: EngineUnderTest) => string | null }[] = [
  { what: 'file_fdw servers and foreign tables', sql: FILE_FDW_SQL, file: 'ext/foreign-tables.ts', text: 'server: files' },
  {
    what: 'postgres_fdw servers and foreign tables, a user mapping left out',
    sql: POSTGRES_FDW_SQL,
    file: 'foreign-servers.ts',
    text: "host: 'db.internal'",
    skip: (e) => (e.kind === 'pglite' ? 'PGlite ships no postgres_fdw' : null),
  },
  { what: 'replica identities', sql: REPLICA_IDENTITY_SQL, file: 'public/logs.ts', text: "replicaIdentity: { index: 'logs_id_idx' }" },
  { what: 'publications', sql: PUBLICATIONS_SQL, file: 'publications.ts', text: "where: '(amount > 0)'" },
  {
    what: "privileges of public other than initdb's (public declared then, so its grants are written)",
    sql: 'CREATE TABLE notes (id integer PRIMARY KEY); GRANT CREATE ON SCHEMA public TO PUBLIC;',
    file: 'privileges.ts',
    text: "grant('CREATE', publicSchema, 'PUBLIC')",
  },
  {
    what: 'grants on views, view columns, materialized views, sequences, routines and domains',
    sql: GRANTS_SQL,
    file: 'privileges.ts',
    text: "{ view: emails, column: 'email' }",
  },
];

/** Pull writes each kind it manages so that it loads back to the same catalog: the plan after it is empty. */
for (const engine of engines) {
  describe(`generators/pull managed kinds (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine, { extensions: ['file_fdw'] });

    for (const c of CASES) {
      const skip = c.skip?.(engine) ?? null;
      (skip === null ? it : it.skip)(`pulls ${c.what}; the plan after it is empty${skip === null ? '' : ` (skipped: ${skip})`}`, async () => {
        await db().exec(c.sql);
        const files = renderPull(await introspect(db()));
        expect(files.get(c.file)).to.include(c.text);
        for (const [file, text] of files) expect(text, file).to.not.include('hunter2');
        expect(await planAfterPull(db(), files)).to.deep.equal([]);
      });
    }
  });
}
