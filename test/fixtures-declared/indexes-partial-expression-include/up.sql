-- schemakit migration: 5 statements
-- hazards: none

CREATE TABLE public.users (
  id bigint NOT NULL,
  email text NOT NULL,
  tenant_id integer NOT NULL,
  name text,
  deleted_at timestamp with time zone,
  score integer,
  CONSTRAINT users_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX users_email_live_key ON public.users USING btree ((lower(email))) WHERE (deleted_at IS NULL);

CREATE INDEX users_scored_idx ON public.users USING btree ((COALESCE(score, 0)) DESC) WHERE ((score > 10) AND (deleted_at IS NULL));

CREATE INDEX users_tenant_id_email_name_idx ON public.users USING btree (tenant_id) INCLUDE (email, name);

CREATE INDEX users_tenant_name_idx ON public.users USING btree (tenant_id, (upper(name)));
