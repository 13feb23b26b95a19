-- schemakit migration: 11 statements
-- hazards: none

SET check_function_bodies = off;

REVOKE SELECT ON TABLE app.emails FROM sk_writer;

CREATE FUNCTION app.add_one(i integer)
 RETURNS integer
 LANGUAGE sql
AS $body$SELECT i + 1$body$;

CREATE PROCEDURE app.reset(IN n integer)
 LANGUAGE sql
AS $body$SELECT 1$body$;

CREATE MATERIALIZED VIEW app.user_count AS
SELECT count(*) AS n
   FROM app.users
WITH DATA;

GRANT UPDATE (email) ON TABLE app.emails TO sk_writer;

GRANT EXECUTE ON ROUTINE app.add_one(integer) TO sk_reader;

REVOKE EXECUTE ON ROUTINE app.reset(integer) FROM PUBLIC;

GRANT EXECUTE ON ROUTINE app.reset(integer) TO sk_writer;

GRANT USAGE ON SEQUENCE app.users_id_seq TO sk_writer;

GRANT SELECT ON TABLE app.emails TO sk_reader;

GRANT SELECT ON TABLE app.user_count TO sk_reader WITH GRANT OPTION;
