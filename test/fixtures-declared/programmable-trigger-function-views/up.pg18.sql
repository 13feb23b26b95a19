-- schemakit migration: 17 statements
-- hazards: may-fail-on-data, index-build

SET check_function_bodies = off;

ALTER VIEW public.old_active RENAME TO active_users;

CREATE FUNCTION public.is_email(value text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE STRICT PARALLEL SAFE
 SET search_path TO 'pg_catalog'
AS $body$SELECT value LIKE '%@%'$body$;

CREATE FUNCTION public.log_ddl()
 RETURNS event_trigger
 LANGUAGE plpgsql
AS $body$BEGIN RAISE NOTICE 'ddl: %', tg_tag; END$body$;

CREATE FUNCTION public.update_updated_at_column()
 RETURNS trigger
 LANGUAGE plpgsql
AS $body$
BEGIN
    NEW.updated_at = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$body$;

CREATE TABLE public.teams (
  id integer NOT NULL,
  name text NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT teams_pkey PRIMARY KEY (id)
);

-- hazard may-fail-on-data: public.users.users_email_check: adding the check fails if existing rows violate it
ALTER TABLE public.users ADD CONSTRAINT users_email_check CHECK (public.is_email(email));

CREATE MATERIALIZED VIEW public.team_names AS
SELECT id,
    name
   FROM public.teams
WITH DATA;

-- hazard index-build: public.team_names_id: building the index blocks writes to public.team_names meanwhile
-- hazard may-fail-on-data: public.team_names_id: a unique index fails if existing rows have duplicates
CREATE UNIQUE INDEX team_names_id ON public.team_names USING btree (id);

CREATE OR REPLACE VIEW public.active_users WITH (security_barrier = true) AS
SELECT id,
    email
   FROM public.users
  WHERE active;

CREATE VIEW public.active_emails AS
SELECT email
   FROM public.active_users
WITH CASCADED CHECK OPTION;

CREATE TRIGGER teams_updated_at BEFORE UPDATE ON public.teams FOR EACH ROW WHEN ((old.* IS DISTINCT FROM new.*)) EXECUTE FUNCTION public.update_updated_at_column();

CREATE TRIGGER users_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE EVENT TRIGGER log_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION public.log_ddl();

ALTER EVENT TRIGGER log_ddl DISABLE;

COMMENT ON FUNCTION public.update_updated_at_column() IS 'Sets updated_at on every update';

COMMENT ON VIEW public.active_users IS 'Users who can sign in';

COMMENT ON TRIGGER teams_updated_at ON public.teams IS 'only on real changes';
