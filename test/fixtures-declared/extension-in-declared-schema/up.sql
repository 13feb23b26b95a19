-- schemakit migration: 5 statements
-- hazards: none

CREATE SCHEMA ext;

CREATE EXTENSION hstore WITH SCHEMA ext;

CREATE EXTENSION pg_trgm WITH SCHEMA ext;

CREATE TABLE public.products (
  id integer NOT NULL,
  attrs ext.hstore,
  name text,
  CONSTRAINT products_pkey PRIMARY KEY (id)
);

CREATE INDEX products_name_trgm_idx ON public.products USING gin (name ext.gin_trgm_ops);
