DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sk_reader') THEN CREATE ROLE sk_reader; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sk_writer') THEN CREATE ROLE sk_writer; END IF;
END $$;
CREATE SCHEMA app;
CREATE TABLE app.users (id serial PRIMARY KEY, email text NOT NULL);
CREATE VIEW app.emails AS SELECT id, email FROM app.users;
GRANT SELECT ON app.emails TO sk_writer;
